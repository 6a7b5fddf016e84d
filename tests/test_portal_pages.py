"""A portal, not a documentation site: the generated home page, events by
their days and their calendar, feeds per category, share cards and photos
in every size, robots.txt, "last updated". A sample project with a
featured, an embargoed and a photographed item, built for real."""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from icalendar import Calendar
from PIL import Image, ImageDraw, ImageFont

from conftest import portal_pages, LANGUAGES, ROOT, SITE_URL, copy_project, html, run_mkdocs_build
from portal.i18n import t

NOW = "2026-12-01T09:00:00+07:00"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _photo(path: Path, size=(2400, 1350)) -> None:
    """A photograph-like JPEG: a gradient, so resizing has work to do."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="JPEG", quality=90)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("portal-pages"))
    _photo(project / "content/attachments/cang-hai-phong.jpg")
    news = "---\ntitle: {title}\ndate: {date}\ncategory: {category}\nsummary: {summary}\n{extra}---\n\n{title}.\n"
    items = {
        "2026-11-29-newest": dict(title="Tin mới nhất", date="2026-11-29", category="economy", summary="Tóm tắt mới nhất",
                                  extra=""),
        "2025-01-10-featured": dict(title="Tin nổi bật", date="2025-01-10", category="investment",
                                    summary="Tóm tắt nổi bật",
                                    extra="featured: true\nimage: attachments/cang-hai-phong.jpg\nimage_alt: Cảng Hải Phòng\n"),
        "2026-11-30-embargoed": dict(title="Tin chưa đến giờ đăng", date="2026-11-30", category="economy",
                                     summary="Bí mật", extra="publish_date: 2026-12-02T08:00:00\n"),
    }
    for slug, fields in items.items():
        _write(project / f"content/vi/news/{slug}.md", news.format(**fields))
    about = project / "content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n![Hai Phong Port](../attachments/cang-hai-phong.jpg)\n",
                     encoding="utf-8")
    events = "---\ntitle: {title}\ndate: 2026-01-01\nstart: {start}\nend: {end}\nplace: {place}\norganiser: UBND\n---\n\n{title}.\n"
    _write(project / "content/vi/events/2027-03-hoi-cho.md", events.format(title="Hội chợ mùa xuân", start="2027-03-02",
                                                                          end="2027-03-04", place="Nhà triển lãm"))
    _write(project / "content/vi/events/2026-02-hoi-thao.md", events.format(title="Hội thảo đã qua", start="2026-02-10",
                                                                           end="2026-02-10", place="Khách sạn"))
    # A menu entry for a page written only in Vietnamese.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - contacts.md\n", "  - plan-2019.md\n  - contacts.md\n")
                      .replace("  /*/plan-2019.md\n", ""), encoding="utf-8")
    site = project / "site"
    result = run_mkdocs_build(project, site, env={"PORTAL_NOW": NOW})
    assert result.returncode == 0, result.stderr
    return project, site


# -- the home page ------------------------------------------------------------------------------

def test_the_home_page_shows_the_latest_news_featured_first_and_never_an_embargoed_one(sample):
    _project, site = sample
    home = html(site / "index.html")
    section = home.select_one("#portal-home-news").parent
    titles = [a.get_text() for a in section.select(".portal-card__title a")]
    assert titles[:2] == ["Tin nổi bật", "Tin mới nhất"]
    assert len(titles) == 4
    assert "Tin chưa đến giờ đăng" not in home.get_text()
    card = section.select_one(".portal-card")
    assert card.select_one("time")["datetime"] == "2025-01-10"
    assert card.select_one("img")["alt"] == "Cảng Hải Phòng"
    more = section.find_all("a")[-1]
    assert (more["href"], more.get_text()) == ("news/", t("vi", "home.all_news"))


def test_the_home_page_changes_when_the_embargo_ends(sample, tmp_path):
    project, _site = sample
    later = tmp_path / "later"
    assert run_mkdocs_build(project, later, env={"PORTAL_NOW": "2026-12-02T09:00:00+07:00"}).returncode == 0
    titles = [a.get_text() for a in html(later / "index.html").select("#portal-home-news ~ .portal-cards a")]
    assert titles[:2] == ["Tin nổi bật", "Tin chưa đến giờ đăng"]


def test_the_home_page_lists_upcoming_events_by_their_days(sample):
    _project, site = sample
    section = html(site / "index.html").select_one("#portal-home-events").parent
    cards = [(card.select_one("a").get_text(), card.select_one("time")["datetime"], card.select_one("time").get_text())
             for card in section.select(".portal-card")]
    more = section.find_all("a")[-1]
    assert (more["href"], more.get_text()) == ("events/", t("vi", "home.all_events"))
    assert cards == [("Hội chợ mùa xuân", "2027-03-02", "2\u2009–\u20094 thg 3, 2027"),
                     ("Lễ hội Hoa Phượng Đỏ (ví dụ, ngày chưa xác định)", "2027-05-14", "14\u2009–\u200916 thg 5, 2027")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_shows_investment_figures_from_the_data(site, lang):
    from conftest import portfolio

    data = portfolio()
    prefix = "" if lang == "vi" else f"{lang}/"
    figures = html(site / prefix / "index.html").select(".portal-figures li")
    calling = [p for p in data.projects if p.status == "calling"]
    from portal.generation.formatting import formatter

    expected = [str(len(data.zones)), str(len(data.parks)), str(len(calling)),
                formatter(lang).vnd(sum(p.investment_vnd or 0 for p in calling))]
    assert [li.select_one(".portal-figures__value").get_text() for li in figures] == expected
    assert figures[0].a["href"] == "invest/zones/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_has_entry_points_in_the_reader_s_language(site, lang):
    prefix = "" if lang == "vi" else f"{lang}/"
    audiences = html(site / prefix / "index.html").select(".portal-audience")
    assert [a.h2.get_text() for a in audiences] == [t(lang, f"home.audiences.{name}") for name in ("investors", "visitors", "press")]
    investors = [(a["href"], a.get_text()) for a in audiences[0].select("a")]
    assert investors[0][0] == "investment/" and investors[1] == ("invest/", t(lang, "data.hub_title"))


def test_the_zone_portal_s_home_puts_figures_first_and_leads_only_to_its_pages(built_portals):
    home = html(built_portals / "zone/en/index.html")
    headings = [h2.get("id") for h2 in home.select(".md-content h2[id^=portal-home]")]
    assert headings[0] == "portal-home-figures"
    links = {a["href"] for a in home.select(".portal-audience a")}
    assert "tourism/" not in links and "invest/projects/" in links
    assert [h2.get_text() for h2 in home.select(".portal-audience h2")] == ["For investors", "For the press"]


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_a_menu_entry_shown_untranslated_says_its_language(sample, lang):
    _project, site = sample
    links = {a["href"]: a for a in html(site / lang / "index.html").select(".md-nav--primary a.md-nav__link")}
    entry = links["plan-2019/"].select_one('span[lang="vi"]')
    assert entry is not None and entry.get_text() == "Kế hoạch thông tin đối ngoại năm 2019"
    assert links["about/"].select_one("span[lang]") is None  # translated entries need no mark


# -- events, calendars, feeds -------------------------------------------------------------------

def test_events_are_listed_by_their_days_and_all_are_in_one_calendar(sample):
    _project, site = sample
    page = html(site / "events/index.html")
    upcoming, past = page.select(".portal-article-list")
    assert [a.get_text() for a in upcoming.select("h3 a")] == ["Hội chợ mùa xuân",
                                                             "Lễ hội Hoa Phượng Đỏ (ví dụ, ngày chưa xác định)"]
    assert [a.get_text() for a in past.select("h3 a")] == ["Hội thảo đã qua"]
    assert upcoming.select_one("time").get_text() == "2\u2009–\u20094 thg 3, 2027"
    calendar = Calendar.from_ical((site / "events/calendar.ics").read_bytes())
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Hội chợ mùa xuân", "Hội thảo đã qua", "Lễ hội Hoa Phượng Đỏ (ví dụ, ngày chưa xác định)"}
    assert events["Hội chợ mùa xuân"].decoded("DTSTART") == datetime.date(2027, 3, 2)
    assert events["Hội chợ mùa xuân"].decoded("DTEND") == datetime.date(2027, 3, 5)  # all day: the day after
    assert page.select_one('a[href="calendar.ics"]').get_text() == t("vi", "articles.calendar")


def test_each_news_category_has_its_own_feed(sample):
    _project, site = sample
    feed = feedparser.parse((site / "news/category/economy/feed.xml").read_bytes())
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Tin mới nhất"]
    assert feed.feed.link == SITE_URL + "news/category/economy/"
    assert html(site / "news/category/economy/index.html").select_one('a[href="feed.xml"]')
    everything = feedparser.parse((site / "feed.xml").read_bytes())
    assert "Tin mới nhất" in [entry.title for entry in everything.entries]


# -- sharing ------------------------------------------------------------------------------------

def _share(page: Path) -> dict[str, str]:
    doc = html(page)
    return {meta.get("property") or meta.get("name"): meta["content"]
            for meta in doc.select('meta[property^="og:"], meta[name^="twitter:"]')}


def test_every_page_has_a_share_picture_that_exists(site):
    pages = [p for p in portal_pages(site) if "404" not in p.name]
    missing = []
    for page in pages:
        meta = _share(page)
        image = urlsplit(meta.get("og:image", "")).path.lstrip("/")
        if not image or not (site / image).is_file() or meta.get("twitter:card") != "summary_large_image":
            missing.append(page.relative_to(site).as_posix())
    assert len(pages) > 150 and missing == []


def test_an_article_shares_its_own_photo_and_summary(sample):
    _project, site = sample
    meta = _share(site / "news/2025-01-10-featured/index.html")
    assert meta["og:image"] == SITE_URL + "assets/images/resized/attachments/cang-hai-phong-1600.jpg"
    assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:alt"]) == ("1600", "900", "Cảng Hải Phòng")
    assert meta["og:description"] == meta["twitter:description"] == "Tóm tắt nổi bật"
    assert meta["og:type"] == "article"


@pytest.mark.parametrize(("page", "title"), [("lo/border-gates/index.html", "ດ່ານສາກົນ"),
                                             ("invest/plans/ke-hoach-2019/index.html",
                                              "Kế hoạch công tác thông tin đối ngoại thành phố Hải Phòng năm 2019")])
def test_a_page_without_a_photo_shares_a_card_with_its_title(site, page, title):
    meta = _share(site / page)
    assert meta["og:image:alt"] == title
    card = Image.open(site / urlsplit(meta["og:image"]).path.lstrip("/"))
    assert card.size == (1200, 630)
    assert len(card.getcolors(256)) > 20  # antialiased text on the portal's colour


def test_lao_card_text_is_shaped():
    """With HarfBuzz (libraqm) Lao vowels and tone marks stack on their letters;
    laid out without it, the same title is a different picture."""
    from portal.generation.cards import faces

    title = "ສະໜາມບິນສາກົນ ກ໋າດບີ"
    face = next(f for f in faces(ROOT / "overrides/assets/stylesheets/fonts.css", 700) if f.covers(title[0]))
    pictures = []
    for layout in (ImageFont.Layout.RAQM, ImageFont.Layout.BASIC):
        canvas = Image.new("L", (1200, 200))
        ImageDraw.Draw(canvas).text((10, 50), title, font=ImageFont.truetype(str(face.path), 60, layout_engine=layout),
                                    fill=255, **({"language": "lo"} if layout == ImageFont.Layout.RAQM else {}))
        pictures.append(canvas.tobytes())
    assert ImageFont.core.HAVE_RAQM and pictures[0] != pictures[1]


# -- photos -------------------------------------------------------------------------------------

def test_photos_are_published_in_every_size_and_format_with_their_dimensions(sample):
    _project, site = sample
    picture = html(site / "news/2025-01-10-featured/index.html").select_one(".portal-article-image picture")
    webp = picture.select_one('source[type="image/webp"]')["srcset"]
    assert webp == ", ".join(f"../../assets/images/resized/attachments/cang-hai-phong-{w}.webp {w}w" for w in (480, 960, 1600))
    img = picture.select_one("img")
    assert (img["width"], img["height"], img["src"]) == ("1600", "900",
                                                         "../../assets/images/resized/attachments/cang-hai-phong-960.jpg")
    for width, height in ((480, 270), (960, 540), (1600, 900)):
        for extension, kind in (("webp", "WEBP"), ("jpg", "JPEG")):
            made = Image.open(site / f"assets/images/resized/attachments/cang-hai-phong-{width}.{extension}")
            assert (made.size, made.format) == ((width, height), kind)
    assert (site / "attachments/cang-hai-phong.jpg").is_file()  # the original stays


def test_photos_in_an_editor_s_text_are_shown_in_every_size(sample):
    _project, site = sample
    picture = html(site / "en/about/index.html").select_one(".md-content picture")
    assert picture.select_one("source")["srcset"].endswith("../../assets/images/resized/attachments/cang-hai-phong-1600.webp 1600w")
    img = picture.select_one("img")
    assert (img["alt"], img["width"], img["height"]) == ("Hai Phong Port", "1600", "900")
    assert img["src"] == "../../assets/images/resized/attachments/cang-hai-phong-960.jpg"


def test_a_photo_over_the_limit_is_an_error_naming_it(tmp_path):
    from portal.errors import PortalError
    from portal.generation.images import MAX_PIXELS, pictures

    big = tmp_path / "content/attachments/big.png"
    big.parent.mkdir(parents=True)
    Image.new("RGB", (MAX_PIXELS + 1, 10)).save(big)
    with pytest.raises(PortalError) as caught:
        pictures({"attachments/big.png": big}, lambda p: "content/attachments/big.png", tmp_path / "cache")
    assert (caught.value.key, caught.value.file) == ("image_too_big_pixels", "content/attachments/big.png")
    assert "8001×10" in caught.value.message("en") and "8001×10" in caught.value.message("vi")


def test_a_file_that_is_not_an_image_is_an_error_in_plain_words(tmp_path):
    from portal.errors import PortalError
    from portal.generation.images import pictures

    fake = tmp_path / "content/attachments/fake.jpg"
    fake.parent.mkdir(parents=True)
    fake.write_text("<script>alert(1)</script>", encoding="utf-8")
    with pytest.raises(PortalError) as caught:
        pictures({"attachments/fake.jpg": fake}, lambda p: "content/attachments/fake.jpg", tmp_path / "cache")
    assert (caught.value.key, caught.value.file) == ("image_unreadable", "content/attachments/fake.jpg")
    assert caught.value.message("en") == t("en", "errors.image_unreadable", value="attachments/fake.jpg")
    assert "object at 0x" not in caught.value.message("vi")


# -- robots.txt, last updated -------------------------------------------------------------------

def test_each_portal_has_a_robots_txt_naming_its_sitemap(built_portals):
    assert (built_portals / "city/robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://doingoai.haiphong.example/sitemap.xml\n")
    assert "Sitemap: https://heza.haiphong.example/sitemap.xml" in (built_portals / "zone/robots.txt").read_text()


def test_content_pages_say_when_they_were_last_updated(sample):
    project, site = sample
    # The copy is not a git checkout: only a date written in the front matter counts.
    page = project / "content/en/about.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: About the city\n",
                                                             "title: About the city\nupdated: 2026-10-02\n"), encoding="utf-8")
    later = project / "site-updated"
    assert run_mkdocs_build(project, later, env={"PORTAL_NOW": NOW}).returncode == 0
    updated = html(later / "en/about/index.html").select_one(".portal-updated")
    assert updated.get_text(" ", strip=True) == f"{t('en', 'page.updated')} October 2, 2026"
    assert updated.time["datetime"] == "2026-10-02"
    assert html(later / "en/tourism/index.html").select_one(".portal-updated") is None  # no date known


def test_photos_and_cards_are_the_same_bytes_every_time(tmp_path):
    """Reproducible builds: two builds with empty caches make identical files."""
    from portal.generation.cards import Card, render
    from portal.generation.images import pictures

    photo = tmp_path / "content/attachments/p.jpg"
    _photo(photo, (1000, 600))
    made = [pictures({"attachments/p.jpg": photo}, str, tmp_path / f"cache-{n}")[1] for n in range(2)]
    assert [f.path for f in made[0]] == [f"assets/images/resized/attachments/p-{w}.{e}" for w in (480, 960, 1000)
                                         for e in ("webp", "jpg")]
    assert [f.content for f in made[0]] == [f.content for f in made[1]]
    fonts_css = ROOT / "overrides/assets/stylesheets/fonts.css"
    card = Card("ດ່ານສາກົນ ກ໋າດບີ", "ປະຕູຂໍ້ມູນຂ່າວສານ", "#9c1c1c")
    assert render(card, fonts_css) == render(card, fonts_css)
