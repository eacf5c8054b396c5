"""Turn measurements into medians, ratios and the markdown fragment that docs/benchmarks.md includes."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from measure import Group, Measurement

DOCS_BEGIN = "<!-- bench-results:begin -->"
DOCS_END = "<!-- bench-results:end -->"


@dataclass
class Summary:
    """Medians over the accepted rounds of one target at one connection count."""

    group: str
    target: str
    label: str
    connections: int
    accepted: int
    rejected: int
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_rss_mb: float


def summarize(groups: list[Group], measurements: list[Measurement]) -> dict[tuple[str, str, int], Summary]:
    labels = {(group.name, target.name): target.label for group in groups for target in group.targets}
    keys = sorted({(m.group, m.target, m.connections) for m in measurements},
                  key=lambda key: (key[0], key[2], key[1]))
    summaries: dict[tuple[str, str, int], Summary] = {}
    for key in keys:
        runs = [m for m in measurements if (m.group, m.target, m.connections) == key]
        accepted = [m.result for m in runs if m.result.accepted]
        summaries[key] = Summary(
            group=key[0], target=key[1], label=labels.get((key[0], key[1]), key[1]),
            connections=key[2], accepted=len(accepted), rejected=len(runs) - len(accepted),
            requests_per_second=_median([r.requests_per_second for r in accepted]),
            p50_ms=_median([r.p50_ms for r in accepted]),
            p90_ms=_median([r.p90_ms for r in accepted]),
            p99_ms=_median([r.p99_ms for r in accepted]),
            max_rss_mb=max((m.rss_kib for m in runs), default=0) * 1024 / 1e6,
        )
    return summaries


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _ratio(numerator: float, denominator: float) -> float:
    if denominator != denominator or numerator != numerator or denominator == 0:
        return float("nan")
    return numerator / denominator


def _format(value: float, digits: int = 2) -> str:
    return "n/a" if value != value else f"{value:,.{digits}f}"


def ratio_rows(groups: list[Group], summaries: dict[tuple[str, str, int], Summary]) -> list[dict]:
    """Return one row per comparison and connection count, with whether its target is met."""
    rows = []
    for group in groups:
        counts = sorted({key[2] for key in summaries if key[0] == group.name})
        for comparison in group.comparisons:
            for connections in counts:
                subject = summaries.get((group.name, comparison.subject, connections))
                other = summaries.get((group.name, comparison.comparison, connections))
                if subject is None or other is None:
                    continue
                throughput = _ratio(subject.requests_per_second, other.requests_per_second)
                met = None
                if comparison.minimum_ratio is not None and throughput == throughput:
                    met = throughput >= comparison.minimum_ratio
                rows.append({
                    "group": group.name, "subject": subject.label, "comparison": other.label,
                    "connections": connections, "throughput_ratio": throughput,
                    "p50_ratio": _ratio(subject.p50_ms, other.p50_ms),
                    "p90_ratio": _ratio(subject.p90_ms, other.p90_ms),
                    "p99_ratio": _ratio(subject.p99_ms, other.p99_ms),
                    "minimum_ratio": comparison.minimum_ratio, "met": met,
                })
    return rows


def markdown(context: dict, groups: list[Group], summaries: dict[tuple[str, str, int], Summary],
             startup: dict | None, skipped: dict[str, str]) -> str:
    """Render the results fragment: conditions, ratios, absolute figures, start-up, memory."""
    lines = [
        f"Measured {context['date']} with `{context['command']}` "
        f"(commit `{context['commit']}`): {context['rounds']} rounds per target, "
        f"{context['warmup_seconds']} s warm-up and {context['duration_seconds']} s measured per run, "
        f"wrk with {context['threads']} threads, nginx with {context['nginx_workers']} worker process(es). "
        f"Load average before / after: {context['load_before']} / {context['load_after']}.",
        "",
        "#### Ratios (same run, medians of accepted rounds)",
        "",
        "Throughput ratio: subject req/s ÷ comparison req/s, higher is better. "
        "Latency ratios: subject ÷ comparison, lower is better.",
        "",
        "| scenario | connections | subject | compared with | req/s ratio | p50 ratio | p90 ratio | p99 ratio | target | met |",
        "|---|---:|---|---|---:|---:|---:|---:|---:|---|",
    ]
    titles = {group.name: group.title for group in groups}
    for row in ratio_rows(groups, summaries):
        target = "" if row["minimum_ratio"] is None else f"≥ {row['minimum_ratio']:.2f}"
        met = {None: "", True: "yes", False: "**no**"}[row["met"]]
        lines.append(
            f"| {titles[row['group']]} | {row['connections']} | {row['subject']} | {row['comparison']} | "
            f"{_format(row['throughput_ratio'])} | {_format(row['p50_ratio'])} | "
            f"{_format(row['p90_ratio'])} | {_format(row['p99_ratio'])} | {target} | {met} |")

    lines += [
        "",
        "#### Absolute figures (medians of accepted rounds)",
        "",
        "| scenario | connections | system | req/s | p50 ms | p90 ms | p99 ms | accepted / rejected runs | max RSS after load (MB) |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for summary in summaries.values():
        lines.append(
            f"| {titles[summary.group]} | {summary.connections} | {summary.label} | "
            f"{_format(summary.requests_per_second, 0)} | {_format(summary.p50_ms)} | "
            f"{_format(summary.p90_ms)} | {_format(summary.p99_ms)} | "
            f"{summary.accepted} / {summary.rejected} | {_format(summary.max_rss_mb, 0)} |")

    if startup is not None:
        lines += ["", "#### Start-up", ""]
        if startup.get("error"):
            lines.append(f"Not measured: {startup['error']}")
        else:
            times = ", ".join(f"{value:.2f}" for value in startup["seconds"])
            lines.append(
                f"Process start until the first 200 from `/-/health/live/`, first-party plugins loaded "
                f"({startup['plugins']}): median **{startup['median_seconds']:.2f} s** over "
                f"{len(startup['seconds'])} starts ({times} s), after one unmeasured start. "
                f"Resident memory right after start: median {startup['median_rss_mb']:.0f} MB.")

    if skipped:
        lines += ["", "#### Scenarios not measured", ""]
        for name, reason in skipped.items():
            lines.append(f"- {name}: {reason}")
    return "\n".join(lines) + "\n"


def replace_docs_block(document: str, fragment: str) -> str:
    """Replace the text between the results markers of docs/benchmarks.md with the fragment."""
    start = document.find(DOCS_BEGIN)
    end = document.find(DOCS_END)
    if start < 0 or end < start:
        raise ValueError(f"docs/benchmarks.md has no '{DOCS_BEGIN}' ... '{DOCS_END}' block to replace")
    return document[:start + len(DOCS_BEGIN)] + "\n" + fragment + document[end:]


STARTUP_TARGET_SECONDS = 1.5
MEMORY_TARGET_MB = 150.0
ROUTING_TARGET_NS = 100.0
ROUTING_TARGET_HOSTS = "ProviderHosts=10000"


def targets_markdown(groups: list[Group], summaries: dict[tuple[str, str, int], Summary],
                     startup: dict | None, micro_rows: list[dict] | None) -> str:
    """Render one row per target: what was measured, against what limit, and whether it is met."""
    lines = ["#### Targets", "", "| target | measured | met |", "|---|---|---|"]
    titles = {group.name: group.title for group in groups}

    by_comparison: dict[tuple, list[dict]] = {}
    for row in ratio_rows(groups, summaries):
        if row["minimum_ratio"] is not None:
            by_comparison.setdefault((row["group"], row["subject"], row["comparison"], row["minimum_ratio"]), []).append(row)
    for (group, subject, comparison, minimum), rows in by_comparison.items():
        measured = ", ".join(f"{_format(row['throughput_ratio'])} at {row['connections']} connections" for row in rows)
        met = all(row["met"] for row in rows)
        lines.append(f"| {titles[group]}: {subject} ≥ {minimum:.2f} × {comparison} (req/s) | {measured} | {_yes_no(met)} |")

    if startup is not None and not startup.get("error"):
        median = startup["median_seconds"]
        lines.append(f"| start-up < {STARTUP_TARGET_SECONDS} s | median {median:.2f} s | "
                     f"{_yes_no(median < STARTUP_TARGET_SECONDS)} |")

    host_rss = [s.max_rss_mb for s in summaries.values() if s.target.startswith("host")]
    if host_rss:
        peak = max(host_rss)
        lines.append(f"| host resident memory under load < {MEMORY_TARGET_MB:.0f} MB | max {peak:.0f} MB | "
                     f"{_yes_no(peak < MEMORY_TARGET_MB)} |")

    if micro_rows:
        at_target = [row for row in micro_rows if row["parameters"] == ROUTING_TARGET_HOSTS and row["mean_ns"] is not None]
        if at_target:
            slowest = max(at_target, key=lambda row: row["mean_ns"])
            lines.append(f"| routing decision < {ROUTING_TARGET_NS:.0f} ns at 10,000 hosts | slowest case "
                         f"{slowest['method']}: {slowest['mean_ns']:.1f} ns | "
                         f"{_yes_no(slowest['mean_ns'] < ROUTING_TARGET_NS)} |")
        allocations = [row["allocated_bytes"] for row in micro_rows if row["allocated_bytes"] is not None]
        if allocations:
            lines.append(f"| routing decision allocates nothing | max {max(allocations)} bytes per decision | "
                         f"{_yes_no(max(allocations) == 0)} |")
    return "\n".join(lines) + "\n"


def _yes_no(met: bool) -> str:
    return "yes" if met else "**no**"
