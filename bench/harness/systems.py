"""Start the systems a run compares: nginx (backend, proxy, static files), the host and minimal YARP."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from processes import Server, Supervisor, free_port, wait_for_status

BENCH_DIR = Path(__file__).resolve().parent.parent
REPOSITORY = BENCH_DIR.parent
NGINX_TEMPLATES = BENCH_DIR / "nginx"
HOST_ASSEMBLY = REPOSITORY / "host" / "bin" / "Release" / "net10.0" / "Authentik.Plugins.Host.dll"
MINIMAL_YARP_ASSEMBLY = BENCH_DIR / "MinimalYarp" / "bin" / "Release" / "net10.0" / "MinimalYarp.dll"

# The secret key of every benchmark host; it only signs sessions of this throw-away run.
BENCH_SECRET_KEY = "benchmark-only-secret-key-not-for-production-0123456789"

# Environment variables that change how the .NET runtime or ASP.NET Core behave. The harness starts
# both .NET systems without them, so that only their runtimeconfig.json files decide.
_RUNTIME_VARIABLE_PREFIXES = ("DOTNET_", "COMPlus_", "ASPNETCORE_", "AUTHENTIK_")


@dataclass
class RunningSystem:
    """A started system: its server process and the port it listens on."""

    server: Server
    port: int
    include_child_processes: bool = False


def clean_environment() -> dict[str, str]:
    """Return this process's environment without .NET, ASP.NET Core and authentik settings."""
    return {name: value for name, value in os.environ.items()
            if not name.startswith(_RUNTIME_VARIABLE_PREFIXES)}


def render_template(template: Path, destination: Path, values: dict[str, str]) -> None:
    text = template.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    unfilled = sorted(set(re.findall(r"@[A-Z_]+@", text)))
    if unfilled:
        raise ValueError(f"{template} has placeholders the harness did not fill: {unfilled}")
    destination.write_text(text)


def start_nginx(supervisor: Supervisor, run_dir: Path, name: str, template: str | Path, workers: int,
                extra: dict[str, str] | None = None) -> RunningSystem:
    """Start one nginx with its own prefix under run_dir.

    template names bench/nginx/<template>.conf.in, or is the path of another template.
    """
    prefix = run_dir / name
    for sub in ("logs", "tmp"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    port = free_port()
    values = {"PREFIX": str(prefix), "PORT": str(port), "WORKERS": str(workers),
              "BENCH_NGINX": str(prefix)}
    values.update(extra or {})
    render_template(NGINX_TEMPLATES / "common.conf.in", prefix / "common.conf", values)
    template_path = template if isinstance(template, Path) else NGINX_TEMPLATES / f"{template}.conf.in"
    render_template(template_path, prefix / "nginx.conf", values)

    argv = ["nginx", "-p", str(prefix), "-e", str(prefix / "logs" / "error.log"),
            "-c", str(prefix / "nginx.conf")]
    server = supervisor.start(name, argv)
    return RunningSystem(server, port, include_child_processes=True)


def start_minimal_yarp(supervisor: Supervisor, backend_port: int) -> RunningSystem:
    port = free_port()
    env = clean_environment()
    env["BENCH_BACKEND_URL"] = f"http://127.0.0.1:{backend_port}"
    argv = ["dotnet", str(MINIMAL_YARP_ASSEMBLY), "--urls", f"http://127.0.0.1:{port}"]
    server = supervisor.start("minimal-yarp", argv, env=env, cwd=MINIMAL_YARP_ASSEMBLY.parent)
    return RunningSystem(server, port)


@dataclass
class HostPorts:
    """The loopback ports of one host process."""

    http: int
    https: int
    metrics: int

    @classmethod
    def allocate(cls) -> "HostPorts":
        return cls(free_port(), free_port(), free_port())


def host_environment(ports: HostPorts, backend_port: int, data_dir: Path,
                     config_file: Path | None) -> dict[str, str]:
    """Return the AUTHENTIK_* settings of a benchmark host, on top of a clean environment."""
    env = clean_environment()
    env.update({
        "AUTHENTIK_SECRET_KEY": BENCH_SECRET_KEY,
        "AUTHENTIK_LISTEN__HTTP": f"127.0.0.1:{ports.http}",
        "AUTHENTIK_LISTEN__HTTPS": f"127.0.0.1:{ports.https}",
        "AUTHENTIK_LISTEN__METRICS": f"127.0.0.1:{ports.metrics}",
        "AUTHENTIK_BACKEND__URL": f"http://127.0.0.1:{backend_port}",
        "AUTHENTIK_PATHS__DATA": str(data_dir),
    })
    if config_file is not None:
        env["AUTHENTIK_CONFIG_FILE"] = str(config_file)
    return env


def start_host(supervisor: Supervisor, name: str, env: dict[str, str], ports: HostPorts) -> RunningSystem:
    server = supervisor.start(name, ["dotnet", str(HOST_ASSEMBLY)], env=env, cwd=HOST_ASSEMBLY.parent)
    return RunningSystem(server, ports.http)


def wait_until_ready(system: RunningSystem, path: str, headers: dict[str, str] | None = None,
                     timeout_seconds: float = 60.0) -> None:
    wait_for_status(system.server, system.port, path, 200, headers, timeout_seconds)


def runtime_settings_differences() -> list[str]:
    """Compare the runtime options of the host and minimal YARP; return one line per difference."""
    host = _runtime_options(HOST_ASSEMBLY.with_suffix(".runtimeconfig.json"))
    yarp = _runtime_options(MINIMAL_YARP_ASSEMBLY.with_suffix(".runtimeconfig.json"))
    differences = []
    for key in sorted(set(host) | set(yarp)):
        if host.get(key) != yarp.get(key):
            differences.append(f"{key}: host {host.get(key)!r}, minimal YARP {yarp.get(key)!r}")
    return differences


def runtime_settings() -> dict[str, object]:
    return _runtime_options(HOST_ASSEMBLY.with_suffix(".runtimeconfig.json"))


def _runtime_options(path: Path) -> dict[str, object]:
    document = json.loads(path.read_text())
    options = document.get("runtimeOptions", {})
    return dict(options.get("configProperties", {}))
