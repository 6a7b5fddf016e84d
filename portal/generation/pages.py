"""The investment-promotion pages, per language, at the same path in every
language (``invest/...``), from Jinja2 templates (autoescaped) and the
per-language string tables."""

from __future__ import annotations

from collections import Counter
from typing import Any

from portal.data.load import Portfolio
from portal.generation import downloads
from portal.generation.charts import bar_chart
from portal.generation.rendering import GeneratedFile, PageContext, environment
from portal.generation.tables import with_controls
from portal.site.languages import Language

SECTION = "invest"


def generate(portfolio: Portfolio, languages: list[Language], directory_urls: bool = True,
             pictures: dict | None = None) -> list[GeneratedFile]:
    """Every data page in every language, and the downloads (once); none for a portal that publishes no
    data (a commune's: an empty investment section would only say there is nothing)."""
    if not any((portfolio.zones, portfolio.parks, portfolio.projects, portfolio.incentives, portfolio.plans)):
        return []
    env = environment()
    default = next(lang.code for lang in languages if lang.default)
    files = []
    for lang in languages:
        for page, template, extra in _pages(portfolio):
            context = DataContext(lang.code, default, page, directory_urls, lang.prefix, pictures or {})
            body = with_controls(env.get_template(template).render(p=portfolio, c=context, **extra))
            files.append(GeneratedFile(f"{lang.code}/{page}", body))
    for name, rows in downloads.datasets(portfolio).items():
        files.append(GeneratedFile(f"{SECTION}/data/{name}.json", downloads.to_json(rows)))
        files.append(GeneratedFile(f"{SECTION}/data/{name}.csv", downloads.to_csv(rows)))
    return files


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


class DataContext(PageContext):
    """The page context plus the data pages' links and charts."""

    def page_of(self, kind: str, slug: str) -> str:
        return f"{SECTION}/{kind}/{slug}.md"

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
