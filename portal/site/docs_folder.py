"""The folder MkDocs reads pages from: exactly the files a build publishes
(portal/site/selection.py: the editors' pages and files, a portal's own
laid over them) plus the generated pages.

MkDocs and mkdocs-static-i18n only know pages that are files in one docs
folder; generated pages must never be written into ``content/`` (nor
committed). Files are copied only when they changed, so that ``mkdocs serve``,
which watches the folder, is not woken up by a rebuild.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from portal.generation.rendering import GeneratedFile, write

#: The preview's folder (`mkdocs serve`), beside the portal's config file, one per config file.
#: A build never reads it: it writes a fresh folder of its own (plugin.py).
PREVIEW = Path(".cache/portal/preview")


def write_docs_folder(files: dict[str, Path], generated: list[GeneratedFile], target: Path) -> None:
    """Make ``target`` hold exactly ``files`` (relative path -> source) and
    ``generated``, and nothing else."""
    wanted = {Path(relative) for relative in files} | {Path(file.path) for file in generated}
    for relative, source in sorted(files.items()):
        _copy_if_changed(source, target / relative)
    write(generated, target)
    for path in sorted(target.rglob("*"), reverse=True):  # children before their folders
        relative = path.relative_to(target)
        if (path.is_file() or path.is_symlink()) and relative not in wanted:
            path.unlink()
        elif path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()


def _copy_if_changed(source: Path, destination: Path) -> None:
    data = source.read_bytes()
    if destination.is_file() and not destination.is_symlink() and destination.read_bytes() == data:
        return
    destination.parent.mkdir(parents=True, exist_ok=True)
    if destination.is_symlink():
        destination.unlink()
    destination.write_bytes(data)
