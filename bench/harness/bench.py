"""Run the loopback benchmark suite; bench/run.sh is the documented entry point."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import machine
import micro
import report
import scenarios
from measure import Settings, measure_group
from processes import Supervisor
from startup import measure_startup
from systems import BENCH_DIR, REPOSITORY

ALL_SCENARIOS = ["backend", "proxy-mode", "forward-auth", "static", "startup", "routing"]


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run.sh",
        description="Benchmark the host against nginx, minimal YARP and the backend itself, on loopback.")
    parser.add_argument("--scenarios", default=",".join(ALL_SCENARIOS),
                        help=f"comma-separated scenarios to run (default: all of {', '.join(ALL_SCENARIOS)})")
    parser.add_argument("--connections", default="16,64",
                        help="comma-separated wrk connection counts (default: 16,64)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per target and connection count (default: 3)")
    parser.add_argument("--duration", type=int, default=8, help="seconds measured per run (default: 8)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up before each measured run (default: 2)")
    parser.add_argument("--initial-warmup", type=int, default=10,
                        help="seconds of warm-up per target before a scenario's first round (default: 10)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default: 2)")
    parser.add_argument("--nginx-workers", type=int, default=1,
                        help="worker_processes of every nginx, the backend included (default: 1, "
                             "one process like the host)")
    parser.add_argument("--startup-runs", type=int, default=5, help="measured host starts (default: 5)")
    parser.add_argument("--no-build", action="store_true", help="use the existing Release build")
    parser.add_argument("--output", type=Path, help="results folder (default: bench/results/<UTC time>)")
    parser.add_argument("--update-docs", action="store_true",
                        help="replace the results block of docs/benchmarks.md with this run's fragment")
    args = parser.parse_args(argv)

    args.scenarios = [name.strip() for name in args.scenarios.split(",") if name.strip()]
    unknown = [name for name in args.scenarios if name not in ALL_SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(unknown)}; choose from {', '.join(ALL_SCENARIOS)}")
    try:
        args.connections = [int(value) for value in args.connections.split(",")]
    except ValueError:
        parser.error(f"--connections must be comma-separated integers, got '{args.connections}'")
    for name in ("rounds", "duration", "warmup", "initial_warmup", "threads", "nginx_workers", "startup_runs"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def check_tools() -> None:
    missing = [tool for tool in ("dotnet", "nginx", "wrk", "curl", "git") if shutil.which(tool) is None]
    if missing:
        sys.exit(f"error: missing tools {', '.join(missing)}; install them (Debian: apt-get install "
                 f"nginx wrk curl git) and the .NET 10 SDK, then run again")


def build() -> None:
    for project in ("host/Authentik.Plugins.Host.csproj", "bench/MinimalYarp/MinimalYarp.csproj"):
        print(f"Building {project} (Release)")
        subprocess.run(["dotnet", "build", project, "-c", "Release", "-nologo", "-clp:ErrorsOnly"],
                       cwd=REPOSITORY, check=True)


def _stop_on_signal(signum, _frame) -> None:
    raise SystemExit(128 + signum)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    check_tools()
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, _stop_on_signal)

    if not args.no_build:
        build()

    output = args.output or BENCH_DIR / "results" / time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    output.mkdir(parents=True, exist_ok=True)
    (output / "logs").mkdir(exist_ok=True)
    print(f"Results and logs go to {output}")

    facts = machine.describe()
    load_before = machine.load_average()
    if load_before > 1.5:
        print(f"warning: the 1-minute load average is {load_before:.2f}; other work on this machine "
              f"will lower and scatter the figures")

    settings = Settings(args.connections, args.rounds, args.warmup, args.duration, args.threads,
                        args.initial_warmup)
    supervisor = Supervisor(output / "logs")
    measurements = []
    groups = []
    skipped: dict[str, str] = {}
    startup = None
    micro_results = None
    try:
        suite = scenarios.Suite(supervisor, output, args.nginx_workers)
        for name in args.scenarios:
            if name in ("startup", "routing"):
                continue
            print(f"Preparing scenario {name}")
            try:
                group = suite.prepare(name)
            except scenarios.ScenarioUnavailable as unavailable:
                skipped[name] = str(unavailable)
                print(f"  skipped: {unavailable}")
                continue
            except RuntimeError as error:
                # A system that fails to start or respond is reported, and the other scenarios still run.
                skipped[name] = f"failed to start: {error}"
                print(f"  failed: {error}")
                continue
            groups.append(group)
            measurements += measure_group(group, settings)

        if "startup" in args.scenarios:
            print("Measuring start-up")
            startup = measure_startup(supervisor, suite.host_environment, args.startup_runs,
                                      suite.plugin_check())
        suite.stop()
    finally:
        supervisor.stop_all()

    if "routing" in args.scenarios:
        print("Running the routing micro-benchmarks (BenchmarkDotNet)")
        micro_results = micro.run(output)

    context = dict(facts)
    context.update({
        "command": "bench/run.sh " + " ".join(argv) if argv else "bench/run.sh",
        "rounds": args.rounds, "warmup_seconds": args.warmup, "duration_seconds": args.duration,
        "threads": args.threads, "nginx_workers": args.nginx_workers,
        "load_before": f"{load_before:.2f}", "load_after": f"{machine.load_average():.2f}",
    })
    summaries = report.summarize(groups, measurements)
    fragment = "\n".join([
        machine.machine_markdown(facts),
        report.targets_markdown(groups, summaries, startup, micro_results.rows if micro_results else None),
        report.markdown(context, groups, summaries, startup, skipped),
    ])
    if micro_results is not None:
        fragment += "\n" + micro_results.markdown

    (output / "results.md").write_text(fragment)
    (output / "results.json").write_text(json.dumps({
        "context": context,
        "measurements": [m.to_json() for m in measurements],
        "summaries": [asdict(s) for s in summaries.values()],
        "ratios": report.ratio_rows(groups, summaries),
        "startup": startup,
        "routing_decision": micro_results.rows if micro_results else None,
        "skipped": skipped,
        "runtime_settings": scenarios.runtime_settings_or_none(),
    }, indent=2, default=str))
    print(f"\nWrote {output / 'results.md'}\n")
    print(fragment)

    if args.update_docs:
        docs = REPOSITORY / "docs" / "benchmarks.md"
        docs.write_text(report.replace_docs_block(docs.read_text(), fragment))
        print(f"Updated {docs}")
    return 0


if __name__ == "__main__":
    os.chdir(REPOSITORY)
    sys.exit(main(sys.argv[1:]))
