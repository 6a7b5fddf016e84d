"""Benchmark: validating and generating the data pages for N projects in
every language, against the whole site build with those pages.

    .venv/bin/python benchmarks/data_generation.py [--projects 1000]

Prints the figures and the ratio (target: generation < 10 % of the build).
Results are recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from portal.data.load import load_portfolio
from portal.data.models import SECTORS
from portal.site.project import copy_sources
from portal.generation.pages import generate
from portal.site.languages import Language

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = [Language("vi", "Tiếng Việt", True), Language("en", "English", False), Language("lo", "ພາສາລາວ", False)]


def synthetic_projects(count: int) -> list[dict]:
    """Valid projects spread over the shipped zones and parks."""
    places = [("dinh-vu-cat-hai", "vi-du-bac"), ("ven-bien-phia-nam", "vi-du-nam")]
    projects = []
    for number in range(count):
        zone, park = places[number % 2]
        projects.append({
            "code": f"bm-{number:05d}",
            "example": True,
            "name": {"vi": f"Dự án thử nghiệm số {number}", "en": f"Benchmark project {number}", "lo": f"ໂຄງການທົດສອບ {number}"},
            "sector": SECTORS[number % len(SECTORS)],
            "zone": zone,
            "park": park,
            "location": {"vi": "Hải Phòng", "en": "Hai Phong", "lo": "ໄຮຟອງ"},
            "area_ha": 5 + number % 90,
            "investment_vnd": 10**11 * (1 + number % 40),
            "investment_usd": 4_000_000.0 * (1 + number % 40),
            "form": ("fdi", "ppp", "domestic", "any")[number % 4],
            "status": ("calling", "preparing", "licensed")[number % 3],
            "summary": {
                "vi": "Dự án minh họa dùng để đo hiệu năng của trình tạo trang. " * 3,
                "en": "An illustrative project used to measure the page generator. " * 3,
                "lo": "ໂຄງການຕົວຢ່າງ ໃຊ້ເພື່ອວັດແທກປະສິດທິພາບ. " * 3,
            },
        })
    return projects


def make_project(target: Path, count: int) -> Path:
    copy_sources(ROOT, target)
    (target / "data/projects.yml").write_text(
        yaml.safe_dump(synthetic_projects(count), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return target


def generate_once(project: Path) -> tuple[float, int]:
    """Load + validate + generate every language, as one build does."""
    start = time.perf_counter()
    portfolio = load_portfolio(project / "data", ["vi", "en", "lo"], "vi", project)
    files = len(generate(portfolio, LANGUAGES))
    return time.perf_counter() - start, files


def time_generation(project: Path, repeat: int = 3) -> tuple[float, int]:
    """Best of ``repeat`` runs, each in a fresh process (cold caches, as in a build)."""
    best, files = float("inf"), 0
    for _ in range(repeat):
        output = subprocess.run(
            [sys.executable, __file__, "--generate-only", str(project)], check=True, capture_output=True, text=True
        ).stdout.split()
        best, files = min(best, float(output[0])), int(output[1])
    return best, files


def time_build(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PORTAL_SITE_URL", None)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")],
        cwd=project, env=env, check=True,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--generate-only", metavar="PROJECT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_only:
        seconds, files = generate_once(Path(args.generate_only))
        print(seconds, files)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), args.projects)
        generation, files = time_generation(project)
        build = time_build(project)
        pages = sum(1 for _ in (project / "site").rglob("index.html"))
    ratio = generation / build
    print(f"projects: {args.projects}, languages: 3, generated files: {files}, built pages: {pages}")
    print(f"validate + generate: {generation:.2f} s (best of 3 fresh processes)")
    print(f"whole site build:    {build:.2f} s")
    print(f"ratio:               {ratio:.1%} (target < 10 %)")
    return 0 if ratio < 0.10 else 1


if __name__ == "__main__":
    sys.exit(main())
