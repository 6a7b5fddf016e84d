"""The deploy script uploads a complete build, then switches to it in one
step; a failed or incomplete deploy leaves the published site as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.publishing.deploy import deploy


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_deploys_switch_atomically_and_keep_releases(site, tmp_path):
    target = tmp_path / "host"
    deploy(site, str(target), "r1", keep=2)
    current = target / "current"
    assert current.is_symlink() and current.resolve() == (target / "releases/r1").resolve()
    assert files(current) == files(site)

    changed = tmp_path / "changed"
    shutil.copytree(site, changed)
    (changed / "index.html").write_text("<!doctype html><title>new</title>", encoding="utf-8")
    deploy(changed, str(target), "r2", keep=2)
    assert current.resolve() == (target / "releases/r2").resolve()
    assert files(current) == files(changed)
    # Unchanged files are hard links to the previous release's: small uploads.
    assert (target / "releases/r2/sitemap.xml").stat().st_ino == (target / "releases/r1/sitemap.xml").stat().st_ino

    deploy(site, str(target), "r3", keep=2)
    assert sorted(p.name for p in (target / "releases").iterdir()) == ["r2", "r3"]


def test_an_incomplete_build_is_not_published(site, tmp_path):
    target = tmp_path / "host"
    deploy(site, str(target), "r1")
    broken = tmp_path / "broken"
    shutil.copytree(site, broken)
    (broken / "sitemap.xml").unlink()
    with pytest.raises(SystemExit, match="not a complete build"):
        deploy(broken, str(target), "r2")
    assert (target / "current").resolve() == (target / "releases/r1").resolve()
    assert not (target / "releases/r2").exists()
