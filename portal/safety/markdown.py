"""What the Markdown of a page may put on the page (docs/publishing.md).

The policy: editors write Markdown. Raw HTML is refused but for a few
inline tags with no behaviour (:data:`INLINE_HTML`: emphasis, sub- and
superscripts, abbreviations, line breaks, a language span), written
exactly as ``<tag attribute="value">``. Every ``<`` of raw HTML must start
one of them, so nothing the browser could read as another element gets
through. Attribute lists (``{: .class }``) may set ids, classes and
languages only. Every link passes the URL allowlist
(:mod:`portal.safety.urls`); images must be files of the portal. A
``<script>``, an event handler, an ``<iframe>``, a ``javascript:`` link or
an HTML comment (which readers can see in the page source) is an error
naming the file and line, never silently dropped.

:class:`ContentRules` is a Python-Markdown extension: it checks the raw
HTML Markdown sets aside, and every element of the tree after all other
tree processors have run, so it sees the attributes and addresses exactly
as they will be written.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from dataclasses import dataclass, field
from xml.etree import ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from portal.errors import PortalError
from portal.safety import urls
from portal.validation import url_reason

#: Raw HTML an editor may write: tag -> its allowed attributes.
INLINE_HTML: dict[str, tuple[str, ...]] = {
    "b": (), "strong": (), "i": (), "em": (), "u": (), "s": (), "small": (), "mark": (),
    "sub": (), "sup": (), "kbd": (), "code": (), "br": (), "wbr": (), "q": ("lang",),
    "abbr": ("title",), "span": ("lang", "dir"), "bdi": ("lang", "dir"), "time": ("datetime",),
}
#: Elements Markdown itself makes from the extensions in mkdocs.yml.
MARKDOWN_ELEMENTS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "span", "sup",
}
#: Attributes on them: what Markdown writes, and what an attribute list may add.
MARKDOWN_ATTRIBUTES = {"id", "class", "lang", "dir", "title", "href", "src", "alt", "width", "height", "align", "start"}

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+=\"[^\"<>`]*\")*)\s*/?>")
_ATTRIBUTE = re.compile(r"([a-zA-Z-]+)=\"([^\"]*)\"")
_VALUES = {
    "lang": re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*"),
    "dir": re.compile(r"ltr|rtl|auto"),
    "datetime": re.compile(r"[0-9T:+.\- ]{4,30}"),
    "id": re.compile(r"(?!__)[^\s\"'<>`]{1,100}"),  # not Material's own (__drawer, __config...)
    "class": re.compile(r"[A-Za-z0-9_-]+( [A-Za-z0-9_-]+)*"),
    "width": re.compile(r"[0-9]{1,4}(px|%)?"),
    "height": re.compile(r"[0-9]{1,4}(px|%)?"),
    "align": re.compile(r"left|right|center"),  # the tables extension's column alignment
    "start": re.compile(r"[0-9]{1,6}"),
}


@dataclass(frozen=True)
class Problem:
    """Something a page's text may not contain: its kind (``errors.content_<kind>``) and the text in question."""

    kind: str  # html, comment, attribute, url, image_url, heading_one
    value: str
    needle: str  # what to look for in the file to find the line
    reason: str = ""  # for urls: why (``errors.url_<reason>``)
    scheme: str = ""


def check_raw_html(fragment: str, refused: set[str] | None = None) -> list[Problem]:
    """Every ``<`` of a piece of raw HTML must open an allowed inline tag.
    ``refused``: tags reported already (on this page), whose closing tags are not reported again."""
    problems = []
    refused = set() if refused is None else refused
    position = fragment.find("<")
    while position != -1:
        match = _TAG.match(fragment, position)
        snippet = fragment[position : position + 60].split("\n")[0]
        if fragment.startswith("<!--", position):
            problems.append(Problem("comment", snippet, "<!--"))
            end = fragment.find("-->", position)
            position = fragment.find("<", end + 3 if end != -1 else position + 1)
            continue
        if match is None:
            problems.append(Problem("html", snippet, snippet[:30]))
            position = fragment.find("<", position + 1)
            continue
        closing, tag, attributes = match.group(1), match.group(2).lower(), match.group(3)
        allowed = INLINE_HTML.get(tag)
        if allowed is None or (closing and attributes.strip()):
            if not (closing and tag in refused):
                problems.append(Problem("html", match.group(0), match.group(0)[:30]))
            refused.add(tag)
        else:
            for name, value in _ATTRIBUTE.findall(attributes):
                name = name.lower()
                if name not in allowed or not _valid_value(name, value):
                    problems.append(Problem("attribute", f'{name}="{value}"', f"{name}="))
        position = fragment.find("<", match.end())
    return problems


def check_tree(root: etree.Element) -> list[Problem]:
    """Every element, attribute and address Markdown made."""
    problems = []
    for element in root.iter():
        if element is root:
            continue
        if element.tag not in MARKDOWN_ELEMENTS:
            problems.append(Problem("html", f"<{element.tag}>", f"<{element.tag}"))
        for name, value in element.attrib.items():
            if name not in MARKDOWN_ATTRIBUTES or (name in _VALUES and not _valid_value(name, value)):
                problems.append(Problem("attribute", f'{name}="{value}"'[:80], f"{name}="))
            elif name in ("href", "src"):
                reason = urls.problem(value, images=name == "src")
                if reason:
                    kind = "image_url" if name == "src" else "url"
                    problems.append(Problem(kind, value, value[:40], reason, urls.scheme(value)))
    return problems


def _valid_value(name: str, value: str) -> bool:
    pattern = _VALUES.get(name)
    if pattern is not None:
        return bool(pattern.fullmatch(html.unescape(value)))
    return True


@dataclass
class _Page:
    problems: list[Problem] = field(default_factory=list)
    checked: bool = True
    titled: bool = False  # its title comes from the front matter and is printed above the text


class ContentRules(Extension):
    """The Markdown extension; the site engine says which page comes next
    (:meth:`start`), then collects what it found (:meth:`finish`)."""

    def __init__(self) -> None:
        super().__init__()
        self._page = _Page(checked=False)

    def start(self, checked: bool, titled: bool = False) -> None:
        """A page is about to be rendered; ``checked``: it is editors' text
        (generated pages come from our own templates); ``titled``: a dated
        item, whose title (with its facts under it) the theme prints, so its
        text may not have a title of its own (a second ``<h1>``)."""
        self._page = _Page(checked=checked, titled=titled)

    def finish(self) -> list[Problem]:
        problems, self._page = self._page.problems, _Page(checked=False)
        return problems

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After every other tree processor (MkDocs' link rewriting is at 1, unescaping at 0).
        md.treeprocessors.register(_Checker(md, self), "portal_content_rules", -100)


class _Checker(Treeprocessor):
    def __init__(self, md: Markdown, rules: ContentRules) -> None:
        super().__init__(md)
        self.rules = rules

    def run(self, root: etree.Element) -> None:
        page = self.rules._page
        if not page.checked:
            return
        refused: set[str] = set()
        for fragment in self.md.htmlStash.rawHtmlBlocks:
            page.problems += check_raw_html(fragment if isinstance(fragment, str) else etree.tostring(fragment, "unicode"),
                                            refused)
        page.problems += check_tree(root)
        if page.titled:
            for heading in root.iter("h1"):
                written = _heading_text(heading, self.md.htmlStash.rawHtmlBlocks)
                page.problems.append(Problem("heading_one", html.unescape(written), f"# {written}"))


def _heading_text(element: etree.Element, stash: list) -> str:
    """A heading's text as written (character references as such, found in
    Markdown's stash), without the permalink the toc extension adds."""
    parts = [element.text or ""]
    for child in element:
        if "headerlink" not in (child.get("class") or "").split():
            parts.append(_heading_text(child, stash))
        parts.append(child.tail or "")
    text = "".join(parts).strip()
    return HTML_PLACEHOLDER_RE.sub(lambda match: str(stash[int(match.group(1))]), text)


def refusals(problems: list[Problem], source: Path, shown: str) -> list[PortalError]:
    """What an editor's page may not contain, as errors naming its file (``shown``) and line."""
    if not problems:
        return []
    text = source.read_text(encoding="utf-8")
    return [
        PortalError(f"content_{problem.kind}", file=shown,
                    line=line_of(text, problem.needle) or line_of(text, problem.scheme or problem.needle),
                    value=problem.value, reason=url_reason(problem.reason, problem.scheme) if problem.reason else "")
        for problem in problems
    ]


def line_of(text: str, needle: str, first_line: int = 1) -> int | None:
    """Line (1-based, counted from ``first_line``) of the first occurrence of
    ``needle`` in ``text``, ignoring case; None if it is not there."""
    index = text.lower().find(needle.lower())
    return None if index == -1 else text.count("\n", 0, index) + first_line
