"""The scenarios of a run: which systems each starts and which targets and comparisons it measures."""

from __future__ import annotations

import json
from pathlib import Path

from load import Target
from measure import Comparison, Group
from processes import Supervisor
from systems import (HOST_ASSEMBLY, HostPorts, RunningSystem, host_environment, runtime_settings,
                     runtime_settings_differences, start_host, start_minimal_yarp, start_nginx,
                     wait_until_ready)

# A path that no routing stage before the backend claims, so the host forwards it.
BACKEND_PATH = "/api/v3/root/config/"


class ScenarioUnavailable(Exception):
    """A scenario cannot run in this checkout or on this machine; the message gives the reason."""


def runtime_settings_or_none() -> dict | None:
    try:
        return runtime_settings()
    except (OSError, ValueError):
        return None


class Suite:
    """Starts the systems that scenarios share (the backend, the host) once, on first use."""

    def __init__(self, supervisor: Supervisor, run_dir: Path, nginx_workers: int) -> None:
        self._supervisor = supervisor
        self._run_dir = run_dir
        self._workers = nginx_workers
        self._backend: RunningSystem | None = None
        self._host: RunningSystem | None = None
        self._data_dir = run_dir / "host-data"
        self._config_file = run_dir / "host-config.yml"

    def prepare(self, name: str) -> Group:
        preparers = {
            "backend": self._backend_group,
            "proxy-mode": self._proxy_mode_group,
            "forward-auth": self._forward_auth_group,
            "static": self._static_group,
        }
        return preparers[name]()

    def stop(self) -> None:
        for system in (self._host, self._backend):
            if system is not None:
                self._supervisor.stop(system.server)
        self._host = self._backend = None

    # Shared systems

    def backend(self) -> RunningSystem:
        if self._backend is None:
            self._backend = start_nginx(self._supervisor, self._run_dir, "backend", "backend", self._workers)
            wait_until_ready(self._backend, "/")
        return self._backend

    def host_environment(self, ports: HostPorts) -> dict[str, str]:
        self._data_dir.mkdir(parents=True, exist_ok=True)
        self._write_host_config()
        return host_environment(ports, self.backend().port, self._data_dir, self._config_file)

    def host(self) -> RunningSystem:
        if self._host is None:
            if not HOST_ASSEMBLY.exists():
                raise ScenarioUnavailable(f"{HOST_ASSEMBLY} does not exist; build the host in Release")
            ports = HostPorts.allocate()
            self._host = start_host(self._supervisor, "host", self.host_environment(ports), ports)
            # The host returns 503 until its backend health check passes, so wait for a 200 that
            # came through the backend route.
            wait_until_ready(self._host, BACKEND_PATH, timeout_seconds=90.0)
        return self._host

    def plugin_check(self) -> tuple[str, dict[str, str]] | None:
        """A request that only a loaded first-party plugin serves with 200, if one is configured."""
        return None

    def _write_host_config(self) -> None:
        # JSON is a subset of YAML, so the host's YAML configuration source reads this file.
        self._config_file.write_text(json.dumps(self._host_config(), indent=2) + "\n")

    def _host_config(self) -> dict:
        return {}

    # Scenarios

    def _backend_group(self) -> Group:
        differences = runtime_settings_differences()
        if differences:
            raise ScenarioUnavailable(
                "the host and minimal YARP have different runtime settings, so the comparison "
                "would not be fair: " + "; ".join(differences))
        backend = self.backend()
        host = self.host()
        yarp = start_minimal_yarp(self._supervisor, backend.port)
        wait_until_ready(yarp, BACKEND_PATH)
        proxy = start_nginx(self._supervisor, self._run_dir, "nginx-proxy", "proxy", self._workers,
                            {"BACKEND_PORT": str(backend.port)})
        wait_until_ready(proxy, BACKEND_PATH)

        targets = [
            _target("host", "host, backend route", host, BACKEND_PATH),
            _target("minimal-yarp", "minimal YARP", yarp, BACKEND_PATH),
            _target("nginx-proxy", "nginx proxy_pass", proxy, BACKEND_PATH),
            _target("backend-direct", "backend direct", backend, BACKEND_PATH),
        ]
        comparisons = [
            Comparison("host", "minimal-yarp", 0.95),
            Comparison("host", "nginx-proxy", 0.70),
            Comparison("host", "backend-direct"),
            Comparison("minimal-yarp", "nginx-proxy"),
        ]
        return Group("backend", "backend route", targets, comparisons)

    def _proxy_mode_group(self) -> Group:
        raise ScenarioUnavailable(
            "needs the embedded outpost's proxy mode and its OpenID Connect login in the host")

    def _forward_auth_group(self) -> Group:
        raise ScenarioUnavailable(
            "needs the embedded outpost's /outpost.goauthentik.io/auth/nginx endpoint in the host")

    def _static_group(self) -> Group:
        raise ScenarioUnavailable("needs the static-files plugin in the host's plugin directory")


def _target(name: str, label: str, system: RunningSystem, path: str,
            headers: dict[str, str] | None = None) -> Target:
    return Target(name, label, system.port, path, headers or {}, system.server.pid,
                  system.include_child_processes)
