"""Editors' photos, resized at build time (Pillow) into the widths a phone or a
desktop needs, as WebP and as the original's format for browsers and social
networks without WebP, with their width and height so nothing jumps while a
page loads. The originals stay as they are.

An image over :data:`MAX_BYTES` or :data:`MAX_PIXELS` is an error naming the
file (it would make pages slow and the build long). Variants are remembered
in the project's ``.cache/portal/images/`` by the original's content, so a
photo is resized once; the same original always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath

import PIL
from PIL import Image

from portal.errors import PortalError
from portal.generation.rendering import GeneratedFile

#: The widths made (and the original's, if smaller than the largest).
WIDTHS = (480, 960, 1600)
RASTER = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp", ".gif": "png"}
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 8000  # on the longer side
#: Where the variants go in a built site.
FOLDER = "assets/images/resized"
_PARAMETERS = f"{WIDTHS}-q80-q82-pillow{PIL.__version__}"


@dataclass(frozen=True)
class Variant:
    path: str  # from the site root
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    """An editor's photo in every size and format made of it."""

    original: str  # its path in content/ (and in the site)
    webp: tuple[Variant, ...]
    fallback: tuple[Variant, ...]  # JPEG or PNG, as the original
    fallback_type: str  # "image/jpeg", "image/png"

    @property
    def largest(self) -> Variant:
        return self.fallback[-1]

    @property
    def default(self) -> Variant:
        """What a browser that reads no srcset loads: a middle size."""
        return next((v for v in reversed(self.fallback) if v.width <= 960), self.fallback[0])

    def srcset(self, variants: tuple[Variant, ...], url) -> str:
        """``url``: how the page writes a path from the site root (relative links)."""
        return ", ".join(f"{url(variant.path)} {variant.width}w" for variant in variants)


def is_photo(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in RASTER


def pictures(files: dict[str, Path], shown: str, cache: Path) -> tuple[dict[str, Picture], list[GeneratedFile]]:
    """A Picture of every raster image among ``files`` (site path -> source) and
    the variant files to publish. ``shown``: how to name a file in errors
    (a function of its path)."""
    made: dict[str, Picture] = {}
    generated: list[GeneratedFile] = []
    errors: list[PortalError] = []
    for path, source in sorted(files.items()):
        if not is_photo(path):
            continue
        try:
            picture, variants = _picture(path, source, cache, shown)
        except PortalError as error:
            errors.append(error)
            continue
        made[path] = picture
        generated += variants
    if errors:
        from portal.errors import raise_all

        raise_all(errors)
    return made, generated


def _picture(path: str, source: Path, cache: Path, shown) -> tuple[Picture, list[GeneratedFile]]:
    data = source.read_bytes()
    if len(data) > MAX_BYTES:
        raise PortalError("image_too_big", file=shown(source), value=path, size=len(data) // (1024 * 1024),
                          limit=MAX_BYTES // (1024 * 1024))
    key = hashlib.sha256(data + _PARAMETERS.encode()).hexdigest()[:24]
    folder = cache / key
    stem = f"{FOLDER}/{PurePosixPath(path).with_suffix('')}"
    fallback_format = RASTER[PurePosixPath(path).suffix.lower()]
    fallback_format = "png" if fallback_format == "webp" else fallback_format
    index = folder / "index.json"
    if not index.is_file():
        _make(data, folder, fallback_format, source, path, shown)
    sizes = json.loads(index.read_text(encoding="utf-8"))
    extension = {"jpeg": "jpg", "png": "png"}[fallback_format]
    generated, webp, fallback = [], [], []
    for width, height in sizes:
        for kind, ext, into in (("webp", "webp", webp), (fallback_format, extension, fallback)):
            name = f"{stem}-{width}.{ext}"
            into.append(Variant(name, width, height))
            generated.append(GeneratedFile(name, (folder / f"{width}.{ext}").read_bytes()))
    picture = Picture(path, tuple(webp), tuple(fallback), f"image/{fallback_format}")
    return picture, generated


def _make(data: bytes, folder: Path, fallback_format: str, source: Path, path: str, shown) -> None:
    try:
        with Image.open(BytesIO(data)) as opened:
            if max(opened.size) > MAX_PIXELS:
                raise PortalError("image_too_big_pixels", file=shown(source), value=path,
                                  size=f"{opened.width}×{opened.height}", limit=MAX_PIXELS)
            image = opened.convert("RGBA" if fallback_format == "png" else "RGB")
    except (OSError, Image.DecompressionBombError):  # Pillow's reason names Python objects: no help to an editor
        raise PortalError("image_unreadable", file=shown(source), value=path) from None
    # Made aside, then renamed into place: builds running side by side (a portal's languages,
    # portal/publishing/parts.py) never read a half-written picture.
    folder.parent.mkdir(parents=True, exist_ok=True)
    made = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-"))
    sizes = []
    widths = sorted({min(width, image.width) for width in WIDTHS})
    extension = {"jpeg": "jpg", "png": "png"}[fallback_format]
    for width in widths:
        height = round(image.height * width / image.width)
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        resized.save(made / f"{width}.webp", format="WEBP", quality=80, method=4)
        if fallback_format == "jpeg":
            resized.save(made / f"{width}.{extension}", format="JPEG", quality=82, optimize=True, progressive=True)
        else:
            resized.save(made / f"{width}.{extension}", format="PNG", optimize=True)
        sizes.append((width, height))
    (made / "index.json").write_text(json.dumps(sizes), encoding="utf-8")
    try:
        made.rename(folder)
    except OSError:
        if (folder / "index.json").is_file():  # another build made the same picture meanwhile
            shutil.rmtree(made, ignore_errors=True)
        else:  # left half-made by an interrupted build
            shutil.rmtree(folder, ignore_errors=True)
            made.rename(folder)
