"""A portal's languages rendered in separate processes, then merged into one site.

Rendering pages is most of a build and uses one core: a portal with many
pages renders groups of its languages side by side, one process each
(``portal/publishing/build.py`` starts them). Each process is a whole build
of the portal told, by :data:`LANGUAGES_VARIABLE`, which languages to render:
it reads the whole project (the switcher, canonical addresses and sitemaps
come from the core's reading of the content tree, not from the pages
rendered), renders only its languages' pages and 404 pages, indexes them for
search, and leaves the build files to be written after the merge
(:data:`PART_FILE` says what they need). The files two processes both write (the theme's assets, the
sitemaps) must be the same bytes: :func:`merge_parts` checks it. The merged
site is the one a build in one process makes, byte for byte
(tests/test_parts.py).
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
from pathlib import Path
from typing import Mapping

from portal.errors import PortalError
from portal.search.index import ENTRY_FILE, merge_entries

#: The languages a build process renders, comma-separated (``vi,en``); unset: every one.
LANGUAGES_VARIABLE = "PORTAL_BUILD_LANGUAGES"
#: Written by each process at its folder's root, read and removed by the merge (never published).
PART_FILE = "_portal-part.json"


def languages_to_render(environ: Mapping[str, str], known: list[str]) -> frozenset[str] | None:
    """The languages this process renders, or None for every one."""
    value = environ.get(LANGUAGES_VARIABLE, "").strip()
    if not value:
        return None
    wanted = [code.strip() for code in value.split(",") if code.strip()]
    unknown = [code for code in wanted if code not in known]
    if unknown:
        raise PortalError("language_unknown_build", field=LANGUAGES_VARIABLE, value=", ".join(unknown),
                          allowed=", ".join(known))
    return frozenset(wanted)


def write_part(site_dir: Path, robots_for: str | None) -> None:
    (site_dir / PART_FILE).write_text(json.dumps({"robots_for": robots_for}), encoding="utf-8")


def merge_parts(parts: list[Path], target: Path) -> str | None:
    """Move every part's files into ``target`` (which must not exist); return
    the address robots.txt names (:func:`portal.publishing.headers.write_build_files`
    is the caller's last step). A file two parts both have must be the same,
    but for the search index's entry file, which lists each part's languages."""
    target.mkdir(parents=True)
    robots_for = None
    for part in parts:
        robots_for = json.loads((part / PART_FILE).read_text(encoding="utf-8"))["robots_for"]
        (part / PART_FILE).unlink()
        _move_files(part, target)
        shutil.rmtree(part)
    return robots_for


def _move_files(source: Path, target: Path) -> None:
    for folder, _dirs, files in os.walk(source):
        here = Path(folder)
        there = target / here.relative_to(source)
        there.mkdir(exist_ok=True)
        for name in files:
            mine, theirs = here / name, there / name
            if not theirs.exists():
                os.replace(mine, theirs)
            elif theirs.relative_to(target).as_posix() == ENTRY_FILE:
                theirs.write_bytes(merge_entries(theirs.read_bytes(), mine.read_bytes()))
            elif not filecmp.cmp(mine, theirs, shallow=False):
                raise PortalError("build_parts_differ", file=theirs.relative_to(target).as_posix())
