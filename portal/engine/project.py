"""A portal project read the way ``mkdocs build`` reads it, without building:
for scripts and tests that need the generated files or the checked content."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config

from portal.content.items import Item
from portal.generation.rendering import GeneratedFile
from portal.site.languages import Language


@dataclass(frozen=True)
class Project:
    languages: list[Language]
    items: list[Item]  # every dated item, published or not
    generated: list[GeneratedFile]
    left_out: set[str]  # content files kept out of the site (unpublished items)


def load_project(config_file: Path, serving: bool = False) -> Project:
    """Check the project and generate its files; raises PortalError(s)."""
    config = load_config(str(config_file))
    i18n = config.plugins["i18n"]
    plugin = config.plugins["portal"]
    plugin.serving = serving
    plugin.check_project(config, i18n)
    generated, left_out = plugin.generated(config)
    return Project(plugin.languages, plugin.items, generated, left_out)


#: What a portal project is made of (everything else is generated or tooling).
SOURCES = ("mkdocs.yml", "kiosk.yml", "content", "overrides", "data", "archetypes", "portals")


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
