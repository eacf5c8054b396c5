"""Facts about the machine and the software versions a run measured, for the results page."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
from pathlib import Path

from systems import REPOSITORY


def _output(argv: list[str]) -> str:
    try:
        completed = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    return (completed.stdout + completed.stderr).strip()


def _meminfo_gib() -> str:
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return "unknown"


def _cpu_model() -> str:
    with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def load_average() -> float:
    return os.getloadavg()[0]


def _package_version(name: str) -> str:
    props = (REPOSITORY / "Directory.Packages.props").read_text()
    match = re.search(rf'Include="{re.escape(name)}"\s+Version="([^"]+)"', props)
    return match.group(1) if match else "unknown"


def describe() -> dict[str, str]:
    runtimes = _output(["dotnet", "--list-runtimes"]).splitlines()
    netcore = [line.split(" [")[0] for line in runtimes if line.startswith("Microsoft.NETCore.App")]
    commit = _output(["git", "-C", str(REPOSITORY), "rev-parse", "--short=12", "HEAD"])
    dirty = _output(["git", "-C", str(REPOSITORY), "status", "--porcelain", "--untracked-files=no"])
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": str(os.cpu_count()),
        "cpu": _cpu_model(),
        "memory": _meminfo_gib(),
        "kernel": _output(["uname", "-r"]),
        "dotnet_sdk": _output(["dotnet", "--version"]),
        "dotnet_runtime": ", ".join(netcore) or "unknown",
        "yarp": _package_version("Yarp.ReverseProxy"),
        "benchmarkdotnet": _package_version("BenchmarkDotNet"),
        "nginx": _output(["nginx", "-v"]).replace("nginx version: ", ""),
        "wrk": _output(["wrk", "-v"]).splitlines()[0] if _output(["wrk", "-v"]) else "unknown",
        "curl": _output(["curl", "--version"]).splitlines()[0],
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
    }


def machine_markdown(facts: dict[str, str]) -> str:
    return "\n".join([
        "| fact | value |",
        "|---|---|",
        f"| date | {facts['date']} |",
        f"| CPU | {facts['cores']} cores, {facts['cpu']} |",
        f"| memory | {facts['memory']} |",
        f"| kernel | {facts['kernel']} |",
        f"| .NET | SDK {facts['dotnet_sdk']}, runtime {facts['dotnet_runtime']} |",
        f"| YARP | {facts['yarp']} |",
        f"| nginx | {facts['nginx']} |",
        f"| wrk | {facts['wrk']} |",
        f"| host commit | `{facts['commit']}` |",
    ]) + "\n"


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
