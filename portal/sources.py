"""Reading the files editors and maintainers write: from inside the project
only, as UTF-8 text, with errors that name the file and the line.

A symbolic link is followed only when it stays inside the folder it is
read from (``content/``, ``data/``, a portal's own content): a link to
``/etc/passwd`` or to the project's ``.git/`` must never be published.
"""

from __future__ import annotations

from pathlib import Path

from portal.errors import PortalError, raise_all


def shown(path: Path, root: Path) -> str:
    """``path`` as an editor recognises it: relative to the project."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every link followed, is inside ``folder``."""
    return path.resolve().is_relative_to(folder.resolve())


def outside_error(path: Path, folder: Path, root: Path) -> PortalError:
    return PortalError("file_outside", file=shown(path, root), folder=shown(folder, root) + "/")


def files_under(folder: Path, root: Path) -> list[Path]:
    """Every file under ``folder``, sorted; links out of it are errors."""
    found, errors = [], []
    for path in sorted(folder.rglob("*")):
        if not inside(path, folder):
            errors.append(outside_error(path, folder, root))
        elif path.is_file():
            found.append(path)
    raise_all(errors)
    return found


def read_text(path: Path, shown_as: str) -> str:
    """The file as text; not UTF-8 is an error naming the first bad line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PortalError("file_unreadable", file=shown_as, problem=error.strerror or str(error)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PortalError("file_not_utf8", file=shown_as, line=line) from None
