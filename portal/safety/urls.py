"""The one rule for addresses editors write (links in Markdown, ``url``
fields in data and front matter): ``http:``, ``https:``, ``mailto:``,
``tel:`` or a path inside the portal. Nothing else reaches a page:
``javascript:``, ``data:``, ``vbscript:``, ``file:``... however written.

Browsers decode character references in attributes and drop tabs and line
breaks anywhere in a URL, so ``jav&#x61;script:`` and ``java<TAB>script:``
are ``javascript:`` to them: the scheme is read after the same
normalisation.
"""

from __future__ import annotations

import html
import re

SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]")


def normalise(url: str) -> str:
    """``url`` as a browser reads its scheme: references decoded, control
    and white-space characters removed."""
    return _INVISIBLE.sub("", html.unescape(html.unescape(url)))


def problem(url: str, *, images: bool = False, schemes: tuple[str, ...] = SCHEMES) -> str | None:
    """Why ``url`` may not be published, or None. ``images``: an address a
    page loads by itself, which must be a file of the portal (no request
    to another host, ever)."""
    clean = normalise(url)
    if "\\" in clean:
        return "backslash"
    if _INVISIBLE.search(url):
        return "spaces"
    match = _SCHEME.match(clean)
    if match:
        if match.group(1).lower() not in schemes:
            return "scheme"
        return "external_image" if images else None
    if clean.startswith("//"):
        return "external_image" if images else "no_scheme"
    return None


def scheme(url: str) -> str:
    """The scheme a browser would see (for messages), or ''."""
    match = _SCHEME.match(normalise(url))
    return match.group(1).lower() if match else ""
