#!/usr/bin/env bash
# Runs the static-files scenario of the benchmark suite alone: the same small CSS file and 1 MiB
# file served by the host's static-files plugin and by nginx (bench/static-files/nginx.conf.in),
# loaded with wrk on loopback. Options are those of bench/run.sh, for example --rounds 1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$root/bench/run.sh" --scenarios static "$@"
