"""The web editor's page, ``<portal>/admin/``: Decap CMS's files, copied from
``node_modules`` (installed by ``npm ci``, never committed), our additions
(``static/``), the generated ``config.json`` and the page itself, with a
Content Security Policy of its own.

The admin page is not a page of the portal: it is in no menu, sitemap or
search index, and not in the kiosk copy (the build leaves it out there).
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from portal.clock import TIMEZONE
from portal.editor.config import ORIGINAL_FIELD, Project, backend_settings, connect_sources, decap_config
from portal.editor.fields import PREVIEW_SKIP
from portal.errors import PortalError
from portal.i18n import t

ADMIN_DIR = "admin"
#: The languages the editor can speak: Decap's own tables (vi and en, completed by
#: locales/vi.yml) and ours (locales/lo.yml, all of Decap's keys).
INTERFACES = ("vi", "en", "lo")
HERE = Path(__file__).parent
#: Decap CMS's browser build: the bundle, the chunks it loads on demand, its WebAssembly.
DECAP_DIST = ("decap-cms", "dist")
YAML_DIST = ("yaml", "browser", "dist")  # the YAML reader and writer of our formats
#: The portal's stylesheets shown in the editor's preview pane, from the site's root.
PREVIEW_STYLES = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css",
                  "assets/stylesheets/fonts.css", "assets/stylesheets/portal.css", "assets/stylesheets/identity.css")


def admin_policy(project: Project) -> str:
    """The editor's own policy. Scripts only from the site's files, as on the public
    pages, never inline; the differences are what Decap CMS needs (measured in
    headless Chromium, tests/test_editor.py): ``'unsafe-eval'`` for the validator
    of its configuration (Ajv compiles checks to functions), styles its components
    write at run time (``'unsafe-inline'`` for styles only), pictures being
    uploaded (``blob:``), and its git host (``editor.backend``) or the local proxy
    of ``make edit``. The public pages keep their stricter policy."""
    hosts = " ".join(connect_sources(backend_settings(project.options)))
    directives = {
        "default-src": "'self'",
        "script-src": "'self' 'unsafe-eval'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": f"'self' data: blob: {hosts}",
        "font-src": "'self' data:",
        "connect-src": f"'self' blob: {hosts}",
        "frame-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def write_admin(site_dir: Path, project: Project, node_modules: Path) -> None:
    """Write ``site_dir/admin/``. Unchanged files are not written again (a preview's rebuilds)."""
    target = site_dir / ADMIN_DIR
    decap, yaml_dist = node_modules.joinpath(*DECAP_DIST), node_modules.joinpath(*YAML_DIST)
    if not (decap / "decap-cms.js").is_file() or not (yaml_dist / "index.js").is_file():
        raise PortalError("editor_files_missing", folder=str(node_modules))
    for source in decap.iterdir():
        if source.name.endswith(".decap-cms.js") or source.name == "decap-cms.js" or source.suffix == ".wasm":
            _copy(source, target / source.name)
    for source in yaml_dist.rglob("*.js"):
        _copy(source, target / "yaml" / source.relative_to(yaml_dist))
    for source in (HERE / "static").iterdir():
        _copy(source, target / source.name)
    interfaces = [lang for lang in project.languages if lang in INTERFACES]
    configs = {lang: decap_config(project.speaking(lang)) for lang in interfaces}
    # JSON, read by portal-admin.js: static hosts serve .yml with a type Decap does not read as YAML.
    for lang, config in configs.items():
        _write(target / _config_name(project, lang), json.dumps(config, ensure_ascii=False, indent=1))
    _write(target / "portal-admin.json", json.dumps(_settings(site_dir, project, configs), ensure_ascii=False, indent=1))
    page = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["j2"]))
    _write(target / "index.html", page.get_template("index.html.j2").render(
        lang=project.ui, csp=admin_policy(project), title=t(project.ui, "editor.admin_title"),
        noscript=t(project.ui, "editor.noscript")))


def _config_name(project: Project, lang: str) -> str:
    """``config.json`` in the default language (the one a link to /admin/ opens), ``config.<lang>.json`` for others."""
    return "config.json" if lang == project.default else f"config.{lang}.json"


def _settings(site_dir: Path, project: Project, configs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What portal-admin.js needs: our strings, the preview's stylesheets, the translations' collections."""
    locales = {}
    for path in sorted((HERE / "locales").glob("*.yml")):
        locales[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    styles = [f"../{match.relative_to(site_dir).as_posix()}" for pattern in PREVIEW_STYLES
              for match in sorted(site_dir.glob(pattern))]
    collections = configs[project.ui]["collections"]  # names and fields are the same in every language
    return {
        "policy": admin_policy(project),  # for the web server's headers (portal/publishing/headers.py)
        "originalField": ORIGINAL_FIELD,
        "keyOrder": key_order(collections),
        "translations": [c["name"] for c in collections if any(f["name"] == ORIGINAL_FIELD for f in c.get("fields", []))],
        # Pages and items are previewed as the portal shows them: the fields the table of facts leaves out.
        "pageCollections": [c["name"] for c in collections if c.get("format") == "portal-markdown"],
        "previewSkip": [*PREVIEW_SKIP, ORIGINAL_FIELD],
        # Times are the portal's: Viet Nam's, whatever the editor's computer says.
        "timeZone": TIMEZONE.key,
        "timeOffset": _offset(datetime.datetime.now(TIMEZONE)),
        "locales": locales,
        # The interface's languages, the default first (?ui=en, ?ui=lo): its configuration and our words.
        "interfaces": {lang: {"config": _config_name(project, lang), "title": t(lang, "editor.admin_title"),
                              "originalMissing": t(lang, "editor.original_missing")} for lang in configs},
        "previewStyles": styles,
    }


def _offset(moment: datetime.datetime) -> str:
    """"+07:00": the offset as dates in front matter write it."""
    offset = moment.strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


def key_order(collections: list[dict[str, Any]]) -> list[str]:
    """Every field name in the order the forms show them (first seen first): the order the editor writes keys in."""
    order: dict[str, None] = {}

    def walk(spec: list[dict[str, Any]]) -> None:
        for field in spec:
            order.setdefault(field["name"], None)
            walk(field.get("fields", []))

    for collection in collections:
        for entry in [collection, *collection.get("files", [])]:
            walk(entry.get("fields", []))
    return list(order)


def built_policy(site_dir: Path) -> str | None:
    """The admin page's policy in a finished build, if it has one (the headers name it)."""
    settings = site_dir / ADMIN_DIR / "portal-admin.json"
    return json.loads(settings.read_text(encoding="utf-8"))["policy"] if settings.is_file() else None


def _copy(source: Path, target: Path) -> None:
    if target.is_file() and target.stat().st_size == source.stat().st_size \
            and target.stat().st_mtime >= source.stat().st_mtime:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def find_node_modules(start: Path = HERE) -> Path:
    """The ``node_modules`` that ``npm ci`` filled, found as Node.js finds packages from
    ``start`` (this package: the checkout's, as the search indexer's Pagefind)."""
    for folder in (start, *start.parents):
        if (folder / "node_modules").is_dir():
            return folder / "node_modules"
    return start / "node_modules"
