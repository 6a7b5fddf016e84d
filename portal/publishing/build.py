"""Build every portal of the project, each into its own folder, as one step
that either succeeds whole or leaves the previous output untouched.

    site/city/   the umbrella portal (top-level mkdocs.yml)
    site/zone/   portals/zone/mkdocs.yml
    site/index.html   a page linking to each (for a host that serves them all, e.g. GitHub Pages)

Each portal is built by ``mkdocs build --strict`` in its own process (MkDocs
plugins keep state per build), as many at a time as there are cores; MkDocs' warnings are shown and fail the
build (no ``--quiet``: it would stop MkDocs counting them). The config files
are read first (:func:`portal.site.portals.check_config_files`), so bad
YAML in them gets our message rather than MkDocs' English one. Its public address comes from, in order:
``--base-url`` + ``<id>/`` (every portal under one host), the environment
variable ``PORTAL_SITE_URL_<ID>`` (``PORTAL_SITE_URL_ZONE``), or its config's
``site_url``. ``--kiosk`` builds each portal's kiosk variant (``kiosk.yml``
beside its mkdocs.yml; docs/kiosk.md) instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from jinja2 import Environment, FileSystemLoader, select_autoescape

from portal.errors import PortalError
from portal.site.portals import PortalConfigFile, check_config_files

TEMPLATES = Path(__file__).parent / "templates"


class BuildFailed(PortalError):
    """A portal's build failed; MkDocs has printed why."""

    def __init__(self, config_file: str) -> None:
        super().__init__("build_failed", file=config_file)


@dataclass(frozen=True)
class Built:
    id: str
    name: str
    folder: str


def site_url_for(portal: PortalConfigFile, base_url: str | None, environ: dict[str, str]) -> str | None:
    """The address to build ``portal`` for, or None for its config's own."""
    if base_url:
        return base_url.rstrip("/") + f"/{portal.id}/"
    return environ.get(f"PORTAL_SITE_URL_{portal.id.upper().replace('-', '_')}") or None


def build_all(root: Path, output: Path, base_url: str | None = None, kiosk: bool = False,
              only: tuple[str, ...] = ()) -> list[Built]:
    """Build into a fresh folder beside ``output``, then put it in place.
    ``only``: these portals' ids (one CI job per portal); default every one."""
    portals = check_config_files(root)
    unknown = sorted(set(only) - {portal.id for portal in portals})
    if unknown:
        raise PortalError("portal_unknown", file="portals/", field="--portal", value=", ".join(unknown),
                          allowed=", ".join(p.id for p in portals))
    if only:
        portals = [p for p in portals if p.id in only]
    if kiosk:
        portals = [p for p in portals if p.kiosk_file]
    staging = output.with_name(output.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    built = []
    try:
        jobs = [(portal.kiosk_file if kiosk else portal.config_file, staging / portal.id,
                 site_url_for(portal, base_url, dict(os.environ))) for portal in portals]
        _build_in_parallel(jobs, root)
        for portal in portals:
            name = portal.chain.lookup(("site_name",))
            built.append(Built(portal.id, name.value if name is not None else portal.id, f"{portal.id}/"))
        _write_index(staging, built, kiosk)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_into_place(staging, output)
    return built


def _build_in_parallel(jobs: list[tuple[Path, Path, str | None]], root: Path) -> None:
    """One ``mkdocs build`` process per portal, as many at a time as there are
    cores (MkDocs uses one). Each one's messages are printed whole, in the
    portals' order, so two portals' lines never mix; the first that fails
    stops the others (a shared page's error would otherwise be told twice)."""
    waiting = list(jobs)
    running: list[tuple[Path, subprocess.Popen, IO[str]]] = []
    try:
        while waiting or running:
            while waiting and len(running) < max(1, os.cpu_count() or 1):
                config_file, site_dir, site_url = waiting.pop(0)
                log = tempfile.TemporaryFile("w+", encoding="utf-8")
                running.append((config_file, _start(config_file, site_dir, site_url, log), log))
            config_file, process, log = running.pop(0)
            process.wait()
            log.seek(0)
            print(f"== {config_file.relative_to(root)}", flush=True)
            print(log.read(), end="", flush=True)
            log.close()
            if process.returncode != 0:
                raise BuildFailed(config_file.relative_to(root).as_posix())
    finally:
        for _config_file, process, log in running:  # with what they started (the search indexer)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            log.close()


def _start(config_file: Path, site_dir: Path, site_url: str | None, log: IO[str]) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PORTAL_SITE_URL", None)  # one address for several portals would be wrong
    if site_url:
        env["PORTAL_SITE_URL"] = site_url
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
               "--site-dir", str(site_dir)]
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def _write_index(folder: Path, built: list[Built], kiosk: bool) -> None:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    html = env.get_template("portals.html.j2").render(portals=built, kiosk=kiosk)
    (folder / "index.html").write_text(html, encoding="utf-8")


def _swap_into_place(new: Path, output: Path) -> None:
    """Two renames: at every moment ``output`` is the old build or the new one."""
    old = output.with_name(output.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    new.rename(output)
    shutil.rmtree(old, ignore_errors=True)
