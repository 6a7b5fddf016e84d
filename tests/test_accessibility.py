"""WCAG 2.1 AA: axe-core (from the npm registry, run in headless Chromium)
reports no violation on every kind of page in every language."""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import LANGUAGES, ROOT, page_url

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules/axe-core/axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TEMPLATES = {  # kind of page -> a page of that kind
    "home": "index.md",
    "page": "about.md",
    "article": "news/2024-09-04-heza-plan.md",
    "news list": "news/index.md",
    "events list (upcoming, then past)": "events/index.md",
    "event": "events/2027-05-red-flamboyant-festival.md",
    "clarification": "clarifications/2026-11-01-vi-du-cat-bi.md",
    "documents library": "documents/index.md",
    "data index": "invest/projects/index.md",
    "data detail": "invest/projects/vd-01-logistics.md",
    "plan with chart": "invest/plans/ke-hoach-2019.md",
    "accessibility statement": "accessibility.md",
}


def _axe(browser) -> list[dict]:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `make install` (npm ci)", pytrace=False)
    # Colours are measured as shown: wait until transitions (search results fading in) have ended.
    WebDriverWait(browser, 10).until(
        lambda d: d.execute_script("return document.getAnimations().every(a => a.playState !== 'running')"))
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(TAGS)}}}}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));"
    )
    return result


def _open(browser, url: str) -> None:
    browser.get(url)
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_no_wcag_violations(browser, server, kind, lang):
    browser.set_script_timeout(60)
    _open(browser, server + page_url(TEMPLATES[kind], lang))
    assert _axe(browser) == []


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_no_wcag_violations_on_an_untranslated_page(browser, server, lang):
    _open(browser, server + page_url("plan-2019.md", lang))
    assert _axe(browser) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_wcag_violations_on_the_404_page(browser, server, lang):
    _open(browser, server + ("" if lang == "vi" else f"{lang}/") + "404.html")
    assert _axe(browser) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_wcag_violations_with_search_results_open(browser, server, lang):
    _open(browser, server + page_url("index.md", lang))
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    box = browser.find_element(By.CSS_SELECTOR, ".md-search__input")
    box.send_keys({"vi": "Hải Phòng", "en": "Hai Phong", "lo": "ໄຮຟອງ", "zh": "海防", "km": "ហៃផុង"}[lang])
    WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__meta") and
        d.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text.strip()
    )
    assert _axe(browser) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_accessibility_statement_in_every_language(site, lang):
    from conftest import html, output_file

    doc = html(output_file(site, page_url("accessibility.md", lang)))
    assert doc.html["lang"] == lang and doc.select_one(".portal-notice") is None  # really translated
    assert "WCAG 2.1" in doc.get_text() and doc.select_one('article a[href*="contacts"]')


@pytest.mark.parametrize("page", ["zone/", "zone/en/about/", "zone/invest/zones/dinh-vu-cat-hai/"])
def test_no_wcag_violations_on_the_zone_portal(browser, built_portals, page):
    """The zone portal's own colours and pages (its home, about page, data)."""
    from conftest import serve

    httpd, address = serve(built_portals)
    try:
        browser.set_script_timeout(60)
        _open(browser, address + page)
        assert _axe(browser) == []
    finally:
        httpd.shutdown()


def test_no_wcag_violations_on_a_kiosk_page(browser, kiosk_site):
    """The kiosk's QR card and larger targets."""
    browser.set_script_timeout(60)
    _open(browser, (kiosk_site / "en/news/2024-09-04-heza-plan.html").as_uri())
    assert _axe(browser) == []
