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

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from portal.errors import PortalError, raise_all
from portal.site.config_files import ConfigChain, declared_languages, read_chain

CONFIG_FILE = "mkdocs.yml"
PORTALS_DIR = "portals"
#: A portal's kiosk variant (see docs/kiosk.md), beside its mkdocs.yml.
KIOSK_FILE = "kiosk.yml"


#: A portal id: it names a folder of the built site and is written in `portals:` fields.
PORTAL_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class PortalConfigFile:
    id: str
    config_file: Path
    languages: tuple[str, ...]
    chain: ConfigChain

    @property
    def kiosk_file(self) -> Path | None:
        kiosk = self.config_file.parent / KIOSK_FILE
        return kiosk if kiosk.is_file() else None


def discover(root: Path) -> list[PortalConfigFile]:
    """Every portal of the project at ``root``, the umbrella portal first.

    Their ids are checked here, once: a bad id is one error on its config
    file, not one on every page that names the portal.
    """
    files = [root / CONFIG_FILE] + sorted((root / PORTALS_DIR).glob(f"*/{CONFIG_FILE}"))
    portals: list[PortalConfigFile] = []
    errors: list[PortalError] = []
    for config_file in files:
        if not config_file.is_file():
            continue
        chain = read_chain(config_file, root)
        file, line = chain.where(("plugins", "portal", "id"))
        node = chain.lookup(("plugins", "portal", "id"))
        portal_id = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if not PORTAL_ID.fullmatch(portal_id):
            errors.append(PortalError("portal_id_missing", file=file, line=line, field="plugins.portal.id"))
            continue
        other = next((p for p in portals if p.id == portal_id), None)
        if other is not None:
            errors.append(PortalError("portal_id_duplicate", file=file, line=line, field="plugins.portal.id",
                                      value=portal_id, other=chain.shown(other.config_file)))
            continue
        _file, declared = declared_languages(chain)
        portals.append(PortalConfigFile(portal_id, config_file.resolve(), tuple(d.code for d in declared), chain))
    raise_all(errors)
    return portals


def publishes(portal_id: str, umbrella: bool, portals: list[str] | tuple[str, ...]) -> bool:
    """Whether a portal shows an item that names ``portals`` (empty: the umbrella's only)."""
    return umbrella or portal_id in portals


@dataclass(frozen=True)
class Scope:
    """Which portal a build is for: its id, and whether it is the umbrella
    portal (the top-level mkdocs.yml's), which publishes all shared content."""

    id: str
    umbrella: bool

    def publishes(self, portals: list[str] | tuple[str, ...]) -> bool:
        """Whether this portal shows shared content that names ``portals``."""
        return publishes(self.id, self.umbrella, portals)


def check_config_files(root: Path) -> list[PortalConfigFile]:
    """Read every portal's config files, and their kiosk variants, as MkDocs
    will, but with our messages: bad YAML, a key written twice, a missing
    ``INHERIT`` target, a bad or repeated portal id, each with file and line."""
    portals = discover(root)
    errors: list[PortalError] = []
    for portal in portals:
        if portal.kiosk_file is not None:
            try:
                read_chain(portal.kiosk_file, root)
            except PortalError as error:
                errors += error.errors
    raise_all(errors)
    return portals
