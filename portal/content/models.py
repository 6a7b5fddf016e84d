"""The front matter schema of every kind of page editors write.

The kind comes from the folder: ``content/<lang>/news/*.md`` are news items,
``events/`` events, ``documents/`` documents, ``clarifications/``
clarifications of false information, ``press/`` press releases; anything
else is a plain page. One text per file: the file is in one language.
"""

from __future__ import annotations

import datetime
from pathlib import PurePosixPath
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from pydantic import StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from portal.clock import as_time
from portal.data.models import ContentPath, Model, Portals, Publishable, SafeText, SafeUrl

NEWS_CATEGORIES = ("investment", "economy", "tourism", "culture", "foreign-affairs", "announcements")
Hide = Literal["navigation", "toc", "footer", "path", "tags", "feedback"]
#: Names the theme looks up, never paths: ``material/account``, ``new``, ``main.html``.
IconName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(/[a-z0-9-]+)+$")]
StatusName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
TemplateName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+\.html$")]


class Search(Model):
    exclude: bool = False
    boost: Annotated[float, Field(ge=0, le=10)] | None = None


class Page(Publishable):
    """Every page. Draft, embargoed (``publish_date``) and internal pages are
    published nowhere (portal/site/publication.py)."""

    title: SafeText | None = None
    description: SafeText | None = None
    image: ContentPath | None = None
    icon: IconName | None = None
    status: StatusName | None = None
    template: TemplateName | None = None
    tags: list[SafeText] = []
    hide: list[Hide] = []
    search: Search | None = None
    #: Portals that publish the page besides the umbrella portal (see portal/site/portals.py).
    portals: Portals = []
    #: When the text last changed in substance ("last updated"); without it, the day of its last commit.
    updated: datetime.date | None = None


class Source(Model):
    title: SafeText
    url: SafeUrl


class Article(Page):
    """What every dated item shares.

    ``TO_PUBLISH``: fields a published item must have and a draft may still
    lack (``portal new`` and the web editor start items as drafts, before an
    editor knows the place or the document's number)."""

    TO_PUBLISH: ClassVar[tuple[str, ...]] = ()

    title: SafeText
    date: datetime.date
    summary: SafeText | None = None
    image_alt: SafeText | None = None
    #: Shown first among the latest news on the home page.
    featured: bool = False
    #: In the annual printed publication even from another year (true), or never (false);
    #: unset: when its date is in the publication's year (portal/printing/publications.py).
    print: bool | None = None

    @model_validator(mode="after")
    def _complete_unless_draft(self) -> Article:
        missing = [name for name in self.TO_PUBLISH if getattr(self, name) is None]
        if missing and not self.draft:
            raise PydanticCustomError("missing_to_publish", "a published item needs {fields}",
                                      {"fields": ", ".join(missing)})
        return self

    @model_validator(mode="after")
    def _image_needs_alt(self) -> Article:
        if self.image and not self.image_alt:
            raise PydanticCustomError("missing_alt", "an image needs image_alt")
        return self


class News(Article):
    category: Literal[NEWS_CATEGORIES] = "announcements"  # type: ignore[valid-type]


class PressRelease(Article):
    pass


class Event(Article):
    TO_PUBLISH = ("place", "organiser")

    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date | None = None
    place: SafeText | None = None
    organiser: SafeText | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Event:
        if self.end is not None and as_time(self.end) < as_time(self.start):
            raise PydanticCustomError("end_before_start", "the event ends before it starts")
        return self


class Document(Article):
    """``date`` is the date the document was issued."""

    TO_PUBLISH = ("number", "issuer")

    number: SafeText | None = None
    issuer: SafeText | None = None
    file: ContentPath | None = None  # e.g. attachments/04-KH-UBND-2019.txt


class Clarification(Article):
    TO_PUBLISH = ("claim",)

    claim: SafeText | None = None
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
