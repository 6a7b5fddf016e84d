"""The investment-promotion pages, per language, at the same path in every
language (``invest/...``), from Jinja2 templates (autoescaped) and the
per-language string tables."""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from portal.data.load import Portfolio
from portal.generation import downloads
from portal.generation.charts import bar_chart
from portal.generation.formatting import formatter
from portal.i18n import t
from portal.site.languages import Language

SECTION = "invest"
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # relative to the docs root: "vi/invest/index.md", "invest/data/zones.csv"
    content: str


def generate(portfolio: Portfolio, languages: list[Language], directory_urls: bool = True) -> list[GeneratedFile]:
    """Every data page in every language, and the downloads (once)."""
    env = _environment()
    default = next(lang.code for lang in languages if lang.default)
    files = []
    for lang in languages:
        for page, template, extra in _pages(portfolio):
            context = _Context(lang.code, default, page, directory_urls, lang.prefix)
            body = env.get_template(template).render(p=portfolio, c=context, **extra)
            files.append(GeneratedFile(f"{lang.code}/{page}", body))
    for name, rows in downloads.datasets(portfolio).items():
        files.append(GeneratedFile(f"{SECTION}/data/{name}.json", downloads.to_json(rows)))
        files.append(GeneratedFile(f"{SECTION}/data/{name}.csv", downloads.to_csv(rows)))
    return files


def write(files: list[GeneratedFile], target: Path) -> list[Path]:
    """Write the files under ``target``, only those whose content changed
    (so a watching preview server is not woken for nothing)."""
    written = []
    for file in files:
        path = target / file.path
        if path.is_file() and path.read_text(encoding="utf-8") == file.content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(file.content, encoding="utf-8")
        written.append(path)
    return written


def _pages(portfolio: Portfolio) -> list[tuple[str, str, dict[str, Any]]]:
    """(path inside a language folder, template, extra context) of each page."""
    pages = [
        (f"{SECTION}/index.md", "hub.md.j2", {}),
        (f"{SECTION}/zones/index.md", "zones.md.j2", {}),
        (f"{SECTION}/parks/index.md", "parks.md.j2", {}),
        (f"{SECTION}/projects/index.md", "projects.md.j2", {}),
        (f"{SECTION}/incentives/index.md", "incentives.md.j2", {}),
        (f"{SECTION}/plans/index.md", "plans.md.j2", {}),
    ]
    pages += [(f"{SECTION}/zones/{z.slug}.md", "zone.md.j2", {"zone": z}) for z in portfolio.zones]
    pages += [(f"{SECTION}/parks/{p.slug}.md", "park.md.j2", {"park": p}) for p in portfolio.parks]
    pages += [(f"{SECTION}/projects/{p.code}.md", "project.md.j2", {"project": p}) for p in portfolio.projects]
    pages += [(f"{SECTION}/plans/{p.slug}.md", "plan.md.j2", {"plan": p}) for p in portfolio.plans]
    return pages


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Readable front matter: keep Lao and Vietnamese letters as they are.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    return env


def _relative(target: str, start: str) -> str:
    """``posixpath.relpath`` for clean site paths, without its file-system
    calls (it is called for every link of every generated page)."""
    target_parts = [part for part in target.split("/") if part]
    start_parts = [part for part in start.split("/") if part]
    common = 0
    for a, b in zip(target_parts, start_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."


class _Context:
    """What a template needs to write one page in one language."""

    def __init__(self, lang: str, default: str, page: str, directory_urls: bool, prefix: str) -> None:
        self.lang = lang
        self.prefix = prefix  # the language's folder in the site: "" or "en/"
        self.default = default
        self.page = page
        self.directory_urls = directory_urls
        self.fmt = formatter(lang)

    def t(self, key: str, **params: Any) -> str:
        return t(self.lang, key, **params)

    def text(self, value: dict[str, str] | None) -> Markup:
        """A per-language text in the page's language, or the default
        language's, marked with its language and a visible note."""
        if not value:
            return Markup("")
        if self.lang in value:
            return Markup.escape(value[self.lang])
        return Markup('<span lang="{}">{}</span> <span class="portal-untranslated">({})</span>').format(
            self.default, value[self.default], self.t("data.untranslated")
        )

    def plain(self, value: dict[str, str] | None) -> str:
        """The same text without markup (titles, front matter, sorting keys)."""
        if not value:
            return ""
        return value.get(self.lang) or value[self.default]

    def url(self, target: str) -> str:
        """Relative link from this page to ``target``: a page (``.md``) in the
        same language, or a file at the site root (the downloads, shared by
        all languages)."""
        # With directory URLs a page is a folder (invest/zones/x/), else a file.
        here = self._output(self.page) if self._is_dir(self.page) else posixpath.dirname(self._output(self.page))
        if target.endswith(".md"):
            return _relative(self._output(target), here) + ("/" if self._is_dir(target) else "")
        return _relative(target, posixpath.join(self.prefix, here))

    def page_of(self, kind: str, slug: str) -> str:
        return f"{SECTION}/{kind}/{slug}.md"

    def _is_dir(self, path: str) -> bool:
        return self.directory_urls and path.endswith(".md")

    def _output(self, path: str) -> str:
        if not path.endswith(".md"):
            return path
        stem = path[: -len(".md")]
        if self.directory_urls:
            return stem[: -len("/index")] if stem.endswith("/index") else stem
        return f"{stem}.html"

    def sector_chart(self, projects: list) -> Any:
        counts = Counter(project.sector for project in projects)
        rows = [
            (self.t(f"data.sectors.{sector}"), count, self.fmt.number(count))
            for sector, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
        return bar_chart(self.t("data.chart_projects_by_sector"), rows)

    def budget_chart(self, plan: Any) -> Any:
        rows = [
            (task.number, task.budget_million_vnd, self.fmt.number(task.budget_million_vnd))
            for task in plan.tasks
            if task.budget_million_vnd
        ]
        return bar_chart(self.t("data.chart_budget_by_task"), rows)
