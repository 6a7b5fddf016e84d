"""What editors write in a content folder (``content/`` or a portal's own):
every page with its checked front matter and the files it uses, the other
files, and the dated items (news, press releases, events, documents,
clarifications)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from portal.content.frontmatter import read_page
from portal.content.models import Article, Page, model_for
from portal.content.uses import files_used
from portal.errors import PortalError, raise_all
from portal.safety import files as file_rules
from portal.sources import files_under, shown


#: A file or folder name in a content folder: it becomes part of web addresses.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class PageFile:
    """One page in one language, as its editor wrote it."""

    lang: str
    path: str  # inside the language folder: "news/2024-09-04-heza-plan.md"
    source: Path
    shown: str  # the file as an editor knows it: "content/vi/news/2024-09-04-heza-plan.md"
    meta: Page
    lines: dict[str, int]  # line of each front matter field
    uses: frozenset[str]  # files inside the content folder it shows or links to

    @property
    def key(self) -> str:
        return f"{self.lang}/{self.path}"


@dataclass(frozen=True)
class Content:
    """One content folder: its pages and its other files."""

    folder: Path
    pages: list[PageFile]
    files: dict[str, Path]  # "attachments/x.pdf", "vi/img.png" -> the file

    def page(self, key: str) -> PageFile | None:
        return next((page for page in self.pages if page.key == key), None)


@dataclass(frozen=True)
class Item:
    """A dated item as a build shows it."""

    lang: str
    path: str  # inside the language folder: "news/2024-09-04-heza-plan.md"
    meta: Article
    published: bool  # False: shown by the preview only, marked as a draft
    source: Path | None = None  # its file (dates a publication that prints it)

    @property
    def section(self) -> str:
        return PurePosixPath(self.path).parts[0]

    @property
    def slug(self) -> str:
        return PurePosixPath(self.path).stem

    @property
    def attachment(self) -> str | None:
        """The file a document attaches (a path inside content/)."""
        return getattr(self.meta, "file", None)

    @property
    def sort_key(self) -> tuple:
        """Newest first, then by path (stable order for equal dates)."""
        return (-self.meta.date.toordinal(), self.path)


def read_content(content_dir: Path, languages: list[str], root: Path, portals: list[str] | None = None) -> Content:
    """Check every page of ``content_dir``; ``languages``: every language
    of the project, ``portals``: its portal ids.

    A page outside a language folder is an error: it would be published in
    every language at once. All problems are collected, so an editor sees
    them together.
    """
    errors: list[PortalError] = []
    pages: list[PageFile] = []
    files: dict[str, Path] = {}
    for path in files_under(content_dir, root):
        relative = path.relative_to(content_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue  # hidden files (.DS_Store, .gitkeep) are never published
        if not all(NAME.fullmatch(part) for part in relative.parts):
            errors.append(PortalError("content_file_name", file=shown(path, root), value=relative.as_posix()))
            continue
        if path.suffix != ".md":
            why = file_rules.problem(path)
            if why:
                errors.append(PortalError(f"content_{why}", file=shown(path, root), value=path.suffix.lower() or path.name,
                                          allowed=sorted(file_rules.ALLOWED)))
            files[relative.as_posix()] = path
            continue
        shown_as = shown(path, root)
        if len(relative.parts) < 2 or relative.parts[0] not in languages:
            errors.append(PortalError("page_outside_language", file=shown_as, languages=languages))
            continue
        lang, in_language = relative.parts[0], PurePosixPath(*relative.parts[1:]).as_posix()
        try:
            meta, lines, body = read_page(path, shown_as, model_for(in_language), {"portals": portals})
        except PortalError as error:
            errors += error.errors
            continue
        pages.append(PageFile(lang, in_language, path, shown_as, meta, lines, files_used(relative.as_posix(), meta, body)))
    raise_all(errors)
    return Content(content_dir, pages, files)


#: What a translation keeps from its source: it is the same item in another language.
#: (Its kind cannot differ: the kind comes from the folder, and a translation has the same path.)
KEPT_BY_TRANSLATIONS = ("date", "category", "portals", "start", "end")


def check_translations(content: Content, default: str) -> list[PortalError]:
    """A translation whose date, category, portals or event dates differ from
    its source's is an error naming both files: the languages would
    otherwise list the item on different days, topics or portals."""
    sources = {page.path: page for page in content.pages if page.lang == default}
    errors = []
    for page in content.pages:
        source = sources.get(page.path)
        if page.lang == default or source is None:
            continue
        for name in KEPT_BY_TRANSLATIONS:
            mine, theirs = getattr(page.meta, name, None), getattr(source.meta, name, None)
            if mine != theirs:
                errors.append(PortalError(
                    "translation_differs", file=page.shown, line=page.lines.get(name, 2), field=name,
                    value=_shown_value(mine), source=source.shown, source_value=_shown_value(theirs),
                ))
    return errors


def _shown_value(value: object) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
