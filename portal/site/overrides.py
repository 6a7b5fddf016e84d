"""A locality's own templates and interface strings, without forking the package.

Looked up nearest first: the portal's folder (``portals/<id>/``), then the
project, then the package:

- ``templates/<name>.j2`` replaces one of ``portal/generation/templates/``
  (a data page, a listing, a feed, the article header...);
- ``i18n/<lang>.yml`` replaces some strings of ``portal/i18n/<lang>.yml``,
  key by key (only keys the package has: a typo would change nothing);
- ``overrides/`` holds theme templates (the site engine's adapter puts the
  portal's folder in front of the project's ``theme.custom_dir``).

One build is one portal, and the string and template lookups are called
from everywhere, so :meth:`Overrides.activate` sets them for the process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal import i18n
from portal.errors import PortalError
from portal.generation import rendering
from portal.sources import inside, read_text, shown
from portal.yamlfile import parse


@dataclass(frozen=True)
class Overrides:
    folders: tuple[Path, ...]  # the portal's folder, then the project (one folder if they are the same)
    root: Path  # the project, for the file names errors show

    @classmethod
    def of(cls, config_file: Path, root: Path) -> Overrides:
        folders = tuple(dict.fromkeys((config_file.resolve().parent, root.resolve())))
        return cls(folders, root.resolve())

    def dirs(self, name: str) -> tuple[Path, ...]:
        """``templates``, ``i18n`` or ``overrides`` folders that exist, nearest first."""
        return tuple(folder / name for folder in self.folders if (folder / name).is_dir())

    def check(self) -> list[PortalError]:
        """Every override must be inside the project and replace something of
        ours, in a known language."""
        outside = []
        for folder in (folder for name in ("templates", "i18n", "overrides") for folder in self.dirs(name)):
            paths = [folder] if not inside(folder, self.root) else sorted(folder.rglob("*"))  # a link is not followed out
            outside += [PortalError("file_outside", file=shown(path, self.root), folder=self.root.name + "/")
                        for path in paths if not inside(path, self.root)]
        if outside:
            return outside
        errors = []
        for folder in self.dirs("templates"):
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                name = path.relative_to(folder).as_posix()
                if not (rendering.TEMPLATES / name).is_file():
                    errors.append(PortalError("override_unknown_template", file=shown(path, self.root), value=name,
                                              allowed=", ".join(sorted(p.name for p in rendering.TEMPLATES.glob("*.j2")))))
        for folder in self.dirs("i18n"):
            for path in sorted(folder.glob("*.yml")):
                errors += _check_table(path, shown(path, self.root))
        return errors

    def activate(self) -> None:
        i18n.set_overrides(self.dirs("i18n"))
        rendering.set_template_dirs(self.dirs("templates"))


def _check_table(path: Path, name: str) -> list[PortalError]:
    lang = path.stem
    if lang not in i18n.supported_languages():
        return [PortalError("override_unknown_language", file=name, value=lang,
                            allowed=", ".join(i18n.supported_languages()))]
    try:
        located = parse(read_text(path, name), name)
    except PortalError as error:
        return error.errors
    if not isinstance(located.data, dict):
        return [PortalError("override_not_a_table", file=name, line=located.first_line)]
    errors = []

    def walk(ours: Any, theirs: dict, keys: tuple[str, ...]) -> None:
        for key, value in theirs.items():
            here = (*keys, str(key))
            known = ours.get(key) if isinstance(ours, dict) else None
            if known is None or isinstance(known, dict) != isinstance(value, dict):
                errors.append(PortalError("override_unknown_string", file=name, line=located.key_line(here),
                                          field=".".join(here)))
            elif isinstance(value, dict):
                walk(known, value, here)
            elif not isinstance(value, str):
                errors.append(PortalError("override_not_text", file=name, line=located.key_line(here),
                                          field=".".join(here)))

    walk(i18n.package_table(lang), located.data, ())
    return errors
