"""Build the search indexes of a finished site.

Runs after every page is written, on the HTML readers get: the index holds
exactly what is published, whichever engine made the pages. The text rules
(Lao word cutting, Vietnamese folding) live in one JavaScript file shared by
the indexer and the search box, ``overrides/assets/javascripts/portal-search-text.js``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path

from portal.errors import PortalError

INDEXER = Path(__file__).with_name("indexer.mjs")
#: Where the chunked index goes, inside the site.
INDEX_DIR = "pagefind"
#: Pagefind's list of the index's languages, read first by the search box.
ENTRY_FILE = f"{INDEX_DIR}/pagefind-entry.json"
#: The script-tag index for ``file://`` (one file per language).
OFFLINE_FILE = "search/offline-{lang}.js"


@dataclass(frozen=True)
class SearchPage:
    file: str  # inside the site folder, e.g. "en/about/index.html"
    url: str  # from the site root, e.g. "/en/about/"
    lang: str  # the language the page is shown in
    fallback: str | None = None  # language of its text, when not translated
    title: str = ""


def build_index(site_dir: Path, pages: list[SearchPage]) -> dict[str, int]:
    """Write ``site/pagefind/``; return how many pages each language has."""
    node = shutil.which("node")
    if node is None:
        raise PortalError("search_node_missing")
    job = {"site": str(site_dir), "output": str(site_dir / INDEX_DIR), "pages": [asdict(page) for page in pages]}
    result = subprocess.run(
        [node, str(INDEXER)], input=json.dumps(job), capture_output=True, text=True, encoding="utf-8"
    )
    if result.returncode != 0:
        raise PortalError("search_index_failed", problem=(result.stderr or result.stdout).strip())
    return json.loads(result.stdout.splitlines()[-1])["languages"]


def merge_entries(first: bytes, second: bytes) -> bytes:
    """The entry file of one index of two sets of languages, indexed apart
    (portal/publishing/parts.py). Every other file of a language's index is
    named by that language and its content, so indexing languages apart makes
    the same files; only this list of languages is shared. Written as
    Pagefind writes it (tests/test_parts.py compares the two)."""
    one, two = json.loads(first), json.loads(second)
    if {**one, "languages": None} != {**two, "languages": None} or set(one["languages"]) & set(two["languages"]):
        raise PortalError("build_parts_differ", file=ENTRY_FILE)
    languages = {**one["languages"], **two["languages"]}
    merged = {**one, "languages": {code: languages[code] for code in sorted(languages)}}
    return json.dumps(merged, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_offline_index(site_dir: Path, pages: list[SearchPage]) -> None:
    """One ``<script>``-loadable file per language, for pages opened from
    ``file://`` (a kiosk), where the browser may not fetch an index.

    It holds each page's title and article text; the search box cuts and
    folds them with the same rules as queries. Fine for a kiosk's few hundred
    pages, too big for a public site of thousands (which uses Pagefind).
    """
    by_lang: dict[str, list[dict]] = {}
    for page in pages:
        html = (site_dir / page.file).read_text(encoding="utf-8")
        entry = {"u": page.url.lstrip("/"), "t": page.title, "x": article_text(html)}
        if page.fallback:
            entry["f"] = page.fallback
        by_lang.setdefault(page.lang, []).append(entry)
    for lang, entries in by_lang.items():
        target = site_dir / OFFLINE_FILE.format(lang=lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        target.write_text(f"window.portalSearchOffline = {data};\n", encoding="utf-8")


def article_text(html: str) -> str:
    """The text of the page's ``<article>``, as one line."""
    parser = _ArticleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


class _ArticleText(HTMLParser):
    """The article's text but scripts, styles, pictures, heading anchors ("¶",
    which the Pagefind indexer leaves out too) and what Pagefind is told to
    ignore (``data-pagefind-ignore``: interface labels, notices)."""

    SKIPPED = {"script", "style", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0  # inside <article>
        self.skipping: list[str] = []  # the elements being skipped, outermost first

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "article":
            self.depth += 1
        elif self.depth and (tag in self.SKIPPED or any(name == "data-pagefind-ignore" for name, _ in attrs)
                             or (tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split())
                             or (self.skipping and tag == self.skipping[0])):
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
        elif self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            self.parts.append(data)
