"""What one build of one portal publishes of the project's content folders:
the pages (a portal's own page replaces the shared one at the same path),
the dated items, and the files, decided by the one publication rule
(:mod:`portal.site.publication`) for every layer alike.

Pages in a language's ``print/`` folder (the printed publications' foreword)
are printed, never made web pages (:attr:`Selection.print_pages`).

A file (image, attachment) is left out when the only pages or data items
that use it are not published here: a draft's photo is not published with
the portal's other files. The result is the exact list of files the site
engine may read; nothing else reaches any output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from portal.content.items import Content, Item, PageFile
from portal.content.models import Article
from portal.site.languages import Language
from portal.site.portals import Scope
from portal.site.publication import Rule

#: The folder, inside a language folder, of the pages only the printed publications show.
PRINT_FOLDER = "print/"


@dataclass(frozen=True)
class Selection:
    pages: list[PageFile]  # the pages this build shows, sorted by key
    items: list[Item]  # its dated items, by language, newest first
    files: dict[str, Path]  # the engine's docs folder: "vi/about.md", "attachments/x.pdf" -> the source
    left_out: set[str]  # what the content folders hold that this build does not publish
    #: Pages that are not this portal's at all (another portal's, a language it does not build),
    #: as opposed to its own pages held back (drafts, embargoes), which checks still read.
    elsewhere: frozenset[str] = frozenset()
    #: The ``print/`` pages the publications of this build may show (the rule applied), by key.
    print_pages: dict[str, PageFile] = field(default_factory=dict)


def select(
    scope: Scope,
    shared: Content,
    own: Content | None,
    languages: list[Language],
    project_languages: list[str],
    rule: Rule,
    data_uses: tuple[set[str], set[str]] = (set(), set()),
) -> Selection:
    """``languages``: what this portal builds; ``data_uses``: the files the
    data items this build shows use, and those the others use."""
    built = {language.code for language in languages}
    default = next(language.code for language in languages if language.default)
    layers = [shared] + ([own] if own else [])
    candidates: dict[str, PageFile] = {}
    for page in shared.pages:
        if page.lang in built and scope.publishes(page.meta.portals):
            candidates[page.key] = page
    for page in own.pages if own else []:  # this portal's own: always here, over the shared page
        if page.lang in built:
            candidates[page.key] = page
    printed = {key: candidates.pop(key) for key in [key for key, page in candidates.items()
                                                     if page.path.startswith(PRINT_FOLDER)]}

    def source_of(page: PageFile) -> PageFile | None:
        return candidates.get(f"{default}/{page.path}") if page.lang != default else None

    shown = sorted(
        (page for page in candidates.values() if rule.shows(page.meta, _meta(source_of(page)))),
        key=lambda page: page.key,
    )
    shown_ids = {id(page) for page in shown}
    used, used_elsewhere = set(data_uses[0]), set(data_uses[1])
    for layer in layers:
        for page in layer.pages:
            (used if id(page) in shown_ids else used_elsewhere).update(page.uses)
    kept_back = used_elsewhere - used

    files: dict[str, Path] = {}
    left_out: set[str] = set()
    for layer in layers:
        for path, source in layer.files.items():
            language = path.split("/")[0]
            if path in kept_back or (language in project_languages and language not in built):
                left_out.add(path)
            else:
                files[path] = source
                left_out.discard(path)  # a portal's own file replaces a shared one kept back
        left_out |= {page.key for page in layer.pages if id(page) not in shown_ids and page.key not in printed}
    files.update({page.key: page.source for page in shown})
    left_out -= set(files)
    items = [
        Item(page.lang, page.path, page.meta, rule.published(page.meta) and _published(rule, source_of(page)),
             page.source)
        for page in shown
        if isinstance(page.meta, Article)
    ]
    elsewhere = frozenset(page.key for layer in layers for page in layer.pages
                          if page.key not in candidates and page.key not in printed)
    print_pages = {key: page for key, page in printed.items()
                   if rule.published(page.meta) and _published(rule, printed.get(f"{default}/{page.path}"))}
    return Selection(shown, sorted(items, key=lambda item: (item.lang, item.sort_key)), files, left_out, elsewhere,
                     print_pages)


def _meta(page: PageFile | None):
    return page.meta if page else None


def _published(rule: Rule, source: PageFile | None) -> bool:
    return source is None or rule.published(source.meta)
