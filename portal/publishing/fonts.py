"""The Chinese font cut down to what a finished site says.

A CJK font is tens of thousands of glyphs. Fontsource serves it in ~100
``unicode-range`` slices of ~300 characters each, so a browser downloads
only the slices a page's text touches; but a Chinese page touches dozens of
slices for a few characters each (131 different characters: 13 slices,
389 KB). So once a site is built, each slice of the families in
:data:`FITTED` keeps only the characters some page of the site uses, and a
slice no page uses is dropped: the same slices, each a few kilobytes
(docs/benchmarks.md, first view). The fitted files are named by their
content, so a browser never keeps an older cut.

Runs over the whole finished site (every language: the language switcher
writes 中文 on every page), before the build's file list is written.
Each cut is remembered by the slice and the characters it keeps.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

from portal.cache import remember
from portal.generation.fonts import FITTED, faces_in

FONTS_CSS = Path("assets/stylesheets/fonts.css")
#: Files whose text a browser draws with the site's fonts: pages, pictures, the kiosk's search index
#: (search/offline-*.js). Not the web editor (admin/): its bundle carries every language's words.
TEXT_FILES = ("*.html", "*.svg", "search/*.js")
NOT_TEXT = ("admin",)
#: Where cuts are remembered, when not in the project's ``.cache/portal/fonts`` (tests share one).
CACHE_VARIABLE = "PORTAL_FONT_CACHE"
CACHE = ".cache/portal/fonts"
#: How a slice is cut (change it with the options in _cut: remembered cuts are then made again).
CUT = "horizontal, unhinted; fontTools 4.68.0"


def cache_for(root: Path) -> Path:
    return Path(os.environ.get(CACHE_VARIABLE) or root / CACHE)


def fit_fonts(site_dir: Path, cache: Path | None = None) -> None:
    """Cut the :data:`FITTED` families' slices in ``site_dir`` down to the characters its files use."""
    css_path = site_dir / FONTS_CSS
    if not css_path.is_file():
        return
    css = css_path.read_text(encoding="utf-8")
    if not any(f"font-family:'{family}'" in css for family in FITTED):
        return
    used = _characters(site_dir)
    fonts_dir = css_path.parent.parent / "fonts"

    def fitted(match: re.Match) -> str:
        rule = match.group(0)
        face = faces_in(rule, fonts_dir)[0]
        if face.family not in FITTED:
            return rule
        keep = sorted(code for code in used if face.covers(chr(code)))
        original = fonts_dir / face.path.name
        source = original.read_bytes()
        original.unlink()
        if not keep:
            return ""
        data = _cut(source, keep, cache)
        name = f"{face.path.stem}.{hashlib.sha256(data).hexdigest()[:10]}.woff2"
        (fonts_dir / name).write_bytes(data)
        rule = rule.replace(f"url(../fonts/{face.path.name})", f"url(../fonts/{name})")
        return re.sub(r"unicode-range:[^}]*", "unicode-range:" + _ranges(keep), rule)

    css_path.write_text(re.sub(r"@font-face\{[^}]*\}\n?", fitted, css), encoding="utf-8")


def _characters(site_dir: Path) -> set[int]:
    found: set[str] = set()
    for pattern in TEXT_FILES:
        for path in site_dir.glob(f"**/{pattern}"):
            if path.relative_to(site_dir).parts[0] not in NOT_TEXT:
                found.update(path.read_text(encoding="utf-8", errors="ignore"))
    return {ord(char) for char in found if ord(char) > 0x7F}


def _cut(source: bytes, keep: list[int], cache: Path | None) -> bytes:
    """The slice ``source`` with only the glyphs of ``keep`` (and what they need to be shaped)."""
    key = hashlib.sha256(source + f"{CUT}:{','.join(map(str, keep))}".encode()).hexdigest()
    remembered = cache / f"{key}.woff2" if cache else None
    if remembered is not None and remembered.is_file():
        return remembered.read_bytes()
    font = TTFont(io.BytesIO(source))
    options = Options()
    options.flavor = "woff2"
    # Horizontal text only: no vertical metrics or forms; no hinting (phones ignore it): a third smaller.
    options.hinting = False
    options.drop_tables += ["vhea", "vmtx", "VORG", "BASE"]
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    data = out.getvalue()
    if remembered is not None:
        remember(remembered, data)
    return data


def _ranges(codes: list[int]) -> str:
    """``U+4E00-4E02,U+4E0A``: sorted code points as CSS ranges."""
    parts, start = [], None
    for index, code in enumerate(codes):
        if start is None:
            start = code
        if index + 1 == len(codes) or codes[index + 1] != code + 1:
            parts.append(f"U+{start:X}" if start == code else f"U+{start:X}-{code:X}")
            start = None
    return ",".join(parts)

