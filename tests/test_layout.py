"""Phones first: every page template of both portals, in every language, at
360×740 and 1366×900 in headless Chromium: the page is exactly as wide as
the screen, chart text is at least 12 px, the language list and the menu fit.
Also: the kiosk's QR code never covers the page, and printing leaves out
the site's furniture and keeps tables on the paper."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from conftest import serve

#: One page of every template (directory URLs, in a language folder).
TEMPLATES = [
    "", "about/", "plan-2019/", "news/", "news/2024-09-04-heza-plan/", "news/category/investment/", "news/archive/2024/",
    "events/", "events/2027-05-red-flamboyant-festival/", "documents/", "documents/2019-01-05-04-kh-ubnd/",
    "clarifications/", "clarifications/2026-11-01-vi-du-cat-bi/", "press/", "invest/", "invest/zones/",
    "invest/zones/dinh-vu-cat-hai/", "invest/parks/", "invest/parks/vi-du-bac/", "invest/projects/",
    "invest/projects/vd-01-logistics/", "invest/incentives/", "invest/plans/", "invest/plans/ke-hoach-2019/",
    "contacts/", "accessibility/", "404.html",
]
ZONE_TEMPLATES = ["", "about/", "news/", "invest/", "invest/projects/", "invest/plans/", "contacts/"]
PAGES = ([("city", lang, page) for lang in ("", "en/", "lo/") for page in TEMPLATES]
         + [("zone", lang, page) for lang in ("", "en/") for page in ZONE_TEMPLATES])
SIZES = [(360, 740), (1366, 900)]

MEASURE = """
const width = document.documentElement.clientWidth;  // the screen but its scroll bar
const out = {page: document.documentElement.scrollWidth, width: width, small: [], outside: []};
for (const cell of document.querySelectorAll('.portal-bars th, .portal-bars td, .portal-bars caption')) {
  const size = parseFloat(getComputedStyle(cell).fontSize);
  if (size < 12) out.small.push(cell.textContent.trim().slice(0, 30) + ' ' + size);
}
// The menu is checked as a drawer on phones (closed, it waits off the screen).
const boxes = ['.md-header .md-select__inner', '.md-header__inner'].concat(width > 900 ? ['.md-sidebar--primary'] : []);
for (const selector of boxes) {
  const box = document.querySelector(selector);
  if (!box) continue;
  const rect = box.getBoundingClientRect();
  if (rect.left < -0.5 || rect.right > width + 0.5) out.outside.push(selector + ' ' + rect.left + '..' + rect.right);
}
return out;
"""


@pytest.fixture(scope="module")
def served_portals(built_portals):
    httpd, address = serve(built_portals)
    yield address
    httpd.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_template_fits_the_screen(browser, served_portals, width, height):
    browser.set_window_size(width, height)
    problems = []
    try:
        for portal, lang, page in PAGES:
            browser.get(f"{served_portals}{portal}/{lang}{page}")
            WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
            seen = browser.execute_script(MEASURE)
            if seen["page"] != seen["width"] or seen["small"] or seen["outside"]:
                problems.append(f"{portal}/{lang}{page}: {seen}")
            # On a phone, the menu opens as a drawer: it fits too.
            if width < 400:
                browser.execute_script("document.getElementById('__drawer').checked = true")
                opened = "return document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
                WebDriverWait(browser, 5).until(lambda d: d.execute_script(opened))  # after its slide-in
                drawer = browser.execute_script(
                    "const r = document.querySelector('.md-sidebar--primary').getBoundingClientRect();"
                    "return [r.left, r.right, document.documentElement.clientWidth]")
                if drawer[0] < -0.5 or drawer[1] > drawer[2] + 0.5:
                    problems.append(f"{portal}/{lang}{page}: menu {drawer}")
    finally:
        browser.set_window_size(1280, 900)
    assert problems == []


@pytest.mark.browser
def test_the_layout_check_sees_a_page_wider_than_the_screen(browser, served_portals):
    """The check above can fail: a 500 px wide block makes the page wider than 360 px."""
    browser.set_window_size(360, 740)
    try:
        browser.get(f"{served_portals}city/en/about/")
        browser.execute_script("const d = document.createElement('div'); d.style.width = '500px'; d.style.height = '1px';"
                               "document.querySelector('.md-content').append(d)")
        seen = browser.execute_script(MEASURE)
        assert seen["page"] > seen["width"]
    finally:
        browser.set_window_size(1280, 900)


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1080, 1920)])
def test_the_kiosk_qr_code_never_covers_the_page(browser, kiosk_site, width, height):
    browser.set_window_size(width, height)
    try:
        for page in ("index.html", "en/border-gates.html", "lo/invest/plans/ke-hoach-2019.html"):
            browser.get((kiosk_site / page).as_uri())
            for scroll in (0, 10_000):  # the top of the page and its end, where the footer is
                browser.execute_script(f"window.scrollTo(0, {scroll})")
                overlap = browser.execute_script("""
                    const qr = document.querySelector('.portal-kiosk').getBoundingClientRect();
                    const hit = [];
                    for (const el of document.querySelectorAll('.md-content p, .md-content li, .md-content td, .md-content h1, .md-footer-meta p')) {
                      let r = el.getBoundingClientRect(), left = r.left, right = r.right;
                      for (let box = el.parentElement; box; box = box.parentElement) {  // what a scrolling box shows
                        if (getComputedStyle(box).overflowX !== 'visible') {
                          const clip = box.getBoundingClientRect();
                          left = Math.max(left, clip.left); right = Math.min(right, clip.right);
                        }
                      }
                      if (right > left && right > qr.left && left < qr.right && r.bottom > qr.top && r.top < qr.bottom)
                        hit.push(el.textContent.trim().slice(0, 40));
                    }
                    return hit;""")
                assert overlap == [], (page, scroll, overlap)
    finally:
        browser.set_window_size(1280, 900)


@pytest.mark.browser
def test_printing_leaves_out_the_site_and_keeps_tables_on_the_paper(browser, served_portals):
    browser.set_window_size(794, 1123)  # A4 at 96 dpi
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        browser.get(f"{served_portals}city/en/invest/plans/ke-hoach-2019/")
        seen = browser.execute_script("""
            const hidden = s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none');
            const table = document.querySelector('.portal-table').getBoundingClientRect();
            return {filters: hidden('.portal-table-filters'), header: hidden('.md-header'), menu: hidden('.md-sidebar'),
                    tableRight: table.right, width: document.documentElement.clientWidth,
                    link: getComputedStyle(document.querySelector('.md-content a[href^="http"]') || document.body, '::after').content,
                    arrows: [...document.querySelectorAll('.portal-sort')].map(b => getComputedStyle(b, '::after').content)};
        """)
        assert seen["filters"] and seen["header"] and seen["menu"]
        assert seen["arrows"] and set(seen["arrows"]) == {"none"}  # no sorting arrows on paper
        assert seen["tableRight"] <= seen["width"]
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        browser.set_window_size(1280, 900)
