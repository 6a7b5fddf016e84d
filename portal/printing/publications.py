"""What a portal prints, per language: an **investment guide** made from
``data/`` (the same items and figures as the investment pages) and an
**annual publication** of the year's news, events and clarifications.

Each publication is a self-contained HTML document (our Jinja2 templates in
``portal/generation/templates/print/``, autoescaped, beside its stylesheets,
fonts and logo) that :mod:`portal.printing.printer` prints to PDF. Only
what the build publishes reaches it: the data items the one publication
rule shows (:meth:`Portfolio.select`), the dated items it publishes
(``Item.published``: never a preview's drafts) and the ``print/`` pages it
publishes (the foreword). Addresses and QR codes lead to the public portal.

The annual publication of a year holds the items dated in it; ``print: true``
in an item's front matter adds one from another year, ``print: false``
leaves one out.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from markupsafe import Markup

from portal.clock import TIMEZONE
from portal.content.frontmatter import read_page
from portal.content.items import Item, PageFile
from portal.content.models import Clarification, Event, News
from portal.content.translations import absolute
from portal.data.load import Portfolio
from portal.errors import PortalError, raise_all
from portal.generation.articles import event_days
from portal.generation.pages import DataContext
from portal.generation.rendering import GeneratedFile, environment
from portal.safety.markdown import ContentRules, line_of, refusals
from portal.site.identity import Identity
from portal.site.kiosk import qr_svg
from portal.site.languages import Language
from portal.site.urls import page_path

#: Paper sizes, as CSS ``@page { size }`` names them.
PAPERS = ("A4", "A5", "letter")
_MILLIMETRES = r"(?:[5-9]|[1-4][0-9]|50)(?:\.[0-9])?mm"
#: The printer's margins, one to four lengths in millimetres, as CSS ``margin`` takes them.
MARGINS = re.compile(rf"{_MILLIMETRES}(?: {_MILLIMETRES}){{0,3}}")
#: Where the PDFs are in the site (at its root: one file per language, named by it).
FOLDER = "publications"
#: The web page that lists them, in each language folder.
PAGE = "publications/index.md"
#: The foreword of the investment guide, in each language folder (portal/site/selection.py).
FOREWORD = "print/foreword.md"
#: The stylesheet every publication shares (page size, margins, running header and footer are its own).
STYLESHEET = Path(__file__).parent / "publication.css"
#: The theme's fonts, as the site serves them (scripts/vendor_fonts.py).
FONTS_CSS = Path("assets/stylesheets/fonts.css")
#: The Markdown of a foreword: what editors' pages use (mkdocs.yml), checked by the same rules.
MARKDOWN = ("attr_list", "admonition", "tables")


@dataclass(frozen=True)
class Section:
    id: str  # the element's id, and the table of contents' link
    title: str  # numbered: "3. Economic zones" (found again in the printed pages)


@dataclass(frozen=True)
class Document:
    """An HTML page and the files beside it (stylesheets, fonts, logo): all Chromium reads."""

    html: str
    files: tuple[tuple[str, bytes], ...]


@dataclass(frozen=True)
class Publication:
    kind: str  # "guide" or "annual"
    lang: str
    year: int
    title: str
    description: str
    path: str  # in the site: "publications/city-guide-2026-vi.pdf"
    created: datetime.datetime  # its date: the newest of its sources (reproducible)
    sections: tuple[Section, ...]
    template: str
    context: PrintContext
    extra: dict[str, Any] = field(default_factory=dict)
    beside: tuple[tuple[str, bytes], ...] = ()  # the files every publication of the build shares

    def document(self, pages: Mapping[str, int]) -> Document:
        """The publication as HTML, its table of contents showing ``pages`` (section id -> page)."""
        html = environment().get_template(self.template).render(c=self.context, publication=self, pages=pages,
                                                               **self.extra)
        return Document(html, self.beside + (("stylesheets/page.css", self._page_css().encode()),))

    def _page_css(self) -> str:
        """The page box: paper, margins, and the running header and footer in the publication's language
        (CSS strings, every character escaped: a title can never end the string)."""
        c = self.context
        before, _, after = c.t("print.page", page="\0", pages="\1").partition("\0")
        between, _, after = after.partition("\1")
        footer = f'{css_string(before)} counter(page) {css_string(between)} counter(pages) {css_string(after)}'
        return (f"@page {{ size: {c.paper}; margin: {c.margins};"
                f" @top-left {{ content: {css_string(self.title)}; }}"
                f" @top-right {{ content: {css_string(c.site_name)}; }}"
                f" @bottom-center {{ content: {footer}; }} }}\n"
                "@page :first { @top-left { content: none; } @top-right { content: none; }"
                " @bottom-center { content: none; } }\n")


def css_string(text: str) -> str:
    """``text`` as a CSS string: ASCII letters and digits as they are, every other character by its code
    in six digits (a space too: CSS reads one space after an escape as its end)."""
    return '"' + "".join(ch if ch.isascii() and ch.isalnum() else f"\\{ord(ch):06x}" for ch in text) + '"'


class PrintContext(DataContext):
    """A data page's context (its figures, charts, formats) for paper: links and QR codes lead to
    the public portal's pages, always in their directory form (a kiosk's PDF is the public one)."""

    def __init__(self, language: Language, default: str, site_url: str, site_name: str, options: Mapping[str, Any]):
        super().__init__(language.code, default, PAGE, True, language.prefix)
        self.site_url = site_url
        self.site_name = site_name
        self.paper = options["paper"]
        self.margins = options["margins"]

    def url(self, target: str) -> str:
        if target.endswith(".md"):
            return absolute(self.site_url, self.prefix + page_path(target))
        return absolute(self.site_url, target)

    def qr(self, target: str) -> Markup:
        """A QR code of the public address of ``target`` (an inline SVG made here, from a URL), hidden from
        screen readers: the address is written beside it."""
        return Markup('<span class="qr__code" aria-hidden="true">{}</span>').format(Markup(qr_svg(self.url(target))))

    def event_dates(self, event: Event) -> str:
        return self.fmt.date_range(*event_days(event))

    def numbered(self, number: int, key: str) -> str:
        return f"{number}. {self.t(key)}"


def publications(
    portfolio: Portfolio,
    items: list[Item],
    print_pages: dict[str, PageFile],
    languages: list[Language],
    identity: Identity,
    site_url: str,
    site_names: dict[str, str],
    portal_id: str,
    options: Mapping[str, Any],
    now: datetime.datetime,
    times: Mapping[Path, float],
    data_files: list[Path],
    theme_dir: Path,
    logo: Path | None,
) -> list[Publication]:
    """Every publication of one portal's build. ``times``: when each source file was last committed
    (portal/content/history.py), which dates the publications; ``data_files``: the data they are made of."""
    year = options.get("year") or now.astimezone(TIMEZONE).year
    portal_id = portal_id or "portal"  # a config file without an id (a test's, a variant)
    default = next(language.code for language in languages if language.default)
    beside = _beside(theme_dir, logo)
    guide_date = _created(times, data_files + [page.source for page in print_pages.values()], year)
    made = []
    for language in languages:
        context = PrintContext(language, default, site_url, site_names.get(language.code, ""), options)
        foreword = _foreword(print_pages, language.code, default)
        made.append(_guide(portfolio, context, identity, year, portal_id, guide_date, foreword, beside, logo))
        annual = _annual(items, context, identity, year, portal_id, times, beside, logo)
        if annual is not None:
            made.append(annual)
    return made


def _guide(portfolio: Portfolio, c: PrintContext, identity: Identity, year: int, portal_id: str,
           created: datetime.datetime, foreword: Markup | None, beside: tuple, logo: Path | None) -> Publication:
    parts = [("foreword", "print.foreword", foreword is not None),
             ("figures", "print.key_figures", bool(portfolio.zones or portfolio.projects)),
             ("zones", "data.zones", bool(portfolio.zones)),
             ("parks", "data.parks", bool(portfolio.parks)),
             ("projects", "data.projects", bool(portfolio.projects)),
             ("incentives", "data.incentives", bool(portfolio.incentives)),
             ("plans", "data.plans", bool(portfolio.plans)),
             ("contacts", "print.contacts", True)]
    sections = _numbered(c, [(id_, key) for id_, key, shown in parts if shown])
    return Publication(
        "guide", c.lang, year, c.t("print.guide_title", year=year), c.t("print.guide_description"),
        f"{FOLDER}/{portal_id}-guide-{year}-{c.lang}.pdf", created, sections, "print/guide.html.j2", c,
        {"p": portfolio, "foreword": foreword, "agency": identity.agency[c.lang],
         "spokesperson": (identity.spokesperson or {}).get(c.lang), "logo": logo is not None}, beside)


def _annual(items: list[Item], c: PrintContext, identity: Identity, year: int, portal_id: str,
            times: Mapping[Path, float], beside: tuple, logo: Path | None) -> Publication | None:
    """The year's publication in one language, or None when nothing of the year is published in it."""
    chosen = [item for item in items if item.lang == c.lang and item.published and _in_year(item, year)]
    groups = {
        "news": [item for item in chosen if isinstance(item.meta, News)],
        "events": [item for item in chosen if isinstance(item.meta, Event)],
        "clarifications": [item for item in chosen if isinstance(item.meta, Clarification)],
    }
    groups = {name: group for name, group in groups.items() if group}
    if not groups:
        return None
    sections = _numbered(c, [(name, f"articles.{name}") for name in groups])
    created = _created(times, [item.source for item in chosen if item.source is not None], year)
    return Publication(
        "annual", c.lang, year, c.t("print.annual_title", year=year), c.t("print.annual_description", year=year),
        f"{FOLDER}/{portal_id}-annual-{year}-{c.lang}.pdf", created, sections, "print/annual.html.j2", c,
        {"groups": groups, "agency": identity.agency[c.lang], "logo": logo is not None}, beside)


def _in_year(item: Item, year: int) -> bool:
    wanted = getattr(item.meta, "print", None)
    return wanted if wanted is not None else item.meta.date.year == year


def _numbered(c: PrintContext, parts: list[tuple[str, str]]) -> tuple[Section, ...]:
    return tuple(Section(id_, c.numbered(number, key)) for number, (id_, key) in enumerate(parts, start=1))


def _created(times: Mapping[Path, float], sources: list[Path], year: int) -> datetime.datetime:
    """The time the newest source was committed (the same sources, the same date); outside git,
    the first day of the year."""
    known = [times[path.resolve()] for path in sources if path.resolve() in times]
    if not known:
        return datetime.datetime(year, 1, 1, tzinfo=TIMEZONE)
    return datetime.datetime.fromtimestamp(max(known), TIMEZONE)


def _foreword(print_pages: dict[str, PageFile], lang: str, default: str) -> Markup | None:
    """The foreword in ``lang``, else the default language's marked with its language; None if none."""
    page = print_pages.get(f"{lang}/{FOREWORD}") or print_pages.get(f"{default}/{FOREWORD}")
    if page is None:
        return None
    html = render_markdown(page)
    return html if page.lang == lang else Markup('<div lang="{}">{}</div>').format(page.lang, html)


def render_markdown(page: PageFile) -> Markup:
    """An editor's print page as HTML, held to the rules of the web pages (portal/safety/markdown.py):
    a refused element is an error naming the file and line, as in the build. A picture too: a
    publication is printed from a folder of its own, where the page's pictures are not."""
    rules = ContentRules()
    converter = markdown.Markdown(extensions=[*MARKDOWN, rules], extension_configs={"tables": {"use_align_attribute": True}})
    rules.start(checked=True)
    html = converter.convert(read_page(page.source, page.shown)[2])
    raise_all(refusals(rules.finish(), page.source, page.shown))
    text = page.source.read_text(encoding="utf-8")
    raise_all([PortalError("print_image", file=page.shown, line=line_of(text, f"]({src}") or line_of(text, src),
                           value=src) for src in re.findall(r'<img [^>]*src="([^"]*)"', html)])
    return Markup(html)


def _beside(theme_dir: Path, logo: Path | None) -> tuple[tuple[str, bytes], ...]:
    """The shared files: our stylesheet, the theme's fonts (the upright and italic faces, as the site serves
    them) and the portal's logo."""
    fonts_css = theme_dir / FONTS_CSS
    files = [("stylesheets/publication.css", STYLESHEET.read_bytes()),
             ("stylesheets/fonts.css", fonts_css.read_bytes())]
    for font in sorted((fonts_css.parent.parent / "fonts").glob("*.woff2")):
        files.append((f"fonts/{font.name}", font.read_bytes()))
    if logo is not None:
        files.append(("images/logo.svg", logo.read_bytes()))
    return tuple(files)


def publication_files(made: list[Publication], printed: Mapping[str, Any], languages: list[Language],
                      directory_urls: bool) -> list[GeneratedFile]:
    """The PDFs (``printed``: path -> :class:`portal.printing.printer.Printed`; empty in a preview,
    which prints nothing) and each language's Publications page."""
    default = next(language.code for language in languages if language.default)
    files = [GeneratedFile(path, done.pdf) for path, done in sorted(printed.items())]
    template = environment().get_template("publications.md.j2")
    for language in languages:
        context = DataContext(language.code, default, PAGE, directory_urls, language.prefix)
        mine = [publication for publication in made if publication.lang == language.code]
        files.append(GeneratedFile(f"{language.code}/{PAGE}", template.render(c=context, publications=mine,
                                                                                printed=printed)))
    return files
