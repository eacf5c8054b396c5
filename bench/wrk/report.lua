-- wrk script for bench/run.sh: counts responses whose status is not 2xx and prints one
-- machine-readable summary line at the end of the run.
--
-- wrk counts only statuses above 399 as errors, so a redirect to a login page would pass
-- unnoticed; this script counts every non-2xx status instead. Defining response() makes wrk
-- buffer each response's headers and body for Lua, which costs the load generator the same
-- for every system measured.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   non2xx = 0
   first_bad_status = 0
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      if first_bad_status == 0 then
         first_bad_status = status
      end
   end
end

function done(summary, latency, requests)
   local bad = 0
   local bad_status = 0
   for _, thread in ipairs(threads) do
      bad = bad + thread:get("non2xx")
      local status = thread:get("first_bad_status")
      if bad_status == 0 and status ~= 0 then
         bad_status = status
      end
   end

   local errors = summary.errors
   -- Latencies are in microseconds; duration is in microseconds too.
   io.write(string.format(
      'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,' ..
      '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d,' ..
      '"non2xx":%d,"first_bad_status":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
      summary.requests, summary.duration, summary.bytes,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      bad, bad_status,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
