"""The portal's languages, as declared in ``mkdocs.yml``, checked against the
UI string tables and the ``content/`` folders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
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


def declared_in_config_file(config_file: Path) -> list[tuple[str, int | None]]:
    """``(code, line)`` of each ``locale:`` under the i18n plugin in the raw
    config file, so errors can point at the line (MkDocs' own validation
    names neither file nor line)."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return []  # MkDocs reports unreadable or invalid YAML itself
    plugins = _get(root, "plugins")
    if isinstance(plugins, yaml.SequenceNode):  # `- i18n: {...}`
        entries = plugins.value
        i18n = next((_get(e, "i18n") for e in entries if _get(e, "i18n") is not None), None)
    else:  # `i18n: {...}`
        i18n = _get(plugins, "i18n")
    languages = _get(i18n, "languages")
    declared = []
    for item in languages.value if isinstance(languages, yaml.SequenceNode) else []:
        locale = _get(item, "locale")
        if isinstance(locale, yaml.ScalarNode):
            declared.append((locale.value, locale.start_mark.line + 1))
    return declared


def check_languages(declared: list[tuple[str, bool]], content_dir: Path, shown: str) -> list[Language]:
    """Turn the declared ``(code, default)`` pairs into Languages, or raise.

    Besides a UI string table, every language needs a content folder, and
    every content folder must be a declared language (else its pages are
    silently never built).
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
    for folder in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        if _looks_like_language(folder.name) and folder.name not in codes:
            raise PortalError(
                "language_folder_unknown", file=f"{content_dir.name}/{folder.name}/", code=folder.name, configured=codes
            )
    return [Language(code, t(code, "language.name"), default) for code, default in declared]


def _looks_like_language(name: str) -> bool:
    return bool(re.fullmatch(r"[a-z]{2}([-_][A-Za-z]{2,4})?", name))


def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """Value node of ``key`` in a YAML mapping node, or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None
