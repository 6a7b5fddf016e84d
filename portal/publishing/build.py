"""Build every portal of the project, each into its own folder, as one step
that either succeeds whole or leaves the previous output untouched.

    site/city/   the umbrella portal (top-level mkdocs.yml)
    site/zone/   portals/zone/mkdocs.yml
    site/index.html   a page linking to each (for a host that serves them all, e.g. GitHub Pages)

Each portal is built by ``mkdocs build --strict`` in processes of its own (MkDocs
plugins keep state per build), as many at a time as there are cores: one
per portal, or, when there are fewer portals than cores, one per group of each
portal's languages (``--languages apart``; ``portal/publishing/parts.py``), merged once every
language is rendered and indexed. All read the clock once, here
(``PORTAL_NOW``): every process publishes the same items. MkDocs' warnings are shown and fail the
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

from portal.clock import now
from portal.errors import PortalError
from portal.publishing.deploy import check_complete
from portal.publishing.finish import seal
from portal.publishing.fonts import cache_for as font_cache_for
from portal.publishing.parts import LANGUAGES_VARIABLE, merge_parts
from portal.site.portals import PortalConfigFile, check_config_files

TEMPLATES = Path(__file__).parent / "templates"


class BuildFailed(PortalError):
    """A portal's build failed; MkDocs has printed why."""

    def __init__(self, config_file: str) -> None:
        super().__init__("build_failed", file=config_file)


#: How a portal's languages are rendered: in its one process ("together"), in groups, one process per
#: core ("apart"), or apart when there are fewer portals than cores ("auto").
LANGUAGE_MODES = ("auto", "together", "apart")


@dataclass(frozen=True)
class Job:
    """One ``mkdocs build`` process: a portal, or some of its languages (``languages``)."""

    config_file: Path
    site_dir: Path
    site_url: str | None
    languages: tuple[str, ...] = ()  # empty: every language, and the build is finished in the process


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
              only: tuple[str, ...] = (), languages: str = "auto") -> list[Built]:
    """Build into a fresh folder beside ``output``, then put it in place.
    ``only``: these portals' ids (one CI job per portal); default every one.
    ``languages``: one of :data:`LANGUAGE_MODES`."""
    if languages not in LANGUAGE_MODES:
        raise ValueError(f"languages: one of {', '.join(LANGUAGE_MODES)}, not {languages!r}")
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
    try:
        apart = _apart(languages, len(portals))
        jobs = {portal.id: _jobs(portal, staging, base_url, kiosk, apart) for portal in portals}
        _build_in_parallel([job for portal_jobs in jobs.values() for job in portal_jobs], root,
                           {**os.environ, "PORTAL_NOW": os.environ.get("PORTAL_NOW") or now().isoformat()})
        for portal_id, portal_jobs in jobs.items():
            if portal_jobs[0].languages:  # last, as in a build in one process (portal/publishing/finish.py)
                robots_for = merge_parts([job.site_dir for job in portal_jobs], staging / portal_id)
                seal(staging / portal_id, robots_for, font_cache_for(root))
        built = _write_index(staging, portals, kiosk)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_into_place(staging, output)
    return built


def _apart(mode: str, portals: int) -> bool:
    """Whether to render each portal's languages in separate processes: asked
    for, or cores to spare (fewer portals than cores). Measured on two cores
    (docs/publishing.md): one portal apart is as fast or faster at every size
    (1.35x at 80 pages per language, 1.6x at 1,000); two portals apart at once
    are slower (four processes on two cores)."""
    if mode != "auto":
        return mode == "apart"
    return portals < _cores()


def _cores() -> int:
    return max(1, os.cpu_count() or 1)


def _jobs(portal: PortalConfigFile, staging: Path, base_url: str | None, kiosk: bool, apart: bool) -> list[Job]:
    config_file = portal.kiosk_file if kiosk else portal.config_file
    assert config_file is not None
    site_url = site_url_for(portal, base_url, dict(os.environ))
    groups = language_groups(portal.languages, _cores()) if apart else []
    if len(groups) < 2:
        return [Job(config_file, staging / portal.id, site_url)]
    return [Job(config_file, staging / f"{portal.id}.{'-'.join(group)}", site_url, group) for group in groups]


def language_groups(languages: tuple[str, ...], cores: int) -> list[tuple[str, ...]]:
    """The languages in as many processes as there are cores, in their order
    (vi, en, lo on two cores: vi and en, then lo). More processes than cores
    would only wait: each also pays a fixed cost (reading the project, the
    i18n plugin's passes over every language)."""
    count = min(cores, len(languages))
    size, extra = divmod(len(languages), count)
    groups, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        groups.append(tuple(languages[start:end]))
        start = end
    return groups


def _build_in_parallel(jobs: list[Job], root: Path, environ: dict[str, str]) -> None:
    """The ``mkdocs build`` processes, as many at a time as there are cores
    (MkDocs uses one). Each one's messages are printed whole, in the jobs'
    order, so two builds' lines never mix; the first that fails stops the
    others (a shared page's error would otherwise be told twice)."""
    waiting = list(jobs)
    running: list[tuple[Job, subprocess.Popen, IO[str]]] = []
    try:
        while waiting or running:
            while waiting and len(running) < _cores():
                job = waiting.pop(0)
                log = tempfile.TemporaryFile("w+", encoding="utf-8")
                running.append((job, _start(job, log, environ), log))
            job, process, log = running.pop(0)
            process.wait()
            log.seek(0)
            print(f"== {job.config_file.relative_to(root)}"
                  + (f" ({', '.join(job.languages)})" if job.languages else ""), flush=True)
            print(log.read(), end="", flush=True)
            log.close()
            if process.returncode != 0:
                raise BuildFailed(job.config_file.relative_to(root).as_posix())
    finally:
        for _job, process, log in running:  # with what they started (the search indexer)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            log.close()


def _start(job: Job, log: IO[str], environ: dict[str, str]) -> subprocess.Popen:
    env = {**environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PORTAL_SITE_URL", None)  # one address for several portals would be wrong
    env.pop(LANGUAGES_VARIABLE, None)
    if job.site_url:
        env["PORTAL_SITE_URL"] = job.site_url
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(job.config_file),
               "--site-dir", str(job.site_dir)]
    if job.languages:  # the plugin renders only these languages' pages, by MkDocs' dirty build
        env[LANGUAGES_VARIABLE] = ",".join(job.languages)
        command.append("--dirty")
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)




def index_portals(root: Path, output: Path, kiosk: bool = False) -> list[Built]:
    """The page linking to every portal, for portals built by separate jobs
    (a CI matrix, one job per portal) and put together in ``output``: each
    portal of the project must be there, whole (its build manifest checked)."""
    portals = check_config_files(root)
    if kiosk:
        portals = [p for p in portals if p.kiosk_file]
    for portal in portals:
        check_complete(output / portal.id)
    return _write_index(output, portals, kiosk)


def _write_index(folder: Path, portals: list[PortalConfigFile], kiosk: bool) -> list[Built]:
    built = []
    for portal in portals:
        name = portal.chain.lookup(("site_name",))
        built.append(Built(portal.id, name.value if name is not None else portal.id, f"{portal.id}/"))
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    html = env.get_template("portals.html.j2").render(portals=built, kiosk=kiosk)
    (folder / "index.html").write_text(html, encoding="utf-8")
    return built


def _swap_into_place(new: Path, output: Path) -> None:
    """Two renames: at every moment ``output`` is the old build or the new one."""
    old = output.with_name(output.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    new.rename(output)
    shutil.rmtree(old, ignore_errors=True)
