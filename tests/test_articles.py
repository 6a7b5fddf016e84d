"""News, events, documents, clarifications, press room, and the publishing
rules: a sample project with many items and unpublished ones, built for real."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from icalendar import Calendar

from conftest import LANGUAGES, ROOT, SITE_URL, copy_project, html, run_mkdocs_build
from portal.i18n import t

NOW = "2026-11-22T12:00:00+07:00"
MARKERS = ("DRAFTMARKER", "EMBARGOMARKER", "INTERNALMARKER")
NEWS_VI = 23  # three pages of ten


def _news(lang: str, number: int, **extra: str) -> str:
    fields = {"title": f'"Tin thử {number}"', "date": f"2025-{1 + number % 12:02d}-{1 + number % 27:02d}",
              "category": "economy" if number % 2 else "tourism", "tags": "[thử nghiệm]",
              "summary": f'"Tóm tắt {number}"', **extra}
    front = "\n".join(f"{key}: {value}" for key, value in fields.items())
    return f"---\n{front}\n---\n\nNội dung tin {number}.\n"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("articles"))
    news = project / "content/vi/news"
    for number in range(NEWS_VI):
        (news / f"2025-test-{number:02d}.md").write_text(_news("vi", number), encoding="utf-8")
    (news / "2026-draftmarker.md").write_text(_news("vi", 90, title='"DRAFTMARKER tin nháp"', draft="true"), encoding="utf-8")
    (project / "content/en/news/2026-embargomarker.md").write_text(
        _news("en", 91, title='"EMBARGOMARKER embargoed"', date="2026-11-20", publish_date="2026-12-01T08:00:00"),
        encoding="utf-8")
    (project / "content/attachments/internalmarker-secret.txt").write_text("INTERNALMARKER secret\n", encoding="utf-8")
    (project / "content/vi/documents/2026-internalmarker.md").write_text(
        '---\ntitle: "INTERNALMARKER văn bản nội bộ"\ndate: 2026-01-02\nnumber: 01/NB\nissuer: "Nội bộ"\n'
        "file: attachments/internalmarker-secret.txt\nvisibility: internal\n---\n\nINTERNALMARKER\n", encoding="utf-8")
    (project / "content/attachments/photo.png").write_bytes(_png())
    (news / "2025-test-00.md").write_text(
        _news("vi", 0, image="attachments/photo.png", image_alt='"Hoa phượng đỏ trên phố"'), encoding="utf-8")
    site = project / "site"
    result = run_mkdocs_build(project, site, env={"PORTAL_NOW": NOW})
    assert result.returncode == 0, result.stderr
    return project, site


def _png() -> bytes:
    """A tiny valid PNG (one red pixel)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xb3\x26\x1e")) + chunk(b"IEND", b"")


def test_news_image_is_shown_with_its_alt_text(sample):
    _project, site = sample
    page = site / "news/2025-test-00/index.html"
    image = html(page).select_one(".portal-article-image img")
    assert image["alt"] == "Hoa phượng đỏ trên phố"
    assert (page.parent / image["src"]).resolve().read_bytes().startswith(b"\x89PNG")
    article = next(d for d in _jsonld(page) if d["@type"] == "NewsArticle")
    assert article["image"] == [urljoin(SITE_URL, "attachments/photo.png")]


def _items(site: Path, path: str) -> list[str]:
    return [a.get_text(strip=True) for a in html(site / path).select(".portal-article-list h2 a")]


def test_news_index_is_paginated_newest_first(sample):
    _project, site = sample
    total = NEWS_VI + 4  # the shipped Vietnamese news too
    pages = [_items(site, "news/index.html"), _items(site, "news/page/2/index.html"), _items(site, "news/page/3/index.html")]
    assert [len(p) for p in pages] == [10, 10, total - 20]
    assert not (site / "news/page/4").exists()
    dates = [t_.get("datetime") for path in ("news/index.html", "news/page/2/index.html", "news/page/3/index.html")
             for t_ in html(site / path).select(".portal-article-list time")]
    assert dates == sorted(dates, reverse=True)
    nav = html(site / "news/page/2/index.html").select_one("nav.portal-pagination")
    assert nav.select_one("[aria-current=page]").get_text() == "2"
    assert nav.select_one("a[rel=prev]") and nav.select_one("a[rel=next]")


def test_category_tag_and_archive_pages(sample):
    _project, site = sample
    economy = _items(site, "news/category/economy/index.html")
    def day(number: int) -> tuple:  # as _news dates them, newest first, then by file name
        return (-(1 + number % 12), -(1 + number % 27), f"2025-test-{number:02d}.md")
    assert economy == [f"Tin thử {n}" for n in sorted((n for n in range(NEWS_VI) if n % 2), key=day)][:10]
    assert html(site / "news/category/economy/index.html").h1.get_text(strip=True) == t(
        "vi", "articles.category_title", category=t("vi", "articles.categories.economy"))
    tagged = _items(site, "news/tag/thu-nghiem/index.html") + _items(site, "news/tag/thu-nghiem/page/2/index.html")
    assert len(tagged) == 10 + min(10, NEWS_VI - 10)
    assert len(_items(site, "news/archive/2025/index.html")) == 10
    years = [a.get_text() for a in html(site / "news/index.html").select(".portal-archive a")]
    assert "2025" in years and "2024" in years


@pytest.mark.parametrize("prefix", ["", "en/", "lo/"])
def test_atom_feed_parses_and_is_linked_from_every_page(sample, prefix):
    _project, site = sample
    feed = feedparser.parse((site / prefix / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == (prefix.strip("/") or "vi")
    assert 0 < len(feed.entries) <= 20
    published = [entry.published for entry in feed.entries]
    assert published == sorted(published, reverse=True)
    for entry in feed.entries:
        path = unquote(urlsplit(entry.link).path).lstrip("/")
        assert (site / path / "index.html").is_file(), entry.link
    pages = [p for p in (site / prefix.rstrip("/") if prefix else site).glob("*/index.html") if p.parent.name != "admin"]
    for page in [p for p in pages if prefix or p.parent.name not in LANGUAGES]:
        link = html(page).select_one('link[rel=alternate][type="application/atom+xml"]')
        assert urljoin(str(page.relative_to(site)), link["href"]) == f"{prefix}feed.xml"


def test_events_listing_and_icalendar_files(sample):
    _project, site = sample
    events = html(site / "en/events/index.html")
    upcoming = events.find("h2", string=t("en", "articles.upcoming")).find_next("ul")
    assert "Red Flamboyant Festival" in upcoming.get_text()
    page = html(site / "en/events/2027-05-red-flamboyant-festival/index.html")
    ics_link = page.find("a", string=t("en", "articles.add_to_calendar"))
    ics = site / "en/events/2027-05-red-flamboyant-festival" / ics_link["href"]
    calendar = Calendar.from_ical(ics.resolve().read_bytes())
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("Red Flamboyant Festival")
    assert event.decoded("DTSTART").isoformat() == "2027-05-14"
    assert event.decoded("DTEND").isoformat() == "2027-05-17"  # all-day: the day after the last day
    assert "Hai Phong city centre" in str(event["LOCATION"])
    lao = Calendar.from_ical((site / "lo/events/2027-05-red-flamboyant-festival.ics").read_bytes())
    assert "ງານບຸນ" in str(lao.walk("VEVENT")[0]["SUMMARY"])


def _jsonld(path: Path) -> list[dict]:
    return [json.loads(script.string) for script in html(path).select('script[type="application/ld+json"]')]


@pytest.mark.parametrize(("path", "kind"), [
    ("news/2024-09-04-heza-plan/index.html", "NewsArticle"),
    ("en/news/2024-09-04-heza-plan/index.html", "NewsArticle"),
    ("lo/news/2024-09-04-heza-plan/index.html", "NewsArticle"),
    ("lo/press/2026-11-01-ra-mat-cong/index.html", "NewsArticle"),
    ("en/events/2027-05-red-flamboyant-festival/index.html", "Event"),
    ("lo/events/2027-05-red-flamboyant-festival/index.html", "Event"),
    ("clarifications/2026-11-01-vi-du-cat-bi/index.html", "ClaimReview"),
    ("en/clarifications/2026-11-01-vi-du-cat-bi/index.html", "ClaimReview"),
])
def test_structured_data(sample, path, kind):
    _project, site = sample
    data = _jsonld(site / path)
    types = [item["@type"] for item in data]
    assert types == ["GovernmentOrganization", kind]
    item = data[1]
    assert item["@context"] == "https://schema.org" and item["inLanguage"] == (path.split("/")[0] if path[2] == "/" else "vi")
    if kind == "ClaimReview":
        assert item["claimReviewed"] and item["reviewRating"]["alternateName"]
    if kind == "Event":
        assert item["startDate"] == "2027-05-14" and item["location"]["name"]


def test_every_page_names_the_agency_in_structured_data(site):
    for path in [p for p in site.glob("*/index.html") if p.parent.name != "admin"][:10] + [site / "index.html", site / "lo/index.html"]:
        assert _jsonld(path)[0]["@type"] == "GovernmentOrganization"


def test_documents_library_filters_by_year_and_issuer(sample):
    _project, site = sample
    table = html(site / "en/documents/index.html").select_one("table[data-portal-table]")
    filters = [th.get_text(strip=True) for th in table.select("th[data-filter]")]
    assert filters == [t("en", "articles.year"), t("en", "articles.issuer")]
    assert len(table.select("tbody tr")) == 3
    page = site / "en/documents/2019-01-05-04-kh-ubnd/index.html"
    link = html(page).find("a", attrs={"download": True})
    assert (page.parent / link["href"]).resolve().read_text(encoding="utf-8").startswith(" KẾ HOẠCH")


def test_press_room_names_the_spokesperson(sample):
    _project, site = sample
    doc = html(site / "lo/press/index.html")
    spokesperson = doc.select_one(".portal-spokesperson")
    assert "ໂຄສົກ (ຕົວຢ່າງ)" in spokesperson.get_text() and spokesperson.select_one('a[href^="mailto:"]')
    assert "ຖະແຫຼງການຂ່າວ (ຕົວຢ່າງ)" in doc.select_one(".portal-article-list").get_text()


def test_unpublished_items_are_in_no_output_file(sample):
    _project, site = sample
    found = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="ignore").lower()
        found += [f"{path.relative_to(site)}: {m}" for m in MARKERS if m.lower() in text]
    assert not found
    assert (site / "news/index.html").is_file()  # the build did publish the rest


def test_embargoed_item_appears_once_its_time_has_come(tmp_path, sample):
    project, _site = sample
    site = tmp_path / "later"
    result = run_mkdocs_build(project, site, env={"PORTAL_NOW": "2026-12-01T09:00:00+07:00"})
    assert result.returncode == 0, result.stderr
    assert "EMBARGOMARKER" in (site / "en/feed.xml").read_text(encoding="utf-8")
    assert (site / "en/news/2026-embargomarker/index.html").is_file()
    assert "DRAFTMARKER" not in (site / "feed.xml").read_text(encoding="utf-8")


def test_preview_shows_drafts_marked(sample):
    from portal.site.project import load_project

    project, _site = sample
    previewed = load_project(project / "mkdocs.yml", serving=True)
    assert not previewed.left_out  # in `mkdocs serve` nothing is left out...
    published = load_project(project / "mkdocs.yml")
    assert "vi/news/2026-draftmarker.md" in published.left_out  # ...in a build it is
    draft = next(item for item in previewed.items if item.path == "news/2026-draftmarker.md")
    from portal.generation.articles import article_view, render_article_header

    assert not draft.published
    header = render_article_header(article_view(draft, _site_for(previewed), SITE_URL), draft, lambda p: p)
    assert t("vi", "articles.draft") in header


def _site_for(project):
    from portal.generation.articles import Site
    from portal.site.config_files import read_chain
    from portal.site.identity import check_identity
    from conftest import ROOT, mkdocs_yml

    portal = mkdocs_yml()["plugins"]["portal"]
    identity = check_identity(portal, [l.code for l in project.languages], read_chain(ROOT / "mkdocs.yml"))
    return Site(project.languages, SITE_URL, {l.code: l.code for l in project.languages}, identity,
                __import__("portal.clock", fromlist=["now"]).now())


# -- the editors' command line ----------------------------------------------------------


def _portal(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portal.cli", *args], cwd=project, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("kind", ["news", "event", "document", "clarification", "press"])
def test_portal_new_writes_a_vietnamese_draft_that_passes_the_checks(tmp_path, kind):
    """Vietnamese first: only the Vietnamese file, a draft, which `portal check` accepts as it is;
    the translations are listed as missing, and publishing asks for the fields still empty."""
    project = copy_project(tmp_path / "p")
    result = _portal(project, "new", kind, "Hội nghị xúc tiến đầu tư", "--date", "2026-11-20")
    assert result.returncode == 0, result.stderr
    name = f"2026-11-20-hoi-nghi-xuc-tien-dau-tu.md"
    folder = {"news": "news", "event": "events", "document": "documents", "clarification": "clarifications",
              "press": "press"}[kind]
    created = sorted(path.relative_to(project).as_posix() for path in project.glob(f"content/*/*/{name}"))
    assert created == [f"content/vi/{folder}/{name}"]
    text = (project / created[0]).read_text(encoding="utf-8")
    assert 'title: "Hội nghị xúc tiến đầu tư"' in text and "\ndraft: true\n" in text
    assert '""' not in text  # no empty field, which the checks would refuse
    check = _portal(project, "check", "--csv", str(tmp_path / "status.csv"))
    assert check.returncode == 0, check.stderr
    assert f"{folder}/{name},missing,missing,missing,missing" in (tmp_path / "status.csv").read_text(encoding="utf-8").splitlines()
    published = project / created[0]
    published.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    missing = {"event": "place, organiser", "document": "number, issuer", "clarification": "claim"}.get(kind)
    check = _portal(project, "check")
    if missing is None:
        assert check.returncode == 0, check.stderr
    else:
        assert check.returncode == 1
        assert f"{created[0]}:2" in check.stderr  # the front matter's first line: the item is incomplete
        assert f"The item cannot be published yet: '{missing}' is missing." in check.stderr
        assert f"Bài chưa thể đăng: thiếu '{missing}'." in check.stderr
    again = _portal(project, "new", kind, "Hội nghị xúc tiến đầu tư", "--date", "2026-11-20")
    assert again.returncode == 1 and "already exists" in again.stderr
    before = sorted(project.rglob("*.md"))
    escape = _portal(project, "new", kind, "T", "--slug", "../../../tmp/evil")
    assert escape.returncode == 1 and "[--slug]" in escape.stderr and "'/' and '..' are not allowed" in escape.stderr
    assert sorted(project.rglob("*.md")) == before


def test_portal_check_reports_links_images_and_translations(tmp_path):
    project = copy_project(tmp_path / "p")
    about = project / "content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nSee [nowhere](nowhere.md) and ![](assets/missing.png).\n",
                     encoding="utf-8")
    line = about.read_text(encoding="utf-8").count("\n")
    source = (project / "content/vi/about.md").stat().st_mtime  # no git here: times on disk decide
    os.utime(project / "content/lo/about.md", (source - 60, source - 60))  # older than its source
    result = _portal(project, "check", "--csv", str(tmp_path / "status.csv"))
    assert result.returncode == 1
    assert f"content/en/about.md:{line}" in result.stderr and "Link 'nowhere.md'" in result.stderr
    assert "Image 'assets/missing.png' does not exist" in result.stderr
    rows = (tmp_path / "status.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "page,en,lo,zh,km"
    assert "plan-2019.md,missing,missing,missing,missing" in rows
    # English just changed, Lao older than the Vietnamese (the other languages' times are the copy's: not asserted)
    assert [row.split(",")[:3] for row in rows if row.startswith("about.md,")] == [["about.md", "ok", "outdated"]]


def test_portal_check_passes_on_the_shipped_content():
    result = _portal(ROOT, "check")
    assert result.returncode == 0, result.stderr
    assert "0 errors" in result.stdout


def test_translation_older_than_its_source_is_reported(tmp_path):
    from portal.checks.content import translation_status

    project = copy_project(tmp_path / "p")
    git = lambda *args: subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "content")
    about = project / "content/vi/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", encoding="utf-8")  # not yet committed
    report = {row.page: row.statuses for row in translation_status(project / "content", ["vi", "en", "lo"], "vi")}
    assert report["about.md"] == {"en": "outdated", "lo": "outdated"}
    assert report["contacts.md"] == {"en": "ok", "lo": "ok"}
    assert report["plan-2019.md"] == {"en": "missing", "lo": "missing"}
