"""The deploy script uploads a complete build, then switches to it in one
step. An incomplete build, a failed, interrupted, repeated or concurrent
deploy leaves the published site (``current``) whole and as it was."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, folder_files
from portal.errors import PortalError
from portal.publishing.deploy import deploy
from portal.publishing.headers import write_build_files


def releases(target: Path) -> list[str]:
    return sorted(p.name for p in (target / "releases").iterdir())


def live(target: Path) -> str:
    return os.readlink(target / "current")


@pytest.fixture(scope="module")
def builds(site, tmp_path_factory):
    """Two complete builds: the real site, and one with another home page."""
    other = tmp_path_factory.mktemp("other") / "site"
    shutil.copytree(site, other)
    (other / "index.html").write_text("<!doctype html><title>new</title>", encoding="utf-8")
    write_build_files(other)  # a build writes its manifest last
    return site, other


def test_deploys_switch_atomically_and_keep_releases(builds, tmp_path):
    site, changed = builds
    target = tmp_path / "host"
    deploy(site, str(target), "r1", keep=2)
    current = target / "current"
    assert current.is_symlink() and live(target) == "releases/r1"
    assert folder_files(current) == folder_files(site)

    deploy(changed, str(target), "r2", keep=2)
    assert live(target) == "releases/r2"
    assert folder_files(current) == folder_files(changed)
    # Unchanged files are hard links to the previous release's: small uploads.
    assert (target / "releases/r2/sitemap.xml").stat().st_ino == (target / "releases/r1/sitemap.xml").stat().st_ino

    deploy(site, str(target), "r3", keep=2)
    assert releases(target) == ["r2", "r3"]
    assert list((target / "incoming").iterdir()) == []


@pytest.mark.parametrize(("damage", "key", "value"), [
    (lambda s: (s / "_build-manifest.json").unlink(), "deploy_incomplete", "_build-manifest.json"),
    (lambda s: (s / "sitemap.xml").unlink(), "deploy_incomplete", "sitemap.xml"),
    (lambda s: shutil.rmtree(s / "pagefind"), "deploy_incomplete", "pagefind/"),
    (lambda s: (s / "_headers").write_text("/*\n", encoding="utf-8"), "deploy_changed", "_headers"),
    (lambda s: (s / "en/index.html").write_bytes(b""), "deploy_changed", "en/index.html"),
])
def test_an_incomplete_or_changed_build_is_not_published(builds, tmp_path, damage, key, value):
    site, _changed = builds
    target = tmp_path / "host"
    deploy(site, str(target), "r1")
    broken = tmp_path / "broken"
    shutil.copytree(site, broken)
    damage(broken)
    with pytest.raises(PortalError) as caught:
        deploy(broken, str(target), "r2")
    expected = value if value != "pagefind/" else min(p for p in folder_files(site) if p.startswith("pagefind/"))
    assert (caught.value.key, caught.value.params["value"]) == (key, expected)
    assert "vi: " in str(caught.value) and "en: " in str(caught.value)
    assert live(target) == "releases/r1" and releases(target) == ["r1"]


def test_a_release_name_is_never_reused(builds, tmp_path):
    site, changed = builds
    target = tmp_path / "host"
    deploy(site, str(target), "abc123")
    before = folder_files(target / "releases/abc123")
    assert deploy(changed, str(target), "abc123") == "releases/abc123-2"
    assert deploy(site, str(target), "abc123") == "releases/abc123-3"
    assert folder_files(target / "releases/abc123") == before  # the live folder was never written into
    assert live(target) == "releases/abc123-3"


def _fake_rsync(folder: Path, body: str) -> dict[str, str]:
    """An environment whose `rsync` fails (or dawdles) as ``body`` says, after the real one copied some files."""
    folder.mkdir()
    script = folder / "rsync"
    real = shutil.which("rsync")
    script.write_text(f"#!/bin/sh\n{body.format(rsync=real)}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"}


def _deploy_command(site: Path, target: Path, release: str, keep: int = 5) -> list[str]:
    return [sys.executable, str(ROOT / "scripts/deploy.py"), str(site), str(target), "--release", release,
            "--keep", str(keep)]


def test_failed_uploads_are_not_releases_and_never_cost_a_good_one(builds, tmp_path):
    site, changed = builds
    target = tmp_path / "host"
    deploy(site, str(target), "good-1", keep=2)
    deploy(changed, str(target), "good-2", keep=2)
    # Copies the small files only, then fails like a dropped connection.
    failing = _fake_rsync(tmp_path / "bin", '{rsync} --max-size=2k "$@"; exit 23')
    for number in range(4):
        result = subprocess.run(_deploy_command(changed, target, f"bad-{number}", keep=2), env=failing,
                                capture_output=True, text=True)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "The upload failed" in result.stderr and "Tải lên thất bại" in result.stderr
        assert live(target) == "releases/good-2" and folder_files(target / "current") == folder_files(changed)
    assert releases(target) == ["good-1", "good-2"]  # four failures pruned nothing
    deploy(site, str(target), "good-3", keep=2)
    assert releases(target) == ["good-2", "good-3"]
    assert list((target / "incoming").iterdir()) == []  # the failed uploads are cleared


def test_concurrent_deploys_cannot_interleave(builds, tmp_path):
    site, changed = builds
    target = tmp_path / "host"
    deploy(site, str(target), "first", keep=1)
    slow = _fake_rsync(tmp_path / "bin", "sleep 2; exec {rsync} \"$@\"")
    racers = [subprocess.Popen(_deploy_command(build, target, name, keep=1), env=slow, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
              for build, name in ((changed, "a"), (site, "b"))]
    outcomes = [(racer.wait(timeout=120), racer.stderr.read()) for racer in racers]
    assert sorted(code for code, _err in outcomes) == [0, 1]
    refused = next(err for code, err in outcomes if code == 1)
    assert "Another deploy to this target is running" in refused and "Đang có một lần triển khai khác" in refused
    winner = "releases/a" if outcomes[0][0] == 0 else "releases/b"
    assert live(target) == winner and releases(target) == [winner.split("/")[1]]
    assert folder_files(target / "current") == folder_files(changed if winner == "releases/a" else site)
    assert not (target / ".deploy.lock").exists()


def test_an_interrupted_deploy_leaves_current_whole_and_the_next_one_goes_through(builds, tmp_path):
    site, changed = builds
    target = tmp_path / "host"
    deploy(site, str(target), "r1")
    slow = _fake_rsync(tmp_path / "bin", "exec {rsync} --bwlimit=200 \"$@\"")  # 200 KB/s: a long upload
    deploying = subprocess.Popen(_deploy_command(changed, target, "r2"), env=slow, start_new_session=True)
    deadline = time.monotonic() + 30
    while not any((target / "incoming").rglob("*.html")) and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(deploying.pid, signal.SIGKILL)  # the machine is switched off mid-upload
    deploying.wait()
    assert any((target / "incoming").rglob("*.html"))  # it was interrupted during the upload
    assert live(target) == "releases/r1" and folder_files(target / "current") == folder_files(site)
    assert releases(target) == ["r1"]
    # The lock it left belongs to a process of this machine that has ended: the next deploy takes it over.
    assert deploy(changed, str(target), "r2") == "releases/r2"
    assert folder_files(target / "current") == folder_files(changed)
    assert list((target / "incoming").iterdir()) == []


def test_a_changed_nginx_snippet_is_announced_in_both_languages(builds, tmp_path, capsys):
    import json

    from portal.publishing.headers import MANIFEST_FILE, NGINX_FILE, manifest

    site, _changed = builds
    target = tmp_path / "host"
    deploy(site, str(target), "r1")
    assert capsys.readouterr().out == ""  # the first release: nothing to reload
    other = tmp_path / "other"
    shutil.copytree(site, other)
    (other / NGINX_FILE).write_text((site / NGINX_FILE).read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    (other / MANIFEST_FILE).write_text(json.dumps(manifest(other), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    deploy(other, str(target), "r2")
    assert capsys.readouterr().out == (
        f"{NGINX_FILE} đã thay đổi: nạp lại nginx nếu cấu hình nginx dùng tệp này (nginx -s reload). / "
        f"{NGINX_FILE} changed: reload nginx if its configuration includes that file (nginx -s reload).\n")
