"""Several portals from one project: the city portal (mkdocs.yml) and the
Economic Zone Authority's (portals/zone/mkdocs.yml), built by the one command
(scripts/build.py, `make build`) each into its own folder, each with its own
identity, contacts, languages, address and share of the shared content."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import ROOT, build_portals, copy_project, folder_files, html, indexed_pages
from portal.errors import PortalError

CITY_URL = "https://doingoai.haiphong.example/"
ZONE_URL = "https://heza.haiphong.example/"


@pytest.fixture(scope="module")
def sites(built_portals) -> Path:
    return built_portals


def sitemap(site_dir: Path) -> set[str]:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    return {loc.text for loc in root.findall("s:url/s:loc", namespace)}


def alternates(site_dir: Path) -> dict[str, dict[str, str]]:
    """The sitemap's translations of each address: {loc: {hreflang: href}}."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    return {url.find("s:loc", namespace).text: {link.get("hreflang"): link.get("href")
                                                for link in url.findall("x:link", namespace)}
            for url in root.findall("s:url", namespace)}


def test_one_command_builds_every_portal_into_its_own_folder(sites):
    assert sorted(p.name for p in sites.iterdir() if p.is_dir()) == ["city", "thanh-mien", "zone"]
    links = {a["href"]: a.get_text() for a in html(sites / "index.html").select("a")}
    assert links == {"city/": "Cổng thông tin đối ngoại thành phố Hải Phòng",
                     "thanh-mien/": "Cổng thông tin đối ngoại xã Thanh Miện",
                     "zone/": "Cổng thông tin đối ngoại Ban Quản lý Khu kinh tế Hải Phòng"}
    assert not list(sites.parent.glob("site.*")), "a staging folder was left behind"


def test_each_portal_has_its_own_identity_and_contacts(sites):
    city, zone = html(sites / "city/index.html"), html(sites / "zone/index.html")
    assert "Ban Quản lý Khu kinh tế Hải Phòng" in zone.title.get_text()
    assert "thành phố Hải Phòng" in city.title.get_text() and "Khu kinh tế" not in city.title.get_text()
    assert zone.select_one(".md-header__button.md-logo img")["src"].endswith("logo-heza.svg")
    assert city.select_one(".md-header__button.md-logo img")["src"].endswith("logo.svg")
    assert "#0b5394" in (sites / "zone/assets/stylesheets/identity.css").read_text()
    assert "#9c1c1c" in (sites / "city/assets/stylesheets/identity.css").read_text()
    zone_footer = html(sites / "zone/en/about/index.html").select_one(".portal-agency").get_text(" ")
    assert "Hai Phong Economic Zone Authority" in zone_footer and "heza@haiphong.example" in zone_footer
    city_footer = html(sites / "city/en/about/index.html").select_one(".portal-agency").get_text(" ")
    assert "Department of Information and Communications" in city_footer and "heza@" not in city_footer
    # Its own pages: the zone's contacts page is its own, not the city's.
    assert "Office of the Authority" in html(sites / "zone/en/contacts/index.html").get_text()
    assert "Office of the Authority" not in html(sites / "city/en/contacts/index.html").get_text()
    assert "© Hai Phong Economic Zone Authority" in html(sites / "zone/en/index.html").get_text()


def test_each_portal_has_its_own_languages(sites):
    assert (sites / "city/lo/index.html").is_file()
    assert not (sites / "zone/lo").exists()
    switcher = [a["hreflang"] for a in html(sites / "zone/index.html").select(".md-select__link")]
    assert switcher == ["vi", "en"]
    indexed = list(indexed_pages(sites / "zone"))
    assert indexed and not [url for url in indexed if url.startswith("/lo/")]
    languages = {re.sub(r"^pagefind\.|_.*$", "", p.name) for p in (sites / "zone/pagefind").glob("pagefind.*.pf_meta")}
    assert languages == {"vi", "en"}


def test_absolute_urls_sitemaps_and_hreflang_use_each_portal_s_address(sites):
    for name, url in (("city", CITY_URL), ("zone", ZONE_URL)):
        site_dir = sites / name
        locations = sitemap(site_dir)
        assert locations and all(loc.startswith(url) for loc in locations), name
        # Every address in the sitemap is a page of this portal.
        for loc in locations:
            path = unquote(loc.removeprefix(url))
            assert (site_dir / path / "index.html").is_file(), loc
        about = html(site_dir / "en/about/index.html")
        assert about.select_one("link[rel=canonical]")["href"] == url + "en/about/"
        hreflang = alternates(site_dir)[url + "en/about/"]
        assert hreflang["vi"] == url + "about/" and hreflang["en"] == url + "en/about/"
        assert ("lo" in hreflang) == (name == "city")
        for file in ("en/feed.xml", "sitemap.xml"):
            text = (site_dir / file).read_text(encoding="utf-8")
            other = ZONE_URL if name == "city" else CITY_URL
            assert url in text and other not in text, (name, file)


def test_shared_content_is_filtered_by_portal(sites):
    city, zone = sites / "city", sites / "zone"
    # Articles that name the zone portal are on both; the rest on the city's only.
    for page in ("news/2024-09-04-heza-plan", "documents/2024-09-04-3933-kh-bql"):
        assert (zone / page / "index.html").is_file() and (city / page / "index.html").is_file()
        assert (zone / "en" / page / "index.html").is_file()
    for page in ("news/2019-01-05-plan-2019", "events/2027-05-red-flamboyant-festival", "tourism", "border-gates",
                 "plan-2019", "clarifications/2026-11-01-vi-du-cat-bi"):
        assert (city / page / "index.html").is_file(), page
        assert not (zone / page).exists(), page
    zone_news = html(zone / "news/index.html").select("article.md-content__inner h2 a, article.md-content__inner h3 a")
    assert [a["href"] for a in zone_news] == ["2024-09-04-heza-plan/"]
    # Zone data (and its parks and projects) on the zone portal; the city's shows everything.
    for page in ("invest/zones/dinh-vu-cat-hai", "invest/parks/vi-du-bac", "invest/projects/vd-01-logistics",
                 "invest/incentives"):
        assert (zone / page / "index.html").is_file() and (city / page / "index.html").is_file(), page
    assert (city / "invest/projects/vd-04-du-lich/index.html").is_file()
    assert not (zone / "invest/projects/vd-04-du-lich").exists()
    assert not (zone / "invest/plans/ke-hoach-2019").exists() and (city / "invest/plans/ke-hoach-2019").exists()
    projects = (zone / "invest/data/projects.csv").read_text(encoding="utf-8")
    assert "vd-01-logistics" in projects and "vd-04-du-lich" not in projects
    assert ZONE_URL + "tourism/" not in sitemap(zone) and CITY_URL + "tourism/" in sitemap(city)
    assert ZONE_URL + "news/2024-09-04-heza-plan/" in sitemap(zone)
    # Nothing of another portal's is in the search index either.
    assert not [url for url in indexed_pages(zone) if "plan-2019" in url or "tourism" in url]


def test_base_url_puts_every_portal_under_one_address(tmp_path):
    output = tmp_path / "site"
    result = build_portals(ROOT, output, "--base-url", "https://example.org/portal/")
    assert result.returncode == 0, result.stderr
    for name in ("city", "thanh-mien", "zone"):
        locations = sitemap(output / name)
        assert all(loc.startswith(f"https://example.org/portal/{name}/") for loc in locations), name


def test_a_failing_portal_leaves_the_previous_build_in_place(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "scripts").mkdir()
    (project / "scripts/build.py").write_text((ROOT / "scripts/build.py").read_text(encoding="utf-8"))
    output = project / "site"
    assert build_portals(project, output).returncode == 0
    before = folder_files(output)
    zone_config = project / "portals/zone/mkdocs.yml"
    zone_config.write_text(zone_config.read_text().replace("    id: zone", "    id: city"), encoding="utf-8")
    result = build_portals(project, output)
    assert result.returncode != 0
    assert "Portal id 'city' is already used" in result.stdout + result.stderr
    assert folder_files(output) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]


def test_portals_are_found_with_their_languages():
    from portal.site.portals import discover

    found = [(p.id, p.languages, p.config_file.relative_to(ROOT).as_posix()) for p in discover(ROOT)]
    assert found == [("city", ("vi", "en", "lo", "zh", "km"), "mkdocs.yml"),
                     ("thanh-mien", ("vi", "en"), "portals/thanh-mien/mkdocs.yml"),
                     ("zone", ("vi", "en"), "portals/zone/mkdocs.yml")]


def test_one_portal_can_be_built_alone_as_a_ci_job_would(tmp_path):
    output = tmp_path / "site"
    result = build_portals(ROOT, output, "--portal", "zone")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in output.iterdir()) == ["index.html", "zone"]
    assert [a["href"] for a in html(output / "index.html").select("a")] == ["zone/"]
    unknown = build_portals(ROOT, tmp_path / "other", "--portal", "town")
    assert unknown.returncode == 1 and "There is no portal 'town' in this project. Portals: city, thanh-mien, zone." in unknown.stderr
    assert not (tmp_path / "other").exists()


def test_portals_built_by_separate_jobs_are_put_together_with_their_index_page(built_portals, tmp_path):
    """The CI matrix's last step (docs/publishing.md): every portal's folder, each from its own job."""
    output = tmp_path / "site"
    shutil.copytree(built_portals, output)
    (output / "index.html").unlink()
    result = build_portals(ROOT, output, "--index-only")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "index.html").read_bytes() == (built_portals / "index.html").read_bytes()
    (output / "zone/_build-manifest.json").unlink()  # the zone job did not finish
    result = build_portals(ROOT, output, "--index-only")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{output / 'zone'}\n"), result.stderr
    assert "en: This is not a complete build ('_build-manifest.json' is missing" in result.stderr


def test_the_ci_builds_every_portal_in_a_job_of_its_own():
    """A portal missing from the matrix would never be built; one that is not in
    the project would fail its job. The assembling step checks each is whole."""
    import yaml

    from portal.site.portals import discover

    workflow = yaml.safe_load((ROOT / ".github/workflows/portal.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert jobs["portal"]["strategy"]["matrix"]["portal"] == [p.id for p in discover(ROOT)]
    assert "--portal ${{ matrix.portal }}" in jobs["portal"]["steps"][-2]["run"]
    # Before it builds, each portal's content is checked (every branch: the web editor's unpublished work too).
    check = jobs["portal"]["steps"][-3]["run"]
    assert check == (".venv/bin/portal --config ${{ matrix.portal == 'city' && 'mkdocs.yml' || "
                     "format('portals/{0}/mkdocs.yml', matrix.portal) }} check")
    assert {p.id: p.config_file.relative_to(ROOT).as_posix() for p in discover(ROOT)} == {
        p.id: "mkdocs.yml" if p.id == "city" else f"portals/{p.id}/mkdocs.yml" for p in discover(ROOT)}
    assert workflow[True] == {"push": None, "workflow_dispatch": None}  # `on:` (YAML 1.1 reads it as true): every branch
    assert jobs["assemble"]["needs"] == ["test", "portal"]
    assert "scripts/build.py --index-only" in jobs["assemble"]["steps"][-2]["run"]
    assert jobs["deploy"]["needs"] == "assemble"


def test_the_commune_portal_has_its_own_identity_pages_and_the_news_that_names_it(sites):
    """Thanh Miện (plan 04-KH/ĐU), made by following docs/portals.md: Vietnamese and English, its own
    pages and colours, the shared news that names it and nothing else; no investment section (no data)."""
    commune = sites / "thanh-mien"
    home = html(commune / "index.html")
    assert home.title.get_text() == "Cổng thông tin đối ngoại xã Thanh Miện"
    assert home.select_one(".md-header__button.md-logo img")["src"].endswith("logo-thanh-mien.svg")
    assert "#1b5e20" in (commune / "assets/stylesheets/identity.css").read_text(encoding="utf-8")
    footer = html(commune / "en/about/index.html").select_one(".portal-agency").get_text(" ")
    assert "Thanh Mien Commune People's Committee" in footer and "thanhmien@haiphong.example" in footer
    assert "Centre for Culture, Sports and Communication" in html(commune / "en/contacts/index.html").get_text()
    assert [a["hreflang"] for a in home.select(".md-select__link")] == ["vi", "en"]
    assert not (commune / "lo").exists() and not (commune / "invest").exists()
    news = html(commune / "news/index.html").select("article.md-content__inner h2 a, article.md-content__inner h3 a")
    assert [a["href"] for a in news] == ["2025-08-05-thanh-mien-plan/"]
    assert (commune / "en/news/2025-08-05-thanh-mien-plan/index.html").is_file()
    assert not (commune / "news/2024-09-04-heza-plan").exists() and not (commune / "publications").exists()


def test_each_portals_investment_guide_has_its_own_logo_on_the_cover(sites, tmp_path):
    """The zone's logo is a file of its own content (logo-heza.svg, blue): its guide's cover shows it."""
    from PIL import Image

    [guide] = (sites / "zone/publications").glob("zone-guide-*-vi.pdf")
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(guide), str(tmp_path / "cover")], check=True)
    [cover] = tmp_path.glob("cover*.png")
    colours = {colour for _count, colour in Image.open(cover).convert("RGB").getcolors(100_000)}
    assert any(abs(r - 0x0b) < 40 and abs(g - 0x53) < 40 and abs(b - 0x94) < 40 for r, g, b in colours)


def test_the_commune_s_ocop_products_and_craft_villages_in_both_languages(sites):
    """data/products.yml and data/villages.yml (examples: seed 003 names none) on the commune's portal:
    an index with its filters, chart and downloads, a page per product and village, in vi and en."""
    commune = sites / "thanh-mien"
    for prefix, stars, group in (("", "4 sao", "Thực phẩm"), ("en/", "4 stars", "Food")):
        index = html(commune / prefix / "ocop/index.html")
        rows = index.select("table.portal-table")[0].select("tbody tr")
        assert [row.select_one("td a")["href"] for row in rows] == [
            "products/vi-du-gio-may-tre/", "products/vi-du-banh-truyen-thong/", "products/vi-du-tra-thao-duoc/"]
        assert rows[1].select("td")[1].get_text(strip=True) == group and rows[1].select("td")[2]["data-value"] == "4"
        assert len(index.select(".portal-table-filters")[0].select("select")) == 3  # group, rating, village
        assert [bar.select_one("th").get_text() for bar in index.select(".portal-bars tbody tr")][1] == group
        assert [a["href"] for a in index.select(".portal-downloads a")] == [
            ("../../ocop/data/" if prefix else "data/") + name for name in
            ("products.csv", "products.json", "villages.csv", "villages.json")]
        product = html(commune / prefix / "ocop/products/vi-du-banh-truyen-thong/index.html")
        assert stars in product.select_one(".portal-stars").get_text()
        assert product.select_one(".portal-example-notice") is not None
        assert product.select_one('a[href="../../villages/lang-nghe-vi-du-banh/"]') is not None
        village = html(commune / prefix / "ocop/villages/lang-nghe-vi-du-banh/index.html")
        assert [a["href"] for a in village.select("table.portal-table tbody td:first-child a")] == [
            "../../products/vi-du-banh-truyen-thong/"]
    products = json.loads((commune / "ocop/data/products.json").read_text(encoding="utf-8"))
    assert [(p["slug"], p["stars"], p["example"]) for p in products] == [
        ("vi-du-gio-may-tre", 3, True), ("vi-du-banh-truyen-thong", 4, True), ("vi-du-tra-thao-duoc", 3, True)]
    assert "ocop/index.md" in (ROOT / "portals/thanh-mien/mkdocs.yml").read_text(encoding="utf-8")
    # The zone's portal names no product: no OCOP section there.
    assert not (sites / "zone/ocop").exists()


BAD_PRODUCTS = [
    ("  stars: 4\n", "  stars: 6\n", 6, "stars", "out of range (5)"),
    ("  group: food\n", "  group: fruit\n", 5, "group", "'fruit'"),
    ("  village: lang-nghe-vi-du-banh\n", "  village: khong-co\n", 10, "village", "no such item in 'villages.yml'"),
    ("    en: Traditional cake (example)\n", "    en: <script>alert(1)</script>\n", 4, "name.en", "HTML"),
]


@pytest.mark.parametrize(("old", "new", "line", "field", "words"), BAD_PRODUCTS)
def test_a_bad_product_is_an_error_with_file_line_and_field(tmp_path, old, new, line, field, words):
    from portal.data.load import load_portfolio

    data = copy_project(tmp_path / "p") / "data"
    text = (data / "products.yml").read_text(encoding="utf-8")
    start = text.index("- slug: vi-du-banh-truyen-thong")
    (data / "products.yml").write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")
    first = text[:start].count("\n") + 1
    with pytest.raises(PortalError) as caught:
        load_portfolio(data, ["vi", "en", "lo", "zh", "km"], "vi", data.parent, portals=["city", "thanh-mien", "zone"])
    [error] = caught.value.errors
    assert (error.file, error.line, error.field) == ("data/products.yml", first + line - 1, field)
    assert words in error.message("en")


def test_a_product_on_a_portal_that_does_not_show_its_village_is_an_error(tmp_path):
    from portal.data.load import load_portfolio

    data = copy_project(tmp_path / "p") / "data"
    text = (data / "products.yml").read_text(encoding="utf-8")
    (data / "products.yml").write_text(text.replace("  village: lang-nghe-vi-du-banh\n",
                                                    "  village: lang-nghe-vi-du-banh\n  portals: [zone]\n"), encoding="utf-8")
    with pytest.raises(PortalError) as caught:
        load_portfolio(data, ["vi", "en", "lo", "zh", "km"], "vi", data.parent, portals=["city", "thanh-mien", "zone"])
    [error] = caught.value.errors
    assert (error.key, error.field) == ("data_portal_outside_village", "portals")
    assert "craft village 'lang-nghe-vi-du-banh'" in error.message("en")


def test_the_publication_rule_holds_for_products_and_villages():
    """A draft or embargoed product is nowhere; a product whose village is not shown is not shown either."""
    import datetime

    from portal.data.load import load_portfolio
    from portal.site.portals import Scope
    from portal.site.publication import Rule

    portfolio = load_portfolio(ROOT / "data", ["vi", "en", "lo", "zh", "km"], "vi", ROOT)
    village = portfolio.villages[1]
    changed = replace(portfolio, products=[portfolio.products[0].model_copy(update={"draft": True}),
                                           *portfolio.products[1:]],
                      villages=[portfolio.villages[0], village.model_copy(update={"publish_date": datetime.date(2099, 1, 1)})])
    now = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    shown = changed.select(Scope("thanh-mien", umbrella=False), Rule(now))
    assert [p.slug for p in shown.products] == ["vi-du-tra-thao-duoc"]
    assert [v.slug for v in shown.villages] == ["lang-nghe-vi-du-may-tre"]
    assert [p.slug for p in portfolio.select(Scope("zone", umbrella=False), Rule(now)).products] == []
