"""Run the BenchmarkDotNet project and collect its markdown reports."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from systems import BENCH_DIR, REPOSITORY

PROJECT = BENCH_DIR / "Authentik.Plugins.Benchmarks" / "Authentik.Plugins.Benchmarks.csproj"
TIMEOUT_SECONDS = 1200


@dataclass
class MicroResults:
    markdown: str


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
        return MicroResults(f"#### Routing decision\n\nNot measured: BenchmarkDotNet did not finish "
                            f"within {TIMEOUT_SECONDS} s; see {log_path}.\n")
    reports = sorted((artifacts / "results").glob("*-report-github.md"))
    if completed.returncode != 0 or not reports:
        return MicroResults(f"#### Routing decision\n\nNot measured: BenchmarkDotNet exited with code "
                            f"{completed.returncode}; see {log_path}.\n")

    parts = ["#### Routing decision (BenchmarkDotNet)", ""]
    for path in reports:
        parts.append(path.read_text().strip())
        parts.append("")
    return MicroResults("\n".join(parts))
