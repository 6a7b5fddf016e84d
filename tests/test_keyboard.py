"""Keyboard-only use, in headless Chromium: the language switcher, search and
the menu work with Tab, Enter and arrow keys alone."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import page_url

pytestmark = pytest.mark.browser


def _open(browser, url: str, width: int = 1280) -> None:
    browser.set_window_size(width, 900)
    browser.get(url)
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _tab_to(browser, matches, limit: int = 60):
    """Press Tab until the focused element satisfies ``matches``."""
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(limit):
        element = browser.switch_to.active_element
        if matches(element):
            return element
        element.send_keys(Keys.TAB)
    raise AssertionError("not reachable with Tab")


@pytest.mark.parametrize(("source", "target"), [("vi", "lo"), ("lo", "en")])
def test_language_switcher_with_the_keyboard(browser, server, source, target):
    _open(browser, server + page_url("about.md", source))
    _tab_to(browser, lambda e: e.tag_name == "button" and e.find_elements(By.XPATH, "ancestor::div[@class='md-select']"))
    link = _tab_to(browser, lambda e: e.get_attribute("hreflang") == target and "md-select__link" in (e.get_attribute("class") or ""))
    assert link.is_displayed()  # the list opened for the keyboard (focus within)
    link.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(EC.url_to_be(server + page_url("about.md", target)))


def test_search_with_the_keyboard(browser, server):
    _open(browser, server + page_url("index.md", "en"))
    box = _tab_to(browser, lambda e: "md-search__input" in (e.get_attribute("class") or ""))
    box.send_keys("Cat Bi")
    WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
    box.send_keys(Keys.ARROW_DOWN)
    focused = browser.switch_to.active_element
    assert "md-search-result__link" in (focused.get_attribute("class") or "")
    target = focused.get_attribute("href")
    focused.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda d: d.current_url.split("#")[0] == target.split("#")[0])


def test_menu_with_the_keyboard_on_a_phone(browser, server):
    _open(browser, server + page_url("index.md", "en"), width=400)
    toggle = _tab_to(browser, lambda e: e.get_attribute("for") == "__drawer")
    assert toggle.get_attribute("role") == "button" and toggle.get_attribute("aria-label")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.send_keys(Keys.ENTER)
    assert browser.find_element(By.ID, "__drawer").is_selected()
    assert toggle.get_attribute("aria-expanded") == "true"
    link = _tab_to(browser, lambda e: e.get_attribute("href") and e.get_attribute("href").rstrip("/").endswith("/en/about")
                   and e.is_displayed())
    link.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(EC.url_to_be(server + page_url("about.md", "en")))
    browser.set_window_size(1280, 900)
