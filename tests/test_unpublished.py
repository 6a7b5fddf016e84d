"""Nothing unpublished gets out: canary strings planted in unpublished items
of every kind, in every layer (shared content, a portal's own content, data,
images and attachments), are searched for in every output file of every
portal and of the kiosk copy, the search index decompressed, after a preview
of the same project has run (it shows drafts, in its own folder)."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time
import urllib.request
import zlib
from pathlib import Path

import pytest

from conftest import build_portals, copy_project

NOW = "2026-12-01T09:00:00+07:00"
#: Seen in published items: the search below must find it everywhere, or it proves nothing.
VISIBLE = "visiblemarker"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _png(note: str) -> bytes:
    """A one-pixel PNG carrying ``note`` in a text chunk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    pixel = zlib.compress(b"\x00\xff\x00\x00")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"tEXt", b"Comment\x00" + note.encode())
            + chunk(b"IDAT", pixel) + chunk(b"IEND", b""))


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def plant(project: Path) -> None:
    """One unpublished item of every kind in every layer, each with its canary."""
    content, zone, data = project / "content", project / "portals/zone/content", project / "data"
    # Shared content: a draft news item with a front matter image and an image used only in its text...
    (content / "attachments/canary-front-image.png").write_bytes(_png("CANARY-FRONT-IMAGE"))
    _write(content / "attachments/canary-body-image.svg",
           '<svg xmlns="http://www.w3.org/2000/svg"><text>CANARY-BODY-IMAGE</text></svg>\n')
    _write(content / "vi/news/2026-11-30-canary-draft.md",
           "---\ntitle: CANARY-DRAFT-NEWS\ndate: 2026-11-30\ncategory: investment\ntags: [canary-tag]\n"
           "summary: CANARY-DRAFT-SUMMARY\nimage: attachments/canary-front-image.png\nimage_alt: ảnh\n"
           "portals: [zone, thanh-mien]\ndraft: true\n---\n\nCANARY-DRAFT-BODY ![ảnh](../../attachments/canary-body-image.svg)\n")
    # ...whose translation is not a draft itself, but is not published before its source.
    _write(content / "en/news/2026-11-30-canary-draft.md",
           "---\ntitle: CANARY-TRANSLATION-OF-DRAFT\ndate: 2026-11-30\ncategory: investment\nportals: [zone, thanh-mien]\n---\n\n"
           "CANARY-TRANSLATION-BODY\n")
    # An embargoed event (no page, no listing, no calendar file) and an embargoed press release in Lao.
    _write(content / "vi/events/2027-06-canary-embargo.md",
           "---\ntitle: CANARY-EMBARGO-EVENT\ndate: 2026-11-01\nstart: 2027-06-01\nplace: CANARY-PLACE\n"
           "organiser: CANARY-ORGANISER\npublish_date: 2026-12-01T09:00:01\n---\n\nCANARY-EMBARGO-BODY\n")
    _write(content / "vi/press/2026-11-30-canary-press.md",
           "---\ntitle: CANARY-EMBARGO-PRESS\ndate: 2026-11-30\npublish_date: 2027-01-01\n---\n\nCANARY\n")
    _write(content / "lo/press/2026-11-30-canary-press.md",
           "---\ntitle: CANARY-LAO-OF-EMBARGOED\ndate: 2026-11-30\n---\n\nCANARY-LAO\n")
    # An internal document and the attachment only it uses; an internal clarification.
    _write(content / "attachments/canary-internal.txt", "CANARY-INTERNAL-ATTACHMENT\n")
    _write(content / "vi/documents/2026-canary-internal.md",
           "---\ntitle: CANARY-INTERNAL-DOCUMENT\ndate: 2026-01-02\nnumber: 01/NB\nissuer: CANARY-ISSUER\n"
           "file: attachments/canary-internal.txt\nvisibility: internal\nportals: [zone, thanh-mien]\n---\n\nCANARY\n")
    _write(content / "en/clarifications/2026-canary.md",
           "---\ntitle: CANARY-CLARIFICATION\ndate: 2026-11-02\nclaim: CANARY-CLAIM\nverdict: \"false\"\n"
           "sources:\n  - title: CANARY-SOURCE\n    url: https://canary.example/\ndraft: true\n---\n\nCANARY\n")
    # A draft plain page.
    _write(content / "en/canary-page.md", "---\ntitle: CANARY-DRAFT-PAGE\ndraft: true\n---\n\n# CANARY-DRAFT-PAGE\n")
    # A portal's own content: a draft news item, an internal page and the image only it uses.
    (zone / "assets/images/canary-zone.png").write_bytes(_png("CANARY-ZONE-IMAGE"))
    _write(zone / "vi/news/2026-11-29-canary-zone.md",
           "---\ntitle: CANARY-ZONE-DRAFT\ndate: 2026-11-29\ndraft: true\n---\n\nCANARY-ZONE-BODY\n")
    _write(zone / "en/canary-zone-internal.md",
           "---\ntitle: CANARY-ZONE-INTERNAL\nvisibility: internal\n---\n\n![x](../assets/images/canary-zone.png)\n")
    # Data: a zone under embargo (with its park and a photo only it uses), a draft project, an internal
    # incentive, an internal plan.
    (content / "assets/photos/canary-data.png").parent.mkdir(parents=True, exist_ok=True)
    (content / "assets/photos/canary-data.png").write_bytes(_png("CANARY-DATA-PHOTO"))
    _append(data / "zones.yml", "\n- slug: canary-zone\n  portals: [zone, thanh-mien]\n  publish_date: 2027-01-01\n"
            "  name: {vi: CANARY-DATA-ZONE}\n  location: {vi: CANARY-DATA-LOCATION}\n"
            "  photos:\n    - src: assets/photos/canary-data.png\n      alt: {vi: CANARY-DATA-ALT}\n")
    _append(data / "parks.yml", "\n- slug: canary-park\n  zone: canary-zone\n  name: {vi: CANARY-DATA-PARK}\n"
            "  location: {vi: CANARY-PARK-LOCATION}\n")
    _append(data / "projects.yml", "\n- code: canary-project\n  name: {vi: CANARY-DATA-PROJECT}\n  sector: energy\n"
            "  zone: ven-bien-phia-nam\n  location: {vi: CANARY}\n  form: fdi\n  summary: {vi: CANARY-PROJECT-SUMMARY}\n"
            "  draft: true\n")
    _append(data / "incentives.yml", "\n- slug: canary-incentive\n  portals: [zone, thanh-mien]\n  visibility: internal\n"
            "  title: {vi: CANARY-DATA-INCENTIVE}\n  description: {vi: CANARY}\n  eligibility: {vi: CANARY}\n"
            "  legal_basis: {number: CANARY/2026, date: 2026-01-01}\n")
    _write(data / "plans/canary-plan.yml",
           "slug: canary-plan\nnumber: CANARY/KH\ndate: 2026-01-01\nissuer: {vi: CANARY}\ntitle: {vi: CANARY-DATA-PLAN}\n"
           "summary: {vi: CANARY}\ntotal_million_vnd: 1\ntasks:\n  - number: '1'\n    title: {vi: CANARY-TASK}\n"
           "    budget_million_vnd: 1\nvisibility: internal\n")
    # Published, with the control marker: the search below must find it.
    _write(content / f"vi/news/2026-11-28-{VISIBLE}.md",
           f"---\ntitle: Tin {VISIBLE}\ndate: 2026-11-28\nportals: [zone, thanh-mien]\n---\n\nNội dung {VISIBLE}.\n")


def _serve_preview(project: Path, env: dict) -> None:
    """Run `portal serve` (the preview shows drafts) until its first build is done, then stop it."""
    preview = subprocess.Popen([sys.executable, "-m", "portal.cli", "serve", "--dev-addr", "127.0.0.1:8931"],
                               cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen("http://127.0.0.1:8931/news/2026-11-30-canary-draft/") as page:
                    assert b"CANARY-DRAFT-BODY" in page.read()  # the preview shows the draft
                    return
            except OSError:
                time.sleep(0.5)
        pytest.fail("the preview did not start")
    finally:
        os.killpg(preview.pid, 15)
        preview.wait()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("canaries"))
    (project / "scripts").mkdir()
    for script in ("build.py",):
        (project / "scripts" / script).write_text((Path(__file__).parent.parent / "scripts" / script).read_text())
    plant(project)
    env = {**os.environ, "PORTAL_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    _serve_preview(project, env)
    assert any(project.glob(".cache/portal/preview/mkdocs/vi/news/2026-11-30-canary-draft.md"))
    result = build_portals(project, project / "site", env={"PORTAL_NOW": NOW})
    assert result.returncode == 0, result.stdout + result.stderr
    kiosk = build_portals(project, project / "kiosk", "--kiosk", env={"PORTAL_NOW": NOW})
    assert kiosk.returncode == 0, kiosk.stdout + kiosk.stderr
    return {"site": project / "site", "kiosk": project / "kiosk"}


def _readable(path: Path) -> bytes:
    """The file's bytes, decompressed (sitemap.xml.gz, Pagefind's gzipped index and fragments)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def _everything(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): _readable(p) for p in sorted(folder.rglob("*")) if p.is_file()}


#: The portals each build holds (the zone portal has no kiosk copy).
PORTALS = {"site": ("city", "thanh-mien", "zone"), "kiosk": ("city",)}


@pytest.mark.parametrize("build", ["site", "kiosk"])
def test_no_canary_in_any_output_of_any_portal(outputs, build):
    found = _everything(outputs[build])
    assert {f"{portal}/index.html" for portal in PORTALS[build]} <= set(found)
    leaks = sorted(f"{name}: {data.lower().count(b'canary')}" for name, data in found.items()
                   if b"canary" in data.lower() or "canary" in name.lower())
    assert leaks == []


@pytest.mark.parametrize("build", ["site", "kiosk"])
def test_the_search_would_see_a_published_item_everywhere(outputs, build):
    """The control: the published marker is in the pages, the feed and the search
    index of both portals, so the search above looks where a leak would be."""
    found = _everything(outputs[build])
    for portal in PORTALS[build]:
        holding = {name.split("/")[1] for name, data in found.items()
                   if name.startswith(f"{portal}/") and VISIBLE.encode() in data.lower()}
        assert {"news", "pagefind", "feed.xml", "sitemap.xml"} <= holding, (portal, holding)


def test_what_is_published_is_still_there(outputs):
    site = outputs["site"]
    assert (site / "city/invest/zones/dinh-vu-cat-hai/index.html").is_file()
    assert (site / "city/attachments/04-KH-UBND-2019.txt").is_file()
    assert (site / "zone/assets/images/logo-heza.svg").is_file()
    assert (site / "city/events/2027-05-red-flamboyant-festival.ics").is_file()
