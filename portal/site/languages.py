"""The portal's languages, as declared in ``mkdocs.yml``, checked against the
UI string tables and the ``content/`` folders."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from babel.core import get_global

from portal.errors import PortalError
from portal.i18n import supported_languages, t
from portal.site.config_files import declared_languages, read_chain


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool

    @property
    def prefix(self) -> str:
        """URL prefix of this language's pages: ``""`` for the default, ``"en/"``..."""
        return "" if self.default else f"{self.code}/"

    @property
    def og_locale(self) -> str:
        """Open Graph locale (``vi_VN``, ``en_US``, ``lo_LA``), from CLDR's likely subtags."""
        likely = get_global("likely_subtags").get(self.code, self.code)
        parts = likely.split("_")
        return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else parts[0]

    def name_in(self, lang: str) -> str:
        """This language's name in ``lang`` ("tiếng Lào", "Lao", "ພາສາລາວ")."""
        return t(lang, f"language.names.{self.code}")


def check_codes(declared: list[tuple[str, int | None]], shown: str) -> None:
    """Every declared language code needs a UI string table, or readers would
    see another language's buttons. ``declared`` is ``(code, line)`` pairs."""
    supported = supported_languages()
    for code, line in declared:
        if code not in supported:
            raise PortalError(
                "language_unknown",
                file=shown,
                line=line,
                field="plugins.i18n.languages.locale",
                code=code,
                supported=supported,
            )


def declared_in_config_file(config_file: Path) -> tuple[list[tuple[str, int]], str]:
    """``(code, line)`` of each declared language, and the file to name in
    errors: the config file, or the one it INHERITs the languages from."""
    path, declared = declared_languages(read_chain(config_file))
    if path is None or path == config_file:
        return declared, config_file.name
    return declared, os.path.relpath(path, config_file.parent)


def check_languages(
    declared: list[tuple[str, bool]], content_dir: Path, shown: str, other_portals: tuple[str, ...] = ()
) -> list[Language]:
    """Turn the declared ``(code, default)`` pairs into Languages, or raise.

    Besides a UI string table, every language needs a content folder, and
    every content folder must be a language of this portal or of another
    one (``other_portals``), else its pages are silently never built.
    """
    check_codes([(code, None) for code, _default in declared], shown)
    if sum(1 for _code, default in declared if default) != 1:
        raise PortalError("language_no_default", file=shown, field="plugins.i18n.languages.default")
    codes = [code for code, _default in declared]
    for code in codes:
        if not (content_dir / code).is_dir():
            raise PortalError(
                "language_folder_missing", file=shown, field="plugins.i18n.languages.locale", code=code
            )
    project = codes + [code for code in other_portals if code not in codes]
    for folder in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        if _looks_like_language(folder.name) and folder.name not in project:
            raise PortalError(
                "language_folder_unknown", file=f"{content_dir.name}/{folder.name}/", code=folder.name,
                configured=project,
            )
    return [Language(code, t(code, "language.name"), default) for code, default in declared]


def _looks_like_language(name: str) -> bool:
    return bool(re.fullmatch(r"[a-z]{2}([-_][A-Za-z]{2,4})?", name))
