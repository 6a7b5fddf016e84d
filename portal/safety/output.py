"""The last check of every finished page, whatever made it: no script but
the theme's own files, no event handler, no frame or plugin, no refresh,
no address outside the allowlist. Content cannot get these past
:mod:`portal.safety.markdown` and the data schema; this check is there so
that a bug in a template, or a way round those checks, stops the build
instead of reaching readers, and so that the Content Security Policy never
has to allow anything inline.
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser

from portal.safety import urls

#: Script types a browser does not run: data blocks.
DATA_SCRIPTS = {"application/json", "application/ld+json"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "cite", "background"}
#: The editors' schemes, and the map links the data pages make from coordinates.
SCHEMES = urls.SCHEMES + ("geo",)
#: Attributes whose address the page loads by itself (not a link a reader follows).
LOADED = {"src", "poster", "data", "background"}


def check_page(text: str) -> list[str]:
    """What is wrong with a finished page, described for a maintainer (empty: nothing).

    A page is mostly the same tags as every other page (menus, links): each
    distinct tag is parsed once and remembered, which keeps the check cheap
    at thousands of pages. A page whose tags a plain split could misread (a
    ``<`` or an odd quote inside a tag, a comment) is parsed whole instead.
    """
    problems: list[str] = []
    position = text.find("<")
    while position != -1:
        end = text.find(">", position)
        tag = text[position : end + 1] if end != -1 else text[position:]
        if end == -1 or "<" in tag[1:] or tag.count('"') % 2 or tag.count("'") % 2 \
                or (tag.startswith("<!") and tag.lower() != "<!doctype html>"):
            return parse_whole(text)
        problems += _check_tag(tag)
        position = text.find("<", end)
    return problems


def parse_whole(text: str) -> list[str]:
    """:func:`check_page` the slow, sure way: the whole page through the HTML parser."""
    parser = _Guard()
    parser.feed(text)
    parser.close()
    return parser.problems


@lru_cache(maxsize=200_000)
def _check_tag(tag: str) -> list[str]:
    return parse_whole(tag)


class _Guard(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}>")
        for name, value in attributes.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            elif name in URL_ATTRIBUTES or name == "srcset":
                for address in value.split(",") if name == "srcset" else [value]:
                    address = address.strip().split(" ")[0] if name == "srcset" else address
                    loaded = name in LOADED or name == "srcset" or (tag == "link" and "stylesheet" in attributes.get("rel", ""))
                    reason = urls.problem(address, images=loaded, schemes=SCHEMES)
                    if reason:
                        self.problems.append(f"<{tag} {name}=\"{address[:60]}\"> ({reason})")
        if tag == "script":
            kind = attributes.get("type", "").lower()
            if "src" not in attributes and kind not in DATA_SCRIPTS:
                self.problems.append("<script> written into the page (an inline script)")
            if "src" in attributes and kind in DATA_SCRIPTS:
                self.problems.append(f"<script type=\"{kind}\" src=…>")
        if tag == "meta" and attributes.get("http-equiv", "").lower() not in ("", "content-security-policy"):
            self.problems.append(f"<meta http-equiv=\"{attributes['http-equiv']}\">")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
