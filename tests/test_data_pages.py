"""Investment-promotion pages generated from data/, checked in the built site."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import LANGUAGES, ROOT, SITE_URL, html, indexed_pages, output_file, page_url, portfolio
from portal.i18n import t

DATA = portfolio()
SEED_2019 = next(iter(sorted((ROOT.parent / "shared/seeds").glob("001_*.txt"))), None)


def _page(site: Path, path: str, lang: str):
    return html(output_file(site, page_url(path, lang)))


def _link_target(site: Path, page: str, lang: str, href: str) -> Path:
    """The file a relative link on a page leads to."""
    url = urljoin(urljoin(SITE_URL, page_url(page, lang)), href)
    path = urlsplit(url).path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


# -- the 2019 plan against the document -------------------------------------------------


def _document_budgets() -> tuple[dict[str, float], float]:
    """Task number -> budget (million VND), and the stated total, read from the
    annex table of plan 04/KH-UBND (seed 001)."""
    text = SEED_2019.read_text(encoding="utf-8")
    annex = text[text.index("DANH MỤC NHIỆM VỤ"):]
    budgets: dict[str, float] = {}
    total = None
    for block in re.split(r"\n\s*\n", annex):
        cells = [line.strip().replace("\xa0", "") for line in block.strip("\n").split("\n\t")]
        cells = [c.strip() for c in cells]
        if len(cells) < 2:
            continue
        number, last = cells[0].rstrip("."), cells[-1]
        if "Tổng số kinh phí" in block:
            total = float(last.replace(".", ""))
        elif re.fullmatch(r"\d+(\.\d+)*", number) and re.fullmatch(r"\d+", last):
            budgets[number] = float(last)
    return budgets, total


@pytest.mark.skipif(SEED_2019 is None, reason="the seed documents (../shared/seeds) are not beside the checkout")
def test_plan_2019_matches_the_document_table():
    budgets, total = _document_budgets()
    plan = next(p for p in DATA.plans if p.slug == "ke-hoach-2019")
    assert total == 1070 and plan.total_million_vnd == total
    assert plan.budget_total == total
    ours = {task.number: task.budget_million_vnd for task in plan.tasks if task.budget_million_vnd}
    assert ours == budgets
    assert sum(budgets.values()) == total


@pytest.mark.parametrize(("lang", "expected"), [("vi", "1.070 triệu đồng"), ("en", "1,070 million VND")])
def test_plan_total_is_formatted_for_the_locale(site, lang, expected):
    doc = _page(site, "invest/plans/ke-hoach-2019.md", lang)
    assert [cell.get_text(strip=True) for cell in doc.select(".portal-total")] == [expected, expected]


def test_lao_figures_follow_cldr(site):
    from babel.numbers import format_decimal

    doc = _page(site, "invest/plans/ke-hoach-2019.md", "lo")
    expected = t("lo", "data.units.million_vnd", amount=format_decimal(1070, locale="lo"))
    assert doc.select_one(".portal-total").get_text(strip=True) == expected == "1.070 ລ້ານດົ່ງ"
    date = doc.find("th", string=t("lo", "data.fields.date")).find_next("td").get_text(strip=True)
    assert date == "5 ມັງກອນ 2019"


@pytest.mark.parametrize(("lang", "area", "money"), [
    ("vi", "25 ha", "1,2 nghìn tỷ đồng"),
    ("en", "25 ha", "1.2 trillion VND"),
    ("lo", "25 ຮຕ.", "1,2 ລ້ານລ້ານ ດົ່ງ"),
    ("zh", "25公顷", "1.2万亿 越南盾"),  # CLDR has no long compact form in Chinese: the short one is in words
    ("km", "25 ha", "1.2 ទ្រីលាន ដុង"),
])
def test_project_figures_are_formatted_for_the_locale(site, lang, area, money):
    doc = _page(site, "invest/projects/vd-01-logistics.md", lang)
    facts = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in doc.select(".portal-facts tr")}
    assert facts[t(lang, "data.fields.area")] == area
    assert facts[t(lang, "data.fields.investment_vnd")] == money


# -- pages, titles, links ---------------------------------------------------------------


def _data_pages():
    pages = ["invest/index.md"] + [f"invest/{kind}/index.md" for kind in ("zones", "parks", "projects", "incentives", "plans")]
    pages += [f"invest/zones/{z.slug}.md" for z in DATA.zones] + [f"invest/parks/{p.slug}.md" for p in DATA.parks]
    pages += [f"invest/projects/{p.code}.md" for p in DATA.projects] + [f"invest/plans/{p.slug}.md" for p in DATA.plans]
    return pages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_data_page_exists_in_every_language_with_its_title(site, lang):
    for page in _data_pages():
        doc = _page(site, page, lang)
        assert doc.html["lang"] == lang
        h1 = doc.select_one("article h1")
        assert h1 is not None and h1.get_text(strip=True)
    for kind in ("zones", "parks", "projects", "incentives", "plans"):
        assert _page(site, f"invest/{kind}/index.md", lang).select_one("article h1").get_text(strip=True) == t(lang, f"data.{kind}")
    for project in DATA.projects:
        title = _page(site, f"invest/projects/{project.code}.md", lang).select_one("article h1").get_text(" ", strip=True)
        assert title.startswith(project.name.get(lang, project.name["vi"]))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_project_links_its_zone_and_park(site, lang):
    for project in DATA.projects:
        page = f"invest/projects/{project.code}.md"
        doc = _page(site, page, lang)
        hrefs = [a["href"] for a in doc.select("article a[href]")]
        targets = {_link_target(site, page, lang, href) for href in hrefs if not href.startswith(("mailto:", "tel:", "geo:", "#"))}
        for kind, slug in (("zones", project.zone), ("parks", project.park)):
            if slug:
                assert output_file(site, page_url(f"invest/{kind}/{slug}.md", lang)) in targets


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_zone_lists_its_parks_and_projects(site, lang):
    for zone in DATA.zones:
        page = f"invest/zones/{zone.slug}.md"
        doc = _page(site, page, lang)
        targets = {_link_target(site, page, lang, a["href"]) for a in doc.select("article a[href]")}
        for park in DATA.parks_in(zone):
            assert output_file(site, page_url(f"invest/parks/{park.slug}.md", lang)) in targets
        for project in DATA.projects_in(zone):
            assert output_file(site, page_url(f"invest/projects/{project.code}.md", lang)) in targets


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_link_on_data_pages_resolves(site, lang):
    for page in _data_pages():
        for a in _page(site, page, lang).select("article a[href]"):
            href = a["href"]
            if href.startswith(("mailto:", "tel:", "geo:", "#", "http")):
                continue
            assert _link_target(site, page, lang, href).is_file(), f"{lang}/{page}: {href}"


def test_untranslated_data_text_falls_back_visibly(site):
    # vd-02 has no Lao name or summary: the Lao page shows Vietnamese, marked.
    project = next(p for p in DATA.projects if p.code == "vd-02-dien-tu")
    assert "lo" not in project.name
    doc = _page(site, "invest/projects/vd-02-dien-tu.md", "lo")
    marked = doc.select_one("article h1 span[lang=vi]")
    assert marked is not None and marked.get_text() == project.name["vi"]
    assert marked.find_next_sibling("span", class_="portal-untranslated").get_text(strip=True) == f"({t('lo', 'data.untranslated')})"
    # A translated text is not marked.
    assert _page(site, "invest/projects/vd-01-logistics.md", "lo").select_one("article h1 span[lang]") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_illustrative_examples_are_marked(site, lang):
    for project in DATA.projects:
        doc = _page(site, f"invest/projects/{project.code}.md", lang)
        notice = doc.select_one(".portal-example-notice")
        assert (notice is not None) == project.example
        if project.example:
            assert notice.get_text(strip=True) == t(lang, "data.example_item")
    # Official data (the zones from plan 3933/KH-BQL) carries no such mark.
    assert all(not zone.example for zone in DATA.zones)
    assert _page(site, "invest/zones/dinh-vu-cat-hai.md", lang).select_one(".portal-example-notice") is None


# -- tables, charts, downloads ----------------------------------------------------------


def test_project_table_has_a_row_per_project_with_sortable_headers(site):
    doc = _page(site, "invest/projects/index.md", "en")
    table = doc.select_one("table[data-portal-table]")
    assert len(table.select("tbody tr")) == len(DATA.projects)
    assert [th.get("data-sort") for th in table.select("thead th")] == ["text", "text", "text", "number", "number", "text", "text"]
    assert table["data-label-filter"] == t("en", "data.table_filter")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_charts_are_tables_of_text_with_drawn_bars(site, lang):
    doc = _page(site, "invest/plans/ke-hoach-2019.md", lang)
    figure = doc.select_one("figure.portal-chart")
    plan = DATA.plans[0]
    budgeted = [task for task in plan.tasks if task.budget_million_vnd]
    bars = figure.select("svg.portal-bars__bar")
    assert len(bars) == len(budgeted) and all(svg["aria-hidden"] == "true" for svg in bars)
    largest = max(task.budget_million_vnd for task in budgeted)
    assert [float(svg.rect["width"]) for svg in bars] == [round(100 * t.budget_million_vnd / largest, 1) for t in budgeted]
    rows = {tr.th.get_text(): tr.td.get_text() for tr in figure.select("table tr")}
    assert rows == {task.number: __import__("babel.numbers").numbers.format_decimal(task.budget_million_vnd, locale=lang) for task in budgeted}
    assert figure.select_one("table caption").get_text().endswith(t(lang, "data.chart_budget_by_task"))


@pytest.mark.parametrize("name", ["zones", "parks", "projects", "incentives", "plans"])
def test_downloads_parse_and_match_the_data(site, name):
    items = getattr(DATA, name)
    from portal.generation.downloads import PUBLISHING_FIELDS

    expected = [item.model_dump(mode="json", exclude=PUBLISHING_FIELDS) for item in items]
    assert PUBLISHING_FIELDS == {"draft", "publish_date", "visibility"}  # not open data
    assert json.loads((site / f"invest/data/{name}.json").read_text(encoding="utf-8")) == expected
    rows = list(csv.DictReader(io.StringIO((site / f"invest/data/{name}.csv").read_text(encoding="utf-8"))))
    if name == "plans":
        assert len(rows) == sum(len(plan.tasks) for plan in items)
        assert sum(float(r["task_budget_million_vnd"] or 0) for r in rows) == items[0].total_million_vnd
    else:
        assert len(rows) == len(items)
        assert [r["name_vi"] if "name_vi" in r else r["title_vi"] for r in rows] == [
            (item.name if hasattr(item, "name") else item.title)["vi"] for item in items
        ]
    for lang in LANGUAGES:  # linked from the index page, in every language
        page = f"invest/{name}/index.md"
        hrefs = [a["href"] for a in _page(site, page, lang).select("a[download]")]
        assert {_link_target(site, page, lang, h) for h in hrefs} == {site / f"invest/data/{name}.csv", site / f"invest/data/{name}.json"}


# -- first-class pages ------------------------------------------------------------------


def test_data_pages_are_in_sitemap_switcher_search_and_navigation(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        for page in _data_pages():
            assert f"<loc>{urljoin(SITE_URL, page_url(page, lang))}</loc>" in sitemap
    doc = _page(site, "invest/projects/vd-01-logistics.md", "vi")
    switcher = {a["hreflang"] for a in doc.select(".md-select__link")}
    assert switcher == set(LANGUAGES)
    indexed = indexed_pages(site)
    for lang in LANGUAGES:
        assert "/" + page_url("invest/projects/vd-01-logistics.md", lang) in indexed
    # The hub is in the menu; the thousands of detail pages are not.
    nav = [a.get("href") for a in _page(site, "index.md", "en").select(".md-nav--primary a.md-nav__link")]
    assert any(href.rstrip("/").endswith("invest") for href in nav)
    assert not any("projects/" in (href or "") for href in nav)


def test_nothing_generated_is_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert not [path for path in tracked if path.startswith((".cache/", "site/", "generated/")) or "/invest/" in path]
