"""Benchmark: a portal with N news items per language (3 languages).

    .venv/bin/python benchmarks/news_scale.py [--sizes 300 3000]

For each size it builds the site and prints build time and the HTML size of
typical pages. Page size must not grow with the number of articles (news are
not in the menu, listings are paginated). Results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from portal.site.project import copy_sources

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("vi", "en", "lo")
WORDS = {
    "vi": "Hải Phòng tăng cường thông tin đối ngoại và quảng bá hình ảnh thành phố tới bạn bè quốc tế. ",
    "en": "Hai Phong steps up foreign information and promotes the city to international friends. ",
    "lo": "ໄຮຟອງ ເພີ່ມທະວີວຽກງານຂໍ້ມູນຂ່າວສານຕ່າງປະເທດ ແລະ ໂຄສະນານະຄອນ. ",
}
PAGES = {  # what a reader opens, and its file
    "home": "index.html",
    "news index": "news/index.html",
    "news page 2": "news/page/2/index.html",
    "article": "news/2020-bm-00001/index.html",
    "Lao article": "lo/news/2020-bm-00001/index.html",
}


def make_project(target: Path, count: int) -> Path:
    copy_sources(ROOT, target)
    for lang in LANGUAGES:
        folder = target / "content" / lang / "news"
        for number in range(count):
            day = f"20{20 + number % 6}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            (folder / f"2020-bm-{number:05d}.md").write_text(
                f'---\ntitle: "Benchmark {lang} {number}"\ndate: {day}\ncategory: economy\n'
                f"tags: [benchmark, tag{number % 20}]\nsummary: \"{WORDS[lang][:60]}\"\n---\n\n"
                + (WORDS[lang] * 40 + "\n\n") * 3,
                encoding="utf-8",
            )
    return target


def build(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_NOW": "2026-11-22T12:00:00+07:00"}
    env.pop("PORTAL_SITE_URL", None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")],
                   cwd=project, env=env, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    args = parser.parse_args()
    rows = []
    for count in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(Path(tmp), count)
            seconds = build(project)
            site = project / "site"
            pages = sum(1 for _ in site.rglob("*.html"))
            sizes = {name: (site / path).stat().st_size for name, path in PAGES.items()}
            rows.append((count, seconds, pages, sizes))
    print("news per language | build (s) | HTML pages | " + " | ".join(f"{name} (KB)" for name in PAGES))
    for count, seconds, pages, sizes in rows:
        print(f"{count} | {seconds:.1f} | {pages} | " + " | ".join(f"{size / 1024:.1f}" for size in sizes.values()))
    first, last = rows[0][3], rows[-1][3]
    grown = {name: last[name] - first[name] for name in PAGES if last[name] > first[name] * 1.02}
    print("page size grows with the number of articles: " + (", ".join(grown) if grown else "no"))
    return 1 if grown else 0


if __name__ == "__main__":
    sys.exit(main())
