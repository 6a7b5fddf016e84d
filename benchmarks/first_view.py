"""Benchmark: the first view of a page per language, as a reader's browser loads it.

    .venv/bin/python benchmarks/first_view.py [--site DIR]

Builds the city portal (or takes a built one), serves it on localhost, opens
the six pages every language has (home, about, investment, border gates,
contacts, accessibility) in headless Chromium with an empty cache, and sums what the browser fetched (the page, stylesheets, scripts,
fonts, pictures) as a compressing server sends it: gzip for text, fonts and
images as they are (woff2 and webp are compressed already). Target for a
Chinese page: 250 KB (issue 17). Results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("vi", "en", "lo", "zh", "km")
PAGES = ("", "about/", "investment/", "border-gates/", "contacts/", "accessibility/")
COMPRESSED = (".woff2", ".webp", ".jpg", ".png", ".pf_fragment", ".pf_index", ".pf_meta", ".wasm")


def build(target: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(target)], cwd=ROOT, env=env,
                   check=True)
    return target


def sent_size(path: Path) -> int:
    data = path.read_bytes()
    return len(data) if path.suffix in COMPRESSED else len(gzip.compress(data, 6))


def first_view(browser, base: str, site: Path, path: str) -> tuple[int, int, int]:
    """(bytes sent, of which fonts, number of font files) for one page with an empty cache."""
    browser.execute_cdp_cmd("Network.clearBrowserCache", {})
    browser.get(base + path)
    browser.execute_script("return document.fonts.ready")
    urls = browser.execute_script(
        "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))")
    total = fonts = count = 0
    for url in dict.fromkeys(urls):
        local = unquote(urlsplit(url).path)
        file = site / local.lstrip("/")
        if file.is_dir() or local.endswith("/"):
            file = file / "index.html"
        if not file.is_file():
            continue
        size = sent_size(file)
        total += size
        if file.suffix == ".woff2":
            fonts += size
            count += 1
    return total, fonts, count


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, help="a built city portal (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build(Path(tmp) / "site")
        handler = functools.partial(type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}),
                                    directory=str(site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        options = webdriver.ChromeOptions()
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp}/profile"):
            options.add_argument(flag)
        browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        browser.set_window_size(390, 844)
        print("page | first view (KB, compressed) | of which fonts (KB) | font files")
        try:
            for lang in LANGUAGES:
                for page in PAGES:
                    path = ("" if lang == "vi" else f"{lang}/") + page
                    total, fonts, count = first_view(browser, f"http://127.0.0.1:{server.server_port}/", site, path)
                    print(f"/{path} | {total / 1024:.1f} | {fonts / 1024:.1f} | {count}")
        finally:
            browser.quit()
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
