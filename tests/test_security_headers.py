"""The security headers the build ships for static hosts (``_headers`` and an
nginx snippet): the pages, served with them by a local server in headless
Chromium, break none of the Content Security Policy's rules."""

from __future__ import annotations

import re
import shutil
from urllib.request import urlopen

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import html, serve, shipped_headers
from test_search import search

#: One page of each kind, at each depth (Material's inline scripts differ with depth).
PAGES = [
    "",
    "en/",
    "lo/",
    "about/",
    "news/2024-09-04-heza-plan/",
    "en/news/tag/investment/",
    "invest/plans/ke-hoach-2019/",
    "en/invest/projects/vd-01-logistics/",
    "lo/events/2027-05-red-flamboyant-festival/",
    "no-such-page/",
]

LISTENER = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample)));"""


@pytest.fixture
def violations(browser):
    """Records every CSP violation of every page the browser opens next."""
    script = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTENER})
    browser.get_log("browser")  # start with an empty console

    def seen() -> list[str]:
        found = list(browser.execute_script("return window.__violations || []"))
        found += [entry["message"] for entry in browser.get_log("browser") if "Content Security Policy" in entry["message"]]
        return found

    yield seen
    browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


def test_every_response_carries_the_headers(served_site):
    site_dir, address = served_site
    with urlopen(address + "en/") as response:
        policy = response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert policy == shipped_headers(site_dir)["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "'wasm-unsafe-eval'" in policy  # Pagefind's WebAssembly
    assert re.search(r"frame-ancestors 'none'", policy)


def test_the_nginx_snippet_sends_the_same_headers(served_site):
    site_dir, _address = served_site
    snippet = (site_dir / "_headers.nginx.conf").read_text(encoding="utf-8")
    sent = dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', snippet, re.M))
    assert {name: sent[name] for name in shipped_headers(site_dir)} == shipped_headers(site_dir)


@pytest.mark.browser
def test_pages_and_search_break_no_rule_of_the_policy(browser, served_site, violations):
    _site_dir, address = served_site
    for page in PAGES:
        browser.get(address + page)
        WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        # Material's first script ran (from a file: the policy allows no inline script).
        assert browser.execute_script("return typeof __md_get === 'function'"), page
    # Search loads Pagefind's script and its WebAssembly, and fetches the index.
    results = search(browser, address + "lo/", "ລົງທຶນ")
    assert results
    browser.find_element(By.CSS_SELECTOR, ".md-search-result__link").click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url == results[0]["href"])
    assert violations() == []


@pytest.mark.browser
def test_the_policy_blocks_a_script_written_into_a_page(browser, served_site, violations, tmp_path):
    """The check above could fail: a page with an inline script and an event
    handler, served under the shipped policy, runs neither (the theme's own
    scripts are files; the policy allows no inline script, whatever a page holds)."""
    site_dir, _address = served_site
    page = (site_dir / "about/index.html").read_text(encoding="utf-8")
    planted = tmp_path / "site"
    shutil.copytree(site_dir, planted)
    (planted / "about/index.html").write_text(page.replace(
        "</h1>", '</h1><script>window.__ran = 1</script><img src="x.png" onerror="window.__ran = 2">', 1),
        encoding="utf-8")
    httpd, address = serve(planted, headers=shipped_headers(site_dir))
    try:
        browser.get(address + "about/")
        WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        assert browser.execute_script("return typeof __md_get === 'function'")  # the theme's scripts ran
        assert browser.execute_script("return window.__ran === undefined")
        assert len([v for v in violations() if "script-src" in v]) >= 2, violations()
    finally:
        httpd.shutdown()


def test_the_policy_allows_no_inline_script_and_is_in_every_page(served_site):
    site_dir, _address = served_site
    policy = shipped_headers(site_dir)["Content-Security-Policy"]
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy  # no hash, no 'unsafe-inline'
    for page in ("index.html", "en/about/index.html", "lo/404.html", "invest/plans/ke-hoach-2019/index.html"):
        meta = html(site_dir / page).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta["content"] == policy.replace("; frame-ancestors 'none'", ""), page
