"""The files of the static-files scenario, served by the host's plugin and by nginx from one folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

SMALL_NAME = "bench.css"
LARGE_NAME = "bench-1mib.js"
LARGE_SIZE = 1024 * 1024


class StaticFiles:
    """A dist folder, as authentik serves under /static/dist/, with a small CSS file and a 1 MiB file."""

    def __init__(self, root: Path) -> None:
        self.dist_root = root / "dist"

    @property
    def small_path(self) -> str:
        return f"/static/dist/{SMALL_NAME}"

    @property
    def large_path(self) -> str:
        return f"/static/dist/{LARGE_NAME}"

    def expected_body(self, path: str) -> bytes:
        """Return the bytes a server must send for one of the two paths."""
        return (self.dist_root / path.rsplit("/", 1)[1]).read_bytes()

    def create(self) -> None:
        """Write both files; their content is the same on every run."""
        self.dist_root.mkdir(parents=True, exist_ok=True)
        rules = [f".bench-{index} {{ margin: {index}px; color: #{index * 4099 % 0xFFFFFF:06x}; }}\n"
                 for index in range(48)]
        (self.dist_root / SMALL_NAME).write_text("".join(rules))

        # Hex digests as text: incompressible enough that neither server gains from compression,
        # and deterministic so that every run serves the same bytes.
        lines = []
        size = 0
        counter = 0
        while size < LARGE_SIZE:
            line = f"// {hashlib.sha256(str(counter).encode()).hexdigest()}\n"
            lines.append(line)
            size += len(line)
            counter += 1
        (self.dist_root / LARGE_NAME).write_text("".join(lines)[:LARGE_SIZE])
