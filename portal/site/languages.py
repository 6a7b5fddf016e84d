"""The portal's languages, as declared in ``mkdocs.yml``, checked against the
UI string tables and the ``content/`` folders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.core import get_global

from portal.errors import PortalError, raise_all
from portal.i18n import supported_languages, t
from portal.site.config_files import ConfigChain, declared_languages


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


def check_codes(chain: ConfigChain) -> None:
    """Every declared language code needs a UI string table, or readers would
    see another language's buttons. Run while MkDocs loads the config, before
    the i18n plugin checks its own options (its messages name no line)."""
    path, declared = declared_languages(chain)
    supported = supported_languages()
    errors = [
        PortalError("language_unknown", file=chain.shown(path), line=language.line,
                    field="plugins.i18n.languages.locale", code=language.code, supported=supported)
        for language in declared
        if language.code not in supported and path is not None
    ]
    raise_all(errors)


def check_languages(chain: ConfigChain, content_dir: Path, other_portals: tuple[str, ...] = ()) -> list[Language]:
    """The languages a portal's config declares, checked, or raise.

    Besides a UI string table, every language needs a content folder, and
    every content folder must be a language of this portal or of another
    one (``other_portals``), else its pages are silently never built.
    """
    check_codes(chain)
    path, declared = declared_languages(chain)
    file, line = chain.where(("plugins", "i18n", "languages"))
    defaults = [language for language in declared if language.default]
    if len(defaults) != 1:
        where = defaults[1].line if len(defaults) > 1 else line
        raise PortalError("language_no_default", file=file, line=where, field="plugins.i18n.languages.default")
    for language in declared:
        if not (content_dir / language.code).is_dir():
            raise PortalError("language_folder_missing", file=file, line=language.line,
                              field="plugins.i18n.languages.locale", code=language.code)
    codes = [language.code for language in declared]
    project = codes + [code for code in other_portals if code not in codes]
    for folder in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        if _looks_like_language(folder.name) and folder.name not in project:
            raise PortalError(
                "language_folder_unknown", file=f"{content_dir.name}/{folder.name}/", code=folder.name,
                configured=project,
            )
    return [Language(language.code, t(language.code, "language.name"), language.default) for language in declared]


def _looks_like_language(name: str) -> bool:
    return bool(re.fullmatch(r"[a-z]{2}([-_][A-Za-z]{2,4})?", name))
