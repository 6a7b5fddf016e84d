"""Lighthouse (npm `lighthouse`, pinned in package.json) in its default mobile
mode, with Debian's Chromium and no network, on the city portal built for and
served at a local address with its own security headers: the home page, an
article, a data index and a data detail page in each language.

    .venv/bin/python benchmarks/lighthouse.py [--pages en/ ...]

Prints the four category scores per page, each the median of --runs runs
(Lighthouse's simulated throttling varies from run to run on a busy machine);
results in docs/benchmarks.md.
Target: 95 or more in every category on every page.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import functools  # noqa: E402
import gzip  # noqa: E402
import threading  # noqa: E402
from http.server import ThreadingHTTPServer  # noqa: E402

from conftest import SiteHandler  # noqa: E402  (the tests' static server, which sends the build's headers)

#: What a static host compresses (nginx with the build's snippet, Netlify, Cloudflare...).
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".ics", ".csv")


class CompressingHandler(SiteHandler):
    """The tests' server, compressing text as production hosts do."""

    def send_head(self):
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.endswith(COMPRESSED) or not Path(path).is_file():
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


def serve(site_dir: Path):
    handler = functools.partial(CompressingHandler, directory=str(site_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"

PAGES = [f"{lang}{page}" for lang in ("", "en/", "lo/")
         for page in ("", "news/2024-09-04-heza-plan/", "invest/projects/", "invest/projects/vd-01-logistics/")]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROMIUM_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", default=PAGES)
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median of each score is kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        httpd, address = serve(site)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_SITE_URL": address}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
                       cwd=ROOT, env=env, check=True)
        print("page | " + " | ".join(CATEGORIES))
        lowest = 100
        for page in args.pages:
            runs = [run(address + page, Path(tmp)) for _ in range(args.runs)]
            scores = {category: sorted(r[category] for r in runs)[len(runs) // 2] for category in CATEGORIES}
            lowest = min(lowest, *scores.values())
            print(f"/{page} | " + " | ".join(str(scores[category]) for category in CATEGORIES), flush=True)
        httpd.shutdown()
    print(f"lowest score: {lowest} (target >= 95)")
    return 0


def run(url: str, tmp: Path, attempts: int = 3) -> dict[str, int]:
    """Lighthouse once; Chromium sometimes fails to start under load: tried again."""
    for attempt in range(attempts):
        try:
            return _run(url, tmp)
        except SystemExit:
            if attempt == attempts - 1:
                raise
    raise AssertionError


def _run(url: str, tmp: Path) -> dict[str, int]:
    profile = tempfile.mkdtemp(dir=tmp)
    report = tmp / "report.json"
    result = subprocess.run(
        [str(ROOT / "node_modules/.bin/lighthouse"), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROMIUM_FLAGS} --user-data-dir={profile}"],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=False, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    if os.environ.get("LIGHTHOUSE_DETAILS"):  # what cost points
        for audit in data["audits"].values():
            if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"):
                print("   ", audit["id"], audit["score"], audit.get("displayValue", ""), file=sys.stderr)
                for item in (audit.get("details") or {}).get("items", [])[:3]:
                    node = item.get("node") or {}
                    print("       ", node.get("snippet") or item.get("url") or item.get("description", ""), file=sys.stderr)
    categories = data["categories"]
    return {name: round(100 * (categories[name]["score"] or 0)) for name in CATEGORIES}


if __name__ == "__main__":
    sys.exit(main())
