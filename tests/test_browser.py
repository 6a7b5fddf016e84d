"""The portal in a real headless Chromium: the language switcher leads to the
same page in the other language, and no request leaves the local server.

The site is built for the address it is served from (``PORTAL_SITE_URL``), as
in production, so its absolute hreflang and canonical URLs are that server's.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import DEFAULT_LANGUAGE, network_log, page_url, switch_language

pytestmark = pytest.mark.browser

SWITCHES = [  # (page, from, to): every language once as source and as target
    ("about.md", "vi", "en"),
    ("about.md", "en", "lo"),
    ("border-gates.md", "lo", "vi"),
    ("plan-2019.md", "vi", "lo"),  # into a language the page is not translated into
]


@pytest.mark.parametrize(("page", "source", "target"), SWITCHES)
def test_switcher_goes_to_the_same_page_and_nothing_leaves_the_server(browser, server, page, source, target):
    network_log(browser)  # forget earlier tests' requests
    browser.get(server + page_url(page, source))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == source

    switch_language(browser, target)

    WebDriverWait(browser, 5).until(EC.url_to_be(server + page_url(page, target)))
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == target
    if page == "plan-2019.md":
        notice = browser.find_element(By.CSS_SELECTOR, ".portal-notice")
        assert notice.is_displayed()
        content_lang = notice.find_element(By.XPATH, "following-sibling::div").get_attribute("lang")
        assert content_lang == DEFAULT_LANGUAGE
    requests, failures = network_log(browser)
    assert requests, "the network log recorded nothing"
    outside = [url for url in requests if not url.startswith((server, "data:", "blob:"))]
    assert not outside, outside
    assert not failures, failures


def test_self_hosted_fonts_are_used_for_lao(browser, server):
    browser.get(server + page_url("about.md", "lo"))
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return document.fonts.status") == "loaded")
    loaded = browser.execute_script(
        "return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert any("Noto Sans Lao" in family for family in loaded), loaded


def _visible_rows(driver) -> list[str]:
    return [
        row.find_element(By.CSS_SELECTOR, "td").text
        for row in driver.find_elements(By.CSS_SELECTOR, "table[data-portal-table] tbody tr")
        if row.is_displayed()
    ]


def test_data_table_filters_and_sorts_in_the_browser(browser, server):
    from selenium.webdriver.support.ui import Select

    browser.get(server + page_url("invest/projects/index.md", "en"))
    WebDriverWait(browser, 5).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".portal-table-filters select")))
    assert len(_visible_rows(browser)) == 4

    # Filter by sector (the second column): only the energy project stays.
    sector = next(
        s for s in browser.find_elements(By.CSS_SELECTOR, ".portal-table-filters select")
        if "Sector" in s.find_element(By.XPATH, "..").text
    )
    Select(sector).select_by_visible_text("Energy")
    shown = _visible_rows(browser)
    assert len(shown) == 1 and shown[0].startswith("Example energy project")
    assert "1 of 4" in browser.find_element(By.CSS_SELECTOR, ".portal-table-status").text
    Select(sector).select_by_index(0)  # "All"

    # Sort by area, twice: ascending then descending.
    area = browser.find_element(By.XPATH, "//table[@data-portal-table]//th[4]//button")
    area.click()
    assert browser.find_element(By.XPATH, "//table[@data-portal-table]//th[4]").get_attribute("aria-sort") == "ascending"
    ascending = [row.split("\n")[0] for row in _visible_rows(browser)]
    assert ascending[0].startswith("Example electronic components plant")  # 12.5 ha, the smallest
    area.click()
    descending = [row.split("\n")[0] for row in _visible_rows(browser)]
    assert descending == list(reversed(ascending))


def test_data_table_controls_are_in_the_page_before_any_script(site):
    # The page holds every row and its controls (the script only makes them work): nothing moves as it loads.
    from conftest import html, output_file

    doc = html(output_file(site, page_url("invest/projects/index.md", "en")))
    assert len(doc.select("table[data-portal-table] tbody tr")) == 4
    sector = doc.select(".portal-table-filters select")[0]
    assert [o.get_text() for o in sector.select("option")] == ["All", "Electronics", "Energy", "Logistics", "Tourism"]
    assert doc.select_one(".portal-table-status").get_text() == "Showing 4 of 4 rows"
    assert [b.get_text() for b in doc.select("table[data-portal-table] th button.portal-sort")][:2] == ["Name", "Sector"]
