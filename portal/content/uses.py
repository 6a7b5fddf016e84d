"""The files a page uses: its front matter ``image`` and ``file``, and the
images and links of its text that lead to files of the content folder.

Read generously (any ``](…)``, reference definition or ``src=``/``href=``
counts): a file is left out of a build when only unpublished pages use it,
so a reference missed here in a draft would publish the draft's file,
while one seen too many only keeps a file back that nothing shows.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from portal.content.models import Page

_TARGETS = (
    re.compile(r"\]\(\s*<([^>\n]+)>"),  # [text](<a b.pdf>)
    re.compile(r"\]\(\s*([^)\s]+)"),  # [text](target "title"), ![alt](image)
    re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)", re.MULTILINE),  # [id]: target
    re.compile(r"""(?:src|href|data)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE),  # raw HTML
)


def files_used(page: str, meta: Page, body: str) -> frozenset[str]:
    """Paths inside the content folder (``attachments/x.pdf``) that the page
    at ``page`` (``vi/news/x.md``) uses; ``.md`` pages are not files."""
    used = {value for value in (meta.image, getattr(meta, "file", None)) if value}
    folder = posixpath.dirname(page)
    for pattern in _TARGETS:
        for target in pattern.findall(body):
            path = resolve(folder, target)
            if path and not path.endswith(".md"):
                used.add(path)
    return frozenset(used)


def resolve(folder: str, target: str) -> str | None:
    """``target`` as a path inside the content folder, or None (an address,
    an anchor, or a path that leaves the folder)."""
    target = unquote(target.split("#")[0].split("?")[0]).strip()
    if not target or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("//"):
        return None
    joined = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
    return None if joined.startswith("..") or joined == "." else joined
