"""What every generated page shares: the Jinja2 environment (autoescaped,
templates in ``templates/``), the page context templates see as ``c``, and
writing files."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from portal.generation.formatting import formatter
from portal.i18n import t, tn
from portal.site.urls import page_path, relative

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # relative to the docs root: "vi/invest/index.md", "invest/data/zones.csv"
    content: str | bytes  # text, or the bytes of an image
    #: A list of other pages (news index, category, tag, archive): not a search result of its own,
    #: or it would rank above the articles it lists.
    listing: bool = False


def write(files: list[GeneratedFile], target: Path) -> list[Path]:
    """Write the files under ``target``, only those whose content changed
    (so a watching preview server is not woken for nothing)."""
    written = []
    for file in files:
        path = target / file.path
        data = file.content if isinstance(file.content, bytes) else file.content.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


#: A locality's templates, looked up before ours, nearest first (portal.site.overrides).
_template_dirs: tuple[Path, ...] = ()


def set_template_dirs(folders: tuple[Path, ...]) -> None:
    global _template_dirs
    _template_dirs = folders


def environment() -> Environment:
    """Our templates' environment: made once per template folders, so each
    template is compiled once per process (a preview rebuilds many times);
    Jinja reloads a template whose file changed."""
    return _environment(_template_dirs)


@cache
def _environment(template_dirs: tuple[Path, ...]) -> Environment:
    env = Environment(
        loader=FileSystemLoader([*template_dirs, TEMPLATES]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Readable front matter: keep Lao and Vietnamese letters as they are.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    return env


class PageContext:
    """What a template needs to write one page in one language."""

    def __init__(self, lang: str, default: str, page: str, directory_urls: bool, prefix: str,
                 pictures: dict | None = None) -> None:
        self.lang = lang
        self.pictures = pictures or {}  # published photos, resized (portal/generation/images.py)
        self.prefix = prefix  # the language's folder in the site: "" or "en/"
        self.default = default
        self.page = page
        self.directory_urls = directory_urls
        self.fmt = formatter(lang)

    def t(self, key: str, **params: Any) -> str:
        return t(self.lang, key, **params)

    def tn(self, key: str, number: int, **params: Any) -> str:
        return tn(self.lang, key, number, **params)

    def text(self, value: dict[str, str] | None) -> Markup:
        """A per-language text in the page's language, or the default
        language's, marked with its language and a visible note."""
        if not value:
            return Markup("")
        if self.lang in value:
            return Markup.escape(value[self.lang])
        return Markup('<span lang="{}">{}</span> <span class="portal-untranslated" data-pagefind-ignore>({})</span>').format(
            self.default, value[self.default], self.t("data.untranslated")
        )

    def plain(self, value: dict[str, str] | None) -> str:
        """The same text without markup (titles, front matter, sorting keys)."""
        if not value:
            return ""
        return value.get(self.lang) or value[self.default]

    def picture(self, path: str):
        """The resized versions of the photo at ``path`` (in content/), or None."""
        return self.pictures.get(path)

    def url(self, target: str) -> str:
        """Relative link from this page to ``target``: a page (``.md``) in the
        same language, or a file at the site root (the downloads, shared by
        all languages)."""
        # With directory URLs a page is a folder (invest/zones/x/), else a file.
        here = self._output(self.page) if self._is_dir(self.page) else posixpath.dirname(self._output(self.page))
        if target.endswith(".md"):
            return relative(self._output(target), here) + ("/" if self._is_dir(target) else "")
        return relative(target, posixpath.join(self.prefix, here))

    def _is_dir(self, path: str) -> bool:
        return self.directory_urls and path.endswith(".md")

    def _output(self, path: str) -> str:
        return page_path(path, self.directory_urls).rstrip("/")


def sitemap(entries: list[dict]) -> str:
    """A sitemap: each page in its own language with its real translations
    (``{"loc": url, "links": [(hreflang, url)...]}``), as search engines read hreflang."""
    return environment().get_template("sitemap.xml.j2").render(entries=entries)
