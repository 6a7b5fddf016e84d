"""Publications printed to PDF (portal/printing/pdf.py), twice each: Chromium
cannot number a table of contents (no CSS ``target-counter()``), so the
first print says on which page each section starts (poppler's
``pdftotext``, page by page) and the second prints those numbers.

Printing is most of the time a build spends on publications (two seconds
a print), so each print is remembered by what it is made of (the HTML,
the files beside it, the date, Chromium's flags): a build whose
publications did not change prints nothing. The same sources give the same
bytes (pdf.py), so a remembered PDF is the one a new print would make.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from portal.cache import remember
from portal.printing.pdf import FLAGS, PrintError, find_chromium, print_page
from portal.printing.publications import Document, Publication

#: What a page's text is compared by: Chromium and pdftotext space Lao and Vietnamese differently.
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Printed:
    publication: Publication
    pdf: bytes
    pages: int


#: Where prints are remembered, when not in the project's ``.cache/portal/print`` (tests share one).
CACHE_VARIABLE = "PORTAL_PRINT_CACHE"
CACHE = ".cache/portal/print"


class Printer:
    """Prints publications; ``cache``: the folder of remembered prints (None: print every time);
    ``only``: these languages' (a build process that renders some languages, portal/publishing/parts.py)."""

    def __init__(self, cache: Path | None, only: frozenset[str] | None = None, workers: int | None = None) -> None:
        self.cache = cache
        self.only = only
        self.workers = workers or max(1, os.cpu_count() or 1)
        self.binary = find_chromium()  # found once, for every print
        if self.binary is None:
            raise PrintError("chromium is not installed (make install installs it)")
        # A new Chromium may print differently: what it printed is remembered apart.
        binary = Path(self.binary).resolve()
        self.chromium = f"{binary}:{binary.stat().st_size}:{binary.stat().st_mtime_ns}"

    @classmethod
    def for_project(cls, root: Path, only: frozenset[str] | None = None) -> Printer:
        return cls(Path(os.environ.get(CACHE_VARIABLE) or root / CACHE), only)

    def print_all(self, publications: list[Publication]) -> dict[str, Printed]:
        """Every publication (of ``only``'s languages), side by side (each print is a Chromium process),
        by its path in the site."""
        wanted = [publication for publication in publications if self.only is None or publication.lang in self.only]
        with ThreadPoolExecutor(self.workers) as pool:
            return {printed.publication.path: printed for printed in pool.map(self.print, wanted)}

    def print(self, publication: Publication) -> Printed:
        try:
            return self._print(publication)
        except PrintError as error:
            error.publication = publication.path
            raise
        except subprocess.SubprocessError as error:  # pdftotext failed, or a print took too long
            failed = PrintError(str(error))
            failed.publication = publication.path
            raise failed from None

    def _print(self, publication: Publication) -> Printed:
        draft = self._pdf(publication.document({}), publication)
        pages = section_pages(page_texts(draft), publication)
        final = self._pdf(publication.document(pages), publication)
        return Printed(publication, final, len(page_texts(final)))

    def _pdf(self, document: Document, publication: Publication) -> bytes:
        key = _key(document, publication, self.chromium)
        remembered = self.cache / f"{key}.pdf" if self.cache else None
        if remembered is not None and remembered.is_file():
            return remembered.read_bytes()
        with tempfile.TemporaryDirectory(prefix="portal-publication-") as folder:
            here = Path(folder)
            for name, data in document.files:
                (here / name).parent.mkdir(parents=True, exist_ok=True)
                (here / name).write_bytes(data)
            (here / "index.html").write_text(document.html, encoding="utf-8")
            print_page(here / "index.html", here / "out.pdf", publication.created, self.binary)
            pdf = (here / "out.pdf").read_bytes()
        if remembered is not None:
            remember(remembered, pdf)
        return pdf


def _key(document: Document, publication: Publication, chromium: str) -> str:
    digest = hashlib.sha256()
    for part in (document.html.encode(), publication.created.isoformat().encode(), " ".join(FLAGS).encode(),
                 chromium.encode()):
        digest.update(b"%d:" % len(part) + part)
    for name, data in document.files:
        digest.update(b"%d:%s%d:" % (len(name), name.encode(), len(data)) + data)
    return digest.hexdigest()


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page (poppler's pdftotext)."""
    try:
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                                check=True, timeout=60)
    except FileNotFoundError:
        raise PrintError("pdftotext is not installed (poppler-utils; make install installs it)") from None
    pages = result.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def section_pages(texts: list[str], publication: Publication) -> Mapping[str, int]:
    """The page (from 1) each section starts on: the first page after the table of contents, and not
    before the previous section's, whose text starts with the section's numbered title (after the
    running header)."""
    header = _SPACE.sub("", publication.title + publication.context.site_name)  # page.css's running header
    squeezed = [_SPACE.sub("", text).removeprefix(header) for text in texts]
    contents = _SPACE.sub("", publication.context.t("print.contents"))
    start = next((index + 1 for index, text in enumerate(squeezed) if text.startswith(contents)), 1)
    found: dict[str, int] = {}
    for section in publication.sections:
        title = _SPACE.sub("", section.title)
        for index in range(start, len(squeezed)):
            if squeezed[index].startswith(title):
                found[section.id] = index + 1
                start = index
                break
    return found
