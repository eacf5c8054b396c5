"""Measure groups of targets side by side: warm-up, fixed-time run, rounds in alternating order."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

from load import Target, WrkResult, run_wrk
from processes import resident_memory_kib


@dataclass(frozen=True)
class Comparison:
    """A ratio the report leads with: subject / comparison, with an optional minimum target."""

    subject: str
    comparison: str
    minimum_ratio: float | None = None


@dataclass
class Group:
    """Targets measured in one interleaved series, and the comparisons drawn between them."""

    name: str
    title: str
    targets: list[Target]
    comparisons: list[Comparison]


@dataclass
class Settings:
    connections: list[int]
    rounds: int
    warmup_seconds: int
    duration_seconds: int
    threads: int
    initial_warmup_seconds: int


@dataclass
class Measurement:
    group: str
    target: str
    connections: int
    round: int
    result: WrkResult
    rss_kib: int

    def to_json(self) -> dict:
        record = asdict(self)
        record["accepted"] = self.result.accepted
        return record


def measure_group(group: Group, settings: Settings, log=print) -> list[Measurement]:
    """Measure every target of the group at each connection count, round by round.

    Odd rounds run the targets in the listed order and even rounds in reverse, so that drift in
    the machine's state during a round does not always favour the same target. Each measured run
    follows a warm-up run of its own on the same target. The loop is bounded: connection counts x
    rounds x targets runs, each wrk run stopped by its own duration and a timeout.
    """
    measurements: list[Measurement] = []
    # The .NET systems compile their hot paths again with profile data (tiered PGO) during their
    # first seconds under load; one longer run per target lets that finish before any measured run.
    for target in group.targets:
        run_wrk(target, max(settings.connections), settings.threads, settings.initial_warmup_seconds)

    for connections in settings.connections:
        for round_index in range(settings.rounds):
            order = group.targets if round_index % 2 == 0 else list(reversed(group.targets))
            for target in order:
                run_wrk(target, connections, settings.threads, settings.warmup_seconds)
                result = run_wrk(target, connections, settings.threads, settings.duration_seconds)
                rss = resident_memory_kib(target.pid, target.include_child_processes) if target.pid else 0
                measurements.append(
                    Measurement(group.name, target.name, connections, round_index + 1, result, rss))
                status = "ok" if result.accepted else f"REJECTED: {result.rejected_reason}"
                log(f"  {group.name} c={connections} round {round_index + 1} {target.name}: "
                    f"{result.requests_per_second:,.0f} req/s, p50 {result.p50_ms:.2f} ms, "
                    f"p99 {result.p99_ms:.2f} ms, RSS {rss * 1024 / 1e6:.0f} MB, {status}")
                # A short pause lets the previous run's connections close before the next run opens its own.
                time.sleep(0.5)
    return measurements
