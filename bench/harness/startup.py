"""Measure the host's start-up: process start until the first 200 from /-/health/live/."""

from __future__ import annotations

import statistics
import time
from typing import Callable

from processes import Supervisor, http_get, resident_memory_kib, wait_for_status
from systems import HOST_ASSEMBLY, HostPorts, start_host

HEALTH_PATH = "/-/health/live/"


def first_party_plugins() -> list[str]:
    """Return the plugin folders the Release build placed beside the host."""
    directory = HOST_ASSEMBLY.parent / "plugins"
    if not directory.is_dir():
        return []
    return sorted(entry.name for entry in directory.iterdir() if entry.is_dir())


def measure_startup(supervisor: Supervisor, environment_for: Callable[[HostPorts], dict[str, str]],
                    runs: int, plugin_check: tuple[str, bytes], log=print) -> dict:
    """Start the host runs + 1 times (the first start is not measured) and time each start.

    plugin_check is a path and the body that only the static-files plugin returns for it, proving
    that a first-party plugin serves requests; it is requested after the timing stops.
    """
    plugins = first_party_plugins()
    if not plugins:
        return {"error": f"no plugin folders under {HOST_ASSEMBLY.parent / 'plugins'}; build the host first"}

    seconds: list[float] = []
    rss: list[float] = []
    for attempt in range(runs + 1):
        ports = HostPorts.allocate()
        started = time.monotonic()
        system = start_host(supervisor, f"host-startup-{attempt}", environment_for(ports), ports)
        try:
            try:
                wait_for_status(system.server, ports.http, HEALTH_PATH, 200, timeout_seconds=30.0,
                                interval_seconds=0.005)
            except RuntimeError as error:
                return {"error": str(error)}
            elapsed = time.monotonic() - started
            path, expected = plugin_check
            status, _, body = http_get(ports.http, path)
            if status != 200 or body != expected:
                return {"error": f"GET {path} returned {status} with {len(body)} bytes instead of the "
                                 f"file after start-up, so the static-files plugin did not serve it; "
                                 f"see {system.server.log_path}"}
            memory = resident_memory_kib(system.server.pid) * 1024 / 1e6
        finally:
            supervisor.stop(system.server)
        if attempt == 0:
            log(f"  start-up (not measured): {elapsed:.2f} s")
            continue
        seconds.append(elapsed)
        rss.append(memory)
        log(f"  start-up {attempt}: {elapsed:.2f} s, RSS {memory:.0f} MB")

    return {
        "seconds": seconds,
        "median_seconds": statistics.median(seconds),
        "median_rss_mb": statistics.median(rss),
        "plugins": ", ".join(plugins),
    }
