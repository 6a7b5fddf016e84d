"""Deploy a built site to a static host with rsync, switching atomically.

The host serves ``<target>/current``, a symbolic link. On the host::

    current -> releases/<name>   what readers see
    releases/<name>/             complete, verified releases only
    incoming/<name>/             an upload in progress (or one that failed)
    .deploy.lock/                present while a deploy runs

A deploy refuses a build that is not whole (its ``_build-manifest.json``,
the last file a build writes, is missing, or a file differs from it). It
takes the lock (``mkdir`` is atomic: a second deploy at the same time stops
at once), uploads into ``incoming/<name>/`` (hard-linking files that did not
change since the live release, so uploads stay small), checks the upload
byte for byte, moves it into ``releases/`` in one rename, then replaces
``current`` by renaming a new link over it: a reader sees the old site or
the new one, never half of one. A release name is never reused (``-2``,
``-3``... is added). Only complete releases are pruned, the live one never;
failed uploads are cleaned from ``incoming/``.

``target`` is a local folder or ``user@host:/path`` (commands run over ssh).
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from portal.errors import ERROR_LANGUAGES, PortalError
from portal.i18n import t
from portal.publishing.headers import HEADERS_FILE, MANIFEST_FILE, NGINX_FILE

RELEASES = "releases"
INCOMING = "incoming"
CURRENT = "current"
LOCK = ".deploy.lock"
#: Files every complete build has (besides those its manifest lists).
REQUIRED = ("index.html", "sitemap.xml", HEADERS_FILE, NGINX_FILE, "pagefind/pagefind.js")


class DeployError(PortalError):
    """A deploy that did not happen; ``current`` is as it was."""


@dataclass(frozen=True)
class Target:
    host: str | None  # None: a local folder
    path: str

    @classmethod
    def parse(cls, text: str) -> Target:
        host, sep, path = text.partition(":")
        if sep and "/" not in host:  # user@host:/path
            return cls(host, path)
        return cls(None, text)

    def run(self, command: str, check: bool = True) -> subprocess.CompletedProcess:
        """A shell command in the target folder, here or on the host."""
        full = f"cd {shlex.quote(self.path)} && {command}"
        argv = ["sh", "-c", full] if self.host is None else ["ssh", self.host, full]
        return subprocess.run(argv, check=check, capture_output=True, text=True)

    def output(self, command: str) -> str:
        return self.run(command).stdout.strip()

    def rsync_path(self, relative: str) -> str:
        path = f"{self.path.rstrip('/')}/{relative}"
        return path if self.host is None else f"{self.host}:{path}"


def check_complete(site: Path) -> None:
    """Refuse a build that is not whole: no manifest (the build did not
    finish), a file it lists missing or changed, or a required file absent."""
    manifest_file = site / MANIFEST_FILE
    if not manifest_file.is_file():
        raise DeployError("deploy_incomplete", file=str(site), value=MANIFEST_FILE)
    listed = json.loads(manifest_file.read_text(encoding="utf-8"))
    for name in REQUIRED:
        if name not in listed:
            raise DeployError("deploy_incomplete", file=str(site), value=name)
    for name, facts in listed.items():
        path = site / name
        if not path.is_file():
            raise DeployError("deploy_incomplete", file=str(site), value=name)
        data = path.read_bytes()
        if len(data) != facts["size"] or hashlib.sha256(data).hexdigest() != facts["sha256"]:
            raise DeployError("deploy_changed", file=str(site), value=name)


def deploy(site: Path, target_text: str, release: str, keep: int = 5) -> str:
    """Upload ``site`` as release ``release`` (or ``release-2``... if that
    name was used) and switch to it; return the release's path on the target."""
    check_complete(site)
    target = Target.parse(target_text)
    _make_folders(target)
    _lock(target)
    try:
        name = _free_name(target, release)
        incoming, new = f"{INCOMING}/{name}", f"{RELEASES}/{name}"
        previous = target.output(f"readlink {CURRENT} || true")
        link_dest = [f"--link-dest=../../{previous}"] if previous else []
        _rsync(site, target.rsync_path(incoming), link_dest)
        # The upload is whole: the same files, byte for byte (rsync's dry run lists none to send).
        pending = subprocess.run(["rsync", "-a", "--checksum", "--dry-run", "--itemize-changes", "--delete",
                                  f"{site}/", target.rsync_path(incoming) + "/"], capture_output=True, text=True)
        if pending.returncode != 0 or pending.stdout.strip():
            raise DeployError("deploy_upload_differs", file=target_text, value=name)
        # rsync gave it the build's time; releases are pruned by the time they went live.
        target.run(f"touch {shlex.quote(incoming)} && mv {shlex.quote(incoming)} {shlex.quote(new)}")
        headers_changed = bool(previous) and target.output(
            f"cmp -s {shlex.quote(previous)}/{NGINX_FILE} {shlex.quote(new)}/{NGINX_FILE} || echo changed"
        ) == "changed"
        # Atomic switch: a new link, renamed over the old one (rename(2) replaces it in one step).
        target.run(f"ln -sfn {shlex.quote(new)} {CURRENT}.new && mv -Tf {CURRENT}.new {CURRENT}")
        _prune(target, keep)
    finally:
        target.run(f"rm -rf {LOCK}", check=False)
    if headers_changed:
        print(" / ".join(t(code, "editor.nginx_changed", file=NGINX_FILE) for code in ERROR_LANGUAGES))
    return new


def _make_folders(target: Target) -> None:
    command = f"mkdir -p {shlex.quote(target.path)}/{RELEASES} {shlex.quote(target.path)}/{INCOMING}"
    argv = ["sh", "-c", command] if target.host is None else ["ssh", target.host, command]
    subprocess.run(argv, check=True, capture_output=True)


def _lock(target: Target) -> None:
    """Take the target's lock, or refuse: another deploy is running. A lock
    left by a deploy of this machine that is no longer running is taken over."""
    owner = f"{socket.gethostname()} {os.getpid()}"
    for _attempt in range(2):
        if target.run(f"mkdir {LOCK} && echo {shlex.quote(owner)} > {LOCK}/owner", check=False).returncode == 0:
            return
        holder = target.run(f"cat {LOCK}/owner", check=False).stdout.strip()
        if not _stale(holder):
            raise DeployError("deploy_locked", file=target.rsync_path(LOCK), value=holder or "?")
        target.run(f"rm -rf {LOCK}", check=False)
    raise DeployError("deploy_locked", file=target.rsync_path(LOCK), value="?")


def _stale(holder: str) -> bool:
    """Whether the lock's holder is a deploy of this machine that has ended."""
    host, _, pid = holder.partition(" ")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _free_name(target: Target, release: str) -> str:
    """``release``, or ``release-2``, ``release-3``... : never a name already used."""
    used = set(target.output(f"ls -1 {RELEASES}").split())
    name, number = release, 1
    while name in used:
        number += 1
        name = f"{release}-{number}"
    return name


def _rsync(site: Path, destination: str, link_dest: list[str]) -> None:
    result = subprocess.run(["rsync", "-a", "--delete", "--checksum", *link_dest, f"{site}/", destination + "/"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise DeployError("deploy_upload_failed", file=destination, problem=result.stderr.strip()[-300:])


def _prune(target: Target, keep: int) -> None:
    """Keep the newest ``keep`` releases and the live one; clear failed uploads."""
    live = target.output(f"readlink {CURRENT} || true").removeprefix(f"{RELEASES}/")
    newest_first = target.output(f"ls -1t {RELEASES}").split()
    for name in newest_first[max(keep, 1):]:
        if name != live:
            target.run(f"rm -rf {shlex.quote(RELEASES + '/' + name)}")
    target.run(f"rm -rf {INCOMING}/* {INCOMING}/.[!.]*", check=False)
