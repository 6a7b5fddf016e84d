"""What the theme prints on each page as ``portal``, computed by the core
from the assembly alone: the language switcher and translations, the
untranslated-page notice and canonical address, the share picture, the
kiosk's QR code, structured data, an item's facts, the home page's
sections, the search index's entry. Templates only place it; the site
engine only says which page it is rendering (:meth:`Views.page`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from portal.content.items import Item, PageFile
from portal.content.translations import SwitcherEntry, Version, absolute, hreflang_links, original, switcher_entries
from portal.generation.articles import article_view, jsonld, organization_jsonld, render_article_header
from portal.generation.cards import HEIGHT as CARD_HEIGHT
from portal.generation.cards import WIDTH as CARD_WIDTH
from portal.generation.cards import Card
from portal.generation.fonts import FITTED, needed
from portal.generation.formatting import formatter
from portal.generation.home import HomeView, home_view
from portal.i18n import t
from portal.publishing.headers import content_security_policy
from portal.search.index import SearchPage
from portal.site.assembly import Assembly
from portal.site.identity import Agency
from portal.site.kiosk import public_url, qr_svg
from portal.site.urls import output_file, relative_to_page

#: Interface strings whose letters tell which font files a language's pages need.
PRELOAD_SAMPLE = ("language.name", "footer.agency", "footer.address", "home.news", "data.hub_title")


@dataclass(frozen=True)
class KioskView:
    """The kiosk build's extras on a page (portal/site/kiosk.py)."""

    public_url: str  # this page on the public portal
    qr_svg: Markup  # a QR code to it, made at build time
    idle_seconds: int  # back to the home page after this long untouched


@dataclass(frozen=True)
class ShareView:
    """The picture shown with a shared link (Open Graph, Twitter card)."""

    image: str  # absolute URL
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class PortalView:
    lang: str  # language the page is built for
    feed_path: str  # this language's Atom feed, from the site root
    organization: Markup  # JSON-LD of the responsible agency
    og_locale: str
    agency: Agency
    contact_path: str | None  # site-relative, for the `url` filter
    accessibility_path: str | None
    switcher: list[SwitcherEntry]
    article_header: Markup | None = None  # a dated item's facts, printed under its title
    content_lang: str | None = None  # set when the text is in another language
    notice: str | None = None  # the untranslated-page notice, in `lang`
    og_locale_alternates: list[str] = field(default_factory=list)
    jsonld: list[Markup] = field(default_factory=list)  # the page's own structured data
    kiosk: KioskView | None = None  # only in the kiosk build
    csp: str | None = None  # the Content Security Policy, for a <meta> tag (not in the preview)
    home: HomeView | None = None  # a home page's generated sections
    updated: tuple[str, str] | None = None  # "last updated": the date in `lang`, and ISO
    share: ShareView | None = None  # the picture shown with a shared link (not in the kiosk)
    preload: list[str] = field(default_factory=list)  # font files of the page's language, from the site root

    def t(self, key: str, **params: str) -> str:
        return t(self.lang, key, **params)

    def t_in(self, lang: str, key: str, **params: str) -> str:
        """A string in another language (e.g. a switcher entry's own language)."""
        return t(lang, key, **params)


@dataclass(frozen=True)
class PageView:
    """One page as built in one language."""

    portal: PortalView
    canonical_url: str | None  # for a page shown untranslated: its original's address
    search: SearchPage | None  # its entry in the search index (None: a listing, not indexed)


class Views:
    """The views of one build's pages. Share cards to draw are collected as
    pages are viewed (:attr:`cards`), since a card shows the page's title."""

    def __init__(self, assembly: Assembly, fonts_css: Path, serving: bool = False) -> None:
        self.assembly = assembly
        self.fonts_css = fonts_css  # the theme's font faces, to choose what to preload
        self.serving = serving  # the preview: its live reload is an inline script, so no policy
        options = assembly.settings.options
        self.kiosk = options["kiosk"]
        self.home = options["home"]
        self.cards: dict[str, Card] = {}
        self._preloads: dict[str, list[str]] = {}

    @cached_property
    def items(self) -> dict[str, Item]:
        """The dated items shown (news, events...), by source path ("vi/news/x.md")."""
        return {f"{item.lang}/{item.path}": item for item in self.assembly.selection.items}

    @cached_property
    def _pages(self) -> dict[str, PageFile]:
        return {page.key: page for page in self.assembly.selection.pages}

    @cached_property
    def _listings(self) -> set[str]:
        return {file.path for file in self.assembly.generated if file.listing}

    def page(self, key: str, lang: str, url: str, title: str,
             title_of: Callable[[str], str | None] = lambda path: None) -> PageView:
        """The page at ``key`` ("vi/about.md") built in ``lang`` at address
        ``url`` ("en/about/"), with ``title`` (plain text) as the engine
        found it; ``title_of``: any page's title in ``lang``, for the home page."""
        assembly = self.assembly
        site_url = assembly.site.site_url
        versions = assembly.versions.get(key, {})
        if lang not in versions:  # a page the core does not publish: the engine's own (none today)
            versions = {lang: Version(lang, lang, url)}
        source = original(versions, lang)
        extra: dict = {}
        canonical = None
        if not versions[lang].is_translation:
            canonical = absolute(site_url, source.path)
            extra["content_lang"] = source.source_lang
            extra["notice"] = t(lang, "notice.untranslated", target=assembly.language(lang).name_in(lang),
                                source=assembly.language(source.source_lang).name_in(lang))
        item = self.items.get(key)
        if item is not None:
            # Structured data names the page at its canonical address: the original's
            # when this language shows another language's text.
            article = article_view(item, assembly.site, absolute(site_url, source.path))
            extra["jsonld"] = [article.jsonld]
            extra["article_header"] = Markup(
                render_article_header(article, item, lambda path: relative_to_page(path, url)))
        updated = assembly.updated.get(key)
        home = is_home(key)
        if updated is not None and item is None and not home:
            extra["updated"] = (formatter(lang).date(updated), updated.isoformat())
        if home:
            extra["home"] = home_view(lang, assembly.language(lang).prefix, assembly.selection.items,
                                      assembly.portfolio, assembly.site, dict(self.home), title_of)
        if self.kiosk["enabled"]:
            public = public_url(site_url, url)
            extra["kiosk"] = KioskView(public, Markup(qr_svg(public)), self.kiosk["idle_seconds"])
        else:
            extra["share"] = self._share(key, lang, title)
        links = hreflang_links(versions, assembly.languages, site_url)
        view = self._view(lang, switcher_entries(versions, assembly.languages, lang),
                          og_locale_alternates=[assembly.language(code).og_locale for code, _url in links
                                                if code not in ("x-default", lang)], **extra)
        search = None
        if key not in self._listings:
            search = SearchPage(file=output_file(url), url="/" + url, lang=lang, title=title,
                                fallback=None if versions[lang].is_translation else source.source_lang)
        return PageView(view, canonical, search)

    def error_page(self, lang: str) -> PortalView:
        """The 404 page has no translations: the switcher leads to each language's home page."""
        homes = {language.code: Version(language.code, language.code, language.prefix)
                 for language in self.assembly.languages}
        return self._view(lang, switcher_entries(homes, self.assembly.languages, lang))

    def _share(self, key: str, lang: str, title: str) -> ShareView:
        """What a social network shows with a link to the page: its own photo,
        else a card with its title (drawn after the build: :attr:`cards`)."""
        assembly = self.assembly
        site_url = assembly.site.site_url
        written = self._pages.get(key)
        picture = assembly.pictures.get(written.meta.image or "") if written is not None else None
        if picture is not None:
            alt = getattr(written.meta, "image_alt", None) or title
            return ShareView(absolute(site_url, picture.largest.path), picture.largest.width, picture.largest.height, alt)
        card = Card(title, assembly.site.site_names[lang] or "", assembly.identity.primary)
        self.cards[card.name] = card
        return ShareView(absolute(site_url, card.name), CARD_WIDTH, CARD_HEIGHT, title)

    def _preload(self, lang: str) -> list[str]:
        """The font files the text of a page in ``lang`` needs: shown in its
        font from the first paint, nothing moves when the font comes."""
        if lang not in self._preloads:
            sample = "0123456789.,:" + "".join(t(lang, key) for key in PRELOAD_SAMPLE)
            self._preloads[lang] = [f"assets/fonts/{face.path.name}" for face in needed(sample, self.fonts_css)
                                    if face.family not in FITTED]
        return self._preloads[lang]

    def _view(self, lang: str, switcher: list[SwitcherEntry], **extra) -> PortalView:
        assembly = self.assembly
        language = assembly.language(lang)
        return PortalView(
            lang=lang,
            feed_path=language.prefix + "feed.xml",
            organization=jsonld({"@context": "https://schema.org", **organization_jsonld(assembly.site, lang)}),
            og_locale=language.og_locale,
            agency=assembly.identity.agency[lang],
            contact_path=self._path(assembly.identity.contact_page, lang),
            accessibility_path=self._path(assembly.identity.accessibility_page, lang),
            switcher=switcher,
            csp=None if self.serving else Markup(content_security_policy(meta=True)),
            preload=[] if self.kiosk["enabled"] else self._preload(lang),
            **extra,
        )

    def _path(self, page: str, lang: str) -> str | None:
        """The address of a page named by its path in a language folder, in ``lang``
        (its translation, or the default language's text shown untranslated)."""
        version = self.assembly.versions.get(f"{self.assembly.default_language.code}/{page}", {}).get(lang)
        return version.path if version is not None else None


def is_home(key: str) -> bool:
    """A language's home page ("en/index.md")."""
    return key.count("/") == 1 and key.endswith("/index.md")
