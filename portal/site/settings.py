"""One portal's build settings read straight from its config files (the
INHERIT chain, as YAML nodes), without the site engine: what ``portal
check``, the scripts and the tests need to load a project as its build
would. The MkDocs adapter makes the same :class:`Settings` from MkDocs'
own reading (``portal/engine/plugin.py``); a test keeps the two equal.

MkDocs' rules, followed here: mappings of an INHERITing file are merged key
by key into its parent's, lists and scalars replace; paths (``docs_dir``,
``theme.custom_dir``) are relative to the file being built; ``!ENV``
takes an environment variable or its default.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import add_env_tag

from portal.errors import Expected, PortalError
from portal.generation.home import SECTIONS
from portal.site.config_files import ConfigChain, node_at, read_chain

@dataclass(frozen=True)
class Settings:
    """What the site engine's configuration says about one portal's build."""

    config_file: Path  # absolute
    content_dir: Path  # the shared content (absolute)
    options: dict[str, Any]  # the portal plugin's options: id, own_content, data_dir, agency...
    site_url: str
    site_names: dict[str, str]  # per language
    directory_urls: bool = True
    theme_dirs: tuple[Path, ...] = ()  # where the theme's templates and icons are, for `template:` and `icon:`

    @property
    def own_content_dir(self) -> Path | None:
        """The portal's own pages (``own_content``, relative to its config file), laid over the shared ones."""
        own = self.options.get("own_content")
        return (self.config_file.parent / own).resolve() if own else None


#: The ``portal`` plugin's options and their defaults (the engine's typed
#: config, ``portal/engine/config.py``, declares the same names and uses these).
OPTION_DEFAULTS: dict[str, Any] = {
    "id": "",
    "own_content": "",
    "agency": {},
    "spokesperson": {},
    "contact_page": "contacts.md",
    "accessibility_page": "accessibility.md",
    "colors": {},
    "data_dir": "data",
    "search_offline": False,
    "kiosk": {"enabled": False, "idle_seconds": 120},
    "home": {"sections": list(SECTIONS), "audiences": {}},
    "editor": {"enabled": True, "backend": {}, "publish_mode": "editorial_workflow"},
    "publications": {"enabled": True, "year": 0, "paper": "A4", "margins": "20mm 18mm"},
}


def read_settings(config_file: Path) -> Settings:
    """The settings of the build of ``config_file``; raises PortalError on
    bad YAML, a key written twice or a missing INHERIT target."""
    config_file = config_file.resolve()
    chain = read_chain(config_file)
    here = config_file.parent
    site_name = merged(chain, ("site_name",)) or ""
    languages = merged(chain, ("plugins", "i18n", "languages")) or []
    custom_dir = merged(chain, ("theme", "custom_dir"))
    return Settings(
        config_file=config_file,
        content_dir=(here / (merged(chain, ("docs_dir",)) or "docs")).resolve(),
        options=_with_defaults(merged(chain, ("plugins", "portal")) or {}, OPTION_DEFAULTS),
        site_url=merged(chain, ("site_url",)) or "/",
        site_names={str(lang["locale"]): lang.get("site_name") or site_name
                    for lang in languages if isinstance(lang, dict) and "locale" in lang},
        directory_urls=merged(chain, ("use_directory_urls",)) is not False,
        theme_dirs=tuple(([(here / custom_dir).resolve()] if custom_dir else []) + _theme_templates()),
    )


def check_options(chain: ConfigChain) -> list[PortalError]:
    """The ``portal`` plugin's options, each error naming the file and line
    that set it (the engine checks them too, but in English and without a line)."""
    options = merged(chain, ("plugins", "portal")) or {}
    if not isinstance(options, dict):
        file, line = chain.where(("plugins", "portal"))
        return [PortalError("data_wrong_type", file=file, line=line, field="plugins.portal", expected=Expected("mapping"))]
    errors: list[PortalError] = []

    def problem(keys: tuple[str, ...], key: str, **params: Any) -> None:
        file, line = chain.where(("plugins", "portal", *keys))
        errors.append(PortalError(key, file=file, line=line, field=".".join(("plugins", "portal", *keys)), **params))

    def check(value: Any, default: Any, keys: tuple[str, ...]) -> None:
        kind = _KINDS[type(default)]
        if not _is(value, kind):
            problem(keys, "data_wrong_type", expected=Expected(kind))
        elif isinstance(default, dict) and default:  # a group with known options
            for key, item in value.items():
                if key not in default:
                    problem((*keys, str(key)), "option_unknown", allowed=", ".join(default))
                else:
                    check(item, default[key], (*keys, key))

    check(options, OPTION_DEFAULTS, ())
    home = options.get("home") if isinstance(options.get("home"), dict) else {}
    sections = home.get("sections") if isinstance(home.get("sections"), list) else []
    for section in sections:
        if section not in SECTIONS:
            problem(("home", "sections"), "option_not_allowed", value=str(section), allowed=", ".join(SECTIONS))
    audiences = home.get("audiences") if isinstance(home.get("audiences"), dict) else {}
    for name, pages in audiences.items():
        if not isinstance(pages, list) or not all(isinstance(page, str) for page in pages):
            problem(("home", "audiences", str(name)), "data_wrong_type", expected=Expected("list"))
    errors += _editor_problems(chain, options.get("editor"))
    errors += _publication_problems(chain, options.get("publications"))
    return errors


def _publication_problems(chain: ConfigChain, publications: Any) -> list[PortalError]:
    """The printed publications' paper, margins and year (portal/printing/): values that reach
    the print stylesheet are allowed only in the forms it expects."""
    from portal.printing.publications import MARGINS, PAPERS  # the printing rules' own module

    if not isinstance(publications, dict):
        return []
    errors = []
    where = ("plugins", "portal", "publications")
    paper, margins, year = publications.get("paper"), publications.get("margins"), publications.get("year")
    if isinstance(paper, str) and paper not in PAPERS:
        file, line = chain.where((*where, "paper"))
        errors.append(PortalError("option_not_allowed", file=file, line=line, field=".".join((*where, "paper")),
                                  value=paper, allowed=", ".join(PAPERS)))
    if isinstance(margins, str) and not MARGINS.fullmatch(margins):
        file, line = chain.where((*where, "margins"))
        errors.append(PortalError("option_not_allowed", file=file, line=line, field=".".join((*where, "margins")),
                                  value=margins, allowed="20mm | 20mm 18mm | 20mm 18mm 25mm 18mm (5–50mm)"))
    if isinstance(year, int) and not isinstance(year, bool) and year and not 1900 <= year <= 2999:
        file, line = chain.where((*where, "year"))
        errors.append(PortalError("option_not_allowed", file=file, line=line, field=".".join((*where, "year")),
                                  value=str(year), allowed="0 (the year of the build), 1900–2999"))
    return errors


def _editor_problems(chain: ConfigChain, editor: Any) -> list[PortalError]:
    """The web editor's git host, checked before a build makes its page (portal/editor/config.py):
    at the line that sets it, or its group's when the option is missing."""
    from portal.editor.config import backend_settings  # the editor's rules, in one place

    if not isinstance(editor, dict):
        return []
    try:
        backend_settings(editor)
    except PortalError as error:
        keys = ("plugins", "portal", *(error.field or "editor").split("."))
        while len(keys) > 3 and chain.where(keys)[1] is None:  # unset: the nearest group that is
            keys = keys[:-1]
        file, line = chain.where(keys)
        params = {key: value for key, value in error.params.items() if key != "field"}
        return [PortalError(error.key, file=file, line=line, field=f"plugins.portal.{error.field}", **params)]
    return []


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, {"text": str, "boolean": bool, "mapping": dict, "list": list}[kind])


#: Type of an option's default -> what the option must be (errors.expected_*).
_KINDS = {str: "text", bool: "boolean", int: "integer", dict: "mapping", list: "list"}


def merged(chain: ConfigChain, keys: tuple[str, ...]) -> Any:
    """The value at ``keys`` as the engine sees it: mappings merged across the
    chain (the nearest file wins key by key), anything else from the nearest."""
    values = [value for _path, node in chain.files
              if (value := _value(node, keys)) is not _UNSET]
    if not values:
        return None
    if not all(isinstance(value, dict) for value in values):
        return values[0]
    result: dict[str, Any] = {}
    for value in reversed(values):  # the top of the chain first, the nearest last
        result = _merge(result, value)
    return result


_UNSET = object()


def _value(node: yaml.Node, keys: tuple[str, ...]) -> Any:
    found = node_at(node, keys)
    return _UNSET if found is None else _python(found)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in over.items():
        result[key] = _merge(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) else value
    return result


def _with_defaults(options: Any, defaults: dict[str, Any]) -> Any:
    """``options`` with every option it leaves out set to its default (a value
    of the wrong type is kept as written: check_options reports it)."""
    if not isinstance(options, dict):
        return options
    filled = {key: _with_defaults(options[key], value) if key in options and isinstance(value, dict) and value
              else options.get(key, value) for key, value in defaults.items()}
    return {**filled, **{key: value for key, value in options.items() if key not in defaults}}


class _EnvLoader(yaml.SafeLoader):
    """YAML as MkDocs reads its config: ``!ENV`` (MkDocs' own tag, from
    pyyaml_env_tag) and ``!!python/name:`` (not needed here: read as None)."""


add_env_tag(_EnvLoader)
_EnvLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _python(node: yaml.Node) -> Any:
    loader = _EnvLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _theme_templates() -> list[Path]:
    """Material's templates, then MkDocs' own: where ``template:`` and icons are looked up."""
    folders = []
    for package in ("material", "mkdocs"):
        spec = importlib.util.find_spec(package)  # finds the package without importing it
        if spec and spec.submodule_search_locations:
            folders.append(Path(next(iter(spec.submodule_search_locations))) / "templates")
    return folders
