"""Drive one target with wrk and turn its output into a measurement."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

RESULT_PREFIX = "BENCH_RESULT "
REPORT_SCRIPT = Path(__file__).resolve().parent.parent / "wrk" / "report.lua"


@dataclass(frozen=True)
class Target:
    """One system under load: where wrk sends requests and which process to read memory from."""

    name: str
    label: str
    port: int
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    pid: int = 0
    include_child_processes: bool = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"


@dataclass
class WrkResult:
    """Counts and latency percentiles of one wrk run, or why the run is rejected."""

    requests: int
    duration_seconds: float
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    socket_errors: int
    non2xx: int
    rejected_reason: str | None

    @property
    def accepted(self) -> bool:
        return self.rejected_reason is None


def run_wrk(target: Target, connections: int, threads: int, duration_seconds: int,
            request_timeout_seconds: int = 5) -> WrkResult:
    """Run wrk once against the target; a run with any socket error or non-2xx response is rejected."""
    argv = [
        "wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{duration_seconds}s",
        f"--timeout", f"{request_timeout_seconds}s", "-s", str(REPORT_SCRIPT),
    ]
    for name, value in target.headers.items():
        argv += ["-H", f"{name}: {value}"]
    argv.append(target.url)

    try:
        completed = subprocess.run(
            argv, capture_output=True, text=True, timeout=duration_seconds + 30, check=False)
    except subprocess.TimeoutExpired:
        return _failed(f"wrk did not finish within {duration_seconds + 30} s")

    line = next((l for l in completed.stdout.splitlines() if l.startswith(RESULT_PREFIX)), None)
    if completed.returncode != 0 or line is None:
        output = (completed.stderr or completed.stdout).strip().splitlines()[-3:]
        return _failed(f"wrk failed with exit code {completed.returncode}: {' | '.join(output)}")

    summary = json.loads(line[len(RESULT_PREFIX):])
    duration = summary["duration_us"] / 1_000_000
    requests = summary["requests"]
    socket_errors = sum(summary[key] for key in
                        ("connect_errors", "read_errors", "write_errors", "timeouts"))
    non2xx = summary["non2xx"]

    reason = None
    if requests == 0:
        reason = "no request completed"
    elif socket_errors:
        reason = (f"{socket_errors} socket errors (connect {summary['connect_errors']}, "
                  f"read {summary['read_errors']}, write {summary['write_errors']}, "
                  f"timeout {summary['timeouts']})")
    elif non2xx:
        reason = f"{non2xx} non-2xx responses, the first with status {summary['first_bad_status']}"

    return WrkResult(
        requests=requests,
        duration_seconds=duration,
        requests_per_second=requests / duration if duration else 0.0,
        p50_ms=summary["p50_us"] / 1000,
        p90_ms=summary["p90_us"] / 1000,
        p99_ms=summary["p99_us"] / 1000,
        socket_errors=socket_errors,
        non2xx=non2xx,
        rejected_reason=reason,
    )


def _failed(reason: str) -> WrkResult:
    return WrkResult(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, reason)
