"""Benchmark: printing every portal's publications (portal/printing/), with
nothing remembered (a first build, or one after the data changed) and with
everything remembered (a build where nothing printed changed).

    .venv/bin/python benchmarks/printing.py [--projects 300]

``--projects N`` adds N synthetic projects to a copy of the project, so the
investment guide's project table runs over many pages. Prints each
publication's size, pages and print time, and each portal's total
(target: under a minute per portal). Results are in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
import time
from pathlib import Path

import yaml

from data_generation import synthetic_projects  # benchmarks/ is on the path when this script runs
from portal.clock import TIMEZONE
from portal.printing.printer import Printer
from portal.site.assembly import assemble
from portal.site.portals import check_config_files
from portal.site.project import copy_sources
from portal.site.publication import Rule
from portal.site.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
#: The clock of the figures in docs/benchmarks.md (the annual publication's year).
NOW = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=TIMEZONE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=0, help="synthetic projects to add")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-print-bench-") as folder:
        project = copy_sources(ROOT, Path(folder) / "project")
        if args.projects:
            path = project / "data/projects.yml"
            projects = yaml.safe_load(path.read_text(encoding="utf-8")) + synthetic_projects(args.projects)
            path.write_text(yaml.safe_dump(projects, allow_unicode=True, sort_keys=False), encoding="utf-8")
        cache = Path(folder) / "cache"
        print(f"{'portal':6} {'publication':28} {'pages':>5} {'size':>9}")
        for portal in check_config_files(project):
            settings = read_settings(portal.config_file)
            timings = {}
            for label in ("cold", "warm"):  # nothing remembered, then everything
                started = time.perf_counter()
                generated = assemble(settings, Rule(NOW), Printer(cache)).generated
                timings[label] = time.perf_counter() - started
            started = time.perf_counter()
            assemble(settings, Rule(NOW))
            without = time.perf_counter() - started
            for file in generated:
                if file.path.endswith(".pdf"):
                    pages = _pages(file.content)
                    print(f"{portal.id:6} {file.path.rpartition('/')[2]:28} {pages:5} {len(file.content) / 1000:7.0f} kB")
            print(f"{portal.id}: printing {timings['cold'] - without:.1f} s with nothing remembered "
                  f"({timings['warm'] - without:.1f} s with everything remembered); "
                  f"reading and generating the portal without printing: {without:.1f} s")
    return 0


def _pages(pdf: bytes) -> int:
    from portal.printing.printer import page_texts

    return len(page_texts(pdf))


if __name__ == "__main__":
    sys.exit(main())
