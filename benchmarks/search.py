"""Benchmark: site search at 1,000 pages per language (vi, en, lo), the
portal's Pagefind index against Material's search split per language, on the
same pages, in headless Chromium on this machine.

    .venv/bin/python benchmarks/search.py [--pages 1000] [--laonlp-python /path/to/python]

Pages are made of the real content's sentences, shuffled (a seeded random
choice), so the vocabulary is the portal's own. Prints, per language and option:
index bytes (raw and gzip), bytes downloaded before the first result (gzip, as
a static host serves them), and time from typing to the first result. Then Lao
word cutting, ICU (Intl.Segmenter, what the portal uses) against laonlp, when
a Python with laonlp is given: speed, and how often a chunk of text typed on
its own is cut into words that the same text in its page was cut into.
Results: docs/search.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import build  # noqa: E402

from portal.site.project import copy_sources  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("vi", "en", "lo")
QUERIES = {"vi": "dau tu cang bien", "en": "investment port", "lo": "ລົງທຶນ"}
TEXT_RULES = ROOT / "overrides/assets/javascripts/portal-search-text.js"


# -- the corpus ------------------------------------------------------------------------------

def sentences(lang: str) -> list[str]:
    """Sentences of the real content in ``lang`` (front matter and markup left out)."""
    found = []
    for page in sorted((ROOT / "content" / lang).rglob("*.md")):
        body = page.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        body = re.sub(r"[#*|>\[\]()`_-]", " ", body)
        found += [" ".join(s.split()) + "." for s in re.split(r"[.!?]\s", body) if len(s.split()) >= 4]
    return found


def write_corpus(content: Path, count: int) -> None:
    chance = random.Random(2026)
    for lang in LANGUAGES:
        pool = sentences(lang)
        target = content / lang / "corpus"
        target.mkdir(parents=True, exist_ok=True)
        for number in range(count):
            chosen = chance.sample(pool, min(40, len(pool)))
            paragraphs = "\n\n".join(" ".join(chosen[i:i + 5]) for i in range(0, len(chosen), 5))
            words = [w.strip(".,:;\"'") for w in chosen[0].split()]
            title = " ".join(chance.sample(words, min(4, len(words))))
            (target / f"page-{number:05d}.md").write_text(
                f"---\ntitle: {json.dumps(f'{title} {number}', ensure_ascii=False)}\n---\n\n# {title} {number}\n\n{paragraphs}\n", encoding="utf-8")


def project(folder: Path, count: int, material_search: bool) -> Path:
    copy_sources(ROOT, folder)
    write_corpus(folder / "content", count)
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("not_in_nav: |\n", "not_in_nav: |\n  /*/corpus/\n")
    if material_search:  # the theme's search plugin, as a plain configuration has it
        text = text.replace("\nplugins:\n", "\nplugins:\n  search: {}\n", 1)
    config.write_text(text, encoding="utf-8")
    return folder


# -- measuring in the browser ----------------------------------------------------------------

SERVED: list[str] = []  # paths the server was asked for: the page's and its workers' requests


class _Recording(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        SERVED.append(urlparse(self.path).path)
        super().do_GET()


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Recording, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def chromium():
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--window-size=1280,900",
                 f"--user-data-dir={tempfile.mkdtemp()}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    return driver


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


PAGEFIND_QUERY = """
const [query, done] = [arguments[0], arguments[arguments.length - 1]];
const input = document.querySelector(".md-search__input");
const list = document.querySelector(".md-search-result__list");
input.focus();
const start = performance.now();
input.value = query;
input.dispatchEvent(new Event("input"));
(function wait() {
  if (list.getAttribute("data-query") === query) {
    done({ms: performance.now() - start, results: list.children.length});
  } else setTimeout(wait, 5);
})();
"""

MATERIAL_QUERY = """
const [worker, index, query, done] = [arguments[0], arguments[1], arguments[2], arguments[arguments.length - 1]];
const start = performance.now();
const search = new Worker(worker);
let ready = 0;
search.onmessage = (event) => {
  if (event.data.type === 1) { ready = performance.now() - start; search.postMessage({type: 2, data: query}); }
  else if (event.data.type === 3) done({ms: performance.now() - start, ready, results: event.data.data.items.length});
};
fetch(index).then((r) => r.json()).then((data) => search.postMessage({type: 0, data: {...data, options: {suggest: false}}}));
"""


def measure_pagefind(site: Path, driver, base: str) -> list[dict]:
    rows = []
    for lang in LANGUAGES:
        prefix = "" if lang == "vi" else f"{lang}/"
        driver.get(base + prefix)
        time.sleep(0.5)
        SERVED.clear()  # what loading the page asked for is not search
        result = driver.execute_async_script(PAGEFIND_QUERY, QUERIES[lang])
        fetched = [site / path.lstrip("/") for path in SERVED]
        index_files = [p for p in (site / "pagefind").rglob("*") if p.is_file() and _pagefind_lang(p) in (lang, "unknown", None)]
        rows.append({"option": "Pagefind (chunked)", "lang": lang,
                     "raw": sum(p.stat().st_size for p in index_files), "gz": sum(gz(p) for p in index_files),
                     "before_first": sum(gz(p) for p in fetched if p.is_file()), "requests": len(fetched),
                     "ms": result["ms"], "results": result["results"]})
    return rows


def _pagefind_lang(path: Path) -> str | None:
    """The language a Pagefind file serves (None: shared by all languages).
    Chunks and fragments are named ``<lang>_<hash>``; meta and wasm carry it too."""
    match = re.fullmatch(r"(?:pagefind\.)?(\w+?)_[0-9a-f]+\.pf_\w+|wasm\.(\w+)\.pagefind", path.name)
    return (match.group(1) or match.group(2)) if match else None


def measure_material(site: Path, driver, base: str) -> list[dict]:
    merged = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js")).relative_to(site).as_posix()
    rows = []
    for lang in LANGUAGES:
        docs = [doc for doc in merged["docs"] if _lang_of(doc["location"]) == lang]
        config = {**merged["config"], "lang": ["vi"] if lang == "vi" else ["en"]}
        split = site / f"search/index-{lang}.json"
        split.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False), encoding="utf-8")
        driver.get(base)
        result = driver.execute_async_script(MATERIAL_QUERY, base + worker, base + f"search/index-{lang}.json",
                                             QUERIES[lang])
        size = split.stat().st_size
        rows.append({"option": "Material, split per language", "lang": lang, "raw": size, "gz": gz(split),
                     "before_first": gz(split) + gz(site / worker), "requests": 2, "ms": result["ms"],
                     "results": result["results"]})
    return rows


def _lang_of(location: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in ("en", "lo") else "vi"


# -- Lao word cutting ------------------------------------------------------------------------

ICU_CUT = """
const t = require(process.argv[1]);
const texts = JSON.parse(require("fs").readFileSync(0, "utf-8"));
const start = performance.now();
const cut = texts.map((text) => t.segmentLao(text, " ").split(/\\s+/));
console.log(JSON.stringify({ms: performance.now() - start, cut}));
"""

LAONLP_CUT = """
import json, sys, time
from laonlp.tokenize import word_tokenize
texts = json.load(sys.stdin)
start = time.perf_counter()
cut = [[w for w in word_tokenize(text) if w.strip()] for text in texts]
print(json.dumps({"ms": 1000 * (time.perf_counter() - start), "cut": cut}))
"""


def _cut(command: list[str], texts: list[str]) -> tuple[float, list[list[str]]]:
    out = json.loads(subprocess.run(command, input=json.dumps(texts), capture_output=True, text=True,
                                    check=True).stdout)
    return out["ms"], [[w for w in (x.strip(".,:;()\"'") for x in words) if w] for words in out["cut"]]


def lao_cutting(laonlp_python: str | None) -> list[dict]:
    """Each cutter cuts the Lao content, then words and two-word phrases of its
    own cut, typed alone without spaces: is each cut as it was in its page?
    (Dictionary cutting can depend on the letters around a word.)"""
    pages = [p.read_text(encoding="utf-8").split() for p in sorted((ROOT / "content/lo").rglob("*.md"))]
    runs = [(number, run) for number, page in enumerate(pages) for run in page if re.search("[\u0e80-\u0eff]", run)]
    cutters = {"ICU (Intl.Segmenter), the portal's": ["node", "-e", ICU_CUT, str(TEXT_RULES)]}
    if laonlp_python:
        cutters["laonlp 1.3.0"] = [laonlp_python, "-c", LAONLP_CUT]
    rows = []
    for name, command in cutters.items():
        ms, cut = _cut(command, [run for _n, run in runs])
        in_page: dict[int, set[str]] = {}
        for (number, _run), words in zip(runs, cut):
            in_page.setdefault(number, set()).update(words)
        chance = random.Random(7)
        queries = []  # (page, text typed): single words, and two adjacent words run together
        for (number, _run), words in zip(runs, cut):
            lao = [w for w in words if re.fullmatch("[\u0e80-\u0eff]{2,}", w)]
            if lao and chance.random() < 0.3:
                queries.append((number, chance.choice(lao)))
            pairs = [a + b for a, b in zip(words, words[1:]) if re.fullmatch("[\u0e80-\u0eff]+", a + b)]
            if pairs and chance.random() < 0.3:
                queries.append((number, chance.choice(pairs)))
        _ms, alone = _cut(command, [text for _n, text in queries])
        found = sum(1 for (number, _t), words in zip(queries, alone) if set(words) <= in_page[number])
        rows.append({"cutter": name, "ms": ms, "chars": sum(len(r) for _n, r in runs), "found": found,
                     "chunks": len(queries)})
    return rows


# -- main ------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--laonlp-python", help="a Python with laonlp installed, to compare Lao word cutting")
    args = parser.parse_args()

    rows = []
    for material in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            folder = project(Path(tmp), args.pages, material_search=material)
            seconds, memory = build(folder)
            site = folder / "site"
            print(f"built {'with' if material else 'without'} Material's search: {seconds:.1f} s, {memory:.0f} MB",
                  file=sys.stderr)
            httpd, base = serve(site)
            driver = chromium()
            try:
                if material:
                    rows += measure_material(site, driver, base)
                else:
                    rows += measure_pagefind(site, driver, base)
            finally:
                driver.quit()
                httpd.shutdown()

    print(f"\nSearch at {args.pages:,} pages per language; queries: {QUERIES}")
    print("option | language | index raw (KB) | index gz (KB) | downloaded before first result (KB gz) | requests "
          "| typing to first result (ms) | results shown")
    for r in rows:
        print(f"{r['option']} | {r['lang']} | {r['raw'] / 1024:,.0f} | {r['gz'] / 1024:,.0f} | "
              f"{r['before_first'] / 1024:,.0f} | {r['requests']} | {r['ms']:,.0f} | {r['results']}")

    print("\nLao word cutting: the Lao content, then words and two-word phrases typed alone")
    print("cutter | time to cut the content (ms) | characters | typed alone, cut as in their page")
    for r in lao_cutting(args.laonlp_python):
        print(f"{r['cutter']} | {r['ms']:,.1f} | {r['chars']:,} | {r['found']}/{r['chunks']}"
              f" ({100 * r['found'] / r['chunks']:.0f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
