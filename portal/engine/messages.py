"""MkDocs' warnings about what editors wrote, in our words.

MkDocs checks every link of a page as it renders it, and says so in English,
naming the engine's copy of the file ("Doc file 'vi/about.md' contains...")
and no line. An editor previewing the portal reads the same problem as
``portal check`` gives it: the file in ``content/``, the line, Vietnamese and
English. Warnings stay warnings (a strict build still stops on them); only
their words change. Messages about files editors do not write (generated
pages, the theme) are left as MkDocs wrote them.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from portal.errors import PortalError
from portal.safety.markdown import line_of
from portal.sources import read_text, shown

_DOC = r"Doc file '(?P<doc>[^']+)' contains "
#: MkDocs 1.6's messages (mkdocs/structure/pages.py, nav.py) -> our error keys.
LINK_MESSAGES = [
    (re.compile(_DOC + r"a link '(?P<link>[^']+)', but the target.* is not found"), "link_broken"),
    (re.compile(_DOC + r"an unrecognized relative link '(?P<link>[^']+)'"), "link_broken"),
    (re.compile(_DOC + r"an absolute link '(?P<link>[^']+)'"), "link_absolute"),
    (re.compile(_DOC + r"a link '(?P<link>[^']+)', but (there is no such anchor|the doc .* does not contain an anchor)"),
     "link_anchor_missing"),
]
NOT_IN_NAV = re.compile(r'The following pages exist in the docs directory, but are not included in the "nav"')
LISTED_PAGE = re.compile(r"^\s+- (?P<doc>\S+)$", re.MULTILINE)
#: The loggers MkDocs tells them with.
LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")


class EditorsWords(logging.Filter):
    """Rewrites MkDocs' link and menu warnings about the editors' files.

    A fallback page is rendered in every language from the same source, so
    one mistake would be told once per language: each is told once per build
    (:meth:`new_build`)."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: dict[str, Path] = {}
        self.root = Path()
        self.told: set[str] = set()

    def new_build(self, sources: dict[str, Path], root: Path) -> None:
        """``sources``: the engine's files ("vi/about.md") -> the editors' (generated ones are not there)."""
        self.sources, self.root = sources, root
        self.told.clear()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        errors = self._errors(record.getMessage())
        if errors is None:
            return True
        untold = [text for text in (error.render() for error in errors) if text not in self.told]
        self.told.update(untold)
        if not untold:
            return False
        record.msg, record.args = "\n\n".join(untold), ()
        return True

    def _errors(self, message: str) -> list[PortalError] | None:
        """Our errors for MkDocs' ``message``, or None to leave it as it is."""
        if NOT_IN_NAV.match(message):
            sources = [self.sources.get(match["doc"]) for match in LISTED_PAGE.finditer(message)]
            if not sources or None in sources:
                return None
            return [PortalError("page_not_in_menu", file=shown(source, self.root)) for source in sources]
        for pattern, key in LINK_MESSAGES:
            match = pattern.match(message)
            if match:
                source = self.sources.get(match["doc"])
                if source is None:
                    return None
                where = shown(source, self.root)
                try:
                    line = _line_of_link(read_text(source, where), match["link"])
                except PortalError:
                    line = None
                return [PortalError(key, file=where, line=line, value=match["link"])]
        return None


def _line_of_link(text: str, link: str) -> int | None:
    """The line where the Markdown links to ``link`` (or, failing that, names it)."""
    for written in (f"]({link}", f"]: {link}", f"<{link}>", f'"{link}"', link):
        line = line_of(text, written)
        if line is not None:
            return line
    return None
