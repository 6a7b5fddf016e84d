"""Engine-free pieces, checked without building a site."""

from __future__ import annotations

import pytest

from portal.content.frontmatter import read_front_matter
from portal.content.models import Page
from portal.content.translations import Version, hreflang_links, switcher_entries
from portal.errors import PortalError
from portal.site.identity import contrast_with_white
from portal.site.languages import Language

LANGS = [Language("vi", "Tiếng Việt", True), Language("en", "English", False), Language("lo", "ພາສາລາວ", False)]
SITE = "https://portal.example/"


def test_x_default_goes_to_the_first_real_version_when_the_default_is_a_copy():
    # A page written only in English: the vi and lo versions are copies of it.
    versions = {
        "vi": Version("vi", "en", "news/"),
        "en": Version("en", "en", "en/news/"),
        "lo": Version("lo", "en", "lo/news/"),
    }
    assert hreflang_links(versions, LANGS, SITE) == [
        ("en", "https://portal.example/en/news/"),
        ("x-default", "https://portal.example/en/news/"),
    ]
    entries = switcher_entries(versions, LANGS, "lo")
    assert [(e.lang, e.translated, e.current) for e in entries] == [
        ("vi", False, False), ("en", True, False), ("lo", False, True)
    ]


def test_a_page_without_front_matter_has_none(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Title\n\n---\n\nText after a rule.\n", encoding="utf-8")
    assert read_front_matter(page) == Page()


def test_front_matter_error_is_bilingual_and_located(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: ok\ntags: one\n---\n", encoding="utf-8")
    with pytest.raises(PortalError) as caught:
        read_front_matter(page, "content/en/page.md")
    text = str(caught.value)
    assert text.splitlines()[0] == "content/en/page.md:3 [tags]"
    assert "vi: Trường 'tags' phải là một danh sách." in text
    assert "en: Field 'tags' must be a list." in text


@pytest.mark.parametrize(("colour", "ratio"), [("#ffffff", 1.0), ("#000000", 21.0), ("#767676", 4.54)])
def test_contrast_with_white_follows_wcag(colour, ratio):
    assert contrast_with_white(colour) == pytest.approx(ratio, abs=0.01)


def test_zone_photos_have_alt_text_in_the_page_language():
    from portal.data.load import Portfolio
    from portal.data.models import Zone
    from portal.generation.pages import generate

    zone = Zone.model_validate({
        "slug": "z",
        "name": {"vi": "Khu Z"},
        "location": {"vi": "Hải Phòng"},
        "photos": [{"src": "assets/photos/z.jpg", "alt": {"vi": "Cảng & kho", "en": "Port & warehouses"}}],
    })
    files = {f.path: f.content for f in generate(Portfolio(zones=[zone]), LANGS)}
    assert '<img src="../../../../assets/photos/z.jpg" alt="Port &amp; warehouses"' in files["en/invest/zones/z.md"]
    assert '<img src="../../../assets/photos/z.jpg" alt="Cảng &amp; kho"' in files["vi/invest/zones/z.md"]


def test_counted_strings_follow_each_language_s_plural_rules():
    from portal.i18n import tn

    assert tn("en", "data.count", 1, count="1") == "1 item"
    assert tn("en", "data.count", 4, count="4") == "4 items"
    assert tn("vi", "data.count", 1, count="1") == "1 mục"  # Vietnamese and Lao have one form
    assert tn("lo", "data.count", 2, count="2") == "2 ລາຍການ"
