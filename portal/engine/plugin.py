"""The ``portal`` MkDocs plugin: wires the engine-free parts of the package
into MkDocs events. Logic lives elsewhere; each hook here only adapts.

It runs beside mkdocs-static-i18n, which builds the site once per language
and calls every hook again for each language. Our hooks must see the language
it is building, so each one runs *after* the i18n plugin's hook of the same
event (MkDocs runs higher priorities first; the i18n plugin uses -100 for
``on_config``/``on_files`` and 50 for the context events).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from markupsafe import Markup, escape
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from portal.content.items import Item, publication, read_content
from portal.content.models import now
from portal.content.translations import (
    Version,
    absolute,
    hreflang_links,
    original,
    switcher_entries,
)
from portal.engine.config import PortalConfig
from portal.engine.view import KioskView, PortalView
from portal.data.load import load_portfolio
from portal.data.models import SLUG
from portal.engine.docs_folder import CACHE, assemble
from portal.errors import PortalError, PortalErrors
from portal.generation.articles import (
    ArticleView,
    Site,
    article_view,
    generate_articles,
    jsonld,
    organization_jsonld,
    render_article_header,
)
from portal.generation.pages import generate
from portal.generation.rendering import GeneratedFile
from portal.i18n import t
from portal.publishing.headers import write_security_headers
from portal.search.index import SearchPage, build_index, write_offline_index
from portal.site.kiosk import public_url, qr_svg
from portal.site.identity import Identity, check_identity
from portal.site.languages import Language, check_codes, check_languages, declared_in_config_file
from portal.site.portals import PortalConfigFile, Scope, discover

log = get_plugin_logger(__name__)

IDENTITY_CSS = "assets/stylesheets/identity.css"
ERROR_TEMPLATE = "404.html"
SITEMAP_TEMPLATE = "sitemap.xml"


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.languages: list[Language] = []
        self.identity: Identity | None = None
        self.contact_file: File | None = None
        self.accessibility_file: File | None = None
        self.serving = False
        self.items: list[Item] = []
        self.item_pages: dict[str, Item] = {}  # by source path in the docs folder ("vi/news/x.md")
        self.article_views: dict[str, ArticleView] = {}  # the same key, for the page being built
        self.site: Site | None = None
        self.search_pages: list[SearchPage] = []  # every page of every language, as built
        self.root = Path()  # the project: the folder holding content/, data/, portals/
        self.portals: list[PortalConfigFile] = []  # the project's portals, the umbrella first
        self.project_languages: tuple[str, ...] = ()  # every portal's languages
        self.scope: Scope | None = None  # what this portal publishes of the content

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
            config_file = Path(config_file_path)
            try:
                declared, shown = declared_in_config_file(config_file)
                check_codes(declared, shown)
            except PortalError as error:
                errors.append(("languages", ValidationError(str(error))))
        return errors, warnings

    # After the i18n plugin (-100) has switched the config to its language.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = _i18n_plugin(config)
        if not i18n.building:  # once per build of the whole site, not per language
            try:
                self.check_project(config, i18n)
                self._assemble_docs(config)
                self.search_pages = []
            except (PortalError, PortalErrors) as error:
                raise PluginError(str(error)) from None
        config.extra["generator"] = False  # Material's English "Made with" line
        return config

    def check_project(self, config: MkDocsConfig, i18n: Any) -> None:
        """Portals, languages, identity, every page's front matter, attachments, contacts page."""
        config_file = _config_file(config)
        content_dir = Path(config.docs_dir)
        self.root = content_dir.parent  # the project: content/, data/, portals/
        own = self.config.own_content
        own_dir = (config_file.parent / own).resolve() if own else None
        self.portals = self._check_portals(config_file)
        declared = [(lang.locale, bool(lang.default)) for lang in i18n.config.languages]
        self.project_languages = tuple(dict.fromkeys(code for p in self.portals for code in p.languages))
        self.languages = check_languages(declared, content_dir, config_file.name, self.project_languages)
        self.identity = check_identity(
            dict(self.config), [lang.code for lang in self.languages], config_file.name
        )
        codes = [lang.code for lang in self.languages]
        ids = [p.id for p in self.portals]
        shared = read_content(content_dir, codes, self.root, now(), ids)
        own_items = read_content(own_dir, codes, self.root, now(), ids) if own_dir else None
        scope = self.scope = Scope(
            id=self.config.id,
            umbrella=self.config.id == self.portals[0].id,  # the top-level mkdocs.yml's: it publishes everything
            content_dir=content_dir,
            own_content_dir=own_dir,
            page_portals=shared.portals,
            own_pages=frozenset(own_items.portals if own_items else ()),
        )
        # This portal's own pages replace shared ones at the same path.
        self.items = sorted(
            [item for item in shared.items if f"{item.lang}/{item.path}" not in scope.own_pages]
            + (own_items.items if own_items else []),
            key=lambda item: (item.lang, item.sort_key),
        )
        # Attachments and images named in front matter are paths inside content/.
        missing = [
            PortalError("attachment_missing", file=_shown(scope.source(item.lang, item.path), self.root),
                        line=_line_of_key(scope.source(item.lang, item.path), key), field=key, value=value)
            for item in self.items
            for key, value in (("file", item.attachment), ("image", item.meta.image))
            if value and not scope.has_file(value)
        ]
        if missing:
            raise PortalErrors(missing)
        default = self.default_language.code
        if not scope.has_file(f"{default}/{self.identity.contact_page}"):
            raise PortalError(
                "contact_page_missing",
                file=config_file.name,
                field="plugins.portal.contact_page",
                page=self.identity.contact_page,
                code=default,
            )

    def _check_portals(self, config_file: Path) -> list[PortalConfigFile]:
        """The project's portals, the umbrella first; this one among them."""
        portals = discover(self.root)
        portal_id = self.config.id
        if not SLUG.fullmatch(portal_id):
            raise PortalError("portal_id_missing", file=config_file.name, field="plugins.portal.id")
        seen: dict[str, PortalConfigFile] = {}
        for portal in portals:
            if portal.id in seen:
                raise PortalError(
                    "portal_id_duplicate", file=_shown(portal.config_file, self.root), field="plugins.portal.id",
                    value=portal.id, other=_shown(seen[portal.id].config_file, self.root),
                )
            seen[portal.id] = portal
        if portal_id not in seen:  # a config file outside portals/ (a test's, a variant)
            portals.append(PortalConfigFile(portal_id, config_file, ()))
        return portals

    def _assemble_docs(self, config: MkDocsConfig) -> None:
        """Point MkDocs at content + this portal's content + generated pages,
        minus unpublished items and what other portals publish.

        Runs before MkDocs cleans ``site/``: bad data stops the build while
        the previous site is still whole.
        """
        scope = self.scope
        assert scope is not None
        generated, hidden = self.generated(config)
        hidden |= scope.left_out({lang.code for lang in self.languages}, self.project_languages)
        layers = [(scope.content_dir, hidden)]
        if scope.own_content_dir:
            layers.append((scope.own_content_dir, set()))
        target = _config_file(config).parent / CACHE
        assemble(layers, generated, target)
        config.docs_dir = str(target)
        # `mkdocs serve` rebuilds when editors change content or data.
        for watched in (scope.content_dir, scope.own_content_dir, self.root / self.config.data_dir):
            if watched and str(watched) not in config.watch:
                config.watch.append(str(watched))

    def generated(self, config: MkDocsConfig) -> tuple[list[GeneratedFile], set[str]]:
        """Every generated file, and the content files to leave out.

        Unpublished items (draft, embargoed, internal) and other portals'
        items are left out of the docs folder, hence out of every output;
        `mkdocs serve` shows unpublished items, marked.
        Also used by scripts/generate.py and the tests (after ``check_project``).
        """
        scope = self.scope
        assert scope is not None
        portfolio = load_portfolio(
            self.root / self.config.data_dir,
            list(self.project_languages),
            self.default_language.code,
            self.root,
            [p.id for p in self.portals],
        ).on_portal(scope.id, scope.umbrella)
        shown, hidden = publication(
            self.items, preview=self.serving, on_portal=lambda item: scope.publishes_page(item.lang, item.path)
        )
        i18n = _i18n_plugin(config)
        self.site = Site(
            languages=self.languages,
            site_url=config.site_url or "/",
            site_names={lang.locale: lang.site_name or config.site_name for lang in i18n.config.languages},
            identity=self.identity,
            now=now(),
            directory_urls=config.use_directory_urls,
        )
        self.item_pages = {f"{item.lang}/{item.path}": item for item in shown}
        generated = generate(portfolio, self.languages, directory_urls=config.use_directory_urls)
        return generated + generate_articles(shown, self.site), hidden

    @property
    def default_language(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    # -- files --------------------------------------------------------------

    # After the i18n plugin (-100) has chosen this language's files.
    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.identity is not None
        files.append(File.generated(config, IDENTITY_CSS, content=self.identity.css()))
        # The i18n plugin resolves the path to this language's page, or the
        # default language's when it is not translated.
        self.contact_file = files.get_file_from_path(self.identity.contact_page)
        self.accessibility_file = files.get_file_from_path(self.identity.accessibility_page)
        return files

    # -- templates ----------------------------------------------------------

    # After the i18n plugin (50), whose switcher links we replace.
    @event_priority(0)
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        lang = _i18n_plugin(config).current_language
        versions = _versions(page.file)
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
                    target=self.language(lang).name_in(lang),
                    source=self.language(source.source_lang).name_in(lang),
                ),
            }
        self.search_pages.append(
            SearchPage(
                file=page.file.dest_uri,
                url="/" + page.url,
                lang=lang,
                fallback=None if versions[lang].is_translation else source.source_lang,
                title=page.title or "",
            )
        )
        view = self.article_views.get(page.file.src_uri)
        if view is not None:
            view_extra["jsonld"] = [view.jsonld]
        if self.config.kiosk.enabled:
            url = public_url(site_url, page.url)
            view_extra["kiosk"] = KioskView(url, Markup(qr_svg(url)), self.config.kiosk.idle_seconds)
        context["portal"] = self._view(
            lang,
            switcher_entries(versions, self.languages, lang),
            og_locale_alternates=[
                self.language(code).og_locale for code, _url in links if code not in ("x-default", lang)
            ],
            **view_extra,
        )
        return context

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put an item's facts (date, place, verdict...) under its title."""
        item = self.item_pages.get(page.file.src_uri)
        if item is None:
            return html
        # Structured data names the page at its canonical address: the original
        # when this language shows another language's text.
        source = original(_versions(page.file), _i18n_plugin(config).current_language)
        view = article_view(item, self.site, absolute(config.site_url or "/", source.path))
        self.article_views[page.file.src_uri] = view  # for on_page_context's JSON-LD
        header = render_article_header(view, item, lambda path: get_relative_url(path, page.url))
        if "</h1>" in html:
            return html.replace("</h1>", "</h1>" + header, 1)
        return f"<h1>{escape(item.meta.title)}</h1>{header}{html}"

    @event_priority(0)
    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        lang = _i18n_plugin(config).current_language
        if template_name == ERROR_TEMPLATE:
            # An error page has no translations: the switcher and hreflang
            # lead to each language's home page.
            homes = {code.code: Version(code.code, code.code, code.prefix) for code in self.languages}
            self._set_hreflang(config, homes)
            context["portal"] = self._view(lang, switcher_entries(homes, self.languages, lang))
        elif template_name == SITEMAP_TEMPLATE:
            context["portal_sitemap"] = self._sitemap(context.get("i18n_alternates", {}), config)
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """Give each language its own 404 page (``/404.html``, ``/en/404.html``).

        MkDocs writes static templates to the site root, so each language
        build would overwrite the previous one's 404 page; we write the
        non-default ones into their language folder and return nothing, which
        tells MkDocs to skip its own write.
        """
        lang = _i18n_plugin(config).current_language
        if template_name != ERROR_TEMPLATE or lang == self.default_language.code:
            return output
        target = Path(config.site_dir) / self.language(lang).prefix / ERROR_TEMPLATE
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
        # Last: the policy allows the inline scripts of the pages as written.
        write_security_headers(site_dir)
        log.info("Search index: %s", ", ".join(f"{lang} {count} pages" for lang, count in sorted(counts.items())))

    # -- helpers ------------------------------------------------------------

    def _set_hreflang(self, config: MkDocsConfig, versions: dict[str, Version]) -> list[tuple[str, str]]:
        """Material prints ``<link rel="alternate" hreflang>`` from
        ``extra.alternate``: we give it real translations only (our switcher
        reads ``portal.switcher`` instead). Set as an attribute, like the i18n
        plugin does, because templates read the attribute."""
        links = hreflang_links(versions, self.languages, config.site_url or "/")
        # Not in the kiosk build: its pages are not for search engines, and
        # Material's script would fetch each link's sitemap over the network.
        shown = [] if self.config.kiosk.enabled else links
        config.extra.alternate = [{"name": code, "link": url, "lang": code} for code, url in shown]
        return links

    def _view(self, lang: str, switcher: list, **extra: Any) -> PortalView:
        assert self.identity is not None
        contact = self.contact_file.url if self.contact_file else None
        accessibility = self.accessibility_file.url if self.accessibility_file else None
        return PortalView(
            lang=lang,
            feed_path=self.language(lang).prefix + "feed.xml",
            organization=jsonld({"@context": "https://schema.org", **organization_jsonld(self.site, lang)}),
            og_locale=self.language(lang).og_locale,
            agency=self.identity.agency[lang],
            contact_path=contact,
            accessibility_path=accessibility,
            switcher=switcher,
            **extra,
        )

    def _sitemap(self, files_by_language: dict[str, list[File]], config: MkDocsConfig) -> list[dict]:
        """One entry per page *in its own language*, with its real translations."""
        site_url = config.site_url or "/"
        entries = []
        for lang in self.languages:
            for file in files_by_language.get(lang.code, []):
                if file.page is None or getattr(file, "locale", None) != lang.code:
                    continue  # not built yet, or a fallback copy: not a translation
                entries.append(
                    {
                        "loc": absolute(site_url, file.url),
                        "links": hreflang_links(_versions(file), self.languages, site_url),
                    }
                )
        return sorted(entries, key=lambda entry: entry["loc"])


def _versions(file: File) -> dict[str, Version]:
    """The page in every built language, from the i18n plugin's alternates."""
    return {
        lang: Version(lang=lang, source_lang=alternate.locale, path=alternate.url)
        for lang, alternate in file.alternates.items()
    }


def _config_file(config: MkDocsConfig) -> Path:
    """Absolute: ``mkdocs build -f portals/x.yml`` gives a relative path."""
    return Path(config.config_file_path).resolve()


def _i18n_plugin(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("The 'portal' plugin needs the 'i18n' plugin (mkdocs-static-i18n) in mkdocs.yml.")
    return plugin


def _line_of_key(path: Path, key: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
