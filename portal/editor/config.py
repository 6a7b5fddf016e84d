"""The web editor's configuration (Decap CMS's ``config.yml``), made from our
schema and the portal's settings, never written by hand, so the editor and
the checks cannot drift apart.

Decap's own multilingual mode writes ``<folder>/<lang>/<slug>.md``, not our
``content/<lang>/<kind>/<slug>.md``: each kind of item has one collection per
language instead. A translation is saved under its original's file name
(the translator picks the original), which is how the build and the
translation report pair them. The data files are lists at their root, which
Decap cannot edit: our format ``portal-yaml-list`` (``static/portal-admin.js``)
shows the list as one field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from portal.content.models import SECTIONS, Page
from portal.data.load import DATASETS, PLANS_DIR
from portal.data.models import Plan
from portal.editor.fields import Context, fields, label, language_name, with_body
from portal.errors import PortalError
from portal.i18n import t
from portal.printing.publications import FOREWORD

#: The proxy ``make edit`` starts (decap-server), on the editor's own machine only.
LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"
#: Git hosts the editor can publish through, and the addresses its page talks to.
BACKENDS = {
    "github": {"api": "https://api.github.com", "images": "https://avatars.githubusercontent.com"},
    "gitlab": {"api": "https://gitlab.com", "images": "https://gitlab.com"},
    "gitea": {"api": "", "images": ""},  # self-hosted: its api_root
    "forgejo": {"api": "", "images": ""},  # self-hosted: its api_root
}
#: Hosts whose Decap backend cannot keep unpublished work on branches (it refuses
#: ``publish_mode: editorial_workflow``): their editors save to a branch of edits instead.
NO_WORKFLOW = ("gitea",)
#: Decap's publishing modes: every save a commit to the branch, or drafts on branches merged when published.
PUBLISH_MODES = ("editorial_workflow", "simple")
ORIGINAL_FIELD = "original"
#: An https address with a plain host name and path: nothing that could end a CSP directive.
SAFE_ADDRESS = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?")
ATTACHMENTS = "attachments"


@dataclass(frozen=True)
class Project:
    """Where the editor writes, from the project's root (``content``, ``data``), and who it is for."""

    content: str
    data: str
    languages: list[str]  # the default first
    portals: dict[str, str]  # id -> name
    site_url: str
    options: dict[str, Any]  # the portal plugin's ``editor`` option
    interface: str | None = None  # the language the editor speaks (labels, Decap's words); None: the default

    @property
    def default(self) -> str:
        """The language items are written in first; the others are its translations."""
        return self.languages[0]

    @property
    def ui(self) -> str:
        return self.interface or self.default

    def speaking(self, lang: str) -> Project:
        """The same editor, speaking ``lang``."""
        return replace(self, interface=lang)


def project_of(assembly: Any) -> Project:
    """The editor's view of a portal's build (a :class:`portal.site.assembly.Assembly`)."""
    from portal.site.settings import read_settings

    settings = assembly.settings
    default = assembly.languages[0].code
    return Project(
        content=settings.content_dir.relative_to(assembly.root).as_posix(),
        data=(assembly.root / settings.options["data_dir"]).resolve().relative_to(assembly.root).as_posix(),
        languages=[language.code for language in assembly.languages],
        portals={portal.id: read_settings(portal.config_file).site_names.get(default) or portal.id
                 for portal in assembly.portals},
        site_url=settings.site_url,
        options=settings.options.get("editor") or {},
    )


def decap_config(project: Project) -> dict[str, Any]:
    backend = backend_settings(project.options)
    return {
        "backend": backend,
        "local_backend": {"url": LOCAL_BACKEND, "allowed_hosts": ["127.0.0.1", "localhost"]},
        "publish_mode": project.options.get("publish_mode", "editorial_workflow"),
        "locale": project.ui,
        "site_url": project.site_url,
        "display_url": project.site_url,
        "logo_url": "",
        "media_folder": f"{project.content}/{ATTACHMENTS}",
        "public_folder": ATTACHMENTS,  # files are named from content/, as the front matter names them
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections(project),
    }


def collections(project: Project) -> list[dict[str, Any]]:
    context = Context(project.ui, project.languages, project.portals)
    result = []
    for folder, model in SECTIONS.items():
        for lang in project.languages:
            result.append(_items(project, context, folder, model, lang))
    for lang in project.languages:
        result.append({
            "name": f"pages-{lang}", "label": f"{label(project.ui, 'pages')} · {language_name(project.ui, lang)}",
            "folder": f"{project.content}/{lang}", "extension": "md", "format": "portal-markdown",
            "create": False, "delete": False, "identifier_field": "title",
            "fields": with_body(fields(Page, context), _body(project.ui)),
        })
    result.append({  # the printed publications' foreword, one file per language (portal/printing/)
        "name": "print", "label": t(project.ui, "print.publications"), "delete": False, "format": "portal-markdown",
        "files": [{
            "name": f"foreword-{lang}", "label": f"{t(project.ui, 'print.foreword')} · {language_name(project.ui, lang)}",
            "file": f"{project.content}/{lang}/{FOREWORD}",
            "fields": with_body(fields(Page, context), _body(project.ui)),
        } for lang in project.languages],
    })
    result.append({
        "name": "data", "label": label(project.ui, "data"), "delete": False,
        "format": "portal-yaml-list",  # read from the collection, not from each file
        "files": [{
            "name": name, "label": t(project.ui, f"data.{name}"), "file": f"{project.data}/{file_name}",
            "fields": [{"name": "items", "label": t(project.ui, f"data.{name}"), "widget": "list",
                        "collapsed": True, "summary": f"{{{{fields.{key}}}}}", "fields": fields(model, context)}],
        } for name, (file_name, model, key) in DATASETS.items()],
    })
    result.append({
        "name": "plans", "label": t(project.ui, "data.plans"), "folder": f"{project.data}/{PLANS_DIR}",
        "extension": "yml", "format": "portal-yaml", "create": True, "identifier_field": "slug",
        "slug": "{{slug}}", "summary": "{{number}}", "fields": fields(Plan, context),
    })
    return result


def _items(project: Project, context: Context, folder: str, model: type, lang: str) -> dict[str, Any]:
    """News, events...: one collection per language. The default language's items are named by
    date and title; a translation by the original it translates (which is not written in the file)."""
    spec = {
        "name": f"{folder}-{lang}", "label": f"{t(project.ui, f'articles.{folder}')} · {language_name(project.ui, lang)}",
        "label_singular": t(project.ui, f"articles.{folder}"),
        "folder": f"{project.content}/{lang}/{folder}", "extension": "md", "format": "portal-markdown",
        "create": True, "identifier_field": "title", "summary": "{{date}} · {{title}}",
        "sortable_fields": ["date", "title"],
        "slug": "{{date}}-{{title}}",
        "fields": with_body(fields(model, context), _body(project.ui)),
    }
    if lang != project.default:
        spec["slug"] = f"{{{{{ORIGINAL_FIELD}}}}}"
        spec["fields"].insert(0, {
            "name": ORIGINAL_FIELD, "label": label(project.ui, ORIGINAL_FIELD), "widget": "relation",
            "collection": f"{folder}-{project.default}", "value_field": "{{slug}}", "search_fields": ["title"],
            "display_fields": ["{{date}} · {{title}}"], "required": False,
            "hint": t(project.ui, "editor.original_hint"),
        })
    return spec


def _body(ui: str) -> dict[str, Any]:
    return {"name": "body", "label": label(ui, "body"), "widget": "markdown",
            "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list",
                        "numbered-list"], "editor_components": ["image"], "modes": ["rich_text", "raw"],
            # A page's HTML is shown in the preview cleaned (Decap's DOMPurify), besides the page's script-free CSP.
            "sanitize_preview": True}


def backend_settings(options: dict[str, Any]) -> dict[str, Any]:
    """The git host that publishes (``editor.backend`` in mkdocs.yml); checked
    here, with the messages editors read, before Decap would refuse it."""
    backend = dict(options.get("backend") or {"name": "github", "repo": "", "branch": "main"})
    name = backend.get("name")
    if name not in BACKENDS:
        raise PortalError("editor_backend", field="editor.backend.name", value=str(name), known=", ".join(BACKENDS))
    for key in ("api_root", "base_url"):  # they reach the admin page's Content Security Policy
        if key in backend and not SAFE_ADDRESS.fullmatch(str(backend[key])):
            raise PortalError("editor_backend_url", field=f"editor.backend.{key}", value=str(backend[key]))
    if not BACKENDS[name]["api"] and not backend.get("api_root"):  # self-hosted: no address to guess
        raise PortalError("editor_backend_self_hosted", field="editor.backend.api_root", value=name)
    mode = options.get("publish_mode", "editorial_workflow")
    if mode not in PUBLISH_MODES:
        raise PortalError("option_not_allowed", field="editor.publish_mode", value=str(mode), allowed=", ".join(PUBLISH_MODES))
    if name in NO_WORKFLOW and mode == "editorial_workflow":
        raise PortalError("editor_backend_no_workflow", field="editor.publish_mode", value=name)
    return backend


def connect_sources(backend: dict[str, Any]) -> list[str]:
    """Where the editor's page may connect and load pictures from: its git host, and the local proxy."""
    known = BACKENDS[backend["name"]]
    hosts = {_origin(str(backend.get("api_root") or known["api"])), _origin(str(backend.get("base_url") or "")),
             _origin(known["images"])} - {""}  # base_url: where it logs in (Gitea, GitLab: a token from there)
    local = _origin(LOCAL_BACKEND)
    return [*sorted(hosts), local, local.replace("127.0.0.1", "localhost")]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
