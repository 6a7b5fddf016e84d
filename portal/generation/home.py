"""What a portal's home page shows under its editor's welcome text, in one
language: the latest news (featured first), the upcoming events by their own
days, investment figures from ``data/``, the latest clarification, and the
entry points for investors, visitors and the press. Plain data, computed
from what the build publishes; ``overrides/home.html`` prints it.

A portal chooses the order of the sections (``plugins.portal.home`` in its
mkdocs.yml); editors choose featured items (``featured: true``); everything
else follows publication.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from portal.content.items import Item
from portal.content.models import Clarification, Event, News
from portal.data.load import Portfolio
from portal.generation.articles import Site, event_days
from portal.generation.formatting import formatter
from portal.generation.images import Picture
from portal.i18n import t, tn
from portal.site.urls import page_path

#: The sections a home page can have, in the default order.
SECTIONS = ("audiences", "news", "events", "figures", "clarification")
LATEST_NEWS = 4
UPCOMING_EVENTS = 3


@dataclass(frozen=True)
class Card:
    """An item on the home page."""

    title: str
    path: str  # from the site root, for the theme's `url` filter
    when: str  # its date, or an event's days, in the page's language
    iso: str  # the same, for <time datetime>
    summary: str = ""
    image: str | None = None  # from the site root
    image_alt: str = ""
    note: str = ""  # an event's place, a clarification's verdict
    picture: Picture | None = None  # the image, resized


@dataclass(frozen=True)
class Figure:
    value: str  # formatted for the language ("4", "1,2 nghìn tỷ đồng")
    label: str
    path: str  # the data page it comes from


@dataclass(frozen=True)
class Audience:
    """Entry points for one kind of reader: the pages they start from."""

    title: str
    links: list[tuple[str, str]]  # (the page's title in the reader's language, its path from the site root)


@dataclass(frozen=True)
class HomeView:
    sections: list[str]
    news: list[Card] = field(default_factory=list)
    events: list[Card] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    clarification: Card | None = None
    audiences: list[Audience] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # section -> its full list ("news" -> "news/")


def home_view(lang: str, prefix: str, items: list[Item], portfolio: Portfolio, site: Site, options: dict,
              title_of: Callable[[str], str | None]) -> HomeView:
    """The home page of language ``lang`` (URL prefix ``prefix``). ``items``: the
    dated items the build shows; ``options``: the portal's ``home`` settings;
    ``title_of``: a page's title in this language (its own or the one shown
    untranslated), None if the build does not publish it, so an entry point
    never leads nowhere."""
    fmt = formatter(lang)
    mine = sorted((item for item in items if item.lang == lang and item.published), key=lambda item: item.sort_key)

    def address(path: str) -> str:
        return prefix + page_path(path, site.directory_urls)

    def card(item: Item, when: str, iso: str, note: str = "") -> Card:
        return Card(item.meta.title, address(item.path), when, iso, item.meta.summary or "",
                    item.meta.image, item.meta.image_alt or "", note, site.pictures.get(item.meta.image or ""))

    news = [item for item in mine if isinstance(item.meta, News)]
    news = sorted(news, key=lambda item: not getattr(item.meta, "featured", False))[:LATEST_NEWS]  # stable: featured first
    today = site.now.date()
    events = sorted((item for item in mine if isinstance(item.meta, Event) and event_days(item.meta)[1] >= today),
                    key=lambda item: (event_days(item.meta)[0], item.path))[:UPCOMING_EVENTS]
    clarification = next((item for item in mine if isinstance(item.meta, Clarification)), None)
    calling, total = portfolio.calling(), portfolio.investment_sought()
    figures = [
        Figure(fmt.number(len(portfolio.zones)), tn(lang, "home.zones", len(portfolio.zones)), address("invest/zones/index.md")),
        Figure(fmt.number(len(portfolio.parks)), tn(lang, "home.parks", len(portfolio.parks)), address("invest/parks/index.md")),
        Figure(fmt.number(len(calling)), tn(lang, "home.projects", len(calling)), address("invest/projects/index.md")),
    ]
    if total:
        figures.append(Figure(fmt.vnd(total), t(lang, "home.investment"), address("invest/projects/index.md")))
    audiences = [
        Audience(t(lang, f"home.audiences.{name}"),
                 [(title, address(page)) for page in pages if (title := title_of(page)) is not None])
        for name, pages in (options.get("audiences") or {}).items()
    ]
    return HomeView(
        sections=list(options.get("sections") or SECTIONS),
        news=[card(item, fmt.date(item.meta.date), item.meta.date.isoformat()) for item in news],
        events=[card(item, fmt.date_range(*event_days(item.meta)), event_days(item.meta)[0].isoformat(), item.meta.place)
                for item in events],
        figures=figures if portfolio.zones or portfolio.projects else [],
        clarification=card(clarification, fmt.date(clarification.meta.date), clarification.meta.date.isoformat(),
                           t(lang, f"articles.verdicts.{clarification.meta.verdict}")) if clarification else None,
        audiences=[audience for audience in audiences if audience.links],
        links={"news": address("news/index.md"), "events": address("events/index.md"),
               "clarification": address("clarifications/index.md"), "figures": address("invest/index.md")},
    )
