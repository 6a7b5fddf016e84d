"""Benchmark: the portal at 300, 1,000 and 3,000 synthetic pages per language
(~575 words each, 3 languages), next to a plain mkdocs + Material +
mkdocs-static-i18n configuration built in the same session.

    .venv/bin/python benchmarks/scale.py [--sizes 300 1000 3000] [--plain-sizes 300 1000 3000]

Prints, per size: build time, peak memory, time per page, HTML bytes per page,
and the first view of a page (HTML + CSS + JS + fonts it loads, gzip-compressed).
Results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from portal.site.project import copy_sources

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("vi", "en", "lo")
SENTENCE = {
    "vi": "Hải Phòng là thành phố cảng, cửa ngõ ra biển của các tỉnh phía Bắc Việt Nam. ",
    "en": "Hai Phong is a port city and the gateway to the sea for northern Viet Nam. ",
    "lo": "ໄຮຟອງ ແມ່ນນະຄອນທ່າເຮືອ ແລະ ເປັນປະຕູອອກສູ່ທະເລຂອງພາກເໜືອຫວຽດນາມ. ",
}
PLAIN_CONFIG = """site_name: Plain
docs_dir: docs
theme:
  name: material
  custom_dir: overrides  # only the Lao interface file: Material has none and the build would crash
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {locale: vi, name: Tiếng Việt, default: true}
        - {locale: en, name: English}
        - {locale: lo, name: Lao}
"""


def write_corpus(folder: Path, count: int, front_matter: bool) -> None:
    """``count`` pages of about 575 words in each language folder under ``folder``."""
    for lang in LANGUAGES:
        target = folder / lang / "corpus"
        target.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join([SENTENCE[lang] * 8] * 5)  # ~575 words in vi/en
        for number in range(count):
            head = f'---\ntitle: "Page {number}"\ndescription: "Synthetic page {number}"\n---\n\n' if front_matter else ""
            (target / f"page-{number:05d}.md").write_text(f"{head}# Page {number}\n\n## Section\n\n{body}\n", encoding="utf-8")
        if not (folder / lang / "index.md").exists():
            (folder / lang / "index.md").write_text("# Home\n", encoding="utf-8")


def portal_project(target: Path, count: int) -> Path:
    copy_sources(ROOT, target)
    write_corpus(target / "content", count, front_matter=True)
    config = target / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("not_in_nav: |\n", "not_in_nav: |\n  /*/corpus/\n"),
                      encoding="utf-8")
    return target


def plain_project(target: Path, count: int) -> Path:
    (target / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    lao = target / "overrides/partials/languages/lo.html"
    lao.parent.mkdir(parents=True)
    shutil.copy(ROOT / "overrides/partials/languages/lo.html", lao)
    write_corpus(target / "docs", count, front_matter=False)
    return target


def build(project: Path, languages: str | None = None) -> tuple[float, float]:
    """Wall time and peak memory (MB, the largest process) of one `mkdocs build`
    into ``site/``; with ``languages`` ("apart", "together"), of the portal's
    build as `make build` runs it (portal/publishing/build.py) into ``built/city/``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_NOW": "2026-11-22T12:00:00+07:00"}
    env.pop("PORTAL_SITE_URL", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")]
    if languages:
        command = [sys.executable, "-c", "import sys; from pathlib import Path; from portal.publishing.build import "
                   "build_all; build_all(Path(sys.argv[1]), Path(sys.argv[1]) / 'built', only=('city',), "
                   "languages=sys.argv[2])", str(project), languages]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL if languages else None)
    _pid, status, usage = os.wait4(child.pid, 0)
    assert status == 0, f"build failed in {project}"
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def first_view(site: Path, page: Path) -> int:
    """gzip bytes of a page and every stylesheet, script and font it loads."""
    html = page.read_text(encoding="utf-8")
    files = {page}
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        files.add((page.parent / ref).resolve())
    lang = re.search(r'<html lang="(\w+)"', html).group(1)
    fonts_css = site / "assets/stylesheets/fonts.css"
    if fonts_css.exists():  # the faces a page in this language actually uses (400 and 700, upright)
        for rule in re.findall(r"@font-face\{[^}]+\}", fonts_css.read_text(encoding="utf-8")):
            name = re.search(r"url\(\.\./fonts/([^)]+)\)", rule).group(1)
            wanted = ("latin-4", "latin-7", "vietnamese-4", "vietnamese-7") if lang != "lo" else ("lao-lao", "latin-4")
            if "italic" not in name and any(part in name for part in wanted) and "latin-ext" not in name:
                files.add(site / "assets/fonts" / name)
    return sum(len(gzip.compress(path.read_bytes())) for path in files if path.is_file())


def measure(kind: str, make, count: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        project = make(Path(tmp), count)
        seconds, memory = build(project)
        site = project / "site"
        corpus = sorted(site.glob("**/corpus/page-*/index.html"))
        html_bytes = sum(p.stat().st_size for p in corpus) / len(corpus)
        sample = site / "lo/corpus/page-00001/index.html"
        return {"kind": kind, "pages": count, "seconds": seconds, "memory": memory,
                "per_page_ms": 1000 * seconds / (count * len(LANGUAGES)), "html_kb": html_bytes / 1024,
                "first_view_kb": first_view(site, sample) / 1024}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 1000, 3000])
    parser.add_argument("--plain-sizes", type=int, nargs="*", default=[300, 1000, 3000])
    args = parser.parse_args()
    print("configuration | pages per language | build (s) | peak memory (MB) | ms per page | HTML per page (KB) | first view, Lao page (KB gz)")
    rows = []
    runs = [("portal", portal_project, n) for n in args.sizes]
    runs += [("plain mkdocs + Material + static-i18n", plain_project, n) for n in args.plain_sizes]
    for kind, make, count in runs:
        r = measure(kind, make, count)
        rows.append(r)
        print(f"{r['kind']} | {r['pages']} | {r['seconds']:.1f} | {r['memory']:.0f} | {r['per_page_ms']:.1f} | "
              f"{r['html_kb']:.1f} | {r['first_view_kb']:.1f}", flush=True)
    ours = [r for r in rows if r["kind"] == "portal"]
    if len(ours) > 1:
        print(f"scaling (ms per page, largest / smallest): {ours[-1]['per_page_ms'] / ours[0]['per_page_ms']:.2f}x (target <= 1.2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
