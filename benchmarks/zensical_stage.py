"""Experiment (not a CI gate): build the staged tree (`portal stage`) with
Zensical, Material's successor, and report what matches and what is lost.

    python3 -m venv /tmp/zvenv && /tmp/zvenv/bin/pip install zensical==0.0.73
    .venv/bin/python benchmarks/zensical_stage.py --zensical /tmp/zvenv/bin/zensical [--config portals/zone/mkdocs.yml]

Zensical is not a project dependency: install it in a venv of its own, as
above. Results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bs4 import BeautifulSoup

from portal.cli import main as portal
from portal.site.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
CONFIG = """site_name: {name}
site_url: {url}
docs_dir: docs
theme:
  name: material
  language: {lang}
  font: false
"""


def run(zensical: str, config: Path) -> None:
    settings = read_settings(config)
    with tempfile.TemporaryDirectory() as folder:
        staged = Path(folder)
        if portal(["--config", str(config), "stage", "--output", str(staged)]) != 0:
            sys.exit(1)
        view = json.loads((staged / "pages.json").read_text(encoding="utf-8"))
        default = next(language["code"] for language in view["languages"] if language["default"])
        (staged / "mkdocs.yml").write_text(CONFIG.format(name=json.dumps(settings.site_names[default]),
                                                         url=view["site_url"], lang=default), encoding="utf-8")
        start = time.monotonic()
        result = subprocess.run([zensical, "build"], cwd=staged, capture_output=True, text=True)
        seconds = time.monotonic() - start
        site = staged / "site"
        warnings = (result.stdout + result.stderr).count("Warning:")
        built = {path.relative_to(site).as_posix() for path in site.rglob("*.html")}
        # Zensical knows no languages: a page is written at its docs path (vi/about.md -> vi/about/index.html).
        found = [key for key in view["pages"] if _output(key) in built]
        at_our_address = [key for key, page in view["pages"].items() if _index(page["url"]) in built]
        lang_right = 0
        for key in found:
            doc = BeautifulSoup((site / _output(key)).read_text(encoding="utf-8"), "html.parser")
            lang_right += doc.html.get("lang") == view["pages"][key]["language"]
        fallbacks = len({version["url"] for page in view["pages"].values() for code, version in page["versions"].items()
                         if version["text_language"] != code})
        print(f"zensical {result.returncode == 0 and 'built' or 'failed'} in {seconds:.1f} s, {warnings} warnings")
        print(f"pages staged: {len(view['pages'])}; written by Zensical: {len(found)}; "
              f"at the portal's address: {len(at_our_address)}; with the page's own lang attribute: {lang_right}")
        print(f"fallback versions not written (the i18n plugin makes them): {fallbacks}")
        print(f"search index: {'one for all languages' if (site / 'search.json').is_file() else 'none'}; "
              f"language switcher: {'yes' if _has_switcher(site) else 'no'}")


def _output(key: str) -> str:
    stem = key[: -len(".md")]
    return f"{stem[: -len('index')]}index.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def _index(url: str) -> str:
    return "index.html" if url in ("", "./") else f"{url}index.html"


def _has_switcher(site: Path) -> bool:
    page = site / "vi/index.html"
    return page.is_file() and "md-select" in page.read_text(encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zensical", required=True, help="the zensical command (in a venv of its own)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args()
    run(args.zensical, args.config.resolve())
