"""Checks of what editors write, for ``portal check``: every internal link and
image in the Markdown resolves, images have alt text and a reasonable size,
and which pages are missing or out of date in each language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from portal.content.history import committed_times
from portal.errors import PortalError
from portal.sources import read_text, shown as shown_path

IMAGE_LIMIT_KB = 500
LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")


#: Folders whose pages the build generates: links into them cannot be checked
#: when the project could not be generated (its errors are reported instead).
GENERATED_SECTIONS = ("invest", "news", "events", "documents", "clarifications", "press")


def check_links_and_images(layers: list[Path], languages: list[str], default: str, shown_root: Path,
                           generated: set[str] | None, elsewhere: frozenset[str] = frozenset()) -> list[PortalError]:
    """Problems in the Markdown of a portal's content: the shared folder, then
    its own (``portals/<id>/content/``), whose pages replace shared ones at the
    same path; a link may lead to a file of either. ``generated``: paths the
    build adds (``vi/invest/index.md``...), or None if they are unknown;
    ``elsewhere``: pages that are another portal's, not this one's to check."""
    pages = {page.relative_to(layer).as_posix(): page for layer in layers for page in sorted(layer.rglob("*.md"))}
    errors = []
    for key, page in sorted(pages.items()):
        if key in elsewhere:
            continue
        relative = PurePosixPath(key)
        lang = relative.parts[0]
        shown = shown_path(page, shown_root)
        try:
            text = read_text(page, shown)
        except PortalError as error:
            errors.append(error)
            continue
        in_code = False
        for number, line in enumerate(text.splitlines(), start=1):
            if FENCE.match(line):
                in_code = not in_code
            if in_code:
                continue
            for is_image, text, target in LINK.findall(line):
                if urlsplit(target).scheme or target.startswith(("#", "/", "mailto:", "tel:")):
                    continue
                path = unquote(target.split("#")[0])
                if not path:
                    continue
                resolved = _normalise((relative.parent / path).as_posix())
                if is_image:
                    errors += _image_problems(_found(layers, resolved), text, target, shown, number)
                elif generated is None and resolved.split("/")[1:2] and resolved.split("/")[1] in GENERATED_SECTIONS:
                    continue
                elif not _exists(layers, resolved, lang, default, generated or set()):
                    errors.append(PortalError("link_broken", file=shown, line=number, value=target))
    return errors


def _found(layers: list[Path], path: str) -> Path | None:
    """The file at ``path`` in the nearest layer that has it."""
    return next((layer / path for layer in reversed(layers) if (layer / path).is_file()), None)


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def _exists(layers: list[Path], path: str, lang: str, default: str, generated: set[str]) -> bool:
    """A link target exists in the page's language, or falls back to the default language."""
    if any((layer / path).exists() for layer in layers) or path in generated:
        return True
    if path.startswith(f"{lang}/"):  # the default language's page is shown when untranslated
        fallback = f"{default}/{path[len(lang) + 1:]}"
        return any((layer / fallback).exists() for layer in layers) or fallback in generated
    return False


def _image_problems(file: Path | None, alt: str, target: str, shown: str, line: int) -> list[PortalError]:
    if file is None:
        return [PortalError("image_missing", file=shown, line=line, value=target)]
    problems = []
    if not alt.strip():
        problems.append(PortalError("image_no_alt", file=shown, line=line, value=target))
    size = file.stat().st_size // 1024
    if size > IMAGE_LIMIT_KB:
        problems.append(PortalError("image_too_large", file=shown, line=line, value=target, size=str(size),
                                    limit=str(IMAGE_LIMIT_KB)))
    return problems


@dataclass(frozen=True)
class TranslationStatus:
    page: str  # path inside a language folder
    statuses: dict[str, str]  # language -> "ok" | "missing" | "outdated"


def translation_status(content_dir: Path, languages: list[str], default: str) -> list[TranslationStatus]:
    """For every page of the default language, its state in the other languages.

    "outdated": the translation was last changed (in git, else on disk)
    before its Vietnamese source.
    """
    changed = _change_times(content_dir)
    report = []
    for source in sorted((content_dir / default).rglob("*.md")):
        page = source.relative_to(content_dir / default).as_posix()
        statuses = {}
        for lang in languages:
            if lang == default:
                continue
            translation = content_dir / lang / page
            if not translation.is_file():
                statuses[lang] = "missing"
            elif changed(translation) < changed(source):
                statuses[lang] = "outdated"
            else:
                statuses[lang] = "ok"
        report.append(TranslationStatus(page, statuses))
    return report


def _change_times(folder: Path):
    """A function telling when a file under ``folder`` last changed: its last
    commit, or its modification time if it has uncommitted changes or git is
    not there."""
    committed = committed_times(folder)

    def changed(path: Path) -> float:
        return committed.get(path.resolve(), path.stat().st_mtime)

    return changed
