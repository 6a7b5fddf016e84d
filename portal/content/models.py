"""The front matter schema of every kind of page editors write.

The kind comes from the folder: ``content/<lang>/news/*.md`` are news items,
``events/`` events, ``documents/`` documents, ``clarifications/``
clarifications of false information, ``press/`` press releases; anything
else is a plain page. One text per file: the file is in one language.
"""

from __future__ import annotations

import datetime
from pathlib import PurePosixPath
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from portal.data.models import Model, Portals, SafeText

#: Publication times are Viet Nam times.
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NEWS_CATEGORIES = ("investment", "economy", "tourism", "culture", "foreign-affairs", "announcements")
Hide = Literal["navigation", "toc", "footer", "path", "tags", "feedback"]


class Page(Model):
    title: SafeText | None = None
    description: SafeText | None = None
    image: SafeText | None = None
    icon: SafeText | None = None
    status: SafeText | None = None
    template: SafeText | None = None
    tags: list[SafeText] = []
    hide: list[Hide] = []
    search: dict | None = None
    #: Portals that publish the page besides the umbrella portal (see portal/site/portals.py).
    portals: Portals = []


class Source(Model):
    title: SafeText
    url: SafeText


class Article(Page):
    """What every dated item shares, and the publishing rules."""

    title: SafeText
    date: datetime.date
    summary: SafeText | None = None
    image_alt: SafeText | None = None
    #: Kept out of every output: a draft, an item before its publish_date,
    #: an internal item.
    draft: bool = False
    publish_date: datetime.datetime | datetime.date | None = None
    visibility: Literal["public", "internal"] = "public"

    @model_validator(mode="after")
    def _image_needs_alt(self) -> Article:
        if self.image and not self.image_alt:
            raise PydanticCustomError("missing_alt", "an image needs image_alt")
        return self

    def is_published(self, now: datetime.datetime) -> bool:
        if self.draft or self.visibility != "public":
            return False
        return self.publish_date is None or _as_time(self.publish_date) <= now


class News(Article):
    category: Literal[NEWS_CATEGORIES] = "announcements"  # type: ignore[valid-type]


class PressRelease(Article):
    pass


class Event(Article):
    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date | None = None
    place: SafeText
    organiser: SafeText


class Document(Article):
    """``date`` is the date the document was issued."""

    number: SafeText
    issuer: SafeText
    file: SafeText | None = None  # path inside content/, e.g. attachments/04-KH-UBND-2019.txt


class Clarification(Article):
    claim: SafeText
    claim_source: SafeText | None = None
    verdict: Literal["false", "misleading", "unproven"]
    sources: list[Source] = []


SECTIONS: dict[str, type[Article]] = {
    "news": News,
    "press": PressRelease,
    "events": Event,
    "documents": Document,
    "clarifications": Clarification,
}


def model_for(path_in_language: str) -> type[Page]:
    """The schema of a page from its path inside a language folder."""
    parts = PurePosixPath(path_in_language).parts
    if len(parts) >= 2 and parts[0] in SECTIONS and parts[-1] != "index.md":
        return SECTIONS[parts[0]]
    return Page


def now() -> datetime.datetime:
    """The publication clock: Viet Nam time, or ``PORTAL_NOW`` (ISO 8601) to
    build as of another moment (tests, reproducible builds)."""
    import os

    fixed = os.environ.get("PORTAL_NOW")
    if fixed:
        return _as_time(datetime.datetime.fromisoformat(fixed))
    return datetime.datetime.now(TIMEZONE)


def _as_time(value: datetime.datetime | datetime.date) -> datetime.datetime:
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time.min)
    return value if value.tzinfo else value.replace(tzinfo=TIMEZONE)
