"""The data pages, per language, at the same path in every language: the
investment-promotion pages (``invest/...``) and a commune's OCOP products and
craft villages (``ocop/...``), from Jinja2 templates (autoescaped) and the
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
OCOP = "ocop"
#: The section whose data/ folder holds each dataset's downloads.
SECTION_OF = {"zones": SECTION, "parks": SECTION, "projects": SECTION, "incentives": SECTION, "plans": SECTION,
              "villages": OCOP, "products": OCOP}


def generate(portfolio: Portfolio, languages: list[Language], directory_urls: bool = True,
             pictures: dict | None = None) -> list[GeneratedFile]:
    """Every data page in every language, and the downloads (once). A section without data has no
    pages (a commune has no investment section; a city without OCOP data, no OCOP section): an
    empty section would only say there is nothing."""
    sections = {SECTION: portfolio.invests(), OCOP: bool(portfolio.villages or portfolio.products)}
    pages = (_pages(portfolio) if sections[SECTION] else []) + (_ocop_pages(portfolio) if sections[OCOP] else [])
    env = environment()
    default = next(lang.code for lang in languages if lang.default)
    files = []
    for lang in languages:
        for page, template, extra in pages:
            context = DataContext(lang.code, default, page, directory_urls, lang.prefix, pictures or {})
            body = with_controls(env.get_template(template).render(p=portfolio, c=context, **extra))
            files.append(GeneratedFile(f"{lang.code}/{page}", body))
    for name, rows in downloads.datasets(portfolio).items():
        if sections[SECTION_OF[name]]:
            files.append(GeneratedFile(f"{SECTION_OF[name]}/data/{name}.json", downloads.to_json(rows)))
            files.append(GeneratedFile(f"{SECTION_OF[name]}/data/{name}.csv", downloads.to_csv(rows)))
    return files


def _ocop_pages(portfolio: Portfolio) -> list[tuple[str, str, dict[str, Any]]]:
    pages = [(f"{OCOP}/index.md", "ocop.md.j2", {})]
    pages += [(f"{OCOP}/products/{p.slug}.md", "product.md.j2", {"product": p}) for p in portfolio.products]
    pages += [(f"{OCOP}/villages/{v.slug}.md", "village.md.j2", {"village": v}) for v in portfolio.villages]
    return pages


def _pages(portfolio: Portfolio) -> list[tuple[str, str, dict[str, Any]]]:
    """(path inside a language folder, template, extra context) of each investment page."""
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
        return f"{SECTION_OF[kind]}/{kind}/{slug}.md"

    def data_file(self, name: str, extension: str) -> str:
        """The address of a dataset's download (``invest/data/zones.csv``) from this page."""
        return self.url(f"{SECTION_OF[name]}/data/{name}.{extension}")

    def sector_chart(self, projects: list) -> Any:
        return self._count_chart([project.sector for project in projects], "data.sectors", "data.chart_projects_by_sector")

    def group_chart(self, products: list) -> Any:
        return self._count_chart([product.group for product in products], "data.ocop.groups", "data.ocop.chart_by_group")

    def _count_chart(self, values: list[str], names: str, title: str) -> Any:
        """How many items have each value, the most first, each value named from the table ``names``."""
        rows = [
            (self.t(f"{names}.{value}"), count, self.fmt.number(count))
            for value, count in sorted(Counter(values).items(), key=lambda item: (-item[1], item[0]))
        ]
        return bar_chart(self.t(title), rows)

    def budget_chart(self, plan: Any) -> Any:
        rows = [
            (task.number, task.budget_million_vnd, self.fmt.number(task.budget_million_vnd))
            for task in plan.tasks
            if task.budget_million_vnd
        ]
        return bar_chart(self.t("data.chart_budget_by_task"), rows)
