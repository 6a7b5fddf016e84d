"""The built city portal, checked from its output files."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import (
    portal_pages,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    ROOT,
    SITE_URL,
    built_project,
    content_pages,
    generated_pages,
    html,
    mkdocs_yml,
    output_file,
    page_url,
)
from portal.i18n import t

PAGES = content_pages()
GENERATED = generated_pages()
# An editor's page is built in every language when it exists in the default
# language (the others fall back to it); a page without a default-language
# version, or a generated page (a tag used only in Vietnamese news), is built
# only where it exists.
BUILT = [(page, lang) for page in sorted(PAGES) for lang in LANGUAGES
         if lang in PAGES[page] or (DEFAULT_LANGUAGE in PAGES[page] and page not in GENERATED)]


ITEMS = {(item.path, item.lang): item for item in built_project().items}  # news, events...


def x_default(page: str) -> str:
    lang = DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in PAGES[page] else next(l for l in LANGUAGES if l in PAGES[page])
    return urljoin(SITE_URL, page_url(page, lang))
UNTRANSLATED = [(page, lang) for page, lang in BUILT if lang not in PAGES[page]]


def test_the_content_has_an_untranslated_page():
    # The fallback behaviour below is only tested if such a page exists.
    assert ("plan-2019.md", "lo") in UNTRANSLATED and ("plan-2019.md", "en") in UNTRANSLATED


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_pages_exist_with_their_language(site, lang):
    home = output_file(site, page_url("index.md", lang))
    assert html(home).html["lang"] == lang


def test_pages_leave_hreflang_to_the_sitemaps(site):
    """Translations are declared in the sitemaps only: Material fetches the
    sitemap beside every <link rel=alternate> it finds (failed requests and
    console errors on every page)."""
    heads = {page_url(page, lang): html(output_file(site, page_url(page, lang))).select("link[rel=alternate][hreflang]")
             for page, lang in BUILT}
    assert {url: links for url, links in heads.items() if links} == {}


@pytest.mark.parametrize(("page", "lang"), BUILT)
def test_canonical_points_to_the_page_in_its_real_language(site, page, lang):
    doc = html(output_file(site, page_url(page, lang)))
    real = lang if lang in PAGES[page] else DEFAULT_LANGUAGE
    assert unquote(doc.select_one('link[rel="canonical"]')["href"]) == urljoin(SITE_URL, page_url(page, real))


def test_sitemap_lists_real_translations_with_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    entries = {
        unquote(url.find("s:loc", ns).text): {l.get("hreflang"): unquote(l.get("href")) for l in url.findall("x:link", ns)}
        for url in root.findall("s:url", ns)
    }
    expected_locs = {urljoin(SITE_URL, page_url(page, lang)) for page, langs in PAGES.items() for lang in langs}
    assert set(entries) == expected_locs  # no fallback copy claims to be a translation
    for page, langs in PAGES.items():
        for lang in langs:
            alternates = entries[urljoin(SITE_URL, page_url(page, lang))]
            expected = {code: urljoin(SITE_URL, page_url(page, code)) for code in langs}
            assert alternates == {**expected, "x-default": x_default(page)}
    for loc in entries:  # every listed URL is a built page
        assert output_file(site, urlsplit(loc).path.lstrip("/")).is_file(), loc


@pytest.mark.parametrize(("page", "lang"), UNTRANSLATED)
def test_untranslated_page_says_so_and_marks_its_text(site, page, lang):
    doc = html(output_file(site, page_url(page, lang)))
    assert doc.html["lang"] == lang  # the interface is in the reader's language
    notice = doc.select_one(".portal-notice")
    assert notice is not None and notice.get("role") == "note"
    expected = t(lang, "notice.untranslated", target=t(lang, f"language.names.{lang}"),
                 source=t(lang, f"language.names.{DEFAULT_LANGUAGE}"))
    assert notice.get_text(strip=True) == expected
    body = notice.find_next_sibling("div")
    assert body["lang"] == DEFAULT_LANGUAGE
    assert body.find("h1") is not None  # the page text is inside the marked block


@pytest.mark.parametrize(("page", "lang"), [b for b in BUILT if b not in UNTRANSLATED])
def test_translated_page_has_no_notice(site, page, lang):
    assert html(output_file(site, page_url(page, lang))).select_one(".portal-notice") is None


def _material_english() -> set[str]:
    """Values of Material's English interface table (not codes or regexes)."""
    import material

    source = (Path(material.__file__).parent / "templates/partials/languages/en.html").read_text()
    pairs = re.findall(r'^\s*"([\w.]+)": "(.*)",?$', source, re.M)
    return {value for key, value in pairs if not key.startswith(("search.config", "language", "direction"))}


def _our_english() -> set[str]:
    from portal.i18n import flatten, table

    return {v for k, v in flatten(table("en")).items() if not k.startswith("errors.") and "{" not in v}


def _language_of(tag) -> str | None:
    node = tag.find_parent(lang=True) if not tag.has_attr("lang") else tag
    return node["lang"] if node else None


def _interface_texts(doc, lang: str) -> list[str]:
    """Texts and labels of the page that claim to be in ``lang``
    (text inside an element marked with another ``lang`` is excluded)."""
    texts = [
        s.strip()
        for s in doc.find_all(string=True)
        if s.strip() and s.parent.name not in ("script", "style") and _language_of(s.parent) == lang
    ]
    for tag in doc.find_all(True):
        if _language_of(tag) != lang:
            continue
        for attribute in ("aria-label", "title", "placeholder", "alt", "data-md-state"):
            if tag.get(attribute):
                texts.append(tag[attribute].strip())
    config = doc.select_one("script#__config")
    if config:
        import json

        texts += json.loads(config.string)["translations"].values()
    return texts


#: English the stack writes outside its translation tables (Material's logo alt
#: text, Python-Markdown's heading anchors): the portal replaces both.
STACK_ENGLISH = {"logo", "Permanent link"}
#: A text that is the same in English and in the language is not a leak.
SAME_IN = {"lo": {"RSS", "Email"}, "vi": {"RSS", "Email", "Logistics"}, "zh": {"RSS"}, "km": {"RSS"}}


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_no_english_interface_text_on_pages(site, lang):
    english = (_material_english() | _our_english() | STACK_ENGLISH) - SAME_IN[lang]
    folder = site / lang if lang != DEFAULT_LANGUAGE else site
    pages = [p for p in portal_pages(folder) if lang != DEFAULT_LANGUAGE or p.relative_to(site).parts[0] not in LANGUAGES]
    assert len(pages) == sum(1 for _page, code in BUILT if code == lang) + 1  # every page and the 404 page
    for path in pages:
        texts = set(_interface_texts(html(path), lang))
        # the scan sees the interface: the search box and the footer
        assert t(lang, "footer.contacts") in texts and html(path).select_one("input[placeholder]")["placeholder"] in texts
        found = english & texts
        assert not found, f"{path.relative_to(site)}: {sorted(found)}"


RESOURCE_ATTRS = {"link": "href", "script": "src", "img": "src", "source": "srcset", "iframe": "src",
                  "audio": "src", "video": "src", "embed": "src", "object": "data"}
NOT_RESOURCES = {"canonical", "alternate", "next", "prev"}  # links to pages, not fetched


def test_no_resource_from_another_host(site):
    own_host = urlsplit(SITE_URL).netloc
    offenders = []
    for path in portal_pages(site):
        doc = html(path)
        for name, attribute in RESOURCE_ATTRS.items():
            for tag in doc.find_all(name):
                if name == "link" and NOT_RESOURCES & set(tag.get("rel", [])):
                    continue
                value = tag.get(attribute) or ""
                host = urlsplit(value.split()[0] if value else "").netloc
                if host and host != own_host:
                    offenders.append(f"{path.relative_to(site)}: <{name} {attribute}={value}>")
        for style in doc.find_all("style"):
            offenders += [f"{path.relative_to(site)}: {u}" for u in _css_external(style.get_text())]
    for path in sorted(site.rglob("*.css")):
        offenders += [f"{path.relative_to(site)}: {u}" for u in _css_external(path.read_text(encoding="utf-8"))]
    assert not offenders


def _css_external(css: str) -> list[str]:
    urls = re.findall(r"""url\(\s*['"]?([^'")]+)""", css) + re.findall(r"""@import\s+['"]([^'"]+)""", css)
    return [u for u in urls if re.match(r"(https?:)?//", u)]


def test_fonts_are_self_hosted_for_every_script(site):
    css = (site / "assets/stylesheets/fonts.css").read_text()
    for font in re.findall(r"url\(\.\./fonts/([^)]+)\)", css):
        assert (site / "assets/fonts" / font).is_file()
    assert "noto-sans-vietnamese-400-normal.woff2" in css and "noto-sans-lao-lao-400-normal.woff2" in css
    assert "noto-sans-khmer-khmer-400-normal.woff2" in css
    for licence in ("OFL-NotoSans.txt", "OFL-NotoSansLao.txt", "OFL-NotoSansKhmer.txt", "OFL-NotoSansSC.txt"):
        assert (site / "assets/fonts" / licence).is_file()


def _agency(lang: str) -> dict:
    config = mkdocs_yml()
    portal = config["plugins"]["portal"]
    agency = portal["agency"]
    return {"name": agency["name"][lang], "address": agency["address"][lang], "phone": agency["phone"], "email": agency["email"]}


@pytest.mark.parametrize(("page", "lang"), BUILT + [("404", lang) for lang in LANGUAGES])
def test_footer_shows_the_agency_in_the_page_language(site, page, lang):
    path = site / ("" if lang == DEFAULT_LANGUAGE else lang) / "404.html" if page == "404" else output_file(site, page_url(page, lang))
    block = html(path).select_one("footer .portal-agency")
    assert block is not None
    text = block.get_text(" ", strip=True)
    agency = _agency(lang)
    for label in ("agency", "address", "phone", "email"):
        assert t(lang, f"footer.{label}") in text
    assert agency["name"] in text and agency["address"] in text and agency["phone"] in text
    assert block.select_one(f'a[href="mailto:{agency["email"]}"]') is not None
    here = urljoin(SITE_URL, path.relative_to(site).as_posix())
    for label, page in (("footer.contacts", "contacts.md"), ("footer.accessibility", "accessibility.md")):
        link = block.find("a", string=t(lang, label))
        assert urljoin(here, link["href"]) == urljoin(SITE_URL, page_url(page, lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_404_page(site, lang):
    path = site / ("" if lang == DEFAULT_LANGUAGE else lang) / "404.html"
    doc = html(path)
    assert doc.html["lang"] == lang
    assert doc.find("h1").get_text(strip=True) == t(lang, "error_page.title")
    # Served for any missing URL, so its links must not be relative.
    assert all(l["href"].startswith(("/", "https://")) for l in doc.select("link[href]"))


@pytest.mark.parametrize(("page", "lang"), BUILT)
def test_description_and_open_graph_meta(site, page, lang):
    doc = html(output_file(site, page_url(page, lang)))
    meta = lambda prop: doc.select_one(f'meta[property="{prop}"]')["content"]  # noqa: E731
    description = doc.select_one('meta[name="description"]')["content"]
    assert description and meta("og:description") == description
    item = ITEMS.get((page, lang)) or ITEMS.get((page, DEFAULT_LANGUAGE))
    if item is not None and item.meta.summary:  # a shared item shows its own summary
        assert description == item.meta.summary
    assert meta("og:title") and meta("og:site_name")
    assert meta("og:type") == ("website" if item is None else "article")
    assert meta("og:url") == doc.select_one('link[rel="canonical"]')["href"]
    assert meta("og:locale") == {"vi": "vi_VN", "en": "en_US", "lo": "lo_LA", "zh": "zh_CN", "km": "km_KH"}[lang]


@pytest.mark.parametrize(("page", "lang"), BUILT)
def test_language_switcher_links_to_the_same_page(site, page, lang):
    path = output_file(site, page_url(page, lang))
    links = html(path).select(".md-select__link")
    targets = {a["hreflang"]: unquote(urljoin(urljoin(SITE_URL, page_url(page, lang)), a["href"])) for a in links}
    built = [code for code in LANGUAGES if (page, code) in BUILT]
    assert targets == {code: urljoin(SITE_URL, page_url(page, code)) for code in built}
    for a in links:  # untranslated targets are marked, in the target's language
        note = a.select_one(".portal-switcher__note")
        assert (note is not None) == (a["hreflang"] not in PAGES[page])
