"""Benchmark: how long an editor waits in the preview (``portal serve``, as
``make serve``) between saving a page and the served page showing the change.

    .venv/bin/python benchmarks/preview.py [--sizes 0 1000] [--runs 3]

Size 0 is the shipped portal; N adds N synthetic pages per language (the corpus
of benchmarks/scale.py). Each run appends a new sentence to
``content/en/about.md`` and polls ``/en/about/`` until the sentence is
served. Prints the median and every run. Results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from portal.site.project import copy_sources

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAGE = "content/en/about.md"
URL = "en/about/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _served(address: str) -> str:
    try:
        with urllib.request.urlopen(address + URL, timeout=5) as response:  # noqa: S310 (loopback)
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(address: str, text: str, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if text in _served(address):
            return time.monotonic() - start
        time.sleep(0.05)
    raise TimeoutError(f"{text!r} not served after {timeout:.0f} s")


def measure(size: int, runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        project = copy_sources(ROOT, Path(folder) / "project")
        if size:
            write_corpus(project / "content", size, front_matter=True)
        port = _free_port()
        address = f"http://127.0.0.1:{port}/"
        server = subprocess.Popen(
            [sys.executable, "-m", "portal.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for(address, "</html>", timeout=1800)  # the first build
            times = []
            for run in range(runs):
                marker = f"Preview sentence {run} {time.time_ns()}."
                page = project / PAGE
                page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
                times.append(_wait_for(address, marker, timeout=1800))
                time.sleep(2)  # let the server settle before the next save
            return times
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for size in args.sizes:
        times = measure(size, args.runs)
        label = "shipped portal" if size == 0 else f"+{size:,} pages per language"
        print(f"{label}: save to served page, median {statistics.median(times):.1f} s "
              f"(runs: {', '.join(f'{t:.1f}' for t in times)})", flush=True)


if __name__ == "__main__":
    main()
