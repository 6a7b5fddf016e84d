"""UI strings per language, read from the YAML tables beside this file.

Every string a reader or an editor sees comes from these tables, never from
code, so adding a language is adding one file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

TABLES_DIR = Path(__file__).parent


#: Folders whose ``<lang>.yml`` replace some of our strings, nearest first (a
#: portal's ``i18n/``, then the project's): set by portal.site.overrides.
_overrides: tuple[Path, ...] = ()


def set_overrides(folders: tuple[Path, ...]) -> None:
    global _overrides
    if folders != _overrides:
        _overrides = folders
        table.cache_clear()
        _lookup.cache_clear()


@cache
def package_table(lang: str) -> dict[str, Any]:
    """Our own string table of one language, without a locality's changes."""
    path = TABLES_DIR / f"{lang}.yml"
    if not path.is_file():
        raise KeyError(lang)
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def table(lang: str) -> dict[str, Any]:
    """The whole string table of one language (a nested mapping), with the
    locality's replacements (checked by portal.site.overrides)."""
    merged = package_table(lang)
    for folder in reversed(_overrides):  # the project's, then the portal's over it
        path = folder / f"{lang}.yml"
        if path.is_file():
            with path.open(encoding="utf-8") as handle:
                merged = _merge(merged, yaml.safe_load(handle) or {})
    return merged


def _merge(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    result = dict(ours)
    for key, value in theirs.items():
        result[key] = _merge(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) else value
    return result


def supported_languages() -> list[str]:
    """Languages that have a UI string table, sorted."""
    return sorted(path.stem for path in TABLES_DIR.glob("*.yml"))


def t(lang: str, key: str, **params: Any) -> str:
    """Look up ``key`` (dotted, e.g. ``footer.phone``) in ``lang``'s table.

    ``{name}`` placeholders are filled from ``params``. A missing key is a bug
    in the tables (a test checks they all have the same keys), so it raises.
    """
    text = _lookup(lang, key)
    return text.format(**params) if params else text


def tn(lang: str, key: str, number: int, **params: Any) -> str:
    """A string that depends on a number ("1 item", "2 items"): ``key`` holds
    one text per CLDR plural category of the language (Babel's rules)."""
    from babel import Locale

    form = Locale.parse(lang).plural_form(number)
    node: Any = table(lang)
    for part in key.split("."):
        node = node[part]
    return t(lang, f"{key}.{form if form in node else 'other'}", **params)


@cache
def _lookup(lang: str, key: str) -> str:
    node: Any = table(lang)
    for part in key.split("."):
        node = node[part]
    return node


def flatten(node: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """``{"a": {"b": "x"}}`` -> ``{"a.b": "x"}``: for comparing tables."""
    flat: dict[str, str] = {}
    for key, value in node.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat
