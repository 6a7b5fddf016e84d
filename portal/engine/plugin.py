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
import logging
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from portal.clock import now
from portal.content.translations import absolute
from portal.engine.config import PortalConfig
from portal.engine.messages import LOGGERS, EditorsWords
from portal.engine.pictures import ResponsivePictures
from portal.engine.template_cache import THEME_TEMPLATES
from portal.errors import PortalError, raise_all
from portal.generation.cards import write_cards
from portal.generation.rendering import sitemap
from portal.i18n import t
from portal.editor.admin import find_node_modules, write_admin
from portal.editor.config import project_of
from portal.printing.pdf import PrintError
from portal.printing.printer import Printer
from portal.publishing.finish import Finishing, finish, index
from portal.publishing.fonts import cache_for as font_cache_for
from portal.publishing.parts import LANGUAGES_VARIABLE, languages_to_render, write_part
from portal.safety import text as plain_text
from portal.safety.markdown import ContentRules, line_of, refusals
from portal.safety.output import check_page
from portal.search.index import SearchPage, build_index, write_offline_index
from portal.site.assembly import Assembly, assemble
from portal.site.config_files import read_chain
from portal.site.docs_folder import PREVIEW, write_docs_folder
from portal.site.languages import check_codes
from portal.site.publication import Rule
from portal.site.settings import Settings, check_options
from portal.site.urls import relative_to_page
from portal.site.views import Views, is_home
from portal.sources import shown

log = get_plugin_logger(__name__)

IDENTITY_CSS = "assets/stylesheets/identity.css"
FONTS_CSS = "assets/stylesheets/fonts.css"
HOME_TEMPLATE = "home.html"
#: Share cards made, remembered between builds by what they show.
CARD_CACHE = ".cache/portal/cards"
ERROR_TEMPLATE = "404.html"
SITEMAP_TEMPLATE = "sitemap.xml"


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.assembly: Assembly | None = None  # what the build publishes (the core's)
        self.views: Views | None = None  # what each page shows (the core's)
        self.generated: set[str] = set()  # paths of the generated pages and files in the docs folder
        self.files: Files | None = None  # the language being built's files
        self.mkdocs_config: MkDocsConfig | None = None  # the language being built's configuration
        self.theme_dir = "overrides"  # our theme folder (custom_dir)
        self.nav_marked = False  # the menu's untranslated entries are marked for the language being built
        self.rules = ContentRules()  # what the Markdown of editors' pages may contain
        self.pictures = ResponsivePictures()  # photos in editors' pages, in every size
        self.words = EditorsWords()  # MkDocs' warnings about editors' links, in our words
        self.docs_dir: Path | None = None  # a build's own docs folder, removed when it ends
        # Every page of every language, as built, by file; kept across a preview's rebuilds,
        # which render only what changed.
        self.search_pages: dict[str, SearchPage] = {}
        self.dirty = False  # a preview renders only the pages whose source changed (portal/engine/preview.py)
        # The languages this process renders, when a build's languages are rendered in separate
        # processes (portal/publishing/parts.py); None: every one.
        self.languages: frozenset[str] | None = None
        self.menus: dict[str, tuple] = {}  # a preview's last menu, by language
        # A preview's search index, made after the page reloads (_index_after_reload).
        self.index_lock = threading.Lock()
        self.index_running = False
        self.index_wanted: tuple[Path, list[SearchPage]] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"
        self.dirty = dirty
        if dirty and (self.serving or os.environ.get(LANGUAGES_VARIABLE)):
            # Both render only some pages on purpose (see on_nav): MkDocs' warnings about it are not for
            # editors, and would stop a --strict build.
            logging.getLogger("mkdocs.commands.build").addFilter(_not_about_dirty_builds)
        for name in LOGGERS:
            logging.getLogger(name).addFilter(self.words)

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
        self.theme_dir = config.theme.custom_dir or self.theme_dir
        if not i18n.building:  # once per build of the whole site, not per language
            try:
                self.assembly = assemble(settings_from(config, dict(self.config), i18n), Rule(now(), self.serving),
                                         self._printer(config, i18n))
            except PortalError as error:
                raise PluginError(str(error)) from None
            self._docs_folder(config)
            self.words.new_build(self.assembly.selection.files, self.assembly.root)
            self.views = Views(self.assembly, Path(self.theme_dir) / FONTS_CSS, serving=self.serving)
            self.generated = {file.path for file in self.assembly.generated}
            self._languages_to_render(i18n.config.languages)
            if not self._rendering_changes_only():
                self.search_pages = {}
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

    def _printer(self, config: MkDocsConfig, i18n: Any) -> Printer | None:
        """A build prints the publications (of the languages it renders); a preview does not (two
        seconds a print, at every save)."""
        if self.serving or not self.config.publications.enabled:
            return None
        only = languages_to_render(os.environ, [language.locale for language in i18n.config.languages])
        try:
            return Printer.for_project(Path(config.docs_dir).resolve().parent, only)  # the project: content/'s parent
        except PrintError as error:
            raise PluginError(str(error)) from None

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
        if assembly.settings.own_content_dir is not None:
            watched.append(assembly.settings.own_content_dir)
        for folder in watched:  # `mkdocs serve` rebuilds when editors change content or data
            if str(folder) not in config.watch:
                config.watch.append(str(folder))

    def _languages_to_render(self, i18n_config_languages: list) -> None:
        """A process rendering some languages of a build (portal/publishing/parts.py)
        skips the others' pages by MkDocs' dirty build, as a preview does (on_nav)."""
        try:
            self.languages = None if self.serving else languages_to_render(
                os.environ, [language.code for language in self._assembly().languages])
        except PortalError as error:
            raise PluginError(str(error)) from None
        if self.languages is None:
            return
        if not self.dirty:
            raise PluginError(f"{LANGUAGES_VARIABLE} needs `mkdocs build --dirty` (portal/publishing/parts.py).")
        # Nor does the i18n plugin make a pass over the other languages, but the default one, which it
        # always builds first (at the site's root). Its switcher and alternates are not used: ours come
        # from the core. Measured at 3 x 1,000 pages: 1.7 s and 12 MB less per build.
        for language in i18n_config_languages:
            if language.locale not in self.languages and not language.default:
                language.build = False

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
        # A generated page exists in every language it has content for (a tag of Vietnamese
        # news has no English page): no copy of it is shown in another language.
        lang = _i18n_plugin(config).current_language
        for file in [f for f in files if f.src_uri in self.generated and getattr(f, "locale", lang) != lang]:
            files.remove(file)
        self.nav_marked = False
        self.files = files
        self.mkdocs_config = config
        return files

    # After the i18n plugin (-100) has made this language's menu.
    @event_priority(-110)
    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        """A preview's rebuild renders only the pages whose source changed (the
        generated ones are written again when what they show changed). The
        menu's other pages are read, not rendered, for their titles; when the
        menu changed, every page is rendered again; each language's home page
        always is (it shows the latest items and the data's figures).

        A process rendering some languages of a build renders exactly their pages."""
        if self.languages is not None:
            rendered = _i18n_plugin(config).current_language in self.languages
            for file in files.documentation_pages():
                file.is_modified = (lambda: True) if rendered else (lambda: False)
            return nav
        if not self._rendering_changes_only():
            return nav
        for page in nav.pages:
            if page.markdown is None:
                page.read_source(config)
        lang = _i18n_plugin(config).current_language
        menu = tuple((page.file.src_uri, page.title) for page in nav.pages)
        changed = self.menus.get(lang, menu) != menu
        self.menus[lang] = menu
        for file in files.documentation_pages():
            if changed or is_home(file.src_uri):
                file.is_modified = lambda: True  # MkDocs' test for rendering a page again
        return nav

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """MkDocs makes a Jinja environment per language and per preview rebuild:
        the theme's templates are compiled once for the process instead."""
        env.bytecode_cache = THEME_TEMPLATES
        return env

    # -- pages --------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Editors' pages are checked as they are rendered (portal/safety/markdown.py);
        each language's home page gets the home template (the generated sections)."""
        item = self._views().items.get(page.file.src_uri)
        self.rules.start(checked=page.file.src_uri in self._assembly().selection.files, titled=item is not None)
        self.pictures.start(page.url, self._assembly().pictures, lambda path: relative_to_page(path, page.url))
        if is_home(page.file.src_uri) and "template" not in page.meta:
            page.meta["template"] = HOME_TEMPLATE
        if item is not None and item.meta.summary and not page.meta.get("description"):
            page.meta["description"] = item.meta.summary  # shared links show the item's own summary
        return markdown

    def on_page_content(self, html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Refuse what an editor's text may not contain; make the title and
        description safe for Material's templates."""
        assembly = self._assembly()
        source = assembly.selection.files.get(page.file.src_uri)
        problems = self.rules.finish()
        if source is not None:
            _refuse(problems, source, assembly.root)
        _escape_title(page, source, assembly.root)
        return html_text

    # After the i18n plugin (50), whose switcher links we replace.
    @event_priority(0)
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        """The page's view, from the core (portal/site/views.py)."""
        lang = _i18n_plugin(config).current_language
        if not self.nav_marked:  # once per language, when every page's title is known
            _mark_untranslated_entries(nav, lang)
            self.nav_marked = True
        view = self._views().page(page.file.src_uri, lang, page.url, html.unescape(str(page.title or "")), self._title_of)
        if view.canonical_url:
            page.canonical_url = view.canonical_url
        if view.search is not None:
            self.search_pages[view.search.file] = view.search
        _no_alternate_links(config)
        context["portal"] = view.portal
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """The last check of the finished page (portal/safety/output.py)."""
        _guard(output, page.file.src_uri, self._assembly())
        return output

    @event_priority(0)
    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        if template_name == ERROR_TEMPLATE:
            _no_alternate_links(config)
            context["portal"] = self._views().error_page(_i18n_plugin(config).current_language)
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
            return sitemap(assembly.sitemap_entries)
        if template_name != ERROR_TEMPLATE:
            return output
        if self.languages is not None and lang not in self.languages:
            return ""  # another process renders it (its menu needs that language's pages, not read here)
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
        finishing = Finishing(self._search_pages(), self.config.search_offline,
                              robots_for=None if self.config.kiosk.enabled else config.site_url or "/",
                              font_cache=font_cache_for(self._assembly().root))
        # Each other language has its own sitemap too, beside its feed: Material's script looks for one
        # beside the feed's <link rel="alternate">, and search engines may be given it.
        site_url = config.site_url or "/"
        for language in self._assembly().languages:
            if language.prefix:
                mine = [entry for entry in self._assembly().sitemap_entries if entry["loc"].startswith(absolute(site_url, language.prefix))]
                target = site_dir / language.prefix / SITEMAP_TEMPLATE
                target.parent.mkdir(parents=True, exist_ok=True)  # a part may render no page of that language
                target.write_text(sitemap(mine), encoding="utf-8")
        self._write_editor(site_dir)
        if self.serving:  # nothing is shared or deployed from a preview
            self._index_after_reload(site_dir, finishing.pages)
            if finishing.search_offline:
                write_offline_index(site_dir, finishing.pages)
        else:
            write_cards(list(self._views().cards.values()), site_dir, self._assembly().root / CARD_CACHE,
                        Path(self.theme_dir) / FONTS_CSS)
            try:  # a part's build files are written after the parts are merged (portal/publishing/build.py)
                counts = finish(site_dir, finishing) if self.languages is None else index(site_dir, finishing)
            except PortalError as error:
                raise PluginError(str(error)) from None
            log.info("Search index: %s", ", ".join(f"{lang} {count} pages" for lang, count in sorted(counts.items())))
            if self.languages is not None:
                write_part(site_dir, finishing.robots_for)
        self._remove_docs_folder()

    def _write_editor(self, site_dir: Path) -> None:
        """The web editor at admin/ (portal/editor/), on every portal but the kiosk copy."""
        assembly = self._assembly()
        if self.config.kiosk.enabled or not (assembly.settings.options.get("editor") or {}).get("enabled", True):
            return
        try:
            write_admin(site_dir, project_of(assembly), find_node_modules())
        except PortalError as error:
            raise PluginError(str(error)) from None

    def on_build_error(self, *, error: Exception) -> None:
        self._remove_docs_folder()

    def on_shutdown(self) -> None:
        self._remove_docs_folder()
        for name in LOGGERS:
            logging.getLogger(name).removeFilter(self.words)

    # -- helpers ------------------------------------------------------------

    def _title_of(self, path: str) -> str | None:
        """The title, in the language being built, of the page at ``path`` in a language folder."""
        file = self.files.get_file_from_path(path) if self.files is not None else None
        if file is None or file.page is None:
            return None
        if file.page.markdown is None and self.mkdocs_config is not None:  # a preview's page not rendered again
            file.page.read_source(self.mkdocs_config)
        return str(file.page.title) if file.page.title else None

    def _assembly(self) -> Assembly:
        assert self.assembly is not None, "on_config has not run"
        return self.assembly

    def _rendering_changes_only(self) -> bool:
        return self.serving and self.dirty

    def _search_pages(self) -> list[SearchPage]:
        """The pages to index: those the build publishes now (a preview keeps
        the pages of earlier rebuilds, and the files of removed ones)."""
        published = self._assembly().site_paths
        return [page for page in self.search_pages.values() if page.url in published]

    def _index_after_reload(self, site_dir: Path, pages: list[SearchPage]) -> None:
        """The preview's search index is made while the edited page reloads (at
        1,000 pages per language it takes as long as a rebuild). A rebuild never
        waits for it: saves that come while an index is being made are indexed
        together, once it is done."""
        with self.index_lock:
            self.index_wanted = (site_dir, pages)
            if self.index_running:
                return
            self.index_running = True
        threading.Thread(target=self._index_while_wanted, name="portal-search-index", daemon=True).start()

    def _index_while_wanted(self) -> None:
        while True:
            with self.index_lock:
                job, self.index_wanted = self.index_wanted, None
                if job is None:
                    self.index_running = False
                    return
            try:
                build_index(*job)
            except PortalError as error:
                log.error(str(error))

    def _views(self) -> Views:
        assert self.views is not None, "on_config has not run"
        return self.views


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


#: MkDocs' warnings about its dirty build, which the plugin answers (its ``on_nav``).
DIRTY_BUILD_NOTES = ("A 'dirty' build is being performed", "The directory contains stale files")


def _not_about_dirty_builds(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(DIRTY_BUILD_NOTES)


def _no_alternate_links(config: MkDocsConfig) -> None:
    """Material prints a ``<link rel="alternate" hreflang>`` per language and
    its script asks for a ``sitemap.xml`` beside each (mkdocs-material#6582):
    a failed request per translation on every page view. So it prints none
    (``extra.alternate`` empty, set as an attribute, which templates read);
    search engines get the translations from the sitemaps, and readers from
    our switcher (``portal.switcher``)."""
    config.extra.alternate = []


def _refuse(problems: list, source: Path, root: Path) -> None:
    """Problems found in an editor's page, as errors naming its file and line."""
    if problems:
        _fail(refusals(problems, source, shown(source, root)))


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
