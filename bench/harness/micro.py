"""Run the BenchmarkDotNet project and collect its markdown and JSON reports."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from systems import BENCH_DIR, REPOSITORY

PROJECT = BENCH_DIR / "Authentik.Plugins.Benchmarks" / "Authentik.Plugins.Benchmarks.csproj"
TIMEOUT_SECONDS = 1200


@dataclass
class MicroResults:
    """The reports' markdown, and one row per benchmark case: method, parameters, mean ns, bytes."""

    markdown: str
    rows: list[dict] = field(default_factory=list)
    error: str | None = None


def run(output: Path) -> MicroResults:
    artifacts = output / "benchmarkdotnet"
    argv = ["dotnet", "run", "-c", "Release", "--project", str(PROJECT), "--",
            "--filter", "*", "--artifacts", str(artifacts)]
    log_path = output / "logs" / "benchmarkdotnet.log"
    try:
        with open(log_path, "wb") as log:
            completed = subprocess.run(argv, cwd=REPOSITORY, stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return _failed(f"BenchmarkDotNet did not finish within {TIMEOUT_SECONDS} s; see {log_path}")
    reports = sorted((artifacts / "results").glob("*-report-github.md"))
    if completed.returncode != 0 or not reports:
        return _failed(f"BenchmarkDotNet exited with code {completed.returncode}; see {log_path}")

    rows = []
    for path in sorted((artifacts / "results").glob("*-report-brief.json")):
        for benchmark in json.loads(path.read_text()).get("Benchmarks", []):
            rows.append({
                "method": benchmark.get("Method"),
                "parameters": benchmark.get("Parameters"),
                "mean_ns": (benchmark.get("Statistics") or {}).get("Mean"),
                "allocated_bytes": (benchmark.get("Memory") or {}).get("BytesAllocatedPerOperation"),
            })

    parts = ["#### Routing decision (BenchmarkDotNet)", ""]
    for path in reports:
        parts.append(path.read_text().strip())
        parts.append("")
    return MicroResults("\n".join(parts), rows)


def _failed(reason: str) -> MicroResults:
    return MicroResults(f"#### Routing decision\n\nNot measured: {reason}.\n", [], reason)
