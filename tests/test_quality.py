"""Quality gates over every file of the built site: internal links and
anchors resolve, images have alt text, HTML parses without errors (HTML5
parser), and no page asks another host for anything (Chromium's network log)."""

from __future__ import annotations

import json
import re
import urllib.request
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import html5lib
import pytest
from selenium.webdriver.support.ui import WebDriverWait

from conftest import portal_pages, SITE_URL, html

SKIP_SCHEMES = ("mailto:", "tel:", "geo:", "data:", "javascript:")


def _pages(site: Path) -> list[Path]:
    return portal_pages(site)


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """The file a link points to inside the site (None: another host) and its fragment."""
    base = urljoin(SITE_URL, page.relative_to(site).as_posix())
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.netloc != urlsplit(SITE_URL).netloc:
        return None, ""
    path = site / unquote(parts.path).lstrip("/")
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


@cache
def _ids(path: Path) -> frozenset[str]:
    return frozenset(tag["id"] for tag in html(path).find_all(id=True))


def test_every_internal_link_and_anchor_resolves(site):
    broken = []
    for page in _pages(site):
        doc = html(page)
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in doc.find_all(tag):
                href = element.get(attribute)
                if not href or href.startswith(SKIP_SCHEMES):
                    continue
                if tag == "link" and {"canonical", "alternate"} & set(element.get("rel", [])) and href.startswith("http"):
                    href = urlsplit(href).path  # absolute URLs of the portal itself
                target, fragment = _target(site, page, href)
                if target is None:
                    continue
                if not target.is_file():
                    broken.append(f"{page.relative_to(site)}: {href}")
                elif fragment and target.suffix == ".html" and unquote(fragment) not in _ids(target):
                    broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken[:30])


def _named_link(img) -> bool:
    """An image inside a link that has its own name (the logo): decorative, alt=""."""
    link = img.find_parent("a")
    return img.get("alt") == "" and link is not None and bool((link.get("aria-label") or "").strip())


def test_every_image_has_alt_text(site):
    missing = [
        f"{page.relative_to(site)}: {img.get('src')}"
        for page in _pages(site)
        for img in html(page).find_all("img")
        if not (img.get("alt") or "").strip() and img.get("role") != "presentation" and img.get("aria-hidden") != "true"
        and not _named_link(img)
    ]
    assert not missing, "\n".join(missing)


def test_html_parses_without_errors(site):
    problems = []
    for page in _pages(site):
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_bytes())
        problems += [f"{page.relative_to(site)}: {code} {data}" for _pos, code, data in parser.errors]
    assert not problems, "\n".join(problems[:30])


@pytest.mark.browser
def test_no_page_requests_another_host(browser, server):
    """Open every page listed in the served site's sitemap; read Chromium's network log."""
    with urllib.request.urlopen(server + "sitemap.xml", timeout=10) as response:  # noqa: S310 (loopback)
        sitemap = response.read().decode("utf-8")
    # The sitemap names the public host: open the same pages here.
    pages = sorted({loc.replace(SITE_URL, server) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)})
    assert all(page.startswith(server) for page in pages)
    assert len(pages) > 100
    browser.get_log("performance")  # forget earlier requests
    outside = []
    for url in pages:
        browser.get(url)
        WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        for entry in browser.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                requested = message["params"]["request"]["url"]
                # chrome:// is the browser's own new-tab page, which may still be loading at first.
                if not requested.startswith((server, "data:", "blob:", "chrome:", "chrome-untrusted:")):
                    outside.append(f"{url}: {requested}")
    assert not outside, "\n".join(outside[:20])
