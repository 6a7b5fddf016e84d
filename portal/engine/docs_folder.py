"""The folder MkDocs reads pages from: the editors' ``content/`` plus the
generated data pages, merged in ``.cache/portal/docs/``.

MkDocs and mkdocs-static-i18n only know pages that are files in one docs
folder; generated pages must never be written into ``content/`` (nor
committed). Files are copied only when they changed, so that ``mkdocs serve``,
which watches the folder, is not woken up by a rebuild.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from portal.generation.rendering import GeneratedFile, write

CACHE = Path(".cache/portal/docs")


def assemble(
    content_dir: Path, generated: list[GeneratedFile], target: Path, leave_out: frozenset[str] | set[str] = frozenset()
) -> None:
    """Make ``target`` hold exactly ``content_dir``'s files, but those in
    ``leave_out`` (paths inside ``content_dir``), plus ``generated``."""
    wanted: set[Path] = set()
    for source in content_dir.rglob("*"):
        if source.is_file():
            relative = source.relative_to(content_dir)
            if relative.as_posix() in leave_out:
                continue
            wanted.add(relative)
            _copy_if_changed(source, target / relative)
    for file in generated:
        wanted.add(Path(file.path))
    write(generated, target)
    for path in sorted(target.rglob("*"), reverse=True):  # children before their folders
        relative = path.relative_to(target)
        if path.is_file() and relative not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _copy_if_changed(source: Path, destination: Path) -> None:
    if destination.is_file() and destination.read_bytes() == source.read_bytes():
        return
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)
