"""Printing the portal's pages to PDF with headless Chromium (portal/printing/): what issue 16's
publications are made with. Checked with poppler's tools, as a reader's PDF viewer would see it."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess

import pytest

from portal.printing.pdf import print_page, reproducible

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
