"""Search in Vietnamese, English and Lao, typed into the search box of the
real site in headless Chromium, and the index files it reads.

Each language searches only its own pages (pages shown in it through
fallback are marked); Vietnamese without diacritics finds what it finds with
them; Lao typed without spaces is cut into words as the index was.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest
from bs4 import BeautifulSoup
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import LANGUAGES, ROOT, html, indexed_pages, page_url

TEXT_RULES = ROOT / "overrides/assets/javascripts/portal-search-text.js"


def search(browser, page: str, query: str, *, every: bool = False) -> list[dict]:
    """Type ``query`` into the search box of ``page``; the results shown
    (the first ten, or with ``every`` all, pressing "more results")."""
    browser.get(page)
    box = browser.find_element(By.CSS_SELECTOR, ".md-search__input")
    box.click()
    box.send_keys(query)
    WebDriverWait(browser, 15).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".md-search-result__list").get_attribute("data-query") == query
    )
    while every and browser.find_elements(By.CSS_SELECTOR, ".portal-search-more"):
        shown = len(browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
        browser.find_element(By.CSS_SELECTOR, ".portal-search-more").click()
        WebDriverWait(browser, 15).until(
            lambda d: len(d.find_elements(By.CSS_SELECTOR, ".md-search-result__item")) > shown)
    return [
        {
            "href": item.find_element(By.CSS_SELECTOR, "a").get_attribute("href"),
            "lang": item.find_element(By.CSS_SELECTOR, "article").get_attribute("lang") or "",
            "title": item.find_element(By.CSS_SELECTOR, "h1").text,
            "marks": [mark.text for mark in item.find_elements(By.CSS_SELECTOR, "mark")],
            "excerpt": item.find_element(By.CSS_SELECTOR, "article > p").text,
            "fallback": [label.text for label in item.find_elements(By.CSS_SELECTOR, ".portal-search-fallback")],
        }
        for item in browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item")
    ]


def total(browser) -> int:
    """The number in the results line ("12 kết quả"), 0 for "none"."""
    digits = "".join(c for c in browser.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text if c.isdigit())
    return int(digits or 0)


def in_language(href: str, lang: str) -> bool:
    path = urlparse(href).path.lstrip("/")
    first = path.split("/", 1)[0]
    return first == lang if lang != "vi" else first not in LANGUAGES


def assert_own_language(results: list[dict], lang: str) -> None:
    """Every result is a page of this language; one whose text is in another
    language says so (a label, and the text's own ``lang``)."""
    for result in results:
        assert in_language(result["href"], lang), result
        if result["lang"] and result["lang"] != lang:
            assert result["fallback"] and result["fallback"][0], result


def hrefs(results: list[dict]) -> set[str]:
    return {result["href"] for result in results}


# -- Vietnamese ----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize(
    ("plain", "accented", "original_words"),
    [
        ("hai phong", "Hải Phòng", {"Hải", "Phòng"}),
        ("dau tu", "đầu tư", {"đầu", "tư", "Đầu"}),
        ("cat bi", "Cát Bi", {"Cát", "Bi"}),
    ],
)
def test_vietnamese_without_diacritics_finds_the_same_pages(browser, server, plain, accented, original_words):
    home = server + page_url("index.md", "vi")
    with_marks = search(browser, home, accented, every=True)
    assert len(with_marks) == total(browser) > 0, accented
    without = search(browser, home, plain, every=True)
    assert len(without) == total(browser)
    # Every page found with diacritics is found without (the order may differ:
    # exact diacritics rank higher). Without them a query may find a few more
    # ("dau" is also dầu, oil, and dấu, mark).
    assert hrefs(with_marks) <= hrefs(without)
    assert len(without) - len(with_marks) <= 2
    assert_own_language(without, "vi")
    # The excerpts highlight the words as written, with their diacritics.
    shown = {word.strip(".,:;()") for result in without for word in " ".join(result["marks"]).split()}
    assert shown & original_words, shown


# -- English -------------------------------------------------------------------------------

@pytest.mark.browser
def test_english_search_stems_words(browser, server):
    results = search(browser, server + page_url("index.md", "en"), "investing")
    assert results
    assert_own_language(results, "en")
    marks = {mark.lower() for result in results for mark in result["marks"]}
    # "investing" finds "investment", "investors"...: the same stem, other endings.
    assert any(mark.startswith("invest") and mark.rstrip(".,") != "investing" for mark in marks), marks


# -- Lao -----------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    [
        "ລົງທຶນ",  # invest (the text mostly has ການລົງທຶນ, investment)
        "ທ່ອງທ່ຽວ",  # tourism
        "ສະໜາມບິນ",  # airport
        "ເຂດເສດຖະກິດ",  # economic zone: two words, typed without a space
        "ທ່າເຮືອໃຫຍ່ຂອງພາກເໜືອ",  # "big port of the North": a phrase without spaces
    ],
)
def test_lao_words_and_phrases_typed_without_spaces(browser, server, query):
    results = search(browser, server + page_url("index.md", "lo"), query)
    assert results, query
    assert_own_language(results, "lo")
    assert any(result["lang"] in ("", "lo") for result in results)
    # Excerpts are shown as written: the cuts made for the index are gone.
    for result in results[:3]:
        assert "\u2060" not in result["excerpt"] + result["title"]
        with urlopen(result["href"]) as response:
            page = BeautifulSoup(response.read(), "html.parser").select_one("article").get_text(" ")
        page = " ".join(page.split())
        for words in result["marks"] + result["excerpt"].split():
            assert words.strip(".,:;()") in page, (words, result["href"])


# -- Khmer and Chinese ---------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "query", "page"),
    [
        ("km", "វិនិយោគ", "investment.md"),  # invest (the text has ការវិនិយោគ, investment)
        ("km", "ច្រកព្រំដែនអន្តរជាតិ", "border-gates.md"),  # international border gate: a phrase without spaces
        ("km", "អាកាសយានដ្ឋានអន្តរជាតិកាត់ប៊ី", "border-gates.md"),  # Cat Bi International Airport
        ("zh", "投资", "investment.md"),  # investment
        ("zh", "国际口岸", "border-gates.md"),  # international border gates: two words, no space
        ("zh", "吉碑国际机场", "border-gates.md"),  # Cat Bi International Airport
    ],
)
def test_khmer_and_chinese_words_and_phrases_typed_without_spaces(browser, server, lang, query, page):
    """Khmer is cut by our rules (ICU), Chinese by Pagefind: both find the page that says it."""
    results = search(browser, server + page_url("index.md", lang), query, every=True)
    assert server + page_url(page, lang) in hrefs(results), (query, [r["href"] for r in results])
    assert_own_language(results, lang)
    # Excerpts are shown as written: no cut is left between the letters ("ការ វិនិយោគ" is not on the page).
    for result in results[:3]:
        assert "\u2060" not in result["excerpt"] + result["title"]
        with urlopen(result["href"]) as response:
            text = BeautifulSoup(response.read(), "html.parser").select_one("article").get_text(" ")
        if lang == "zh":  # Chinese is written without spaces, and shown so
            assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", result["excerpt"]), result
            assert any(char in text for char in result["excerpt"] if "\u4e00" <= char <= "\u9fff")
        else:  # Khmer: a space only where the writer put one
            words = {word.strip(".,:;()") for word in text.split()}
            shown = [word.strip(".,:;()…") for word in result["excerpt"].split()][1:-1]  # the ends may be cut off
            assert shown and all(word in words for word in shown), (shown, result["href"])


@pytest.mark.browser
def test_lao_search_marks_pages_shown_through_fallback(browser, server):
    # The 2019 plan exists in Vietnamese only: in the Lao site it is a fallback page.
    results = search(browser, server + page_url("index.md", "lo"), "04/KH-UBND")
    assert results
    assert_own_language(results, "lo")
    fallback = [result for result in results if result["lang"] == "vi"]
    assert fallback, results
    assert all(result["fallback"] == ["ຍັງບໍ່ທັນແປ — ເນື້ອຫາເປັນພາສາຫວຽດນາມ"] for result in fallback)


@pytest.mark.browser
def test_a_result_opens_its_page(browser, server):
    results = search(browser, server + page_url("index.md", "en"), "Cat Bi airport")
    assert results
    browser.find_element(By.CSS_SELECTOR, ".md-search-result__link").click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url == results[0]["href"])


# -- the index -----------------------------------------------------------------------------

def listing_urls() -> set[str]:
    """The generated listing pages (news index, categories, tags, archives...), by URL."""
    from conftest import built_project, page_url

    listings = {file.path for file in built_project().generated if file.listing}
    return {"/" + page_url(path.split("/", 1)[1], path.split("/", 1)[0]) for path in listings}


def built_pages(site: Path, lang: str) -> int:
    """HTML pages built in ``lang`` but listings (404 pages excluded)."""
    pages = ["/" + p.relative_to(site).as_posix()[: -len("index.html")]
             for p in site.rglob("index.html") if "pagefind" not in p.parts and "admin" not in p.parts]
    return sum(1 for url in pages if in_language(url + "index.html", lang) and url not in listing_urls())


def test_one_index_per_language_with_every_page_but_listings(site):
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert entry["languages"][lang]["page_count"] == built_pages(site, lang), lang
    indexed = indexed_pages(site)
    assert "/news/" not in indexed and "/en/news/category/investment/" not in indexed and "/events/" not in indexed
    assert "/en/news/2024-09-04-heza-plan/" in indexed and "/invest/zones/" in indexed
    # The theme's merged all-language index is not built any more.
    assert not (site / "search/search_index.json").exists()


def test_the_index_holds_each_page_s_own_text(site):
    indexed = indexed_pages(site)
    home = indexed["/lo/"]
    # The article only: not the menu, the footer or the other pages' titles.
    footer_text = html(site / "lo/index.html").select_one(".md-footer-meta").get_text(" ", strip=True)
    assert footer_text and footer_text not in home["content"]
    # Lao text cut into words; the writer's own spaces marked (U+2060).
    # Written "ໄຮຟອງ ແມ່ນນະຄອນທ່າເຮືອໃຫຍ່ຂອງ...":
    assert "ໄຮ ຟອງ \u2060ແມ່ນ ນະຄອນ ທ່າເຮືອ ໃຫຍ່ ຂອງ" in home["content"]
    assert "¶" not in home["content"]  # heading anchors are not text
    # Pages shown through fallback are tagged with their text's language.
    assert indexed["/lo/plan-2019/"]["meta"]["fallback"] == "vi"
    assert "fallback" not in indexed["/lo/about/"]["meta"]


def test_text_rules_cut_lao_khmer_and_chinese_and_fold_vietnamese():
    script = f"""
      const t = require({json.dumps(str(TEXT_RULES))});
      console.log(JSON.stringify({{
        lao: t.segment("ການລົງທຶນໃນເຂດເສດຖະກິດ", "|"),
        khmer: t.segment("ការវិនិយោគនៅច្រកព្រំដែនអន្តរជាតិ", "|"),
        khmerQuery: t.queryVariants("ច្រកព្រំដែនអន្តរជាតិ", "km"),
        chineseForPagefind: t.indexText("海防市投资环境"),
        chineseOffline: t.indexText("海防市投资环境", true),
        chineseQueryOffline: t.queryVariants("投资环境", "zh", true),
        indexed: t.indexText("ເຂດເສດຖະກິດ ແລະ ທ່າເຮືອ"),
        shownAgain: t.display("<mark>ເຂດ</mark> <mark>ເສດຖະກິດ</mark> \u2060ແລະ \u2060ທ່າເຮືອ"),
        vi: t.queryVariants("dau tu", "vi"),
        en: t.queryVariants("  Hai   Phong ", "en"),
        fold: t.fold("Đầu tư Hải Phòng"),

      }}));
    """
    out = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    assert out["lao"].split("|") == ["ການ", "ລົງທຶນ", "ໃນ", "ເຂດ", "ເສດຖະກິດ"]
    assert out["khmer"].split("|") == ["ការ", "វិនិយោគ", "នៅ", "ច្រកព្រំដែន", "អន្តរជាតិ"]
    assert out["khmerQuery"] == ["ច្រកព្រំដែន អន្តរជាតិ"]
    # Chinese: Pagefind cuts it in its own index; the kiosk's offline index is cut here.
    assert out["chineseForPagefind"] == "海防市投资环境"
    assert out["chineseOffline"] == "\u2060海防 市 投资 环境"
    assert out["chineseQueryOffline"] == ["投资 环境"]
    assert out["vi"] == ["dau tu", "đau tu"]
    assert out["en"] == ["Hai Phong"]
    assert out["fold"] == "dau tu hai phong"
    assert out["indexed"] == "\u2060ເຂດ ເສດຖະກິດ \u2060ແລະ \u2060ທ່າເຮືອ"
    assert out["shownAgain"] == "<mark>ເຂດ</mark><mark>ເສດຖະກິດ</mark> ແລະ ທ່າເຮືອ"


# -- from file:// (the kiosk) --------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [("vi", "dau tu", "Đầu"), ("lo", "ລົງທຶນ", "ລົງທຶນ"), ("en", "airport", "airport"),
     # Chinese at a kiosk: no Pagefind there, our rules cut it (ICU), in the index and the query alike.
     ("zh", "投资环境", "投资"), ("km", "វិនិយោគ", "វិនិយោគ")],
)
def test_search_works_from_file_urls(browser, kiosk_site, lang, query, expected):
    home = (kiosk_site / ("index.html" if lang == "vi" else f"{lang}/index.html")).as_uri()
    results = search(browser, home, query)
    assert results
    assert all(result["href"].startswith("file://") for result in results)
    assert_own_language([{**r, "href": "/" + Path(urlparse(r["href"]).path).relative_to(kiosk_site).as_posix()}
                         for r in results], lang)
    assert any(expected in mark for result in results for mark in result["marks"]), results
    browser.find_element(By.CSS_SELECTOR, ".md-search-result__link").click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url == results[0]["href"])
    assert browser.find_element(By.CSS_SELECTOR, "h1").text


def test_the_kiosk_index_holds_article_text_without_heading_anchors(kiosk_site):
    """Excerpts at the information points showed the headings' "¶" anchors."""
    from portal.search.index import article_text

    html_text = ('<nav>Menu</nav><article class="md-content__inner md-typeset"><h2 id="a">Cảng biển'
                 '<a class="headerlink" href="#a" title="Liên kết">¶</a></h2><p>Hải Phòng</p></article>')
    assert article_text(html_text) == "Cảng biển Hải Phòng"
    for lang in LANGUAGES:
        offline = (kiosk_site / f"search/offline-{lang}.js").read_text(encoding="utf-8")
        entries = json.loads(offline.removeprefix("window.portalSearchOffline = ").removesuffix(";\n"))
        assert len(entries) > 20
        assert [entry["u"] for entry in entries if "¶" in entry["x"]] == []


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query"), [("vi", "Lễ hội Hoa Phượng Đỏ"), ("en", "Red Flamboyant Festival"),
                                             ("lo", "ງານບຸນດອກຫາງນົກຍູງແດງ")])
def test_the_article_comes_first_not_the_lists_of_it(browser, server, lang, query):
    results = search(browser, server + page_url("index.md", lang), query)
    assert results[0]["href"] == server + page_url("events/2027-05-red-flamboyant-festival.md", lang)
    listed = listing_urls()
    assert not [r["href"] for r in results if "/" + r["href"].removeprefix(server) in listed]


@pytest.mark.browser
def test_interface_labels_are_not_searched(browser, server):
    """"Category" was found on every news item, in its facts' labels."""
    results = search(browser, server + page_url("index.md", "en"), "Category")
    assert not [r for r in results if "Category" in r["marks"]]
