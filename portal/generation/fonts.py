"""The portal's fonts as the site serves them: files split by Unicode range
(``fonts.css``, written by scripts/vendor_fonts.py). Share cards draw each run
of text with the file that covers it; pages preload the files their
language's text needs, so it is shown in its font from the first paint
(no text moving when the font arrives)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path


#: Families cut down to each site's text once it is built (portal/publishing/fonts.py): their
#: file names change then, so pages do not preload them.
FITTED = ("Noto Sans SC",)


@dataclass(frozen=True)
class Face:
    """One font file and the code points it covers (from fonts.css)."""

    family: str
    path: Path
    ranges: tuple[tuple[int, int], ...]
    weight: int
    style: str

    def covers(self, char: str) -> bool:
        code = ord(char)
        return any(low <= code <= high for low, high in self.ranges)


def faces_in(css: str, fonts_dir: Path) -> list[Face]:
    """Every face the ``@font-face`` rules of ``css`` declare, in their order."""
    found = []
    for rule in re.findall(r"@font-face\{([^}]*)\}", css):
        file = re.search(r"url\(\.\./fonts/([^)]+)\)", rule).group(1)
        ranges = tuple(
            (int(low, 16), int(high or low, 16))
            for low, high in re.findall(r"U\+([0-9A-Fa-f]+)(?:-([0-9A-Fa-f]+))?", rule.split("unicode-range:")[1])
        )
        family = re.search(r"font-family:'([^']+)'", rule).group(1)
        weight = int(re.search(r"font-weight:(\d+)", rule).group(1))
        style = re.search(r"font-style:(\w+)", rule).group(1)
        found.append(Face(family, fonts_dir / file, ranges, weight, style))
    return found


@cache
def faces(fonts_css: Path, weight: int) -> list[Face]:
    """The upright faces a browser draws ``weight`` with, in fonts.css's order: of each family, its faces of
    that weight, else of its nearest weight (Noto Sans SC has no bold: browsers embolden its regular)."""
    upright = [face for face in faces_in(fonts_css.read_text(encoding="utf-8"), fonts_css.parent.parent / "fonts")
               if face.style == "normal"]
    nearest = {}
    for face in upright:
        best = nearest.get(face.family)
        if best is None or abs(face.weight - weight) < abs(best - weight):
            nearest[face.family] = face.weight
    return [face for face in upright if face.weight == nearest[face.family]]


def needed(text: str, fonts_css: Path, weight: int = 400) -> list[Face]:
    """The upright faces of ``weight`` a browser loads for ``text``. For each
    character: the first family, in fonts.css's order (the page's font stack,
    portal.css), that covers it, and of that family the last declared face
    that does (CSS Fonts: faces of one family with overlapping ranges are
    tried from the last)."""
    declared = faces(fonts_css, weight)
    families = list(dict.fromkeys(face.family for face in declared))
    used = set()
    for char in set(text):
        if char.isspace():
            continue
        for family in families:
            face = next((f for f in reversed(declared) if f.family == family and f.covers(char)), None)
            if face is not None:
                used.add(face)
                break
    return [face for face in declared if face in used]
