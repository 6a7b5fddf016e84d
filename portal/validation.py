"""Checking YAML against the schema with errors editors can act on: YAML
read once (with libyaml when available) into data and a node tree that knows
the line of every value, pydantic validation, and each problem turned into a
:class:`PortalError` naming file, line and field in Vietnamese and English.

Used for ``data/*.yml`` and for the front matter of pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from portal.errors import Expected, PortalError


@dataclass(frozen=True)
class Located:
    """A YAML document's data and its node tree."""

    data: Any
    root: yaml.Node | None
    shown: str  # the file name to print
    first_line: int = 1  # line of the file where the YAML starts (front matter: 2)

    def line(self, path: tuple[Any, ...]) -> int | None:
        """1-based line of the deepest node on ``path`` (keys and list indexes)."""
        node = self.root
        line = self._line(node) if node is not None else None
        for step in path:
            node = _child(node, step)
            if node is None:
                break
            line = self._line(node)
        return line

    def key_line(self, path: tuple[Any, ...]) -> int | None:
        """Line of the key of the last step (for a field that is present)."""
        parent = self.root
        for step in path[:-1]:
            parent = _child(parent, step)
        if isinstance(parent, yaml.MappingNode):
            for key_node, _value in parent.value:
                if key_node.value == str(path[-1]):
                    return self._line(key_node)
        return self.line(path)

    def _line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line


def load_located(path: Path, shown: str) -> Located:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PortalError("file_unreadable", file=shown, problem=str(error)) from None
    return parse_located(text, shown)


def parse_located(text: str, shown: str, first_line: int = 1, error_key: str = "data_yaml") -> Located:
    """Parse once: the node tree, then the data built from it."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise PortalError(
            error_key,
            file=shown,
            line=mark.line + first_line if mark else first_line,
            problem=error.problem or error.context or str(error),
        ) from None
    finally:
        loader.dispose()
    return Located(data=data, root=root, shown=shown, first_line=first_line)


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
    "empty_text": "data_empty_text",
    "missing_alt": "data_missing_alt",
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
    elif key == "data_bad_slug":
        params["value"] = ctx.get("value")
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
        if family is not None:
            key, params = "data_wrong_type", {"expected": Expected(family)}
        else:
            key, params = "data_invalid", {"problem": error.get("msg", kind)}
    return PortalError(key, file=located.shown, line=line, field=field_name, **params)


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _child(node: yaml.Node | None, step: Any) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(step):
                return value_node
    return None
