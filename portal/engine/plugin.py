"""The ``portal`` MkDocs plugin: wires the engine-free parts of the package
into MkDocs events. What a build publishes is decided by
:func:`portal.site.assembly.assemble`; each hook here only adapts.

It runs beside mkdocs-static-i18n, which builds the site once per language
and calls every hook again for each language. Our hooks must see the language
it is building, so each one runs *after* the i18n plugin's hook of the same
event (MkDocs runs higher priorities first; the i18n plugin uses -100 for
``on_config``/``on_files`` and 50 for the context events).
"""

from __future__ import annotations

import html
import shutil
import tempfile
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from portal.clock import now
from portal.content.translations import Version, absolute, hreflang_links, original, switcher_entries
from portal.engine.config import PortalConfig
from portal.site.docs_folder import PREVIEW, write_docs_folder
from portal.engine.pictures import ResponsivePictures
from portal.engine.template_cache import THEME_TEMPLATES
from portal.engine.view import KioskView, PortalView, ShareView
from portal.content.items import Item, PageFile
from portal.generation.cards import HEIGHT as CARD_HEIGHT
from portal.generation.cards import WIDTH as CARD_WIDTH
from portal.generation.cards import Card, write_cards
from portal.errors import PortalError, raise_all
from portal.generation.fonts import needed
from portal.generation.formatting import formatter
from portal.generation.home import home_view
from portal.generation.articles import (
    ArticleView,
    article_view,
    jsonld,
    organization_jsonld,
    render_article_header,
)
from portal.generation.rendering import sitemap
from portal.i18n import t
from portal.publishing.headers import content_security_policy, write_build_files
from portal.safety import text as plain_text
from portal.safety.markdown import ContentRules, line_of
from portal.safety.output import check_page
from portal.search.index import SearchPage, build_index, write_offline_index
from portal.site.assembly import Assembly, assemble
from portal.site.config_files import read_chain
from portal.site.kiosk import public_url, qr_svg
from portal.site.languages import check_codes
from portal.site.publication import Rule
from portal.site.settings import Settings, check_options
from portal.site.versions import sitemap_entries
from portal.sources import shown
from portal.validation import url_reason

log = get_plugin_logger(__name__)

IDENTITY_CSS = "assets/stylesheets/identity.css"
HOME_TEMPLATE = "home.html"
#: Interface strings whose letters tell which font files a language's pages need.
PRELOAD_SAMPLE = ("language.name", "footer.agency", "footer.address", "home.news", "data.hub_title")
#: Share cards made, remembered between builds by what they show.
CARD_CACHE = ".cache/portal/cards"
ERROR_TEMPLATE = "404.html"
SITEMAP_TEMPLATE = "sitemap.xml"


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.assembly: Assembly | None = None
        self.items: dict[str, Item] = {}  # the dated items shown, by source path in the docs folder ("vi/news/x.md")
        self.generated: set[str] = set()  # paths of the generated pages and files in the docs folder
        self.listings: set[str] = set()  # those that list other pages: not indexed for search
        self.files: Files | None = None  # the language being built's files
        self.pages: dict[str, PageFile] = {}  # the editors' pages shown, by source path
        self.versions: dict[str, dict[str, Version]] = {}  # a page's source path -> it in every built language
        self.cards: dict[str, Card] = {}  # share cards to make, by their path in the site
        self.sitemap_entries: list[dict] = []  # every page in its own language, with its translations
        self.preloads: dict[str, list[str]] = {}  # font files to preload, by language
        self.theme_dir = "overrides"  # our theme folder (custom_dir)
        self.nav_marked = False  # the menu's untranslated entries are marked for the language being built
        self.rules = ContentRules()  # what the Markdown of editors' pages may contain
        self.pictures = ResponsivePictures()  # photos in editors' pages, in every size
        self.docs_dir: Path | None = None  # a build's own docs folder, removed when it ends
        self.contact_file: File | None = None
        self.accessibility_file: File | None = None
        self.article_views: dict[str, ArticleView] = {}  # by source path in the docs folder ("vi/news/x.md")
        self.search_pages: list[SearchPage] = []  # every page of every language, as built

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    # -- configuration ------------------------------------------------------

    def load_config(self, options: dict, config_file_path: str | None = None):
        """Check the i18n plugin's language codes while MkDocs loads the config.

        This runs before the i18n plugin checks its own options only if
        ``portal`` is listed before ``i18n`` in ``mkdocs.yml``; then an editor
        gets our message, with file and line, instead of one with neither.
        """
        errors, warnings = super().load_config(options, config_file_path)
        if config_file_path:
            try:
                chain = read_chain(Path(config_file_path))
                raise_all(check_options(chain))  # ours replace MkDocs' English ones, which name no line
                check_codes(chain)
            except PortalError as error:
                errors = [("portal", ValidationError(str(error)))]
        return errors, warnings

    # After the i18n plugin (-100) has switched the config to its language.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = _i18n_plugin(config)
        if not i18n.building:  # once per build of the whole site, not per language
            try:
                self.assembly = assemble(settings_from(config, dict(self.config), i18n), Rule(now(), self.serving))
            except PortalError as error:
                raise PluginError(str(error)) from None
            self._docs_folder(config)
            self.items = {f"{item.lang}/{item.path}": item for item in self.assembly.selection.items}
            self.pages = {page.key: page for page in self.assembly.selection.pages}
            self.cards = {}
            self.generated = {file.path for file in self.assembly.generated}
            self.listings = {file.path for file in self.assembly.generated if file.listing}
            self.versions = self.assembly.versions
            self.search_pages = []
        self.theme_dir = config.theme.custom_dir or self.theme_dir
        # A portal's own theme templates (portals/<id>/overrides/) before the project's custom_dir.
        for folder in reversed(self.assembly.overrides.dirs("overrides")):
            if str(folder) not in {str(Path(d).resolve()) for d in config.theme.dirs}:
                config.theme.dirs.insert(0, str(folder))
        for extension in (self.rules, self.pictures):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        # The heading anchors' tooltip in the language being built (the i18n plugin runs on_config per language).
        if "toc" in config.mdx_configs:
            config.mdx_configs["toc"]["permalink_title"] = t(i18n.current_language, "page.permalink")
        config.extra["generator"] = False  # Material's English "Made with" line
        return config

    def _docs_folder(self, config: MkDocsConfig) -> None:
        """Point MkDocs at exactly what this build publishes.

        A preview (`mkdocs serve`) has its own folder, kept between rebuilds
        (only changed files are written, so the watcher is not woken for
        nothing); a build has a fresh one of its own, removed when it ends,
        so a running preview's drafts can never reach a build. Runs before
        MkDocs cleans ``site/``: bad input stops the build while the
        previous site is still whole.
        """
        assembly = self.assembly
        assert assembly is not None
        if self.serving:
            target = _config_file(config).parent / PREVIEW / _config_file(config).stem  # mkdocs, kiosk
        else:
            self._remove_docs_folder()
            self.docs_dir = target = Path(tempfile.mkdtemp(prefix=f"portal-{assembly.scope.id}-"))
        write_docs_folder(assembly.selection.files, assembly.generated, target)
        watched = [Path(config.docs_dir).resolve(), assembly.root / self.config.data_dir]
        config.docs_dir = str(target)
        own = self.config.own_content
        if own:
            watched.append(_config_file(config).parent / own)
        for folder in watched:  # `mkdocs serve` rebuilds when editors change content or data
            if str(folder) not in config.watch:
                config.watch.append(str(folder))

    def _remove_docs_folder(self) -> None:
        if self.docs_dir is not None:
            shutil.rmtree(self.docs_dir, ignore_errors=True)
            self.docs_dir = None

    # -- files --------------------------------------------------------------

    # After the i18n plugin (-100) has chosen this language's files.
    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assembly = self._assembly()
        files.append(File.generated(config, IDENTITY_CSS, content=assembly.identity.css()))
        # The i18n plugin resolves the path to this language's page, or the
        # default language's when it is not translated.
        self.contact_file = files.get_file_from_path(assembly.identity.contact_page)
        self.accessibility_file = files.get_file_from_path(assembly.identity.accessibility_page)
        # A generated page exists in every language it has content for (a tag of Vietnamese
        # news has no English page): no copy of it is shown in another language.
        lang = _i18n_plugin(config).current_language
        for file in [f for f in files if f.src_uri in self.generated and getattr(f, "locale", lang) != lang]:
            files.remove(file)
        self.nav_marked = False
        self.files = files
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """MkDocs makes a Jinja environment per language and per preview rebuild:
        the theme's templates are compiled once for the process instead."""
        env.bytecode_cache = THEME_TEMPLATES
        return env

    # -- pages --------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Editors' pages are checked as they are rendered (portal/safety/markdown.py);
        each language's home page gets the home template (the generated sections)."""
        self.rules.start(checked=page.file.src_uri in self._assembly().selection.files)
        self.pictures.start(page.url, self._assembly().pictures, lambda path: get_relative_url(path, page.url))
        if _is_home(page) and "template" not in page.meta:
            page.meta["template"] = HOME_TEMPLATE
        item = self.items.get(page.file.src_uri)
        if item is not None and item.meta.summary and not page.meta.get("description"):
            page.meta["description"] = item.meta.summary  # shared links show the item's own summary
        return markdown

    def on_page_content(self, html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Refuse what an editor's text may not contain; make the title and
        description safe for Material's templates; put an item's facts
        (date, place, verdict...) under its title."""
        assembly = self._assembly()
        source = assembly.selection.files.get(page.file.src_uri)
        problems = self.rules.finish()
        if source is not None:
            _refuse(problems, source, assembly.root)
        _escape_title(page, source, assembly.root)
        item = self.items.get(page.file.src_uri)
        if item is None:
            return html_text
        # Structured data names the page at its canonical address: the original
        # when this language shows another language's text.
        original_version = original(self._versions(page.file), _i18n_plugin(config).current_language)
        view = article_view(item, assembly.site, absolute(config.site_url or "/", original_version.path))
        self.article_views[page.file.src_uri] = view  # for on_page_context's JSON-LD
        header = render_article_header(view, item, lambda path: get_relative_url(path, page.url))
        if "</h1>" in html_text:
            return html_text.replace("</h1>", "</h1>" + header, 1)
        return f"<h1>{escape(item.meta.title)}</h1>{header}{html_text}"

    # After the i18n plugin (50), whose switcher links we replace.
    @event_priority(0)
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        assembly = self._assembly()
        lang = _i18n_plugin(config).current_language
        if not self.nav_marked:  # once per language, when every page's title is known
            _mark_untranslated_entries(nav, lang)
            self.nav_marked = True
        versions = self._versions(page.file)
        site_url = config.site_url or "/"
        links = self._set_hreflang(config, versions)
        source = original(versions, lang)
        view_extra: dict[str, Any] = {}
        if not versions[lang].is_translation:
            page.canonical_url = absolute(site_url, source.path)
            view_extra = {
                "content_lang": source.source_lang,
                "notice": t(
                    lang,
                    "notice.untranslated",
                    target=assembly.language(lang).name_in(lang),
                    source=assembly.language(source.source_lang).name_in(lang),
                ),
            }
        if page.file.src_uri not in self.listings:
            self.search_pages.append(
                SearchPage(
                    file=page.file.dest_uri,
                    url="/" + page.url,
                    lang=lang,
                    fallback=None if versions[lang].is_translation else source.source_lang,
                    title=html.unescape(str(page.title or "")),
                )
            )
        view = self.article_views.get(page.file.src_uri)
        if view is not None:
            view_extra["jsonld"] = [view.jsonld]
        updated = assembly.updated.get(page.file.src_uri)
        if updated is not None and page.file.src_uri not in self.items and not _is_home(page):
            view_extra["updated"] = (formatter(lang).date(updated), updated.isoformat())
        view_extra["share"] = self._share(page, lang, site_url)
        if _is_home(page):
            view_extra["home"] = home_view(lang, assembly.language(lang).prefix, assembly.selection.items,
                                           assembly.portfolio, assembly.site, dict(self.config.home), self._title_of)
        if self.config.kiosk.enabled:
            url = public_url(site_url, page.url)
            view_extra["kiosk"] = KioskView(url, Markup(qr_svg(url)), self.config.kiosk.idle_seconds)
        context["portal"] = self._view(
            lang,
            switcher_entries(versions, assembly.languages, lang),
            og_locale_alternates=[
                assembly.language(code).og_locale for code, _url in links if code not in ("x-default", lang)
            ],
            **view_extra,
        )
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """The last check of the finished page (portal/safety/output.py)."""
        _guard(output, page.file.src_uri, self._assembly())
        return output

    @event_priority(0)
    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        assembly = self._assembly()
        lang = _i18n_plugin(config).current_language
        if template_name == ERROR_TEMPLATE:
            # An error page has no translations: the switcher and hreflang
            # lead to each language's home page.
            homes = {code.code: Version(code.code, code.code, code.prefix) for code in assembly.languages}
            self._set_hreflang(config, homes)
            context["portal"] = self._view(lang, switcher_entries(homes, assembly.languages, lang))
        elif template_name == SITEMAP_TEMPLATE:
            self.sitemap_entries = sitemap_entries(self.versions, assembly.languages, config.site_url or "/")
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """Give each language its own 404 page (``/404.html``, ``/en/404.html``).

        MkDocs writes static templates to the site root, so each language
        build would overwrite the previous one's 404 page; we write the
        non-default ones into their language folder and return nothing, which
        tells MkDocs to skip its own write.
        """
        assembly = self._assembly()
        lang = _i18n_plugin(config).current_language
        if template_name == SITEMAP_TEMPLATE:
            return sitemap(self.sitemap_entries)
        if template_name != ERROR_TEMPLATE:
            return output
        _guard(output, ERROR_TEMPLATE, assembly)
        if lang == assembly.default_language.code:
            return output
        target = Path(config.site_dir) / assembly.language(lang).prefix / ERROR_TEMPLATE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
        return ""

    # After the i18n plugin (-100), whose outermost on_post_build builds the
    # other languages: when it returns, every page of the site is written.
    @event_priority(-110)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if _i18n_plugin(config).building:
            return
        site_dir = Path(config.site_dir)
        try:
            counts = build_index(site_dir, self.search_pages)
        except PortalError as error:
            raise PluginError(str(error)) from None
        if self.config.search_offline:
            write_offline_index(site_dir, self.search_pages)
        # Each other language has its own sitemap too, beside its feed: Material's script looks for one
        # beside the feed's <link rel="alternate">, and search engines may be given it.
        site_url = config.site_url or "/"
        for language in self._assembly().languages:
            if language.prefix:
                mine = [entry for entry in self.sitemap_entries if entry["loc"].startswith(absolute(site_url, language.prefix))]
                (site_dir / language.prefix / SITEMAP_TEMPLATE).write_text(sitemap(mine), encoding="utf-8")
        fonts_css = Path(self.theme_dir) / "assets/stylesheets/fonts.css"
        write_cards(list(self.cards.values()), site_dir, self._assembly().root / CARD_CACHE, fonts_css)
        # Last: robots.txt, the headers, then the list of every file, which tells a deploy the build is whole.
        write_build_files(site_dir, robots_for=None if self.config.kiosk.enabled else config.site_url or "/")
        self._remove_docs_folder()
        log.info("Search index: %s", ", ".join(f"{lang} {count} pages" for lang, count in sorted(counts.items())))

    def on_build_error(self, *, error: Exception) -> None:
        self._remove_docs_folder()

    def on_shutdown(self) -> None:
        self._remove_docs_folder()

    # -- helpers ------------------------------------------------------------

    def _share(self, page: Page, lang: str, site_url: str) -> ShareView | None:
        """What a social network shows with a link to the page: its own photo,
        else a card with its title (made in on_post_build). None in the kiosk."""
        if self.config.kiosk.enabled:
            return None
        assembly = self._assembly()
        title = html.unescape(str(page.title or ""))
        written = self.pages.get(page.file.src_uri)
        image = written.meta.image if written is not None else None
        picture = assembly.pictures.get(image or "")
        if picture is not None:
            alt = getattr(written.meta, "image_alt", None) or title
            return ShareView(absolute(site_url, picture.largest.path), picture.largest.width, picture.largest.height, alt)
        card = Card(title, assembly.site.site_names[lang] or "", assembly.identity.primary)
        self.cards[card.name] = card
        return ShareView(absolute(site_url, card.name), CARD_WIDTH, CARD_HEIGHT, title)

    def _fonts_for(self, lang: str) -> list[str]:
        """The font files the text of a page in ``lang`` needs, to preload: its
        text is shown in its font from the first paint, nothing moves when it comes."""
        if lang not in self.preloads:
            sample = "0123456789.,:" + "".join(t(lang, key) for key in PRELOAD_SAMPLE)
            fonts_css = Path(self.theme_dir) / "assets/stylesheets/fonts.css"
            self.preloads[lang] = [f"assets/fonts/{face.path.name}" for face in needed(sample, fonts_css)]
        return self.preloads[lang]

    def _title_of(self, path: str) -> str | None:
        """The title, in the language being built, of the page at ``path`` in a language folder."""
        file = self.files.get_file_from_path(path) if self.files is not None else None
        return str(file.page.title) if file is not None and file.page is not None and file.page.title else None

    def _versions(self, file: File) -> dict[str, Version]:
        """The page in every built language, from the core's reading of the
        content tree (portal/site/versions.py), not the i18n plugin's."""
        return self.versions.get(file.src_uri, {})

    def _assembly(self) -> Assembly:
        assert self.assembly is not None, "on_config has not run"
        return self.assembly

    def _set_hreflang(self, config: MkDocsConfig, versions: dict[str, Version]) -> list[tuple[str, str]]:
        """The page's real translations. Search engines get them from the
        sitemaps (hreflang there is as good as in pages): Material's script
        asks for a ``sitemap.xml`` beside every ``<link rel="alternate">`` of a
        page (mkdocs-material#6582), a failed request per translation on every
        page view. So Material prints none (``extra.alternate`` empty, set as
        an attribute, which templates read); our switcher reads ``portal.switcher``."""
        config.extra.alternate = []
        return hreflang_links(versions, self._assembly().languages, config.site_url or "/")

    def _view(self, lang: str, switcher: list, **extra: Any) -> PortalView:
        assembly = self._assembly()
        language = assembly.language(lang)
        return PortalView(
            lang=lang,
            feed_path=language.prefix + "feed.xml",
            organization=jsonld({"@context": "https://schema.org", **organization_jsonld(assembly.site, lang)}),
            og_locale=language.og_locale,
            agency=assembly.identity.agency[lang],
            contact_path=self.contact_file.url if self.contact_file else None,
            accessibility_path=self.accessibility_file.url if self.accessibility_file else None,
            switcher=switcher,
            # The preview's live reload is an inline script: no policy there.
            csp=None if self.serving else Markup(content_security_policy(meta=True)),
            preload=[] if self.config.kiosk.enabled else self._fonts_for(lang),
            **extra,
        )


def settings_from(config: MkDocsConfig, options: dict[str, Any], i18n: Any) -> Settings:
    """What MkDocs' configuration says about this build, for the engine-free core."""
    return Settings(
        config_file=_config_file(config),
        content_dir=Path(config.docs_dir).resolve(),
        options=options,
        site_url=config.site_url or "/",
        site_names={lang.locale: lang.site_name or config.site_name for lang in i18n.config.languages},
        directory_urls=config.use_directory_urls,
        theme_dirs=tuple(Path(folder).resolve() for folder in config.theme.dirs),
    )


def _refuse(problems: list, source: Path, root: Path) -> None:
    """Problems found in an editor's page, as errors naming its file and line."""
    if not problems:
        return
    text = source.read_text(encoding="utf-8")
    _fail([
        PortalError(f"content_{problem.kind}", file=shown(source, root),
                    line=line_of(text, problem.needle) or line_of(text, problem.scheme or problem.needle),
                    value=problem.value, reason=url_reason(problem.reason, problem.scheme) if problem.reason else "")
        for problem in problems
    ])


def _escape_title(page: Page, source: Path | None, root: Path) -> None:
    """MkDocs gives Material the title as written in the front matter, or as
    HTML text (from the first heading), and Material prints it unescaped.
    Both become escaped Markup here, which prints right in every template;
    a heading of an editor's page whose text decodes to markup is refused."""
    title = page.meta.get("title")
    plain = str(title) if title is not None else html.unescape(str(page.title or ""))
    if source is not None and title is None and plain_text.has_markup(plain):
        text = source.read_text(encoding="utf-8")
        _fail([PortalError("content_title_markup", file=shown(source, root), line=line_of(text, "# "), value=plain)])
    page.title = escape(plain)
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])


def _guard(output: str, name: str, assembly: Assembly) -> None:
    """Stop the build if the finished page breaks a rule of portal/safety/output.py."""
    problems = check_page(output)
    if problems:
        source = assembly.selection.files.get(name)
        where = shown(source, assembly.root) if source else name
        _fail([PortalError("output_unsafe", file=where, value=problem) for problem in problems])


def _fail(errors: list[PortalError]) -> None:
    try:
        raise_all(errors)
    except PortalError as error:
        raise PluginError(str(error)) from None


def _is_home(page: Page) -> bool:
    """A language's home page (its own or the default language's, shown untranslated)."""
    return page.file.src_uri.count("/") == 1 and page.file.src_uri.endswith("/index.md")


def _mark_untranslated_entries(nav: Any, lang: str) -> None:
    """A menu entry whose page is shown in another language (not yet
    translated) says so to screen readers and browsers: its title carries
    ``lang``. Material prints ``page.typeset.title`` in the menu when set."""
    for page in nav.pages:
        locale = getattr(page.file, "locale", lang)
        if locale != lang and page.title:
            page.typeset = {"title": Markup('<span lang="{}">{}</span>').format(locale, page.title)}


def _config_file(config: MkDocsConfig) -> Path:
    """Absolute: ``mkdocs build -f portals/x.yml`` gives a relative path."""
    return Path(config.config_file_path).resolve()


def _i18n_plugin(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("The 'portal' plugin needs the 'i18n' plugin (mkdocs-static-i18n) in mkdocs.yml.")
    return plugin
