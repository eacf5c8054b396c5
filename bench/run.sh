#!/usr/bin/env bash
# Runs the loopback benchmark suite: builds the host and minimal YARP in Release, starts the
# backend, the host and the comparison systems on free 127.0.0.1 ports, drives them with wrk and
# writes bench/results/<UTC time>/results.md (the fragment docs/benchmarks.md includes) and
# results.json. Options: bench/run.sh --help. Every process it starts is stopped when it exits.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in python3 dotnet nginx wrk curl; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: $tool is not installed; install nginx, wrk and curl with apt-get, python3 and the .NET 10 SDK" >&2
        exit 1
    fi
done

harness_pid=""
stop_harness() {
    # The harness stops its own servers on SIGTERM; this only covers the harness itself.
    if [ -n "$harness_pid" ] && kill -0 "$harness_pid" 2>/dev/null; then
        kill -TERM "$harness_pid" 2>/dev/null || true
        wait "$harness_pid" 2>/dev/null || true
    fi
}
trap stop_harness EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

python3 "$root/bench/harness/bench.py" "$@" &
harness_pid=$!
status=0
wait "$harness_pid" || status=$?
harness_pid=""
exit "$status"
