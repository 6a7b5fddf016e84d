"""One build of one portal, decided without the site engine: the project's
portals and languages, this portal's identity, every page and data item
checked, what is published (:mod:`portal.site.selection`), and the pages
generated from data and dated items.

The MkDocs plugin, ``portal check``, the scripts and the tests all start
here, so a build and a check can never disagree about what is published.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from portal.content.history import committed_date, committed_times
from portal.content.translations import Version
from portal.content.items import Content, check_translations, read_content
from portal.data.load import Portfolio, load_portfolio
from portal.errors import PortalError, raise_all
from portal.generation.articles import Site, generate_articles
from portal.generation.images import Picture, pictures
from portal.generation.pages import generate
from portal.generation.rendering import GeneratedFile
from portal.site.config_files import ConfigChain, read_chain
from portal.site.identity import Identity, check_identity
from portal.site.languages import Language, check_languages
from portal.site.overrides import Overrides
from portal.site.portals import PortalConfigFile, Scope, discover
from portal.site.publication import Rule
from portal.site.selection import Selection, select
from portal.site.settings import Settings, check_options, merged
from portal.printing.pdf import PrintError
from portal.printing.printer import Printer
from portal.printing.publications import FONTS_CSS, publication_files, publications
from portal.site.versions import page_versions, site_paths, sitemap_entries
from portal.sources import shown
from portal.sources import inside

#: Resized photos, remembered between builds (portal/generation/images.py).
IMAGE_CACHE = ".cache/portal/images"


@dataclass(frozen=True)
class Assembly:
    root: Path  # the project: content/, data/, portals/
    chain: ConfigChain  # the config file and what it INHERITs
    portals: list[PortalConfigFile]  # the project's portals, the umbrella first
    scope: Scope
    languages: list[Language]  # what this portal builds, the default first as declared
    project_languages: list[str]  # every portal's languages
    identity: Identity
    selection: Selection
    portfolio: Portfolio  # the data items this build shows
    site: Site
    generated: list[GeneratedFile]  # data pages, downloads, listings, feeds, calendars
    updated: dict[str, datetime.date]  # "vi/about.md" -> when its text last changed (editors' pages)
    overrides: Overrides  # the locality's templates and strings
    settings: Settings  # what the config files say about this build

    @cached_property
    def versions(self) -> dict[str, dict[str, Version]]:
        """Every published page in every built language (portal/site/versions.py)."""
        generated = {file.path for file in self.generated if file.path.endswith(".md")}
        return page_versions({page.key for page in self.selection.pages}, generated, self.languages,
                             self.site.directory_urls)

    @cached_property
    def site_paths(self) -> set[str]:
        """Every published page's address from the site's root (portal/site/versions.py)."""
        return site_paths(self.versions)

    @cached_property
    def sitemap_entries(self) -> list[dict]:
        """Every page in its own language with its translations, for the sitemaps (portal/site/versions.py)."""
        return sitemap_entries(self.versions, self.languages, self.site.site_url)

    @property
    def pictures(self) -> dict[str, Picture]:
        """Every published photo, resized: "attachments/x.jpg" -> its variants."""
        return self.site.pictures

    @property
    def default_language(self) -> Language:
        return next(language for language in self.languages if language.default)

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)


def assemble(settings: Settings, rule: Rule, printer: Printer | None = None) -> Assembly:
    """Check the whole project as this portal's build sees it; raise
    :class:`PortalError` (all problems together) or return what to build.
    ``printer`` prints the publications (portal/printing/); without one (a check, a preview), their
    pages say they are printed at publication."""
    chain = read_chain(settings.config_file)
    content_dir = settings.content_dir
    root = content_dir.parent
    raise_all(check_options(chain))
    overrides = Overrides.of(settings.config_file, root)
    Overrides((), root).activate()  # ours only, until the locality's are checked
    raise_all(overrides.check())
    overrides.activate()
    options = settings.options
    portals = discover(root)
    portal_id = options.get("id") or ""
    if portal_id not in {portal.id for portal in portals}:  # a config file outside portals/ (a test's, a variant)
        portals.append(PortalConfigFile(portal_id, settings.config_file, (), chain))
    scope = Scope(portal_id, umbrella=portal_id == portals[0].id)
    project_languages = list(dict.fromkeys(code for portal in portals for code in portal.languages))
    languages = check_languages(chain, content_dir, tuple(project_languages))
    codes = [language.code for language in languages]
    default = next(language.code for language in languages if language.default)
    identity = check_identity(options, codes, chain)
    ids = [portal.id for portal in portals]
    own_dir = settings.own_content_dir
    data_dir = (root / options.get("data_dir", "data")).resolve()
    for key, folder in (("own_content", own_dir), ("data_dir", data_dir)):
        if folder is not None and not inside(folder, root):
            file, line = chain.where(("plugins", "portal", key))
            raise PortalError("file_outside", file=file, line=line, field=f"plugins.portal.{key}", folder=root.name + "/")

    errors: list[PortalError] = []
    shared = _read(content_dir, project_languages, root, ids, errors)
    own = _read(own_dir, project_languages, root, ids, errors) if own_dir else None
    for layer in (shared, own):
        if layer is not None:
            errors += check_translations(layer, default)
    content_files = set(shared.files if shared else ()) | set(own.files if own else ())
    everything = None
    try:
        everything = load_portfolio(data_dir, project_languages, default, root, ids,
                                    content_files if shared else None)
    except PortalError as error:
        errors += error.errors
    raise_all(errors)
    assert shared is not None and everything is not None

    portfolio = everything.select(scope, rule)
    selection = select(scope, shared, own, languages, project_languages, rule,
                       (portfolio.files_used(), everything.files_used()))
    raise_all(_missing_files(selection) + _missing_theme_files(selection, settings.theme_dirs))
    if f"{default}/{identity.contact_page}" not in selection.files:
        file, line = chain.where(("plugins", "portal", "contact_page"))
        raise PortalError("contact_page_missing", file=file, line=line, field="plugins.portal.contact_page",
                          page=identity.contact_page, code=default)
    site = Site(
        languages=languages,
        site_url=settings.site_url or "/",
        site_names={code: settings.site_names.get(code, "") for code in codes},
        identity=identity,
        now=rule.now,
        directory_urls=settings.directory_urls,
    )
    photos, variants = pictures(selection.files, lambda path: shown(path, root), root / IMAGE_CACHE)
    site = replace(site, pictures=photos)
    generated = variants + generate(portfolio, languages, directory_urls=settings.directory_urls, pictures=photos)
    generated += generate_articles(selection.items, site)
    times = committed_times(root)
    generated += _publications(settings, chain, portfolio, selection, languages, identity, scope, rule, times,
                               data_dir, printer)
    updated = {page.key: date for page in selection.pages
               if (date := page.meta.updated or committed_date(times, page.source)) is not None}
    return Assembly(root, chain, portals, scope, languages, project_languages, identity, selection, portfolio, site,
                    generated, updated, overrides, settings)


def _publications(settings: Settings, chain: ConfigChain, portfolio: Portfolio, selection: Selection,
                  languages: list[Language], identity: Identity, scope: Scope, rule: Rule,
                  times: dict[Path, float], data_dir: Path, printer: Printer | None) -> list[GeneratedFile]:
    """The printed publications and their pages, when the portal makes them."""
    options = settings.options["publications"]
    theme_dir = next((folder for folder in settings.theme_dirs if (folder / FONTS_CSS).is_file()), None)
    if not options["enabled"] or theme_dir is None:
        return []
    logo = _logo(merged(chain, ("theme", "logo")), selection.files, settings.theme_dirs)
    made = publications(portfolio, selection.items, selection.print_pages, languages, identity, settings.site_url,
                        settings.site_names, scope.id, options, rule.now, times,
                        sorted(data_dir.rglob("*.yml")), theme_dir, logo)
    try:
        printed = printer.print_all(made) if printer is not None else {}
    except PrintError as error:
        raise PortalError("print_failed", field="plugins.portal.publications", value=error.publication,
                          reason=str(error)) from None
    return publication_files(made, printed, languages, settings.directory_urls)


def _logo(name: object, files: dict[str, Path], theme_dirs: tuple[Path, ...]) -> Path | None:
    """The portal's logo where the theme finds it: a file it publishes (a portal's own first: the zone's
    ``assets/images/logo-heza.svg``), else the theme's; an SVG only (it is drawn, not run, in print)."""
    if not isinstance(name, str) or not name.endswith(".svg"):
        return None
    if name in files:
        return files[name]
    return next((folder / name for folder in theme_dirs if (folder / name).is_file() and inside(folder / name, folder)),
                None)


def _read(folder: Path, languages: list[str], root: Path, ids: list[str], errors: list[PortalError]) -> Content | None:
    try:
        return read_content(folder, languages, root, ids)
    except PortalError as error:
        errors += error.errors
        return None


def _missing_theme_files(selection: Selection, theme_dirs: tuple[Path, ...]) -> list[PortalError]:
    """A page's ``template`` and ``icon`` must be the theme's (the theme would stop with a traceback)."""
    if not theme_dirs:
        return []
    errors = []
    for page in selection.pages:
        for key, path in (("template", page.meta.template), ("icon", page.meta.icon and f".icons/{page.meta.icon}.svg")):
            if path and not any((folder / path).is_file() for folder in theme_dirs):
                errors.append(PortalError("theme_file_missing", file=page.shown, line=page.lines.get(key), field=key,
                                          value=getattr(page.meta, key)))
    return errors


def _missing_files(selection: Selection) -> list[PortalError]:
    """The attachment and image a shown page names in its front matter must be published with it."""
    return [
        PortalError("attachment_missing", file=page.shown, line=page.lines.get(key), field=key, value=value)
        for page in selection.pages
        for key in ("image", "file")
        if (value := getattr(page.meta, key, None)) and (value not in selection.files or value.endswith(".md"))
    ]
