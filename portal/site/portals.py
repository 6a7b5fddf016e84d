"""The portals one project builds: the top-level ``mkdocs.yml`` (the umbrella
portal, the city's) and one ``portals/<id>/mkdocs.yml`` per other portal,
which ``INHERIT``s the shared settings.

Articles, pages and data items name the portals that publish them
(``portals: [zone]``); without that field they belong to the umbrella portal
only. The umbrella portal publishes everything in the shared content.
Found here by reading the config files' YAML (following ``INHERIT``), so the
checks know every portal's id and languages whichever portal is being built.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portal.site.config_files import declared_languages, lookup, read_chain

CONFIG_FILE = "mkdocs.yml"
PORTALS_DIR = "portals"
#: A portal's kiosk variant (see docs/kiosk.md), beside its mkdocs.yml.
KIOSK_FILE = "kiosk.yml"


@dataclass(frozen=True)
class PortalConfigFile:
    id: str
    config_file: Path
    languages: tuple[str, ...]

    @property
    def kiosk_file(self) -> Path | None:
        kiosk = self.config_file.parent / KIOSK_FILE
        return kiosk if kiosk.is_file() else None


def discover(root: Path) -> list[PortalConfigFile]:
    """Every portal of the project at ``root``, the umbrella portal first."""
    files = [root / CONFIG_FILE] + sorted((root / PORTALS_DIR).glob(f"*/{CONFIG_FILE}"))
    portals = []
    for config_file in files:
        if not config_file.is_file():
            continue
        chain = read_chain(config_file)
        portal_id = lookup(chain, ("plugins", "portal", "id"))
        _file, declared = declared_languages(chain)
        codes = tuple(code for code, _line in declared)
        portals.append(PortalConfigFile(str(portal_id.value if portal_id else ""), config_file, codes))
    return portals


def publishes(portal_id: str, umbrella: bool, portals: list[str] | tuple[str, ...]) -> bool:
    """Whether a portal shows an item that names ``portals`` (empty: the umbrella's only)."""
    return umbrella or portal_id in portals


@dataclass(frozen=True)
class Scope:
    """What one portal publishes of the content: the shared pages it is
    named on (all of them for the umbrella portal) and its own pages."""

    id: str
    umbrella: bool
    content_dir: Path  # the shared content
    own_content_dir: Path | None  # this portal's own pages, laid over it
    page_portals: dict[str, list[str]]  # "vi/about.md" -> the portals the shared page names
    own_pages: frozenset[str]  # "vi/index.md"... in own_content_dir

    def publishes_page(self, lang: str, path: str) -> bool:
        """Whether the page ``path`` of language ``lang`` is published here."""
        key = f"{lang}/{path}"
        return key in self.own_pages or publishes(self.id, self.umbrella, self.page_portals.get(key, []))

    def source(self, lang: str, path: str) -> Path:
        """The file a page is read from: this portal's own, else the shared one."""
        key = f"{lang}/{path}"
        own = self.own_content_dir
        return own / key if own is not None and key in self.own_pages else self.content_dir / key

    def has_file(self, path: str) -> bool:
        """Whether ``path`` (inside content/) exists in this portal's or the shared content."""
        return any((folder / path).is_file() for folder in (self.own_content_dir, self.content_dir) if folder)

    def left_out(self, built: set[str], project_languages: tuple[str, ...]) -> set[str]:
        """Shared files this portal does not publish: the pages of other
        portals, and every file of a language it does not build."""
        hidden = set()
        for source in self.content_dir.rglob("*"):
            relative = source.relative_to(self.content_dir)
            lang, in_language = relative.parts[0], "/".join(relative.parts[1:])
            if lang not in project_languages or not source.is_file():
                continue
            if lang not in built or (source.suffix == ".md" and not self.publishes_page(lang, in_language)):
                hidden.add(relative.as_posix())
        return hidden
