"""Start, watch and stop the servers of a benchmark run, all bound to 127.0.0.1."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """Return a TCP port that was free on 127.0.0.1 a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A process the harness started, with the log file its output goes to."""

    name: str
    process: subprocess.Popen
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def is_running(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


class Supervisor:
    """Owns every process of a run and stops each one by its process id.

    Each server starts in its own session, so its process group id equals its pid. Stopping a
    server signals that group only, and the signal also reaches nginx's worker processes.
    """

    def __init__(self, log_dir: Path) -> None:
        self._log_dir = log_dir
        self._servers: list[Server] = []

    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None,
              cwd: Path | None = None) -> Server:
        log_path = self._log_dir / f"{name}.log"
        log_file = open(log_path, "ab")  # noqa: SIM115 - the child process keeps writing to it
        try:
            process = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
                env=env, cwd=cwd, start_new_session=True)
        finally:
            log_file.close()
        server = Server(name, process, log_path)
        self._servers.append(server)
        return server

    def stop(self, server: Server, grace_seconds: float = 10.0) -> None:
        """Stop a server: SIGTERM to its process group, SIGKILL after the grace period."""
        if server in self._servers:
            self._servers.remove(server)
        _signal_group(server.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            _signal_group(server.pid, signal.SIGKILL)
            server.process.wait(timeout=grace_seconds)
        # nginx workers may outlive their master by a moment; SIGKILL whatever is left of the group.
        _signal_group(server.pid, signal.SIGKILL)

    def stop_all(self) -> None:
        for server in reversed(list(self._servers)):
            try:
                self.stop(server)
            except (OSError, subprocess.TimeoutExpired) as error:
                print(f"warning: failed to stop {server.name} (pid {server.pid}): {error}")


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def http_get(port: int, path: str, headers: dict[str, str] | None = None,
             timeout: float = 2.0) -> tuple[int, dict[str, str], bytes]:
    """Send one GET to 127.0.0.1:port and return status, headers (lower-case names) and body."""
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def wait_for_status(server: Server, port: int, path: str, expected: int = 200,
                    headers: dict[str, str] | None = None, timeout_seconds: float = 60.0,
                    interval_seconds: float = 0.05) -> float:
    """Poll until GET path returns the expected status, and return the seconds waited.

    Raises RuntimeError when the server exits or the timeout passes, with the last response seen.
    """
    started = time.monotonic()
    deadline = started + timeout_seconds
    last = "no response yet"
    while time.monotonic() < deadline:
        if not server.is_running():
            raise RuntimeError(
                f"{server.name} exited with code {server.process.returncode} before "
                f"GET {path} returned {expected}; its log ends with:\n{server.log_tail()}")
        try:
            status, _, body = http_get(port, path, headers, timeout=1.0)
            if status == expected:
                return time.monotonic() - started
            last = f"status {status}: {body[:200]!r}"
        except (OSError, http.client.HTTPException) as error:
            last = f"{type(error).__name__}: {error}"
        time.sleep(interval_seconds)
    raise RuntimeError(
        f"GET {path} on {server.name} (port {port}) did not return {expected} within "
        f"{timeout_seconds:.0f} s; last response: {last}")


def resident_memory_kib(pid: int, include_children: bool = False) -> int:
    """Return VmRSS of a process in KiB, plus that of its child processes when asked (nginx workers)."""
    total = _vm_rss_kib(pid)
    if include_children:
        for child in _children(pid):
            total += _vm_rss_kib(child)
    return total


def _vm_rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    children: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(entry))
    return children
