"""A portal project read the way its build reads it, without building and
without the site engine: for ``portal check``, the scripts and the tests."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from portal.clock import now
from portal.content.items import Item
from portal.generation.rendering import GeneratedFile
from portal.site.assembly import assemble
from portal.site.languages import Language
from portal.site.publication import Rule
from portal.site.settings import read_settings


@dataclass(frozen=True)
class Project:
    languages: list[Language]
    items: list[Item]  # the dated items the build shows
    generated: list[GeneratedFile]
    left_out: set[str]  # what the content folders hold that the build does not publish
    elsewhere: frozenset[str]  # pages that are another portal's (or in a language this one does not build)


def load_project(config_file: Path, serving: bool = False) -> Project:
    """Check the project and generate its files, as a build (or, with
    ``serving``, a preview) would; raises PortalError."""
    assembly = assemble(read_settings(config_file), Rule(now(), preview=serving))
    selection = assembly.selection
    return Project(assembly.languages, selection.items, assembly.generated, selection.left_out, selection.elsewhere)


#: What a portal project is made of (everything else is generated or tooling).
SOURCES = ("mkdocs.yml", "kiosk.yml", "content", "overrides", "data", "archetypes", "portals", "i18n", "templates")


def copy_sources(root: Path, target: Path) -> Path:
    """A copy of a project's sources, for tests and benchmarks to change freely."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy(source, target / name)
    return target
