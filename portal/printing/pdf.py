"""A page of the built portal, printed to PDF by headless Chromium.

Chromium was measured for this (tests/test_printing.py): it shapes Vietnamese
and Lao with our self-hosted fonts, embeds them as subsets, draws our SVG
charts as they are, tags the PDF in the page's language, takes the page's
<title>, makes bookmarks of its headings, and honours our
print stylesheet's ``@page`` (A4). Two prints of the same page differ in the
creation and modification dates it writes and in the numbers of the page's
elements that name the tagged structure's parts (``/ID (node00000249)``, as
many as the page's script happened to create): both are set here, so the same
sources give the same bytes.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Headless, offline, nothing from the profile or the network, no header or footer of Chromium's own;
#: bookmarks from the page's headings.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--no-pdf-header-footer", "--generate-pdf-document-outline")
#: Skia's dates: "/CreationDate (D:20261202041659+00'00')".
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[+-]\d{2}'\d{2}'\)")
#: The names of tagged elements (structure IDs, and the table headers that name them).
NODE_NAME = re.compile(rb"\(node(\d{8})\)")


class PrintError(RuntimeError):
    """Chromium could not print the page (missing, or it failed): what it said."""

    publication = ""  # which one, when a publication was being printed (portal/printing/printer.py)


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_page(page: Path, pdf: Path, created: datetime.datetime, chromium: str | None = None,
               timeout: float = 120) -> None:
    """Print ``page`` (a built HTML file, opened from the disk: no server, no network) to ``pdf``,
    dated ``created``."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise PrintError("chromium is not installed (make install installs it)")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-print-") as profile:
        result = subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0 or not pdf.is_file():
        raise PrintError(result.stderr.strip()[-2000:] or f"exit code {result.returncode}")
    pdf.write_bytes(reproducible(pdf.read_bytes(), created))


def reproducible(document: bytes, created: datetime.datetime) -> bytes:
    """``document`` dated ``created``, its elements numbered in the order they appear. Every
    replacement has the length of what it replaces: the cross-reference table's offsets stay right."""
    moment = created.astimezone(datetime.timezone.utc).strftime("%Y%m%d%H%M%S").encode()
    document = PDF_DATE.sub(lambda match: b"/" + match[1] + b" (D:" + moment + b"+00'00')", document)
    numbers: dict[bytes, bytes] = {}

    def renumber(match: re.Match) -> bytes:
        number = numbers.setdefault(match[1], b"%08d" % (len(numbers) + 1))
        return b"(node" + number + b")"

    return NODE_NAME.sub(renumber, document)
