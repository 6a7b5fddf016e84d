"""What the theme templates see as ``portal``: everything already chosen and
translated, so templates only place it."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from portal.content.translations import SwitcherEntry
from portal.generation.home import HomeView
from portal.i18n import t
from portal.site.identity import Agency


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
