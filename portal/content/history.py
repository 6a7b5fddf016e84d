"""When editors last changed their files, from git: the time of the last
commit that touched each one. Two git calls in all, whatever the number of
pages. A file with uncommitted changes, or a project outside git, has no
committed time: a build shows no "last updated" date for it rather than one
that depends on the machine (builds are reproducible)."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from portal.clock import TIMEZONE


def committed_times(folder: Path) -> dict[Path, float]:
    """Resolved path -> time (seconds) of the last commit that changed it, for
    the clean files under ``folder``; empty outside git."""
    committed: dict[Path, float] = {}
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
        stamp = None
        for line in _git(folder, "log", "--format=%x00%ct", "--name-only", "--", ".").splitlines():
            if line.startswith("\x00"):
                stamp = float(line[1:])
            elif line and stamp is not None:
                committed.setdefault((top / line).resolve(), stamp)  # newest commit first
        for line in _git(folder, "status", "--porcelain", "--", ".").splitlines():
            committed.pop((top / line[3:]).resolve(), None)
    except (OSError, subprocess.SubprocessError, ValueError):
        return {}
    return committed


def committed_date(times: dict[Path, float], path: Path) -> datetime.date | None:
    """The day (Viet Nam time) ``path`` was last committed, or None."""
    stamp = times.get(path.resolve())
    return datetime.datetime.fromtimestamp(stamp, TIMEZONE).date() if stamp is not None else None


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=60, check=True).stdout
