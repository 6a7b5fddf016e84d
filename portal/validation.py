"""Checking YAML against the schema with errors editors can act on: YAML
read once (:mod:`portal.yamlfile`), pydantic validation, and each problem
turned into a :class:`PortalError` naming file, line and field in Vietnamese
and English.

Used for ``data/*.yml`` and for the front matter of pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from portal.errors import Expected, Phrase, PortalError
from portal.sources import read_text
from portal.yamlfile import Located, parse


def load_located(path: Path, shown: str) -> Located:
    return parse(read_text(path, shown), shown)


def validate(
    located: Located, shape: Any, data: Any, context: dict, errors: list[PortalError], prefix: tuple = ()
) -> Any:
    """Validate ``data`` (found at ``prefix`` in the file); None if invalid."""
    try:
        return TypeAdapter(shape).validate_python(data, context=context)
    except ValidationError as failure:
        errors += [
            from_pydantic(located, {**error, "loc": prefix + tuple(error["loc"])}, _fields_at(shape, error["loc"][:-1]))
            for error in failure.errors()
        ]
        return None


def _fields_at(shape: Any, loc: tuple) -> list[str]:
    """Field names of the model found at ``loc`` inside ``shape`` (for "known fields")."""
    for step in loc:
        if isinstance(shape, type) and issubclass(shape, BaseModel) and isinstance(step, str):
            field = shape.model_fields.get(step)
            if field is None:
                return []
            shape = field.annotation
        shape = next((arg for arg in get_args(shape) if isinstance(arg, type) and issubclass(arg, BaseModel)), shape)
    if isinstance(shape, type) and issubclass(shape, BaseModel):
        return sorted(shape.model_fields)
    inner = [arg for arg in get_args(shape) if isinstance(arg, type) and issubclass(arg, BaseModel)]
    return sorted(inner[0].model_fields) if inner else []


# pydantic error type -> our message key (see ``errors`` in portal/i18n/*.yml)
_OWN_TYPES = {
    "missing": "data_missing",
    "extra_forbidden": "data_unknown_field",
    "literal_error": "data_bad_choice",
    "unsafe_text": "data_unsafe_text",
    "control_character": "data_control_character",
    "unsafe_url": "data_unsafe_url",
    "bad_content_path": "data_bad_content_path",
    "finite_number": "data_not_finite",
    "empty_text": "data_empty_text",
    "missing_alt": "data_missing_alt",
    "missing_to_publish": "data_missing_to_publish",
    "end_before_start": "event_end_before_start",
    "bad_slug": "data_bad_slug",
    "unknown_language": "data_unknown_language",
    "missing_default_language": "data_missing_default_language",
    "unknown_portal": "data_unknown_portal",
    "string_pattern_mismatch": "data_bad_format",
    "greater_than_equal": "data_out_of_range",
    "less_than_equal": "data_out_of_range",
}
_EXPECTED = {  # type prefix -> phrase key (errors.expected_*)
    "string": "text",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "date": "date",
    "list": "list",
    "dict": "mapping",
    "model": "mapping",
}


#: What a field in the right form looks like (``data_bad_format``), by field name.
_FORMAT_EXAMPLES = {"phone": "+84 225 000 0000", "email": "doingoai@haiphong.gov.vn", "number": "2.1"}


def url_reason(why: str | None, scheme: str | None) -> Phrase:
    """Why an address is refused (``errors.url_*``), for any message that names one."""
    return Phrase(f"url_{why or 'scheme'}", scheme=scheme or "")


def from_pydantic(located: Located, error: dict, known: list[str] | None = None) -> PortalError:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    field_name = ".".join(str(step) for step in loc if not isinstance(step, int)) or None
    if kind == "missing":
        line = located.line(loc[:-1])
    elif loc and isinstance(loc[-1], str):
        line = located.key_line(loc)
    elif kind == "missing_alt":  # a rule of the whole page: point at the image
        line = located.key_line(loc + ("image",))
        field_name = "image_alt"
    elif kind == "missing_to_publish":  # a rule of the whole item: point at its first line
        line = located.line(loc)
        field_name = ctx.get("fields")
    elif kind == "end_before_start":
        line = located.key_line(loc + ("end",))
        field_name = "end"
    else:
        line = located.line(loc)
    params: dict[str, Any] = {}
    key = _OWN_TYPES.get(kind)
    if key == "data_unknown_field":
        params["known"] = ", ".join(known or [])
    elif key == "data_bad_choice":
        params["allowed"] = ctx.get("expected", "")
        params["value"] = error.get("input")
    elif key == "data_out_of_range":
        params["limit"] = ctx.get("ge", ctx.get("le"))
    elif key in ("data_bad_slug", "data_bad_content_path"):
        params["value"] = ctx.get("value")
    elif key == "data_unsafe_url":
        params = {"value": error.get("input"), "reason": url_reason(ctx.get("why"), ctx.get("scheme"))}
    elif key == "data_bad_format":
        params["example"] = _FORMAT_EXAMPLES.get(str(loc[-1]) if loc else "", "2.1")
    elif key == "data_unknown_language":  # point at the offending `xx:` line
        params.update(code=ctx.get("code"), configured=ctx.get("configured"))
        line = located.key_line(loc + (ctx.get("code"),))
        field_name = f"{field_name}.{ctx.get('code')}"
    elif key == "data_missing_default_language":
        params["code"] = ctx.get("code")
    elif key == "data_unknown_portal":
        params.update(value=ctx.get("value"), known=ctx.get("known"))
    elif key is None:
        family = next((phrase for prefix, phrase in _EXPECTED.items() if kind.startswith(prefix)), None)
        if family is not None and field_name is None:  # the whole file: a list where a mapping belongs...
            key, params = "data_file_wrong_type", {"expected": Expected(family)}
        elif family is not None:
            key, params = "data_wrong_type", {"expected": Expected(family)}
        else:
            key, params = "data_invalid", {"problem": error.get("msg", kind)}
    return PortalError(key, file=located.shown, line=line, field=field_name, **params)
