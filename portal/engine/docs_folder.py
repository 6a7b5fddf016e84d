"""The folder MkDocs reads pages from: the editors' ``content/``, a portal's
own content laid over it, and the generated pages, merged in
``.cache/portal/docs/`` beside the portal's config file.

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


def assemble(layers: list[tuple[Path, set[str]]], generated: list[GeneratedFile], target: Path) -> None:
    """Make ``target`` hold exactly the files of each layer, but those it
    leaves out (``(folder, paths inside it to leave out)``; a later layer's
    file replaces an earlier one's), plus ``generated``."""
    chosen: dict[Path, Path] = {}
    for folder, leave_out in layers:
        for source in folder.rglob("*"):
            relative = source.relative_to(folder)
            if source.is_file() and relative.as_posix() not in leave_out:
                chosen[relative] = source
    wanted: set[Path] = set(chosen)
    for relative, source in sorted(chosen.items()):
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
