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
