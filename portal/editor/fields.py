"""The web editor's form fields, read from our schema (the pydantic models of
``portal/content/models.py`` and ``portal/data/models.py``): a field added to
a model appears in the editor with no other edit, with the model's rules
(required, choices, bounds, patterns). Decap CMS widgets:
https://decapcms.org/docs/widgets/

Labels and choice names come from the string tables (``editor.fields``,
and the tables the public pages use for choices); a field with no label
there is shown by its name.
"""

from __future__ import annotations

import datetime
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import annotated_types
from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo

from portal.data import models as data_models
from portal.i18n import table

#: Where the names of a field's choices are, by field name (else the value itself is shown).
CHOICE_TABLES = {
    "category": ("articles.categories",),
    "verdict": ("articles.verdicts",),
    "form": ("data.forms",),
    "group": ("data.ocop.groups",),
    "sector": ("data.sectors",),
    "sectors": ("data.sectors",),
    "status": ("data.statuses", "data.task_statuses"),
    "visibility": ("editor.visibility",),
}
#: Text fields written as paragraphs rather than one line.
LONG_TEXT = {"summary", "description", "eligibility", "claim", "infrastructure"}
#: Files inside content/ that are pictures (the others are documents to download).
PICTURES = {"image", "src"}
#: Our date field (static/portal-admin.js): a day ("2026-11-20"), or a day and a time in Viet Nam's
#: time ("2026-11-20T09:00:00+07:00"). Decap's own re-reads the date at every key and saves a year
#: being typed ("2", "20") as 1902, 1920 (decap-cms#7939).
DATE_WIDGET = "portal-date"


@dataclass(frozen=True)
class Context:
    """What the fields need to know about the portal."""

    ui: str  # the language of labels
    languages: list[str]  # the portal's languages, the default first
    portals: dict[str, str]  # portal id -> name, for ``portals:``


#: Shown first: what names the item. Shown last, after the text: how and where it is published.
FIRST = ("slug", "code", "title", "date")
SETTINGS = ("tags", "description", "updated", "featured", "print", "portals", "draft", "publish_date", "visibility",
            "icon", "template", "hide", "search")
#: After the fields of the item's own kind (an event's start and place...): the fields every kind shares.
SHARED = ("summary", "image", "image_alt")
#: What a preview shows otherwise than in the table of facts (the title, the picture), or not at all.
PREVIEW_SKIP = ("slug", "code", "title", "body", "status", *SHARED, *SETTINGS)


def fields(model: type[BaseModel], context: Context) -> list[dict[str, Any]]:
    """Every field of ``model``, in the order an editor fills them in: what names
    it, what its kind asks for (an event's time and place), what every kind has
    (summary, picture and its description, in the model's order otherwise), then
    the publishing settings."""
    from portal.content.models import Page

    names = list(model.model_fields)
    settings = (*SETTINGS, "status") if issubclass(model, Page) else SETTINGS  # a page's status is the theme's mark
    inherited = {name for base in model.__mro__[1:] if isinstance(base, type) and issubclass(base, BaseModel)
                 for name in base.model_fields}

    def rank(name: str) -> tuple[int, int]:
        if name in FIRST:
            return 0, FIRST.index(name)
        if name in settings:
            return 3, names.index(name)
        if name not in inherited:
            return 1, names.index(name)
        return 2, SHARED.index(name) if name in SHARED else len(SHARED) + names.index(name)

    return [widget(name, model.model_fields[name], context) for name in sorted(names, key=rank)]


def with_body(spec: list[dict[str, Any]], body: dict[str, Any]) -> list[dict[str, Any]]:
    """A page's fields with its text before the publishing settings."""
    at = next((index for index, field in enumerate(spec) if field["name"] in SETTINGS), len(spec))
    return [*spec[:at], body, *spec[at:]]


def widget(name: str, info: FieldInfo, context: Context) -> dict[str, Any]:
    annotation, optional = _unwrap_optional(info.annotation)
    spec = {"name": name, "label": label(context.ui, name), **_shape(name, annotation, info.metadata, context)}
    if optional or not info.is_required():
        spec["required"] = False
        # Decap checks an empty optional group's required parts all the same (it would refuse to save):
        # what a group needs once filled in is left to the checks (portal check, the build).
        for part in spec.get("fields", []) if spec.get("widget") == "object" else []:
            part["required"] = False
    if "required" in spec and name in _to_publish_fields():
        del spec["required"]  # the editor asks for what publishing needs (drafts are made with `portal new`)
    return spec


def label(ui: str, key: str) -> str:
    return _find(ui, "editor.fields", key) or key


def language_name(ui: str, code: str) -> str:
    """A language's name in the interface's language (``tiếng Anh``), else its code."""
    return _find(ui, "language.names", code) or code


def _shape(name: str, annotation: Any, metadata: list, context: Context) -> dict[str, Any]:
    """The widget for one type (recursing into lists and models)."""
    base, extra = _unwrap_annotated(annotation)
    metadata = [*metadata, *extra]
    metadata += [rule for item in metadata if isinstance(item, FieldInfo) for rule in item.metadata]
    validators = {item.func for item in metadata if isinstance(item, AfterValidator)}
    if data_models._i18n in validators:  # text per language, side by side
        long = name in LONG_TEXT
        return {"widget": "object", "collapsed": False, "fields": [
            {"name": code, "label": language_name(context.ui, code),
             "widget": "text" if long else "string", **({} if index == 0 else {"required": False})}
            for index, code in enumerate(context.languages)]}
    if data_models._portal_id in validators:
        return {"widget": "select", "options": [{"label": title, "value": key} for key, title in context.portals.items()]}
    if data_models._content_path in validators:
        return {"widget": "image" if name in PICTURES else "file", "choose_url": False}
    if typing.get_origin(base) is Literal:
        return {"widget": "select", "options": [_option(context.ui, name, value) for value in typing.get_args(base)]}
    if typing.get_origin(base) is list:
        (item,) = typing.get_args(base)
        inner = _shape(name, item, [], context)
        if inner["widget"] == "select":
            return {**inner, "multiple": True}
        if inner["widget"] == "object":
            return {"widget": "list", "collapsed": True, "fields": inner["fields"]}
        return {"widget": "list", "field": {"name": name, "label": label(context.ui, name), **inner}}
    if isinstance(base, type) and issubclass(base, BaseModel):
        return {"widget": "object", "collapsed": True, "fields": fields(base, context)}
    if base is bool:
        return {"widget": "boolean", "default": False}
    if base in (int, float):
        spec: dict[str, Any] = {"widget": "number", "value_type": "int" if base is int else "float"}
        for item in metadata:
            if isinstance(item, annotated_types.Ge):
                spec["min"] = item.ge
            elif isinstance(item, annotated_types.Le):
                spec["max"] = item.le
        return spec
    if base is datetime.date:
        return {"widget": DATE_WIDGET, "time": False}
    if _is_union(base):  # a day, or a day and time
        return {"widget": DATE_WIDGET, "time": True}
    if base is str:
        spec = {"widget": "text" if name in LONG_TEXT else "string"}
        pattern = next((item.pattern for item in metadata if getattr(item, "pattern", None)), None)
        if data_models._slug in validators:
            pattern = f"^{data_models.SLUG.pattern}$"
        if pattern:
            spec["pattern"] = [pattern, label(context.ui, "pattern")]
        return spec
    raise TypeError(f"no editor widget for field {name!r} of type {base!r}")  # a new kind of type: add it here


def _option(ui: str, field_name: str, value: str) -> dict[str, str]:
    for where in CHOICE_TABLES.get(field_name, ()):
        found = _find(ui, where, value)
        if found:
            return {"label": found, "value": value}
    return {"label": value, "value": value}


def _find(ui: str, where: str, key: str) -> str | None:
    node: Any = table(ui)
    for part in [*where.split("."), key]:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, str) else None


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if _is_union(annotation):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        return (args[0] if len(args) == 1 else typing.Union[tuple(args)]), optional
    return annotation, False


def _unwrap_annotated(annotation: Any) -> tuple[Any, list]:
    if typing.get_origin(annotation) is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        inner, more = _unwrap_annotated(base)
        return inner, [*more, *metadata]
    return annotation, []


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


@cache
def _to_publish_fields() -> frozenset[str]:
    from portal.content.models import SECTIONS

    return frozenset(name for model in SECTIONS.values() for name in model.TO_PUBLISH)

