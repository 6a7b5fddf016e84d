"""Deploy a built site to a static host with rsync, switching atomically.

The host serves ``<target>/current``, a symbolic link. Each deploy uploads
the complete build to ``<target>/releases/<id>/`` (hard-linking files that
did not change since the previous release, so uploads stay small), checks it
arrived whole, and only then replaces ``current`` by renaming a new link over
it: a reader sees the old site or the new one, never half of one. A failed
upload leaves ``current`` as it was. The last ``keep`` releases stay, for a
rollback (point ``current`` at an older one).

``target`` is a local folder or ``user@host:/path`` (commands run over ssh).
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from portal.publishing.headers import NGINX_FILE

RELEASES = "releases"
CURRENT = "current"


@dataclass(frozen=True)
class Target:
    host: str | None  # None: a local folder
    path: str

    @classmethod
    def parse(cls, text: str) -> "Target":
        host, sep, path = text.partition(":")
        if sep and "/" not in host:  # user@host:/path
            return cls(host, path)
        return cls(None, text)

    def run(self, command: str) -> str:
        """A shell command in the target folder, here or on the host."""
        full = f"cd {shlex.quote(self.path)} && {command}"
        argv = ["sh", "-c", full] if self.host is None else ["ssh", self.host, full]
        return subprocess.run(argv, check=True, capture_output=True, text=True).stdout

    def rsync_path(self, relative: str) -> str:
        path = f"{self.path.rstrip('/')}/{relative}"
        return path if self.host is None else f"{self.host}:{path}"


def deploy(site: Path, target_text: str, release: str, keep: int = 5) -> str:
    """Upload ``site`` as release ``release`` and switch to it; return its path."""
    if not (site / "index.html").is_file() or not (site / "sitemap.xml").is_file():
        raise SystemExit(f"{site} is not a complete build (no index.html or sitemap.xml): nothing deployed")
    target = Target.parse(target_text)
    if target.host is None:
        Path(target.path, RELEASES).mkdir(parents=True, exist_ok=True)
    else:
        subprocess.run(["ssh", target.host, f"mkdir -p {shlex.quote(target.path)}/{RELEASES}"], check=True)
    new = f"{RELEASES}/{release}"
    previous = target.run(f"readlink {CURRENT} || true").strip()
    link_dest = [f"--link-dest=../{Path(previous).name}"] if previous else []
    subprocess.run(["rsync", "-a", "--delete", "--checksum", *link_dest, f"{site}/", target.rsync_path(new) + "/"],
                   check=True)
    # The upload is whole: the same files, byte for byte (rsync's dry run lists none to send).
    pending = subprocess.run(["rsync", "-a", "--checksum", "--dry-run", "--itemize-changes", "--delete",
                              f"{site}/", target.rsync_path(new) + "/"], check=True, capture_output=True, text=True)
    if pending.stdout.strip():
        raise SystemExit(f"release {new} differs from {site} after upload; 'current' not switched")
    headers_changed = bool(previous) and target.run(
        f"cmp -s {shlex.quote(previous)}/{NGINX_FILE} {shlex.quote(new)}/{NGINX_FILE} || echo changed"
    ).strip() == "changed"
    # Atomic switch: a new link, renamed over the old one (rename(2) replaces it in one step).
    target.run(f"ln -sfn {shlex.quote(new)} {CURRENT}.new && mv -Tf {CURRENT}.new {CURRENT}")
    target.run(f"touch {shlex.quote(new)}")  # rsync gave it the build's time; releases are pruned by deploy time
    newest_first = target.run(f"ls -1t {RELEASES}").split()
    for name in newest_first[max(keep, 1):]:
        if f"{RELEASES}/{name}" != new:
            target.run(f"rm -rf {shlex.quote(RELEASES + '/' + name)}")
    if headers_changed:
        print(f"{NGINX_FILE} changed: reload nginx if it includes that file (the new pages need its script hashes)")
    return new
