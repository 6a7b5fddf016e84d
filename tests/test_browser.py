"""The portal in a real headless Chromium: the language switcher leads to the
same page in the other language, and no request leaves the local server.

The site is built for the address it is served from (``PORTAL_SITE_URL``), as
in production, so its absolute hreflang and canonical URLs are that server's.
"""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import DEFAULT_LANGUAGE, page_url

pytestmark = pytest.mark.browser

#: Material's script asks for ``sitemap.xml`` beside every ``<link rel="alternate">``
#: (mkdocs-material#6582); beside a page's hreflang URLs there is none, so these
#: are answered 404 by the portal's own server. Nothing else may fail.
MATERIAL_SITEMAP_PROBE = "/sitemap.xml"


def _network(driver) -> tuple[list[str], list[str]]:
    """Requested URLs, and failed or non-2xx/3xx responses, since the last call."""
    requests, failures = [], []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message["params"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(params["request"]["url"])
        elif message["method"] == "Network.loadingFailed" and not params.get("canceled"):
            failures.append(params.get("errorText", "?"))
        elif message["method"] == "Network.responseReceived" and params["response"]["status"] >= 400:
            url = params["response"]["url"]
            if not url.endswith(MATERIAL_SITEMAP_PROBE):
                failures.append(f"{params['response']['status']} {url}")
    return requests, failures


def _switch_language(driver, target: str) -> None:
    """Open the switcher as a reader does (click the button), pick ``target``."""
    driver.find_element(By.CSS_SELECTOR, ".md-header .md-select button").click()
    link = WebDriverWait(driver, 5).until(
        EC.element_to_be_clickable((By.CSS_SELECTOR, f'.md-select__link[hreflang="{target}"]'))
    )
    link.click()


SWITCHES = [  # (page, from, to): every language once as source and as target
    ("about.md", "vi", "en"),
    ("about.md", "en", "lo"),
    ("border-gates.md", "lo", "vi"),
    ("plan-2019.md", "vi", "lo"),  # into a language the page is not translated into
]


@pytest.mark.parametrize(("page", "source", "target"), SWITCHES)
def test_switcher_goes_to_the_same_page_and_nothing_leaves_the_server(browser, server, page, source, target):
    _network(browser)  # forget earlier tests' requests
    browser.get(server + page_url(page, source))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == source

    _switch_language(browser, target)

    WebDriverWait(browser, 5).until(EC.url_to_be(server + page_url(page, target)))
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == target
    if page == "plan-2019.md":
        notice = browser.find_element(By.CSS_SELECTOR, ".portal-notice")
        assert notice.is_displayed()
        content_lang = notice.find_element(By.XPATH, "following-sibling::div").get_attribute("lang")
        assert content_lang == DEFAULT_LANGUAGE
    requests, failures = _network(browser)
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


def test_data_table_is_a_plain_table_without_script(site):
    # Without JavaScript the page already holds every row (the script only adds controls).
    from conftest import html, output_file

    doc = html(output_file(site, page_url("invest/projects/index.md", "en")))
    assert len(doc.select("table[data-portal-table] tbody tr")) == 4
    assert doc.select_one(".portal-table-filters") is None
