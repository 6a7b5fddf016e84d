"""The last steps of a portal's build, over its finished output folder: the
search indexes (:func:`index`), then, over the whole site (:func:`seal`), the
Chinese font cut to its text (:mod:`portal.publishing.fonts`), robots.txt,
the headers and the list of every file
(:func:`portal.publishing.headers.write_build_files`: last, it tells a deploy
the build is whole).

Engine-free: the MkDocs plugin runs them at the end of a build in one
process (:func:`finish`). A build whose languages are rendered in separate
processes (``portal/publishing/parts.py``) indexes each part's languages in
its process, and seals the site once the parts are merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from portal.publishing.fonts import fit_fonts
from portal.publishing.headers import write_build_files
from portal.search.index import SearchPage, build_index, write_offline_index


@dataclass
class Finishing:
    """What the last steps need to know about the build."""

    pages: list[SearchPage] = field(default_factory=list)  # the pages to index
    search_offline: bool = False  # a kiosk's copy, opened from file://
    robots_for: str | None = None  # the public address robots.txt names; None: a kiosk's, no robots.txt
    font_cache: Path | None = None  # where cut fonts are remembered (portal.publishing.fonts.cache_for)


def index(site_dir: Path, finishing: Finishing) -> dict[str, int]:
    """The search indexes of the pages; return how many pages each language's has."""
    counts = build_index(site_dir, finishing.pages)
    if finishing.search_offline:
        write_offline_index(site_dir, finishing.pages)
    return counts


def seal(site_dir: Path, robots_for: str | None, font_cache: Path | None) -> None:
    """The steps over the whole site, once every language is in it: fonts, then the build files."""
    fit_fonts(site_dir, font_cache)
    write_build_files(site_dir, robots_for=robots_for)


def finish(site_dir: Path, finishing: Finishing) -> dict[str, int]:
    """Every last step, as a build in one process runs them."""
    counts = index(site_dir, finishing)
    seal(site_dir, finishing.robots_for, finishing.font_cache)
    return counts
