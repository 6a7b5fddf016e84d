"""The kiosk build (kiosk.yml) for the information points at Cát Bi airport and
Hải Phòng port, opened from ``file://`` in headless Chromium as a touch screen
would open it: no server, no network."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SITE_URL, build_kiosk, html, network_log, switch_language
from test_search import search

#: Links and buttons a finger must hit: CSS pixels (WCAG 2.5.5 asks 44; the kiosk style gives 48).
MIN_TARGET = 44


def _ready(browser) -> None:
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _small_targets(browser) -> list[str]:
    """Visible links and buttons shorter than MIN_TARGET."""
    return browser.execute_script(
        """
        const small = [];
        for (const el of document.querySelectorAll('a[href], button, label[role=button], input, select')) {
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.height === 0 || !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
          if (box.height < arguments[0]) small.push(el.tagName + ' ' + (el.textContent.trim() || el.className) + ' ' + box.height);
        }
        return small;
        """,
        MIN_TARGET,
    )


@pytest.mark.browser
def test_kiosk_works_from_file_urls_with_no_failed_request(browser, kiosk_site):
    network_log(browser)  # forget earlier tests' requests
    home = (kiosk_site / "index.html").as_uri()
    browser.get(home)
    _ready(browser)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"

    # The language switcher leads to the English home page, as a file.
    switch_language(browser, "en")
    WebDriverWait(browser, 5).until(EC.url_to_be((kiosk_site / "en/index.html").as_uri()))
    _ready(browser)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"

    # Search (the offline index), then follow the first result.
    results = search(browser, browser.current_url, "airport")
    assert results
    browser.find_element(By.CSS_SELECTOR, ".md-search-result__link").click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url == results[0]["href"])
    _ready(browser)

    # Follow the menu to the news, then the first news item, then a tag.
    browser.find_element(By.XPATH, "//nav[contains(@class,'md-nav--primary')]//a[normalize-space()='News']").click()
    WebDriverWait(browser, 5).until(EC.url_to_be((kiosk_site / "en/news/index.html").as_uri()))
    browser.find_element(By.CSS_SELECTOR, "article.md-content__inner h2 a, article.md-content__inner h3 a").click()
    _ready(browser)
    assert browser.current_url.startswith((kiosk_site / "en/news").as_uri()) and browser.current_url.endswith(".html")
    assert browser.find_element(By.CSS_SELECTOR, "h1").text

    # Every image shown was found (the logo, and any in the content).
    for page in ("index.html", "en/invest/plans/ke-hoach-2019.html"):
        browser.get((kiosk_site / page).as_uri())
        _ready(browser)
        broken = browser.execute_script(
            "return [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        assert browser.execute_script("return document.images.length") > 0
        assert not broken, broken

    requests, failures = network_log(browser)
    assert requests, "the network log recorded nothing"
    assert not failures, failures
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert not outside, outside


@pytest.mark.browser
@pytest.mark.parametrize("page", ["index.html", "en/news/2024-09-04-heza-plan.html", "lo/about.html"])
def test_kiosk_touch_targets_are_large(browser, kiosk_site, page):
    browser.get((kiosk_site / page).as_uri())
    _ready(browser)
    assert _small_targets(browser) == []


@pytest.mark.browser
def test_the_target_check_finds_the_public_portal_s_smaller_links(browser, site):
    """The check above can fail: the public portal's menu links are smaller."""
    browser.get((site / "index.html").as_uri())
    _ready(browser)
    assert any(target.startswith("A ") for target in _small_targets(browser))


def test_each_kiosk_page_has_a_qr_code_to_the_same_page_on_the_public_portal(kiosk_site):
    from portal.site.kiosk import qr_svg

    pages = {
        "index.html": SITE_URL,
        "en/news/2024-09-04-heza-plan.html": SITE_URL + "en/news/2024-09-04-heza-plan/",
        "lo/invest/zones/dinh-vu-cat-hai.html": SITE_URL + "lo/invest/zones/dinh-vu-cat-hai/",
    }
    for page, public in pages.items():
        kiosk = html(kiosk_site / page).select_one("#portal-kiosk")
        assert kiosk.select_one(".portal-kiosk__url").get_text() == public
        # The code is the one segno makes for that address: made at build time, no service.
        assert str(kiosk.select_one(".portal-kiosk__qr svg")) == str(html_fragment(qr_svg(public)))
    for page in Path(kiosk_site).rglob("*.html"):
        if page.name != "404.html" and page.parent != kiosk_site / "search":
            assert html(page).select_one("#portal-kiosk svg"), page


def html_fragment(markup: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "html.parser").svg


def test_the_public_portal_has_no_kiosk_furniture(site):
    page = html(site / "index.html")
    assert page.select_one("#portal-kiosk") is None
    assert "portal-kiosk" not in str(page.select("script[src], link[rel=stylesheet]"))


@pytest.fixture(scope="module")
def quick_kiosk(tmp_path_factory) -> Path:
    return build_kiosk(tmp_path_factory, idle_seconds=2)


@pytest.mark.browser
def test_kiosk_returns_home_after_the_idle_time(browser, quick_kiosk):
    page = (quick_kiosk / "en/news/2024-09-04-heza-plan.html").as_uri()
    home = (quick_kiosk / "index.html").as_uri()
    browser.get(page)
    _ready(browser)
    # A visitor reading and scrolling keeps the page: 4 s of activity, idle time 2 s.
    for _ in range(8):
        browser.execute_script("window.scrollBy(0, 20); window.dispatchEvent(new Event('scroll'))")
        time.sleep(0.5)
    assert browser.current_url == page
    # Left alone, the screen goes back to the home page.
    WebDriverWait(browser, 6).until(EC.url_to_be(home))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"


def test_the_kiosk_copy_has_the_publications_and_opens_them_from_its_folder(kiosk_site, site):
    """The information points hand out the same PDFs as the public portal (docs/publications.md)."""
    page = html(kiosk_site / "lo/publications/index.html")
    links = [link["href"] for link in page.select("article a[type='application/pdf']")]
    assert links == ["../../publications/city-guide-2026-lo.pdf", "../../publications/city-annual-2026-lo.pdf"]
    for link in links:
        name = link.rpartition("/")[2]
        assert (kiosk_site / "publications" / name).read_bytes() == (site / "publications" / name).read_bytes()
