"""News, events, documents, clarifications and the press room: listing
pages, Atom feeds and iCalendar files per language, and what each item's own
page shows (facts, JSON-LD). Only published items may be passed in."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from icalendar import Calendar
from markupsafe import Markup
from icalendar import Event as CalendarEvent

from portal.content.items import Item
from portal.clock import TIMEZONE, as_time
from portal.content.models import Clarification, Document, Event, News
from portal.generation.formatting import formatter
from portal.generation.images import Picture
from portal.generation.rendering import GeneratedFile, PageContext, environment
from portal.generation.tables import with_controls
from portal.i18n import t
from portal.site.identity import Identity
from portal.site.languages import Language
from portal.site.urls import page_path

PER_PAGE = 10
FEED_SIZE = 20
FEED_SECTIONS = ("news", "press", "clarifications")
#: Every event of a language, in one calendar to subscribe to (inside the language's folder).
CALENDAR = "events/calendar.ics"
VERDICT_RATING = {"false": 1, "misleading": 2, "unproven": 3}  # schema.org Rating, worst 1 .. best 5


@dataclass(frozen=True)
class Site:
    """What the article pages need to know about the portal."""

    languages: list[Language]
    site_url: str
    site_names: dict[str, str]  # per language
    identity: Identity
    now: datetime.datetime
    directory_urls: bool = True
    pictures: dict[str, Picture] = field(default_factory=dict)  # published photos, resized

    def absolute(self, path: str) -> str:
        return urljoin(self.site_url, path)


def slugify(text: str) -> str:
    """A URL segment: Vietnamese letters lose their accents (đ → d); Lao
    letters are kept (their marks are not Latin accents)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not "\u0300" <= ch <= "\u036f")
    # Keep letters, digits and the marks of other scripts (Lao vowels and tones).
    kept = "".join(ch if ch.isalnum() or unicodedata.category(ch).startswith("M") else "-" for ch in text.lower())
    return unicodedata.normalize("NFC", re.sub(r"-+", "-", kept).strip("-")) or "tag"


def generate_articles(items: list[Item], site: Site) -> list[GeneratedFile]:
    env = environment()
    files: list[GeneratedFile] = []
    for lang in site.languages:
        sections: dict[str, list[Item]] = defaultdict(list)
        for item in sorted((i for i in items if i.lang == lang.code), key=lambda i: i.sort_key):
            sections[item.section].append(item)

        def render(page: str, template: str, **extra: Any) -> None:
            context = _ArticleContext(lang.code, page, site, lang.prefix)
            files.append(GeneratedFile(f"{lang.code}/{page}", with_controls(env.get_template(template).render(c=context, **extra)),
                                       listing=True))

        news = sections["news"]
        for base, title, chosen in _news_listings(news, lang.code):
            for number, chunk in _pages(chosen):
                page = f"{base}/index.md" if number == 1 else f"{base}/page/{number}.md"
                render(page, "news-list.md.j2", title=title, items=chunk, base=base, number=number,
                       count=_page_count(chosen), years=sorted({i.meta.date.year for i in news}, reverse=True))
        today = site.now.date()
        events = sorted(sections["events"], key=lambda e: (as_time(e.meta.start), e.path))  # by their own dates
        upcoming = [e for e in events if _last_day(e.meta) >= today]
        past = [e for e in reversed(events) if _last_day(e.meta) < today]  # the most recent first
        render("events/index.md", "events-list.md.j2", upcoming=upcoming, past=past)
        render("documents/index.md", "documents-list.md.j2", items=sections["documents"])
        render("clarifications/index.md", "clarifications-list.md.j2", items=sections["clarifications"])
        render("press/index.md", "press-list.md.j2", items=sections["press"])
        feeds = [("feed.xml", t(lang.code, "articles.news"), "news/index.md",
                  sorted((i for s in FEED_SECTIONS for i in sections[s]), key=lambda i: i.sort_key))]
        feeds += [(f"news/category/{category}/feed.xml", label, f"news/category/{category}/index.md", chosen)
                  for category, label, chosen in _categories(news, lang.code)]
        for path, title, page, chosen in feeds:
            context = _ArticleContext(lang.code, path, site, lang.prefix)
            files.append(GeneratedFile(f"{lang.code}/{path}", env.get_template("feed.xml.j2").render(
                c=context, items=chosen[:FEED_SIZE], title=title, page=page)))
        for event in events:
            files.append(GeneratedFile(f"{lang.code}/events/{event.slug}.ics", _calendar([event], site, lang)))
        files.append(GeneratedFile(f"{lang.code}/{CALENDAR}", _calendar(
            events, site, lang, f"{site.site_names[lang.code]}: {t(lang.code, 'articles.events')}")))
    return files


def _categories(news: list[Item], lang: str) -> list[tuple[str, str, list[Item]]]:
    """(category, its name in ``lang``, its items) of the categories that have news."""
    used = sorted({i.meta.category for i in news if isinstance(i.meta, News)})
    return [(category, t(lang, f"articles.categories.{category}"),
             [i for i in news if isinstance(i.meta, News) and i.meta.category == category]) for category in used]


def _news_listings(news: list[Item], lang: str) -> list[tuple[str, str, list[Item]]]:
    """(folder, title, items) of the news index, each category, tag and year."""
    listings = [("news", t(lang, "articles.news"), news)]
    for category, label, chosen in _categories(news, lang):
        listings.append((f"news/category/{category}", t(lang, "articles.category_title", category=label), chosen))
    tags: dict[str, str] = {}
    for item in news:
        for tag in item.meta.tags:
            tags.setdefault(slugify(tag), tag)
    for slug, tag in sorted(tags.items()):
        chosen = [i for i in news if any(slugify(x) == slug for x in i.meta.tags)]
        listings.append((f"news/tag/{slug}", t(lang, "articles.tag_title", tag=tag), chosen))
    for year in sorted({i.meta.date.year for i in news}):
        chosen = [i for i in news if i.meta.date.year == year]
        listings.append((f"news/archive/{year}", t(lang, "articles.archive_year", year=str(year)), chosen))
    return listings


def _pages(items: list[Item]) -> list[tuple[int, list[Item]]]:
    chunks = [items[start : start + PER_PAGE] for start in range(0, len(items), PER_PAGE)] or [[]]
    return list(enumerate(chunks, start=1))


def _page_count(items: list[Item]) -> int:
    return max(1, -(-len(items) // PER_PAGE))


def event_days(event: Event) -> tuple[datetime.date, datetime.date]:
    """An event's first and last day (Viet Nam time)."""
    return _day(event.start), _day(event.end or event.start)


def _last_day(event: Event) -> datetime.date:
    return event_days(event)[1]


def _day(value: datetime.date | datetime.datetime) -> datetime.date:
    return as_time(value).astimezone(TIMEZONE).date() if isinstance(value, datetime.datetime) else value


def _calendar(events: list[Item], site: Site, lang: Language, name: str | None = None) -> str:
    """An iCalendar file of ``events`` (one event's own file, or every event of a language)."""
    host = urlsplit(site.site_url).netloc or "portal"
    calendar = Calendar()
    calendar.add("prodid", f"-//{host}//portal//{lang.code.upper()}")
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_calendar_event(event, site, lang, host))
    return calendar.to_ical().decode("utf-8")


def _calendar_event(event: Item, site: Site, lang: Language, host: str) -> CalendarEvent:
    meta: Event = event.meta  # type: ignore[assignment]
    entry = CalendarEvent()
    entry.add("uid", f"{event.slug}@{host}")
    entry.add("summary", meta.title)
    entry.add("dtstamp", as_time(meta.date).astimezone(datetime.timezone.utc))  # from content, not the clock
    entry.add("dtstart", _calendar_time(meta.start))
    if meta.end is not None:
        # iCalendar all-day events end on the day after.
        end = meta.end + datetime.timedelta(days=1) if not isinstance(meta.end, datetime.datetime) else meta.end
        entry.add("dtend", _calendar_time(end))
    if meta.place:  # a draft may have none yet (shown in the preview only)
        entry.add("location", meta.place)
    # ORGANIZER must be an address (mailto:), which editors do not give: the
    # organiser is named in the description instead.
    organiser = f"{t(lang.code, 'articles.organiser')}: {meta.organiser}"
    entry.add("description", f"{meta.summary}\n{organiser}" if meta.summary else organiser)
    entry.add("url", site.absolute(lang.prefix + page_path(event.path, site.directory_urls)))
    return entry


def _calendar_time(value: datetime.date | datetime.datetime) -> datetime.date | datetime.datetime:
    return as_time(value) if isinstance(value, datetime.datetime) else value


class _ArticleContext(PageContext):
    """The page context plus what listings and feeds need."""

    def __init__(self, lang: str, page: str, site: Site, prefix: str) -> None:
        default = next(language.code for language in site.languages if language.default)
        super().__init__(lang, default, page, site.directory_urls, prefix)
        self.site = site

    def date(self, value: datetime.date | datetime.datetime) -> str:
        return self.fmt.date(value.date() if isinstance(value, datetime.datetime) else value)

    def dates(self, event: Event) -> str:
        """An event's days: "14 – 16 May 2027" as the language writes it."""
        return self.fmt.date_range(*event_days(event))

    def absolute(self, path: str) -> str:
        return self.site.absolute(self.prefix + (page_path(path, self.directory_urls) if path.endswith(".md") else path))

    def atom_time(self, value: datetime.date | datetime.datetime) -> str:
        return as_time(value).isoformat()

    def site_name(self) -> str:
        return self.site.site_names[self.lang]

    def category(self, item: Item) -> str:
        return t(self.lang, f"articles.categories.{item.meta.category}") if isinstance(item.meta, News) else ""


@dataclass(frozen=True)
class Fact:
    """One line of an item's facts: a label and a text, maybe a link."""

    label: str
    text: str
    href: str | None = None
    site_path: bool = False  # href is a path from the site root (for MkDocs' `url` filter)
    download: bool = False
    strong: bool = False


@dataclass(frozen=True)
class ArticleView:
    """What an item's own page shows above its text."""

    facts: list[Fact] = field(default_factory=list)
    jsonld: Markup = Markup("")
    ics_path: str | None = None  # from the site root
    draft: bool = False
    tags: list[tuple[str, str]] = field(default_factory=list)  # (label, path from the site root)
    image: str | None = None  # path from the site root
    image_alt: str | None = None
    picture: Picture | None = None  # the image, resized


def article_view(item: Item, site: Site, page_url: str) -> ArticleView:
    """Facts, links and JSON-LD for ``item``'s page (``page_url`` absolute)."""
    lang = next(language for language in site.languages if language.code == item.lang)
    fmt = formatter(item.lang)
    meta = item.meta
    label = lambda key: t(item.lang, f"articles.{key}")  # noqa: E731
    facts = [Fact(label("date"), fmt.date(meta.date))]
    tags: list[tuple[str, str]] = []
    ics_path = None
    organization = organization_jsonld(site, item.lang)
    data: dict[str, Any] = {"@context": "https://schema.org", "url": page_url, "inLanguage": item.lang}
    if isinstance(meta, News) or item.section == "press":
        if isinstance(meta, News):
            category = t(item.lang, f"articles.categories.{meta.category}")
            facts.append(Fact(label("category"), category, f"{lang.prefix}news/category/{meta.category}/", site_path=True))
            tags = [(tag, f"{lang.prefix}news/tag/{slugify(tag)}/") for tag in meta.tags]
        data.update({"@type": "NewsArticle", "headline": meta.title, "datePublished": meta.date.isoformat(),
                     "author": organization, "publisher": organization, "mainEntityOfPage": page_url})
        if meta.summary:
            data["description"] = meta.summary
        if meta.image:
            data["image"] = [site.absolute(meta.image)]
    elif isinstance(meta, Event):
        facts.append(Fact(label("start"), _when(meta.start, fmt)))
        if meta.end:
            facts.append(Fact(label("end"), _when(meta.end, fmt)))
        facts += [Fact(label("place"), meta.place), Fact(label("organiser"), meta.organiser)]
        ics_path = f"{lang.prefix}events/{item.slug}.ics"
        data.update({"@type": "Event", "name": meta.title, "startDate": _iso(meta.start),
                     "location": {"@type": "Place", "name": meta.place, "address": meta.place},
                     "organizer": {"@type": "Organization", "name": meta.organiser},
                     "eventStatus": "https://schema.org/EventScheduled",
                     "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode"})
        if meta.end:
            data["endDate"] = _iso(meta.end)
        if meta.summary:
            data["description"] = meta.summary
    elif isinstance(meta, Document):
        facts = [Fact(label("number"), meta.number), Fact(label("date"), fmt.date(meta.date)), Fact(label("issuer"), meta.issuer)]
        if meta.file:
            facts.append(Fact(label("file"), meta.file.split("/")[-1], meta.file, site_path=True, download=True))
        data.update({"@type": "DigitalDocument", "name": meta.title, "identifier": meta.number,
                     "dateCreated": meta.date.isoformat(), "author": {"@type": "GovernmentOrganization", "name": meta.issuer}})
    elif isinstance(meta, Clarification):
        verdict = t(item.lang, f"articles.verdicts.{meta.verdict}")
        facts.append(Fact(label("claim"), meta.claim))
        if meta.claim_source:
            facts.append(Fact(label("claim_source"), meta.claim_source))
        facts.append(Fact(label("verdict"), verdict, strong=True))
        facts += [Fact(label("sources"), source.title, source.url) for source in meta.sources]
        data.update({"@type": "ClaimReview", "claimReviewed": meta.claim, "datePublished": meta.date.isoformat(),
                     "author": organization,
                     "reviewRating": {"@type": "Rating", "ratingValue": VERDICT_RATING[meta.verdict],
                                      "bestRating": 5, "worstRating": 1, "alternateName": verdict},
                     "itemReviewed": {"@type": "Claim", "author": {"@type": "Organization", "name": meta.claim_source or "?"}}})
    facts = [fact for fact in facts if fact.text is not None]  # a draft's empty fields (preview only)
    return ArticleView(facts=facts, jsonld=jsonld(data), ics_path=ics_path, draft=not item.published, tags=tags,
                       image=meta.image, image_alt=meta.image_alt, picture=site.pictures.get(meta.image or ""))


def organization_jsonld(site: Site, lang: str) -> dict[str, Any]:
    agency = site.identity.agency[lang]
    prefix = next(language.prefix for language in site.languages if language.code == lang)
    data = {"@type": "GovernmentOrganization", "name": agency.name, "url": site.absolute(prefix), "address": agency.address}
    if agency.phone:
        data["telephone"] = agency.phone
    if agency.email:
        data["email"] = agency.email
    return data


def jsonld(data: dict[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">``, safe to print as is:
    with ``<``, ``>`` and ``&`` as JSON escapes, no text can end the script
    or start a comment in it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _iso(value: datetime.date | datetime.datetime) -> str:
    return as_time(value).isoformat() if isinstance(value, datetime.datetime) else value.isoformat()


def _when(value: datetime.date | datetime.datetime, fmt: Any) -> str:
    if isinstance(value, datetime.datetime):
        local = as_time(value).astimezone(TIMEZONE)
        return f"{fmt.date(local.date())} {local:%H:%M}"
    return fmt.date(value)


def render_article_header(view: ArticleView, item: Item, relative: Any) -> str:
    """The facts block of an item's page; ``relative`` turns a site path into a link from the page."""
    template = environment().get_template("article-header.html.j2")
    return template.render(view=view, item=item, rel=relative, t=lambda key: t(item.lang, key))
