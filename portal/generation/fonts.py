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


@dataclass(frozen=True)
class Face:
    """One font file and the code points it covers (from fonts.css)."""

    path: Path
    ranges: tuple[tuple[int, int], ...]

    def covers(self, char: str) -> bool:
        code = ord(char)
        return any(low <= code <= high for low, high in self.ranges)


@cache
def faces(fonts_css: Path, weight: int) -> list[Face]:
    """The upright faces of ``weight`` that fonts.css declares, in its order."""
    found = []
    for rule in re.findall(r"@font-face\{([^}]*)\}", fonts_css.read_text(encoding="utf-8")):
        if "font-style:normal" not in rule or f"font-weight:{weight}" not in rule:
            continue
        file = re.search(r"url\(\.\./fonts/([^)]+)\)", rule).group(1)
        ranges = tuple(
            (int(low, 16), int(high or low, 16))
            for low, high in re.findall(r"U\+([0-9A-Fa-f]+)(?:-([0-9A-Fa-f]+))?", rule.split("unicode-range:")[1])
        )
        found.append(Face(fonts_css.parent.parent / "fonts" / file, ranges))
    return found


def needed(text: str, fonts_css: Path, weight: int = 400) -> list[Face]:
    """The upright faces of ``weight`` a browser loads for ``text``: for each
    character, the last declared face that covers it (CSS Fonts: faces of one
    family with overlapping ranges are tried from the last)."""
    declared = faces(fonts_css, weight)
    used = {next((face for face in reversed(declared) if face.covers(char)), None) for char in text if not char.isspace()}
    return [face for face in declared if face in used]
