"""Printing the portal's pages to PDF with headless Chromium (portal/printing/): what issue 16's
publications are made with. Checked with poppler's tools, as a reader's PDF viewer would see it."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, SITE_NOW, copy_project, html
from portal.generation.formatting import formatter
from portal.i18n import t, tn
from portal.printing.pdf import print_page, reproducible
from portal.printing.printer import Printer

CREATED = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


def _poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:  # the README install command installs poppler-utils
        pytest.fail(f"{tool} is needed: run `make install`", pytrace=False)
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def printed(site, tmp_path_factory):
    """The Lao page of projects calling for investment (a data table) and the Lao investment page (charts),
    each printed twice."""
    folder = tmp_path_factory.mktemp("printed")
    pages = {"projects": "lo/invest/projects/index.html", "invest": "lo/invest/index.html"}
    for name, page in pages.items():
        for copy in (1, 2):
            print_page(site / page, folder / f"{name}-{copy}.pdf", CREATED)
    return folder


def test_two_prints_of_a_page_are_the_same_bytes(printed):
    for name in ("projects", "invest"):
        assert (printed / f"{name}-1.pdf").read_bytes() == (printed / f"{name}-2.pdf").read_bytes()


def test_a_printed_page_is_a_tagged_a4_pdf_titled_as_the_page(printed):
    info = _poppler("pdfinfo", str(printed / "projects-1.pdf"))
    assert re.search(r"^Title:\s+ໂຄງການທີ່ຮຽກຮ້ອງການລົງທຶນ - ປະຕູຂໍ້ມູນຂ່າວສານຕ່າງປະເທດ ນະຄອນໄຮຟອງ$", info, re.M)
    assert re.search(r"^Page size:\s+594.96 x 841.92 pts \(A4\)$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^CreationDate:\s+Tue Dec  1 02:00:00 2026 UTC$", info, re.M)
    document = (printed / "projects-1.pdf").read_bytes()
    assert b"/Lang (lo)" in document  # read aloud in Lao
    assert b"/Outlines" in document  # bookmarks from the headings


def test_only_our_fonts_are_in_the_pdf_embedded_as_subsets(printed):
    for name in ("projects", "invest"):
        rows = _poppler("pdffonts", str(printed / f"{name}-1.pdf")).splitlines()[2:]
        fonts = {row.split()[0].split("+")[1] for row in rows}
        assert fonts <= {"NotoSans-Regular", "NotoSans-Bold", "NotoSansLao-Regular", "NotoSansLao-Bold"}, fonts
        assert "NotoSansLao-Regular" in fonts
        assert all(row.split()[-5:-3] == ["yes", "yes"] for row in rows)  # emb, sub


def test_the_text_is_there_as_text(printed):
    text = _poppler("pdftotext", str(printed / "projects-1.pdf"), "-")
    # Lao, with its stacked vowels and tone marks, comes out as text (pdftotext puts a space after some
    # marks: "ຮຽກຮ້ ອງ"; Lao has no spaces between words, so they are left out here).
    assert "ໂຄງການທີ່ຮຽກຮ້ອງການລົງທຶນ" in "".join(text.split())
    assert "↕" not in text  # the print stylesheet leaves sorting out


def test_only_the_dates_and_the_element_numbers_are_set():
    chromium_wrote = (b"<</Creator (x)\n/CreationDate (D:20261202041659+00'00')\n/ModDate (D:20261202041659+00'00')>>\n"
                      b"<</S /TH\n/ID (node00000249)>> <</S /TD\n/Headers [(node00000249)]>> <</S /TH\n/ID (node00000107)>>")
    assert reproducible(chromium_wrote, CREATED) == (
        b"<</Creator (x)\n/CreationDate (D:20261201020000+00'00')\n/ModDate (D:20261201020000+00'00')>>\n"
        b"<</S /TH\n/ID (node00000001)>> <</S /TD\n/Headers [(node00000001)]>> <</S /TH\n/ID (node00000002)>>")


# -- the publications (portal/printing/publications.py), as the shared site build printed them ---------------

YEAR = 2026  # the year of the shared build's clock (conftest.SITE_NOW)
GUIDE_TITLES = {"vi": "Cẩm nang đầu tư 2026", "en": "Investment guide 2026", "lo": "ຄູ່ມືການລົງທຶນ 2026"}
SITE_NAMES = {"vi": "Cổng thông tin đối ngoại thành phố Hải Phòng", "en": "Hai Phong City Foreign Information Portal",
              "lo": "ປະຕູຂໍ້ມູນຂ່າວສານຕ່າງປະເທດ ນະຄອນໄຮຟອງ"}
#: The footer of page 2, as each language writes it (print.page).
PAGE_TWO = {"vi": "Trang 2/{pages}", "en": "Page 2 of {pages}", "lo": "ໜ້າ 2 / {pages}"}
#: The 2019 plan's total budget (1,070 million đồng), as each language writes it.
PLAN_TOTAL = {"vi": "1.070 triệu đồng", "en": "1,070 million VND", "lo": "1.070 ລ້ານດົ່ງ"}
#: The printer's margins (mkdocs.yml's default, "20mm 18mm"), in points: left and right.
SIDE = 18 / 25.4 * 72


def _squeezed(text: str) -> str:
    """Text without whitespace: pdftotext spaces Lao after some marks, and lines break anywhere."""
    return "".join(text.split())


def _guide(site, lang: str):
    return site / "publications" / f"city-guide-{YEAR}-{lang}.pdf"


def _pages_of(pdf) -> list[str]:
    return _poppler("pdftotext", str(pdf), "-").split("\f")[:-1]


@pytest.mark.parametrize("lang", ["vi", "en", "lo"])
def test_the_investment_guide_is_a_tagged_a4_pdf_in_its_language(site, lang):
    pdf = _guide(site, lang)
    info = _poppler("pdfinfo", str(pdf))
    assert re.search(rf"^Title:\s+{GUIDE_TITLES[lang]} – {SITE_NAMES[lang]}$", info, re.M)
    assert re.search(r"^Page size:\s+594.96 x 841.92 pts \(A4\)$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    document = pdf.read_bytes()
    assert f"/Lang ({lang})".encode() in document
    assert b"/Outlines" in document
    rows = _poppler("pdffonts", str(pdf)).splitlines()[2:]
    fonts = {row.split()[0].split("+")[1] for row in rows}
    expected = {"NotoSans-Regular", "NotoSans-Bold"} | ({"NotoSansLao-Regular", "NotoSansLao-Bold"} if lang == "lo" else set())
    assert fonts == expected
    assert all(row.split()[-5:-3] == ["yes", "yes"] for row in rows)  # embedded, subset


@pytest.mark.parametrize("lang", ["vi", "en", "lo"])
def test_the_guide_shows_the_web_pages_figures_in_the_languages_format(site, lang):
    """Zone names, each project's investment and the 2019 plan's total, as the web pages write them."""
    text = _squeezed(_poppler("pdftotext", str(_guide(site, lang)), "-"))
    prefix = "" if lang == "vi" else f"{lang}/"
    projects = html(site / prefix / "invest/projects/index.html")
    sums = [shown for cell in projects.select("table.portal-table tbody td:nth-of-type(5)")
            if (shown := cell.get_text(strip=True))]
    assert sums == [formatter(lang).vnd(value) for value in (1_200_000_000_000, 2_500_000_000_000, 800_000_000_000)]
    for shown in sums:
        assert _squeezed(shown) in text
    zones = html(site / prefix / "invest/zones/index.html")
    names = [a.get_text(strip=True) for a in zones.select("table.portal-table tbody td:first-child a")]
    assert len(names) == 2
    for name in names:
        assert _squeezed(name) in text
    assert _squeezed(PLAN_TOTAL[lang]) in text
    # The total sought by the projects calling for investment, as the home page's figures give it.
    total = formatter(lang).vnd(1_200_000_000_000 + 800_000_000_000)
    assert total in html(site / prefix / "index.html").get_text(" ")
    assert _squeezed(total) in text


@pytest.mark.parametrize("lang", ["vi", "en", "lo"])
def test_the_contents_give_the_page_each_section_starts_on(site, lang):
    pages = _pages_of(_guide(site, lang))
    header = _squeezed(GUIDE_TITLES[lang] + SITE_NAMES[lang])
    contents = _squeezed(pages[1]).removeprefix(header)
    keys = ["print.foreword", "print.key_figures", "data.zones", "data.parks", "data.projects", "data.incentives",
            "data.plans", "print.contacts"]
    titles = [_squeezed(f"{number}. {t(lang, key)}") for number, key in enumerate(keys, start=1)]
    assert contents.startswith(_squeezed(t(lang, "print.contents")) + titles[0])
    # Each title, then its page, then the next number: "2.Keyfigures43.Economiczones" is page 4.
    found = re.fullmatch("".join(re.escape(title) + r"(\d+)" for title in titles), contents.split(
        _squeezed(PAGE_TWO[lang].format(pages=len(pages))))[0].removeprefix(_squeezed(t(lang, "print.contents"))))
    assert found, contents
    numbers = [int(page) for page in found.groups()]
    assert numbers == sorted(numbers) and numbers[0] == 3  # after the cover and the contents
    for title, page in zip(titles, numbers):
        assert _squeezed(pages[page - 1]).removeprefix(header).startswith(title), (title, page)
    # The running header and the page numbers, in the publication's language; none on the cover.
    assert _squeezed(PAGE_TWO[lang].format(pages=len(pages))) in _squeezed(pages[1])
    assert _squeezed(pages[1]).startswith(header)
    assert not _squeezed(pages[0]).startswith(header)


@pytest.mark.parametrize("lang", ["vi", "lo"])
def test_every_word_of_the_guide_is_inside_the_margins(site, lang):
    """Wide tables (projects, the plan's tasks) wrap within the page: no column is cut."""
    boxes = _poppler("pdftotext", "-bbox", str(_guide(site, lang)), "-")
    lefts = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"', boxes)]
    rights = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)]
    assert len(lefts) > 500
    assert min(lefts) >= SIDE - 1 and max(rights) <= 594.96 - SIDE + 1


def test_the_annual_publication_holds_the_years_items_with_their_addresses(site):
    pages = _pages_of(site / "publications" / f"city-annual-{YEAR}-en.pdf")
    assert len(pages) == 4  # cover, contents, events, clarifications (no news of 2026 in English)
    events, clarifications = _squeezed(pages[2]), _squeezed(pages[3])
    assert _squeezed("1. Events Red Flamboyant Festival (example, dates not yet set) May 14 – 16, 2027") in events
    assert _squeezed("https://doingoai.haiphong.example/en/events/2027-05-red-flamboyant-festival/") in events
    assert _squeezed("2. Clarifications Example: clarifying false information") in clarifications
    assert _squeezed("Verdict False") in clarifications
    everything = _squeezed("".join(pages))
    assert "borderGatesplan" not in everything and "2018" not in everything  # news of other years


@pytest.mark.parametrize(("lang", "prefix"), [("vi", ""), ("en", "en/"), ("lo", "lo/")])
def test_the_publications_page_links_each_pdf_with_its_size_and_pages(site, lang, prefix):
    page = html(site / prefix / "publications/index.html")
    links = page.select("article a[type='application/pdf']")
    up = "../../publications/" if prefix else ""  # from lo/publications/ to the site's publications/
    assert [link["href"] for link in links] == [f"{up}city-{kind}-{YEAR}-{lang}.pdf" for kind in ("guide", "annual")]
    for link in links:
        pdf = site / "publications" / link["href"].rpartition("/")[2]
        pages = int(re.search(r"^Pages:\s+(\d+)$", _poppler("pdfinfo", str(pdf)), re.M)[1])
        size = formatter(lang).file_size(pdf.stat().st_size)
        told = link.parent.get_text(" ", strip=True)
        assert told == f"{link.get_text(strip=True)} ({t(lang, 'print.pdf', size=size, pages=tn(lang, 'print.pages', pages, count=str(pages)))})"


def test_a_new_print_is_the_same_bytes_as_the_builds(site, tmp_path):
    """Reproducible: printed again with nothing remembered, the Lao annual publication is the site's, byte for byte."""
    from portal.site.assembly import assemble
    from portal.site.publication import Rule
    from portal.site.settings import read_settings

    printer = Printer(cache=None, only=frozenset({"lo"}))
    rule = Rule(datetime.datetime.fromisoformat(SITE_NOW["PORTAL_NOW"]))
    generated = assemble(read_settings(ROOT / "mkdocs.yml"), rule, printer).generated
    pdfs = {file.path: file.content for file in generated if file.path.endswith(".pdf")}
    assert sorted(pdfs) == [f"publications/city-annual-{YEAR}-lo.pdf", f"publications/city-guide-{YEAR}-lo.pdf"]
    for path, content in pdfs.items():
        assert content == (site / path).read_bytes(), path


# -- what reaches a publication: the publication rule, and hostile text ----------------------------------------

def _write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_unpublished_items_never_reach_a_publication(tmp_path):
    """Drafts, embargoed and internal items (data and articles) are in no PDF; ``print`` chooses articles."""
    from portal.site.assembly import assemble
    from portal.site.publication import Rule
    from portal.site.settings import read_settings

    project = copy_project(tmp_path / "p")
    with (project / "data/zones.yml").open("a", encoding="utf-8") as zones:
        zones.write("- slug: draft-zone\n  draft: true\n  name: {vi: Khu kinh tế Nháp Bí Mật}\n  location: {vi: Nháp}\n"
                    "- slug: internal-zone\n  visibility: internal\n  name: {vi: Khu kinh tế Nội Bộ Bí Mật}\n"
                    "  location: {vi: Nội bộ}\n")
    with (project / "data/projects.yml").open("a", encoding="utf-8") as projects:
        projects.write("- code: embargoed\n  publish_date: 2027-01-01\n  name: {vi: Dự án Cấm Vận Bí Mật}\n"
                       "  sector: energy\n  location: {vi: Chưa công bố}\n  form: fdi\n  summary: {vi: Chưa công bố}\n")
        for number in range(70):  # enough rows for the project table to run over pages
            projects.write(f"- code: row-{number:02d}\n  zone: dinh-vu-cat-hai\n  name: {{vi: Dự án hàng {number:02d}}}\n"
                           "  sector: logistics\n  location: {vi: Hải Phòng}\n  form: any\n"
                           "  investment_vnd: 1500000000000\n  summary: {vi: Dự án thử}\n")
    news = project / "content/vi/news"
    _write(news / "2026-10-01-nhap.md", "---\ntitle: Tin Nháp Bí Mật\ndate: 2026-10-01\ndraft: true\n---\nNháp.\n")
    _write(news / "2026-10-02-khong-in.md", "---\ntitle: Tin Không In\ndate: 2026-10-02\nprint: false\n---\nKhông in.\n")
    _write(news / "2026-10-03-cam.md", "---\ntitle: Tin Chưa Đến Giờ\ndate: 2026-10-03\n"
           "publish_date: 2026-12-24T08:00:00+07:00\n---\nSau.\n")
    _write(news / "2020-01-01-cu.md", "---\ntitle: Tin Năm Cũ Được In\ndate: 2020-01-01\nprint: true\n---\nCũ.\n")
    _write(news / "2026-10-04-moi.md", "---\ntitle: Tin Năm Nay\ndate: 2026-10-04\n---\nMới.\n")
    rule = Rule(datetime.datetime.fromisoformat(SITE_NOW["PORTAL_NOW"]))
    printer = Printer.for_project(project, only=frozenset({"vi"}))
    generated = assemble(read_settings(project / "mkdocs.yml"), rule, printer).generated
    pdfs = {file.path: file.content for file in generated if file.path.endswith(".pdf")}
    assert sorted(pdfs) == [f"publications/city-annual-{YEAR}-vi.pdf", f"publications/city-guide-{YEAR}-vi.pdf"]
    texts = {}
    for path, content in pdfs.items():
        (tmp_path / "x.pdf").write_bytes(content)
        texts[path] = _squeezed(_poppler("pdftotext", str(tmp_path / "x.pdf"), "-"))
    everything = "".join(texts.values())
    for secret in ("NhápBíMật", "NộiBộBíMật", "CấmVậnBíMật", "TinKhôngIn", "TinChưaĐếnGiờ"):
        assert secret not in everything
    # The project table runs over pages: its header is at the top of each of them, and every row is there.
    (tmp_path / "x.pdf").write_bytes(pdfs[f"publications/city-guide-{YEAR}-vi.pdf"])
    boxes = _poppler("pdftotext", "-bbox", str(tmp_path / "x.pdf"), "-").split("<page ")[1:]
    with_rows = [page for page in boxes if "Dựánhàng" in _squeezed(re.sub(r"<[^>]+>", "", page))]
    assert len(with_rows) >= 2
    for page in with_rows:
        words = [(word, float(top)) for top, word in re.findall(r'yMin="([\d.]+)"[^>]*>([^<]+)</word>', page)]
        first_row = min(top for (word, top), (after, _) in zip(words, words[1:]) if word == "hàng" and after.isdigit())
        above = {word for word, top in words if top < first_row}
        assert {"Tên", "Lĩnh", "vực", "Vị", "trí", "Diện", "tích", "(VND)", "Tình", "trạng"} <= above
    rows = "".join(_squeezed(page) for page in _pages_of(tmp_path / "x.pdf"))
    assert all(f"Dựánhàng{number:02d}" in rows for number in range(70))
    annual = texts[f"publications/city-annual-{YEAR}-vi.pdf"]
    assert "TinNămCũĐượcIn" in annual and "TinNămNay" in annual
    assert annual.index("TinNămNay") < annual.index("TinNămCũĐượcIn")  # newest first


def test_a_publication_escapes_every_value_for_where_it_lands():
    """A hostile site name reaches the running header (a CSS string) and the title (HTML): it stays text."""
    from portal.printing.publications import css_string

    hostile = 'x"; } body { display: none } @page { @top-left { content: "</style><script>alert(1)</script>'
    written = css_string(hostile)
    assert written.count('"') == 2 and "<" not in written and "}" not in written
    assert written.startswith('"x\\000022\\00003b\\000020\\00007d')
    assert css_string("Hải Phòng 2026") == '"H\\001ea3i\\000020Ph\\0000f2ng\\0000202026"'


@pytest.mark.parametrize(("written", "key", "value"), [
    ("See <script>alert(1)</script> here.", "content_html", "<script>"),
    ("[Open](javascript:alert(1))", "content_url", "javascript:alert(1)"),
    ("![The port](../../attachments/port.jpg)", "print_image", "../../attachments/port.jpg"),
])
def test_a_foreword_is_held_to_the_pages_rules_with_its_file_and_line(tmp_path, written, key, value):
    from portal.errors import PortalError
    from portal.site.assembly import assemble
    from portal.site.publication import Rule
    from portal.site.settings import read_settings

    project = copy_project(tmp_path / "p")
    foreword = project / "content/en/print/foreword.md"
    foreword.write_text(foreword.read_text(encoding="utf-8") + f"\n{written}\n", encoding="utf-8")
    with pytest.raises(PortalError) as caught:
        assemble(read_settings(project / "mkdocs.yml"), Rule(datetime.datetime.fromisoformat(SITE_NOW["PORTAL_NOW"])))
    [error] = caught.value.errors
    line = foreword.read_text(encoding="utf-8").splitlines().index(written) + 1
    assert (error.key, error.file, error.line, error.params["value"]) == (key, "content/en/print/foreword.md", line, value)


def test_portal_print_writes_every_portals_publications_for_proofreading(tmp_path):
    project = copy_project(tmp_path / "p")
    result = subprocess.run([str(ROOT / ".venv/bin/portal"), "print", "--output", str(tmp_path / "out")],
                            cwd=project, capture_output=True, text=True, env={**os.environ, **SITE_NOW}, timeout=600)
    assert result.returncode == 0, result.stderr
    written = sorted(path.relative_to(tmp_path / "out").as_posix() for path in (tmp_path / "out").rglob("*.pdf"))
    # Chinese and Khmer have a guide; no news in them yet, so no annual publication.
    assert written == ([f"city/publications/city-annual-{YEAR}-{lang}.pdf" for lang in ("en", "lo", "vi")]
                       + [f"city/publications/city-guide-{YEAR}-{lang}.pdf" for lang in ("en", "km", "lo", "vi", "zh")]
                       + [f"zone/publications/zone-guide-{YEAR}-{lang}.pdf" for lang in ("en", "vi")])
    assert f"Written: {tmp_path / 'out/city/publications'}" in result.stdout
    assert "thanh-mien: no publications (its plugins.portal.publications.enabled is false)" in result.stdout
    assert not (tmp_path / "out/thanh-mien").exists()


def test_portal_print_names_an_unknown_portal_and_writes_nothing(tmp_path):
    result = subprocess.run([str(ROOT / ".venv/bin/portal"), "print", "--portal", "citty", "--output",
                             str(tmp_path / "out")], cwd=copy_project(tmp_path / "p"), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    assert "citty" in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()
