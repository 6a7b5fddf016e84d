"""The portal's languages, as declared in ``mkdocs.yml``, checked against the
UI string tables and the ``content/`` folders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.core import get_global

from portal.errors import PortalError
from portal.i18n import supported_languages, t


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


def check_languages(
    declared: list[tuple[str, bool]], content_dir: Path, config_file: Path
) -> list[Language]:
    """Turn the declared ``(code, default)`` pairs into Languages, or raise.

    Every language needs a UI string table (else readers would see another
    language's buttons) and a content folder; every content folder must be a
    declared language (else its pages are silently never built).
    """
    supported = supported_languages()
    shown = config_file.name
    for code, _default in declared:
        if code not in supported:
            raise PortalError(
                "language_unknown",
                file=shown,
                line=_line_of(config_file, code),
                field="plugins.i18n.languages.locale",
                code=code,
                supported=supported,
            )
    if sum(1 for _code, default in declared if default) != 1:
        raise PortalError("language_no_default", file=shown, field="plugins.i18n.languages.default")
    codes = [code for code, _default in declared]
    for code in codes:
        if not (content_dir / code).is_dir():
            raise PortalError(
                "language_folder_missing",
                file=shown,
                line=_line_of(config_file, code),
                field="plugins.i18n.languages.locale",
                code=code,
            )
    for folder in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        if _looks_like_language(folder.name) and folder.name not in codes:
            raise PortalError(
                "language_folder_unknown", file=f"{content_dir.name}/{folder.name}/", code=folder.name, configured=codes
            )
    return [Language(code, t(code, "language.name"), default) for code, default in declared]


def _looks_like_language(name: str) -> bool:
    return bool(re.fullmatch(r"[a-z]{2}([-_][A-Za-z]{2,4})?", name))


def _line_of(config_file: Path, code: str) -> int | None:
    """Line of ``locale: <code>`` in the config file, for the error message."""
    pattern = re.compile(rf"""\blocale:\s*["']?{re.escape(code)}["']?\s*$""")
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for number, line in enumerate(lines, start=1):
        if pattern.search(line):
            return number
    return None
