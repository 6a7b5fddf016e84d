"""What files a content folder may publish besides its pages.

Every file in ``content/`` is served from the portal's own address. A file a
browser opens as a document (``.html``, ``.js``, an SVG with a script) would
run in the portal's name, and on a host that sends no headers no policy
would stop it. So only the kinds of file a foreign-information portal
publishes are allowed (:data:`ALLOWED`), and an SVG image must be a picture
only: no script, event handler, embedded document or address of another
host.
"""

from __future__ import annotations

import re
from pathlib import Path

#: Images, documents, data and media editors publish. Anything else is refused.
ALLOWED = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico",
    ".pdf", ".txt", ".csv", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".ppt", ".pptx", ".odp", ".zip",
    ".mp3", ".mp4", ".webm", ".ogg",
}
#: What an SVG picture never needs, but a script in one does.
_SVG_ACTIVE = re.compile(
    r"<\s*(script|foreignobject|iframe|embed|object|handler|listener)\b|\bon[a-z]+\s*=|javascript\s*:|<!entity"
    r"|<\?xml-stylesheet|(?:xlink:)?href\s*=\s*[\"']?\s*(?!#)[a-z][a-z0-9+.-]*:",
    re.IGNORECASE,
)


def problem(path: Path) -> str | None:
    """Why the file may not be published (``file_type``, ``svg_active``), or None."""
    suffix = path.suffix.lower()
    if suffix not in ALLOWED:
        return "file_type"
    if suffix == ".svg" and _SVG_ACTIVE.search(path.read_bytes().decode("utf-8", "replace")):
        return "svg_active"
    return None
