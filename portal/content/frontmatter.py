"""Front matter: the ``---`` block of ``key: value`` lines at the top of a page.

MkDocs silently ignores a front matter block it cannot parse and then shows
the raw YAML as page text. We check every block first, against the schema of
its kind of page (:mod:`portal.content.models`), and stop the build with
errors that name file, line and field.
"""

from __future__ import annotations

from pathlib import Path

from portal.content.models import Page
from portal.errors import PortalError, raise_all
from portal.sources import read_text
from portal.validation import validate
from portal.yamlfile import parse

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
    return read_page(path, shown_as or str(path), model, context)[0]


def read_page(path: Path, shown: str, model: type[Page] = Page, context: dict | None = None
              ) -> tuple[Page, dict[str, int], str]:
    """The checked front matter, the line of each of its fields, and the text after it."""
    text = read_text(path, shown)
    lines = text.splitlines()
    block, body = "", text
    if lines and lines[0].rstrip() == FENCE_OPEN:
        for end, line in enumerate(lines[1:], start=1):
            if line.rstrip() in FENCE_CLOSE:
                block = "\n".join(lines[1:end]) + "\n"
                body = "\n".join(lines[end + 1 :])
                break
        else:
            raise PortalError("frontmatter_unclosed", file=shown, line=1)
    located = parse(block, shown, first_line=2, error_key="frontmatter_yaml")
    data = located.data if located.data is not None else {}
    if not isinstance(data, dict):
        raise PortalError("frontmatter_not_mapping", file=shown, line=2)
    errors: list[PortalError] = []
    page = validate(located, model, data, context or {}, errors)
    raise_all(errors)
    fields = {str(key): located.key_line((key,)) or 2 for key in data}
    return page, fields, body
