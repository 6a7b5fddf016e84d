"""Shared fixtures: the real site, built once per test session from the real
content with the real ``mkdocs build --strict``."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
LANGUAGES = ("vi", "en", "lo")
DEFAULT_LANGUAGE = "vi"
SITE_URL = "https://doingoai.haiphong.example/"


def run_mkdocs_build(
    project: Path, site_dir: Path, *extra: str, site_url: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    env.pop("PORTAL_SITE_URL", None)
    if site_url:
        env["PORTAL_SITE_URL"] = site_url
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_project(target: Path) -> Path:
    """A throw-away copy of the portal sources, to break on purpose."""
    from portal.engine.project import copy_sources

    return copy_sources(ROOT, target)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    # --strict turns warnings into failure; none may be printed either.
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


def mkdocs_yml() -> dict:
    """The project's mkdocs.yml, read as MkDocs reads it (``!ENV`` tags)."""
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        return yaml_load(handle)


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content_pages() -> dict[str, set[str]]:
    """Page path (``about.md``) -> languages it is written in: the editors'
    pages and the pages generated from data/ (made in every language)."""
    pages: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        for source in (ROOT / "content" / lang).rglob("*.md"):
            pages.setdefault(source.relative_to(ROOT / "content" / lang).as_posix(), set()).add(lang)
    project = built_project()
    for page in project.generated:
        lang, _, path = page.path.partition("/")
        if lang in LANGUAGES and path.endswith(".md"):
            pages.setdefault(path, set()).add(lang)
    for left_out in project.left_out:  # unpublished items are not pages of the site
        lang, _, path = left_out.partition("/")
        pages.get(path, set()).discard(lang)
    return {path: langs for path, langs in pages.items() if langs}


def built_project():
    """The project as a build sees it: checked content and generated files."""
    from portal.engine.project import load_project

    return load_project(ROOT / "mkdocs.yml")


def languages():
    from portal.site.languages import Language

    return [Language(code, code, code == DEFAULT_LANGUAGE) for code in LANGUAGES]


def portfolio():
    from portal.data.load import load_portfolio

    return load_portfolio(ROOT / "data", list(LANGUAGES), DEFAULT_LANGUAGE, ROOT)





def indexed_pages(site_dir: Path) -> dict[str, dict]:
    """The search index's pages (Pagefind fragments: gzipped JSON after a
    signature), by URL."""
    import gzip
    import json

    pages = {}
    for fragment in (site_dir / "pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        page = json.loads(data)
        pages[page["url"]] = page
    return pages


def page_url(page: str, lang: str) -> str:
    """Site-relative URL of a content page in a language (directory URLs)."""
    stem = page[: -len(".md")]
    path = "" if stem == "index" else (stem[: -len("index")] if stem.endswith("/index") else f"{stem}/")
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return f"{prefix}{path}"


def output_file(site_dir: Path, url: str) -> Path:
    return site_dir / url / "index.html"


# -- the browser ---------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("served-site")
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    address = f"http://127.0.0.1:{httpd.server_address[1]}/"
    result = run_mkdocs_build(ROOT, site_dir, site_url=address)
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield address
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not (CHROMIUM and CHROMEDRIVER):  # the README install command installs both
        pytest.fail("chromium and chromedriver are needed: run `make install`", pytrace=False)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--window-size=1280,900"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


