#!/usr/bin/env bash
# Serves the same two files, a small CSS file and a 1 MiB file, from nginx and from the host's
# static-files plugin on loopback. Loads each with wrk and prints a markdown table of requests per
# second with the host/nginx ratio. Runs from any folder and needs nginx, wrk and the .NET SDK.
#
# Settings (environment): DURATION (wrk seconds per target, default 10), CONNECTIONS (default 32),
# THREADS (wrk threads, default 2), WORKERS (nginx worker processes, default 2), WORK_DIR (default
# a new temporary folder, deleted at exit).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
workers="${WORKERS:-2}"
work="${WORK_DIR:-$(mktemp -d -t static-files-bench-XXXXXX)}"
pids=()

stop_all() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [ -z "${WORK_DIR:-}" ]; then
        rm -rf "$work"
    fi
}
trap stop_all EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() {
    local url="$1"
    for _ in $(seq 1 1200); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = "200" ]; then
            return 0
        fi
        sleep 0.1
    done
    echo "No 200 from $url within 120 s." >&2
    return 1
}

# The files: deterministic content, so every run serves the same bytes.
dist="$work/dist"
mkdir -p "$dist" "$work/nginx/tmp" "$work/host-data"
python3 - "$dist" <<'PY'
import hashlib, sys
from pathlib import Path
dist = Path(sys.argv[1])
(dist / "bench.css").write_text("".join(
    f".bench-{i} {{ margin: {i}px; color: #{i * 4099 % 0xFFFFFF:06x}; }}\n" for i in range(48)))
lines, size, counter = [], 0, 0
while size < 1024 * 1024:
    line = f"// {hashlib.sha256(str(counter).encode()).hexdigest()}\n"
    lines.append(line)
    size += len(line)
    counter += 1
(dist / "bench-1mib.js").write_text("".join(lines)[:1024 * 1024])
PY

version="$(sed -n 's/.*const string Version = "\(.*\)";/\1/p' "$root/core/AuthentikCompatibility.cs")"

echo "Building the host in Release" >&2
dotnet build "$root/host" -c Release -nologo -clp:ErrorsOnly >&2

nginx_port="$(free_port)"
sed -e "s|@PREFIX@|$work/nginx|g" -e "s|@PORT@|$nginx_port|g" -e "s|@DIST@|$dist|g" \
    -e "s|@WORKERS@|$workers|g" -e "s|@VERSION@|$version|g" \
    "$root/bench/static-files/nginx.conf.in" > "$work/nginx/nginx.conf"
nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" &
pids+=("$!")

host_port="$(free_port)"
(
    cd "$work"
    exec env AUTHENTIK_LISTEN__HTTP="127.0.0.1:$host_port" \
        AUTHENTIK_LISTEN__HTTPS="127.0.0.1:$(free_port)" \
        AUTHENTIK_LISTEN__METRICS="127.0.0.1:$(free_port)" \
        AUTHENTIK_PATHS__DATA="$work/host-data" \
        AUTHENTIK_BACKEND__URL="http://127.0.0.1:$(free_port)" \
        AUTHENTIK_LOG_LEVEL=warning \
        AUTHENTIK_PLUGINS__STATIC_FILES__DIST_PATH="$dist" \
        dotnet "$root/host/bin/Release/net10.0/Authentik.Plugins.Host.dll"
) > "$work/host.log" 2>&1 &
pids+=("$!")

wait_for "http://127.0.0.1:$nginx_port/static/dist/bench.css"
wait_for "http://127.0.0.1:$host_port/static/dist/bench.css"

# Prints the requests per second wrk measured; fails on socket errors or non-2xx responses.
measure() {
    local url="$1" output
    output="$(wrk -t"$threads" -c"$connections" -d"${duration}s" "$url")"
    if grep -q -e 'Socket errors' -e 'Non-2xx' <<<"$output"; then
        echo "wrk reported errors for $url:" >&2
        echo "$output" >&2
        return 1
    fi
    awk '/^Requests\/sec:/ { print $2 }' <<<"$output"
}

echo "| File | host req/s | nginx req/s | host/nginx |"
echo "|---|---:|---:|---:|"
for name in bench.css bench-1mib.js; do
    host_rate="$(measure "http://127.0.0.1:$host_port/static/dist/$name")"
    nginx_rate="$(measure "http://127.0.0.1:$nginx_port/static/dist/$name")"
    ratio="$(python3 -c "print(f'{$host_rate / $nginx_rate:.2f}')")"
    echo "| $name | $host_rate | $nginx_rate | $ratio |"
done
echo
echo "wrk -t$threads -c$connections -d${duration}s, nginx $workers workers, $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)."
