"""Front matter: the ``---`` block of ``key: value`` lines at the top of a page.

MkDocs silently ignores a front matter block it cannot parse and then shows
the raw YAML as page text. We check every block first, against the schema of
its kind of page (:mod:`portal.content.models`), and stop the build with
errors that name file, line and field.
"""

from __future__ import annotations

from pathlib import Path

from portal.content.models import Page
from portal.errors import PortalError, PortalErrors
from portal.validation import parse_located, validate

FENCE_OPEN = "---"
FENCE_CLOSE = ("---", "...")


def read_front_matter(
    path: Path, shown_as: str | None = None, model: type[Page] = Page, context: dict | None = None
) -> Page:
    """Return the checked front matter of the Markdown file at ``path``.

    ``shown_as`` is the path printed in errors (relative to the project, which
    is what an editor recognises); it defaults to ``path``. ``context``: what
    validators need to know (the project's portal ids).
    """
    shown = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PortalError("file_unreadable", file=shown, problem=str(error)) from None
    lines = text.splitlines()
    block = ""
    if lines and lines[0].rstrip() == FENCE_OPEN:
        for end, line in enumerate(lines[1:], start=1):
            if line.rstrip() in FENCE_CLOSE:
                block = "\n".join(lines[1:end]) + "\n"
                break
        else:
            raise PortalError("frontmatter_unclosed", file=shown, line=1)
    located = parse_located(block, shown, first_line=2, error_key="frontmatter_yaml")
    data = located.data if located.data is not None else {}
    if not isinstance(data, dict):
        raise PortalError("frontmatter_not_mapping", file=shown, line=2)
    errors: list[PortalError] = []
    page = validate(located, model, data, context or {}, errors)
    if errors:
        raise PortalErrors(errors) if len(errors) > 1 else errors[0]
    return page
