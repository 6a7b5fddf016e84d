"""Files remembered between builds (``.cache/portal/…``: cards, prints, cut fonts).

Builds run side by side (CI's jobs, the tests' workers) and share these
folders: a file is written whole under a name of its own, then renamed into
place, so no build reads half a file and two writing the same one never
trip over each other."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def remember(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` at once, for any build reading it beside this one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as partial:
        partial.write(data)
    os.replace(partial.name, path)
