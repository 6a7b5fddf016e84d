"""The dated items editors write (news, press releases, events, documents,
clarifications), read from ``content/`` with their checked front matter."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from portal.content.frontmatter import read_front_matter
from portal.content.models import Article, model_for
from portal.errors import PortalError, PortalErrors


@dataclass(frozen=True)
class Item:
    lang: str
    path: str  # inside the language folder: "news/2024-09-04-heza-plan.md"
    meta: Article
    published: bool

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


@dataclass(frozen=True)
class Content:
    items: list[Item]  # the dated items, sorted
    portals: dict[str, list[str]]  # "vi/about.md" -> the portals every page names


def read_content(
    content_dir: Path, languages: list[str], shown_root: Path, now: datetime.datetime, portals: list[str] | None = None
) -> Content:
    """Check the front matter of every page; return the dated items and
    the portals each page names (``portals``: the project's portal ids).

    All problems are collected, so an editor sees them together.
    """
    errors: list[PortalError] = []
    items = []
    named: dict[str, list[str]] = {}
    for page in sorted(content_dir.rglob("*.md")):
        relative = page.relative_to(content_dir)
        lang = relative.parts[0] if len(relative.parts) > 1 else None
        in_language = PurePosixPath(*relative.parts[1:]).as_posix() if lang else relative.as_posix()
        try:
            meta = read_front_matter(
                page, page.relative_to(shown_root).as_posix(), model_for(in_language), {"portals": portals}
            )
        except PortalError as error:
            errors.append(error)
            continue
        except PortalErrors as error:
            errors += error.errors
            continue
        named[relative.as_posix()] = meta.portals
        if isinstance(meta, Article) and lang in languages:
            items.append(Item(lang, in_language, meta, meta.is_published(now)))
    if errors:
        raise PortalErrors(errors)
    return Content(sorted(items, key=lambda item: (item.lang, item.sort_key)), named)


def publication(
    items: list[Item], preview: bool, on_portal: Callable[[Item], bool] = lambda item: True
) -> tuple[list[Item], set[str]]:
    """The items to show, and the content files to leave out of the site.

    Unpublished items (draft, embargoed, internal), items of other portals,
    and the attachments only they use are left out, so they reach no output
    at all; a preview (``mkdocs serve``) shows unpublished items, marked.
    """
    shown = [item for item in items if (item.published or preview) and on_portal(item)]
    left_out = {f"{item.lang}/{item.path}" for item in items if item not in shown}
    hidden_files = {item.attachment for item in items if item not in shown and item.attachment}
    left_out |= hidden_files - {item.attachment for item in shown if item.attachment}
    return shown, left_out
