"""Front matter: the ``---`` block of ``key: value`` lines at the top of a page.

MkDocs silently ignores a front matter block it cannot parse and then shows
the raw YAML as page text. We check every block first, against one schema,
and stop the build with an error that names file, line and field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from portal.errors import Expected, PortalError

FENCE_OPEN = "---"
FENCE_CLOSE = ("---", "...")


@dataclass(frozen=True)
class Field:
    """One allowed front matter key: its kind and, for lists, allowed values."""

    kind: str  # "text" | "list_of_text" | "boolean" | "mapping"
    choices: tuple[str, ...] = ()


#: The page schema. Material's own keys are listed so that editors may use
#: them; anything else is most likely a typo (``descripton``) and is refused.
PAGE_FIELDS: dict[str, Field] = {
    "title": Field("text"),
    "description": Field("text"),
    "image": Field("text"),
    "icon": Field("text"),
    "status": Field("text"),
    "template": Field("text"),
    "tags": Field("list_of_text"),
    "hide": Field("list_of_text", ("navigation", "toc", "footer", "path", "tags", "feedback")),
    "search": Field("mapping"),
}

_KIND_CHECKS = {
    "text": lambda v: isinstance(v, str),
    "list_of_text": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    "boolean": lambda v: isinstance(v, bool),
    "mapping": lambda v: isinstance(v, dict),
}


def read_front_matter(path: Path, shown_as: str | None = None) -> dict[str, Any]:
    """Return the checked front matter of the Markdown file at ``path``.

    ``shown_as`` is the path printed in errors (relative to the project, which
    is what an editor recognises); it defaults to ``path``.
    """
    shown = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PortalError("file_unreadable", file=shown, problem=str(error)) from None
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != FENCE_OPEN:
        return {}
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip() in FENCE_CLOSE:
            break
    else:
        raise PortalError("frontmatter_unclosed", file=shown, line=1)
    return _check_block("\n".join(lines[1:end]) + "\n", shown, first_line=2)


def _check_block(source: str, shown: str, first_line: int) -> dict[str, Any]:
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark else first_line
        problem = error.problem or error.context or str(error)
        raise PortalError("frontmatter_yaml", file=shown, line=line, problem=problem) from None
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise PortalError("frontmatter_not_mapping", file=shown, line=first_line + node.start_mark.line)
    for key_node, _value in node.value:
        name = key_node.value
        line = first_line + key_node.start_mark.line
        field = PAGE_FIELDS.get(name)
        if field is None:
            raise PortalError(
                "frontmatter_unknown_field", file=shown, line=line, field=name, known=sorted(PAGE_FIELDS)
            )
        value = data[name]
        if not _KIND_CHECKS[field.kind](value):
            raise PortalError(
                "frontmatter_wrong_type", file=shown, line=line, field=name, expected=Expected(field.kind)
            )
        for item in value if field.choices else ():
            if item not in field.choices:
                raise PortalError(
                    "frontmatter_bad_choice", file=shown, line=line, field=name, value=item, allowed=field.choices
                )
    return data
