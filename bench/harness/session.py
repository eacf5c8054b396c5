"""Sign in through the embedded outpost against the test OpenID Connect provider, as a browser would."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
import urllib.parse
from pathlib import Path

from processes import Server, Supervisor
from systems import REPOSITORY

IDP_SCRIPT = REPOSITORY / "tests" / "peers" / "oidc-idp.mjs"
PEER_MODULES = REPOSITORY / "tests" / "peers" / "node_modules"
MAX_REDIRECTS = 20


class LoginFailed(Exception):
    """The login did not end with a session cookie; the message names the step."""


def start_identity_provider(supervisor: Supervisor, clients: list[dict]) -> tuple[Server, str]:
    """Start tests/peers/oidc-idp.mjs on a free loopback port and return it with its issuer URL."""
    if not IDP_SCRIPT.exists():
        raise LoginFailed(f"{IDP_SCRIPT} is missing; it comes with the embedded outpost's tests")
    if not (PEER_MODULES / "oidc-provider").is_dir():
        raise LoginFailed(f"oidc-provider is not installed under {PEER_MODULES}; run: cd tests/peers && npm ci")

    env = dict(os.environ)
    env["OIDC_CLIENTS"] = json.dumps(clients)
    server = supervisor.start("oidc-provider", ["node", str(IDP_SCRIPT)], env=env, cwd=IDP_SCRIPT.parent)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", server.log_path.read_text(errors="replace"))
        if match:
            return server, match.group(1)
        if not server.is_running():
            raise LoginFailed(f"oidc-provider exited with code {server.process.returncode}:\n{server.log_tail()}")
        time.sleep(0.1)
    raise LoginFailed("oidc-provider did not print its issuer within 30 s")


def sign_in(start_url: str, cookie_name: str, login: str = "bench") -> str:
    """Follow the login from start_url to the outpost's callback and return the session cookie's value.

    curl sends every request to 127.0.0.1 on the URL's port (--connect-to), so provider host
    names need no DNS entry and no traffic leaves the machine. The identity provider's login and
    consent pages are submitted like a browser would submit them.
    """
    with tempfile.TemporaryDirectory(prefix="bench-login-") as directory:
        jar = Path(directory) / "cookies.txt"
        url = start_url
        for _ in range(MAX_REDIRECTS):
            status, location, body = _curl(jar, url)
            if "/interaction/" in url and status == 200:
                fields = {"prompt": "login", "login": login, "password": "bench"} \
                    if 'name="login"' in body else {"prompt": "consent"}
                status, location, body = _curl(jar, url, fields)
            if status not in (301, 302, 303, 307, 308):
                break
            if not location:
                raise LoginFailed(f"{url} redirected without a Location header")
            url = urllib.parse.urljoin(url, location)

        cookie = _cookie(jar, cookie_name)
        if cookie is None:
            raise LoginFailed(f"no {cookie_name} cookie after the login; the last request was {url} "
                              f"with status {status}: {body[:300]!r}")
        return cookie


def _curl(jar: Path, url: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
    argv = ["curl", "-sS", "--max-time", "15", "--connect-to", "::127.0.0.1:",
            "-c", str(jar), "-b", str(jar), "-o", "-", "-w", "\n%{http_code} %{redirect_url}",
            "-H", "Accept: text/html"]
    if form is not None:
        argv += ["--data", urllib.parse.urlencode(form)]
    argv.append(url)
    completed = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    if completed.returncode != 0:
        raise LoginFailed(f"curl {url} failed: {completed.stderr.strip()}")
    body, _, trailer = completed.stdout.rpartition("\n")
    status, _, location = trailer.partition(" ")
    return int(status), location.strip(), body


def _cookie(jar: Path, name: str) -> str | None:
    for line in jar.read_text().splitlines():
        # HttpOnly cookies are written with a "#HttpOnly_" prefix on the domain field.
        fields = line.split("\t")
        if len(fields) == 7 and fields[5] == name:
            return fields[6]
    return None
