"""Share cards: the picture a social network or a messenger shows with a link
to a page that has no photo of its own, made at build time (Pillow, with
HarfBuzz shaping through libraqm, so Lao stacks its vowels and tones and
Vietnamese keeps its marks): the page's title in its own script on the
portal's colour, and the portal's name.

The fonts are the portal's own (``overrides/assets/fonts``, declared in
``fonts.css``), split by Unicode range as the site serves them: each run of
text is drawn with the file that covers it. A card is named by a hash of what
it shows, so a page shown untranslated shares its original's card, and the
same inputs always give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from portal.cache import remember
from portal.generation.fonts import Face, faces

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TITLE_SIZE = 60
NAME_SIZE = 34
MAX_LINES = 4
#: Where the cards go in a built site.
FOLDER = "assets/cards"


@dataclass(frozen=True)
class Card:
    title: str
    site_name: str
    colour: str  # "#rrggbb": the portal's primary colour (white text on it reaches 4.5:1)

    @property
    def name(self) -> str:
        digest = hashlib.sha256("\x00".join((self.title, self.site_name, self.colour, str(WIDTH))).encode()).hexdigest()
        return f"{FOLDER}/{digest[:20]}.png"


def render(card: Card, fonts_css: Path) -> bytes:
    """The card as PNG bytes: a grey-level drawing given the portal's colours as its palette."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(canvas)
    title_faces, name_faces = faces(fonts_css, 700), faces(fonts_css, 400)
    lines = _wrap(card.title, title_faces, TITLE_SIZE, WIDTH - 2 * MARGIN)
    line_height = round(TITLE_SIZE * 1.6)  # room for Lao's stacked marks
    y = MARGIN
    for line in lines:
        _draw_line(draw, (MARGIN, y), line, title_faces, TITLE_SIZE)
        y += line_height
    draw.rectangle((MARGIN, HEIGHT - MARGIN - NAME_SIZE * 2, MARGIN + 120, HEIGHT - MARGIN - NAME_SIZE * 2 + 6), fill=255)
    _draw_line(draw, (MARGIN, HEIGHT - MARGIN - round(NAME_SIZE * 1.4)), card.site_name, name_faces, NAME_SIZE)
    background = _rgb(card.colour)
    palette = [round(b + (255 - b) * level / 255) for level in range(256) for b in background]
    image = Image.frombytes("P", canvas.size, canvas.tobytes())
    image.putpalette(palette)
    out = BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


def _runs(text: str, faces_: list[Face]) -> list[tuple[str, Face]]:
    """``text`` cut into runs each face covers; a combining mark stays with its letter."""
    runs: list[tuple[str, Face]] = []
    for char in text:
        if runs and (unicodedata.category(char).startswith("M") or runs[-1][1].covers(char) or char == " "):
            runs[-1] = (runs[-1][0] + char, runs[-1][1])
            continue
        face = next((f for f in faces_ if f.covers(char)), faces_[-1])
        runs.append((char, face))
    return runs


def _width(text: str, faces_: list[Face], size: int) -> float:
    return sum(_font(face.path, size).getlength(run) for run, face in _runs(text, faces_))


def _draw_line(draw: ImageDraw.ImageDraw, at: tuple[int, int], text: str, faces_: list[Face], size: int) -> None:
    x, y = at
    for run, face in _runs(text, faces_):
        font = _font(face.path, size)
        draw.text((x, y), run, font=font, fill=255)
        x += font.getlength(run)


def _clusters(word: str) -> list[str]:
    """Letters with their marks: where a word without spaces (Lao) may be cut."""
    clusters: list[str] = []
    for char in word:
        if clusters and unicodedata.category(char).startswith("M"):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _wrap(text: str, faces_: list[Face], size: int, width: int) -> list[str]:
    """Lines that fit ``width``; a word longer than a line is cut between letters;
    beyond :data:`MAX_LINES` the last line ends with "…"."""
    lines: list[str] = []
    current = ""
    for word in " ".join(text.split()).split(" "):
        candidate = f"{current} {word}".strip()
        if _width(candidate, faces_, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for cluster in _clusters(word):
            if _width(current + cluster, faces_, size) > width and current:
                lines.append(current)
                current = ""
            current += cluster
    if current:
        lines.append(current)
    if len(lines) > MAX_LINES:
        last = lines[MAX_LINES - 1]
        while last and _width(last + "…", faces_, size) > width:
            last = last[:-1]
        lines = lines[: MAX_LINES - 1] + [last.rstrip() + "…"]
    return lines


def write_cards(cards: list[Card], site_dir: Path, cache: Path, fonts_css: Path) -> None:
    """Make the cards a build needs, in parallel, each once: from ``cache`` when
    it has them (a card's name is a hash of what it shows)."""
    missing = [card for card in cards if not (cache / Path(card.name).name).is_file()]
    if missing:
        cache.mkdir(parents=True, exist_ok=True)
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(len(missing), os.cpu_count() or 1)) as pool:
            for card, data in zip(missing, pool.map(render, missing, [fonts_css] * len(missing), chunksize=16), strict=True):
                remember(cache / Path(card.name).name, data)
    for card in cards:
        target = site_dir / card.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache / Path(card.name).name, target)
