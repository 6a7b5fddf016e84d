"""Shared fixtures: the real site, built once per test session from the real
content with the real ``mkdocs build --strict``."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
LANGUAGES = ("vi", "en", "lo", "zh", "km")

# Every build of a copy of the project prints its publications: the prints are remembered in the
# checkout's cache (by what they are made of), so copies that print the same publication print it once.
os.environ.setdefault("PORTAL_PRINT_CACHE", str(ROOT / ".cache" / "portal" / "print"))
# The same for the Chinese font's slices cut to a site's text (portal/publishing/fonts.py).
os.environ.setdefault("PORTAL_FONT_CACHE", str(ROOT / ".cache" / "portal" / "fonts"))
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


def folder_files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (path from it -> bytes): to compare two builds, or a site before and after."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_project(target: Path) -> Path:
    """A throw-away copy of the portal sources, to break on purpose."""
    from portal.site.project import copy_sources

    return copy_sources(ROOT, target)


#: The publishing clock of the shared site build: what it shows does not change as the days pass.
SITE_NOW = {"PORTAL_NOW": "2026-12-01T09:00:00+07:00"}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(ROOT, site_dir, env=SITE_NOW)
    assert result.returncode == 0, result.stderr
    # --strict turns warnings into failure; none may be printed either.
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


def portal_pages(folder: Path) -> list[Path]:
    """Every HTML page under ``folder`` but the web editor's (``admin/``, not a page of the portal)."""
    return sorted(p for p in folder.rglob("*.html") if "admin" not in p.relative_to(folder).parts)


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
    from portal.site.selection import PRINT_FOLDER

    pages: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        for source in (ROOT / "content" / lang).rglob("*.md"):
            path = source.relative_to(ROOT / "content" / lang).as_posix()
            if not path.startswith(PRINT_FOLDER):  # printed only (the publications' foreword)
                pages.setdefault(path, set()).add(lang)
    project = built_project()
    for page in project.generated:
        lang, _, path = page.path.partition("/")
        if lang in LANGUAGES and path.endswith(".md"):
            pages.setdefault(path, set()).add(lang)
    for left_out in project.left_out:  # unpublished items are not pages of the site
        lang, _, path = left_out.partition("/")
        pages.get(path, set()).discard(lang)
    return {path: langs for path, langs in pages.items() if langs}


@functools.cache
def built_project():
    """The project as a build sees it: checked content and generated files."""
    from portal.site.project import load_project

    return load_project(ROOT / "mkdocs.yml")


def generated_pages() -> set[str]:
    """Pages (``news/tag/x/index.md``) the build generates: they exist only in
    the languages they are made for, with no copy in the others."""
    return {file.path.split("/", 1)[1] for file in built_project().generated
            if file.path.endswith(".md") and file.path.split("/", 1)[0] in LANGUAGES}


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
    """Site-relative URL of a content page in a language (directory URLs): the core's rule."""
    from portal.site.urls import page_path

    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return prefix + page_path(page)


def output_file(site_dir: Path, url: str) -> Path:
    return site_dir / url / "index.html"


# -- the browser ---------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")


def shipped_headers(site_dir: Path, path: str = "/") -> dict[str, str]:
    """The headers the build's ``_headers`` file gives ``path``, as Cloudflare Pages reads it:
    every block whose pattern matches, in order; ``! Name`` removes a header set above."""
    headers: dict[str, str] = {}
    matches = False
    for line in (site_dir / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            pattern = line.strip()
            matches = path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern
        elif matches and line.strip().startswith("! "):
            headers.pop(line.strip()[2:], None)
        elif matches:
            name, _, value = line.strip().partition(":")
            headers[name] = value.strip()
    return headers


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site as a static host would: with the security headers
    the build ships (or ``headers``, to test a policy on purpose)."""

    headers_override: dict[str, str] | None = None

    def end_headers(self):
        site_dir = Path(self.directory)
        headers = self.headers_override
        if headers is None and (site_dir / "_headers").is_file():
            headers = shipped_headers(site_dir, self.path.split("?")[0])
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own 404 page, as static hosts send it."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):  # keep test output readable
        pass


def serve(site_dir: Path, headers: dict[str, str] | None = None) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``site_dir`` on a free local port, in a thread; returns (server, address)."""
    handler = functools.partial(type("Handler", (SiteHandler,), {"headers_override": headers}), directory=str(site_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


@pytest.fixture(scope="session")
def served_site(site):
    """The shared site build, served at a local address with its security headers.
    (Its absolute addresses, canonical and share links, name its public host:
    pages link to each other relatively, so the browser stays here.)"""
    httpd, address = serve(site)
    yield site, address
    httpd.shutdown()


@pytest.fixture(scope="session")
def server(served_site):
    return served_site[1]


def build_portals(project: Path, output: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The one command that builds every portal (scripts/build.py, `make build`)."""
    env = {key: value for key, value in {**os.environ, **(env or {})}.items() if not key.startswith("PORTAL_SITE_URL")}
    return subprocess.run([sys.executable, str(project / "scripts/build.py"), "--output", str(output), *extra],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_portals(tmp_path_factory) -> Path:
    """Every portal, built by the one command: ``<output>/city/``, ``<output>/zone/``."""
    output = tmp_path_factory.mktemp("portals") / "site"
    result = build_portals(ROOT, output, env=SITE_NOW)  # tests/test_parts.py builds it again, other ways
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return output


def build_kiosk(tmp_path_factory, idle_seconds: int | None = None) -> Path:
    """The real kiosk variant (kiosk.yml), built; with ``idle_seconds``, a copy
    of the project whose kiosk returns home after that many seconds."""
    project = ROOT
    if idle_seconds is not None:
        project = copy_project(tmp_path_factory.mktemp("kiosk-project"))
        (project / "kiosk-test.yml").write_text(
            f"INHERIT: kiosk.yml\nplugins:\n  portal:\n    kiosk:\n      idle_seconds: {idle_seconds}\n",
            encoding="utf-8",
        )
    site_dir = tmp_path_factory.mktemp("kiosk-site")
    config = "kiosk.yml" if idle_seconds is None else "kiosk-test.yml"
    result = run_mkdocs_build(project, site_dir, "--config-file", config, env=SITE_NOW)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def kiosk_site(tmp_path_factory) -> Path:
    return build_kiosk(tmp_path_factory)


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
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


#: Material's script asks for ``sitemap.xml`` beside every ``<link rel="alternate">``
#: (mkdocs-material#6582); beside a page's hreflang URLs there is none, so these
#: are answered 404 by the portal's own server. Nothing else may fail.
MATERIAL_SITEMAP_PROBE = "/sitemap.xml"


def network_log(driver) -> tuple[list[str], list[str]]:
    """Requested URLs, and failed or non-2xx/3xx responses, since the last call."""
    requests, failures, urls = [], [], {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message["params"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(params["request"]["url"])
            urls[params["requestId"]] = params["request"]["url"]
        elif message["method"] == "Network.loadingFailed" and not params.get("canceled"):
            failures.append(f"{params.get('errorText', '?')} {urls.get(params['requestId'], '')}")
        elif message["method"] == "Network.responseReceived" and params["response"]["status"] >= 400:
            url = params["response"]["url"]
            if not url.endswith(MATERIAL_SITEMAP_PROBE):
                failures.append(f"{params['response']['status']} {url}")
    return requests, failures


def switch_language(driver, target: str) -> None:
    """Open the switcher as a reader does (click the button), pick ``target``."""
    driver.find_element(By.CSS_SELECTOR, ".md-header .md-select button").click()
    link = WebDriverWait(driver, 5).until(
        EC.element_to_be_clickable((By.CSS_SELECTOR, f'.md-select__link[hreflang="{target}"]'))
    )
    link.click()
