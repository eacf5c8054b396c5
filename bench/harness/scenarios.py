"""The scenarios of a run: which systems each starts and which targets and comparisons it measures."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import session
from load import Target
from measure import Comparison, Group
from processes import Supervisor, http_get
from staticfiles import StaticFiles
from systems import (BENCH_DIR, HOST_ASSEMBLY, REPOSITORY, HostPorts, RunningSystem, host_environment, runtime_settings,
                     runtime_settings_differences, start_host, start_minimal_yarp, start_nginx,
                     wait_until_ready)

# A path that no routing stage before the backend claims, so the host forwards it.
BACKEND_PATH = "/api/v3/root/config/"
PROXY_PATH = "/app/page"
FORWARD_AUTH_PATH = "/outpost.goauthentik.io/auth/nginx"

# Provider host names. They need no DNS entry: wrk sends them as Host headers to 127.0.0.1, and
# the login's curl maps every host name to 127.0.0.1.
PROXY_HOST = "app.bench.test"
FORWARD_HOST = "fwd.bench.test"
PROXY_CLIENT = ("bench-proxy", "bench-proxy-client-secret-0123456789")
FORWARD_CLIENT = ("bench-forward", "bench-forward-client-secret-0123456789")
CALLBACK = "/outpost.goauthentik.io/callback?X-authentik-auth-callback=true"

# nginx serving the static files with the headers the static-files plugin sends.
STATIC_NGINX_TEMPLATE = BENCH_DIR / "static-files" / "nginx.conf.in"


class ScenarioUnavailable(Exception):
    """A scenario cannot run in this checkout or on this machine; the message gives the reason."""


def runtime_settings_or_none() -> dict | None:
    try:
        return runtime_settings()
    except (OSError, ValueError):
        return None


def session_cookie_name(client_id: str) -> str:
    """Return the outpost's cookie name: authentik_proxy_ and 8 hex digits of SHA-256(client id)."""
    return "authentik_proxy_" + hashlib.sha256(client_id.encode()).hexdigest()[:8]


class Suite:
    """Starts the systems that scenarios share (the backend, the identity provider, the host) once."""

    def __init__(self, supervisor: Supervisor, run_dir: Path, nginx_workers: int) -> None:
        self._supervisor = supervisor
        self._run_dir = run_dir
        self._workers = nginx_workers
        self._backend: RunningSystem | None = None
        self._host: RunningSystem | None = None
        self._host_ports: HostPorts | None = None
        self._issuer: str | None = None
        self._issuer_error: str | None = None
        self._data_dir = run_dir / "host-data"
        self._config_file = run_dir / "host-config.yml"
        self._static = StaticFiles(run_dir / "static")

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
        """Return the environment of a host on these ports, writing its configuration file first."""
        self._data_dir.mkdir(parents=True, exist_ok=True)
        # JSON is a subset of YAML, so the host's YAML configuration source reads this file.
        self._config_file.write_text(json.dumps(self._host_config(ports), indent=2) + "\n")
        return host_environment(ports, self.backend().port, self._data_dir, self._config_file)

    def host(self) -> RunningSystem:
        if self._host is None:
            if not HOST_ASSEMBLY.exists():
                raise ScenarioUnavailable(f"{HOST_ASSEMBLY} does not exist; build the host in Release")
            ports = HostPorts.allocate()
            self._host_ports = ports
            self._host = start_host(self._supervisor, "host", self.host_environment(ports), ports)
            # The host returns 503 until its backend health check passes, so wait for a 200 that
            # came through the backend route.
            wait_until_ready(self._host, BACKEND_PATH, timeout_seconds=90.0)
            # A deployment's Prometheus scrapes the metrics port, and prometheus-net starts its .NET
            # meter and event-counter listeners on the first scrape, so measure the host in that state.
            status, _, _ = http_get(ports.metrics, "/metrics")
            if status != 200:
                raise ScenarioUnavailable(f"GET /metrics on the host's metrics port returned {status}")
        return self._host

    def plugin_check(self) -> tuple[str, bytes]:
        """Return a static file's path and content, which only the loaded static-files plugin serves."""
        self._static.create()
        return self._static.small_path, self._static.expected_body(self._static.small_path)

    def _host_config(self, ports: HostPorts) -> dict:
        self._static.create()
        config: dict = {"plugins": {"static-files": {"dist_path": str(self._static.dist_root)}}}
        issuer = self._identity_provider(ports)
        if issuer is None:
            return config

        backend_url = f"http://127.0.0.1:{self.backend().port}"
        providers = [
            _provider("bench-proxy", "proxy", _external(PROXY_HOST, ports), PROXY_CLIENT, issuer, backend_url),
            _provider("bench-forward", "forward_single", _external(FORWARD_HOST, ports), FORWARD_CLIENT, issuer, None),
        ]
        config["outposts"] = {"instances": [{
            "name": "authentik Embedded Outpost",
            "embedded": True,
            "config": {"authentik_host": f"http://127.0.0.1:{ports.http}"},
            "providers": providers,
        }]}
        return config

    def _identity_provider(self, ports: HostPorts) -> str | None:
        """Start the OpenID Connect provider once, with the callbacks of the first host's ports."""
        if self._issuer is None and self._issuer_error is None:
            clients = [
                {"client_id": client_id, "client_secret": secret,
                 "redirect_uris": [_external(host, ports) + CALLBACK]}
                for host, (client_id, secret) in ((PROXY_HOST, PROXY_CLIENT), (FORWARD_HOST, FORWARD_CLIENT))
            ]
            try:
                _, self._issuer = session.start_identity_provider(self._supervisor, clients)
            except session.LoginFailed as error:
                self._issuer_error = str(error)
        return self._issuer

    def _signed_in_cookie(self, host_name: str, client_id: str) -> tuple[RunningSystem, str]:
        host = self.host()
        if self._issuer is None:
            raise ScenarioUnavailable(f"no OpenID Connect provider: {self._issuer_error}")
        assert self._host_ports is not None
        external = _external(host_name, self._host_ports)
        cookie_name = session_cookie_name(client_id)
        try:
            value = session.sign_in(f"{external}/outpost.goauthentik.io/start?rd={external}/", cookie_name)
        except session.LoginFailed as error:
            raise ScenarioUnavailable(f"the login through the embedded outpost failed: {error}") from error
        return host, f"{cookie_name}={value}"

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
        host, cookie = self._signed_in_cookie(PROXY_HOST, PROXY_CLIENT[0])
        assert self._host_ports is not None
        headers = {"Host": f"{PROXY_HOST}:{self._host_ports.http}", "Cookie": cookie}
        wait_until_ready(host, PROXY_PATH, headers)
        targets = [
            _target("host-proxy-mode", "host, proxy-mode provider with a session", host, PROXY_PATH, headers),
            _target("host", "host, backend route", host, BACKEND_PATH),
        ]
        return Group("proxy-mode", "proxy mode", targets, [Comparison("host-proxy-mode", "host", 0.90)])

    def _forward_auth_group(self) -> Group:
        host, cookie = self._signed_in_cookie(FORWARD_HOST, FORWARD_CLIENT[0])
        assert self._host_ports is not None
        external = _external(FORWARD_HOST, self._host_ports)
        # nginx's auth_request sub-request as authentik documents it: the original URL in a header.
        headers = {"Host": f"{FORWARD_HOST}:{self._host_ports.http}", "Cookie": cookie,
                   "X-Original-URL": f"{external}/app/page"}
        wait_until_ready(host, FORWARD_AUTH_PATH, headers)
        targets = [
            _target("host-forward-auth", "host, /outpost.goauthentik.io/auth/nginx with a session", host,
                    FORWARD_AUTH_PATH, headers),
            _target("host", "host, backend route", host, BACKEND_PATH),
        ]
        return Group("forward-auth", "forward auth", targets, [Comparison("host-forward-auth", "host")])

    def _static_group(self) -> Group:
        host = self.host()
        nginx = start_nginx(self._supervisor, self._run_dir, "nginx-static", STATIC_NGINX_TEMPLATE,
                            self._workers, {"DIST": str(self._static.dist_root), "VERSION": authentik_version()})
        for system in (host, nginx):
            for path in (self._static.small_path, self._static.large_path):
                wait_until_ready(system, path)
                # The backend returns 200 for every path, so a 200 alone does not prove that the
                # static-files plugin served the file instead of the backend route.
                _, _, body = http_get(system.port, path)
                if body != self._static.expected_body(path):
                    raise ScenarioUnavailable(
                        f"GET {path} on {system.server.name} returned {len(body)} bytes that are not the "
                        f"file's {len(self._static.expected_body(path))} bytes, so the static-files "
                        f"plugin did not serve it")
        targets = [
            _target("host-css", "host, small CSS", host, self._static.small_path),
            _target("nginx-css", "nginx, small CSS", nginx, self._static.small_path),
            _target("host-1mib", "host, 1 MiB file", host, self._static.large_path),
            _target("nginx-1mib", "nginx, 1 MiB file", nginx, self._static.large_path),
        ]
        comparisons = [Comparison("host-css", "nginx-css", 0.80), Comparison("host-1mib", "nginx-1mib")]
        return Group("static", "static files", targets, comparisons)


def authentik_version() -> str:
    """Return the authentik version the host reports in X-authentik-version, from the core contract."""
    source = (REPOSITORY / "core" / "AuthentikCompatibility.cs").read_text()
    match = re.search(r'const string Version = "([^"]+)"', source)
    if match is None:
        raise ScenarioUnavailable("core/AuthentikCompatibility.cs has no Version constant for nginx's X-authentik-version header")
    return match.group(1)


def _external(host_name: str, ports: HostPorts) -> str:
    return f"http://{host_name}:{ports.http}"


def _provider(name: str, mode: str, external_host: str, client: tuple[str, str], issuer: str,
              internal_host: str | None) -> dict:
    provider = {
        "name": name,
        "mode": mode,
        "external_host": external_host,
        "client_id": client[0],
        "client_secret": client[1],
        "oidc_configuration": {"issuer": issuer},
    }
    if internal_host is not None:
        provider["internal_host"] = internal_host
    return provider


def _target(name: str, label: str, system: RunningSystem, path: str,
            headers: dict[str, str] | None = None) -> Target:
    return Target(name, label, system.port, path, headers or {}, system.server.pid,
                  system.include_child_processes)
