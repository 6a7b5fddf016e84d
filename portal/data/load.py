"""Load and check every dataset in ``data/``. All problems are collected and
reported together, each with file, line and field, before anything is built."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from portal.data.models import Incentive, Park, Plan, Product, Project, Village, Zone
from portal.errors import Expected, PortalError, raise_all
from portal.content.uses import resolve
from portal.site.portals import Scope
from portal.site.publication import Rule
from portal.sources import inside, outside_error
from portal.validation import Located, load_located, validate

#: name -> (file inside data/, model, key field). Plans are one file each in data/plans/.
DATASETS: dict[str, tuple[str, type, str]] = {
    "zones": ("zones.yml", Zone, "slug"),
    "parks": ("parks.yml", Park, "slug"),
    "projects": ("projects.yml", Project, "code"),
    "incentives": ("incentives.yml", Incentive, "slug"),
    "villages": ("villages.yml", Village, "slug"),
    "products": ("products.yml", Product, "slug"),
}
PLANS_DIR = "plans"


@dataclass(frozen=True)
class Portfolio:
    """Everything the data pages are made from, cross-checked."""

    zones: list[Zone] = field(default_factory=list)
    parks: list[Park] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    incentives: list[Incentive] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    villages: list[Village] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)

    def zone(self, slug: str | None) -> Zone | None:
        return next((z for z in self.zones if z.slug == slug), None)

    def park(self, slug: str | None) -> Park | None:
        return next((p for p in self.parks if p.slug == slug), None)

    def parks_in(self, zone: Zone) -> list[Park]:
        return [p for p in self.parks if p.zone == zone.slug]

    def projects_in(self, area: Zone | Park) -> list[Project]:
        attribute = "park" if isinstance(area, Park) else "zone"
        return [p for p in self.projects if getattr(p, attribute) == area.slug]

    def village(self, slug: str | None) -> Village | None:
        return next((v for v in self.villages if v.slug == slug), None)

    def products_of(self, village: Village) -> list[Product]:
        return [p for p in self.products if p.village == village.slug]

    def invests(self) -> bool:
        """Whether there is investment data (a commune may have only its products)."""
        return any((self.zones, self.parks, self.projects, self.incentives, self.plans))

    def calling(self) -> list[Project]:
        """The projects calling for investment (the home page's and the guide's figures)."""
        return [project for project in self.projects if project.status == "calling"]

    def investment_sought(self) -> float:
        """What the projects calling for investment add up to, in đồng."""
        return sum(project.investment_vnd or 0 for project in self.calling())

    def containers(self, item: Zone | Park | Project | Incentive | Plan | Village | Product) -> list[Zone | Park | Village]:
        """What an item is in, the nearest first: a project's park and zone; a park's zone; a product's village."""
        found = (self.park(getattr(item, "park", None)), self.zone(getattr(item, "zone", None)),
                 self.village(getattr(item, "village", None)))
        return [container for container in found if container is not None]

    def portals_of(self, item: Zone | Park | Project | Incentive | Plan | Village | Product) -> list[str]:
        """The portals an item names; one that names none is on the portals of
        what it is in (a project: its park, else its zone; a product: its village)."""
        if item.portals:
            return item.portals
        containers = self.containers(item)
        return self.portals_of(containers[0]) if containers else []

    def select(self, scope: Scope, rule: Rule) -> Portfolio:
        """What one build shows: the items on its portal (the umbrella portal:
        all) that the publication rule shows; a park or project in a zone or
        park that is not shown is not shown either."""

        def shown(item: Zone | Park | Project | Incentive | Plan | Village | Product) -> bool:
            if not scope.publishes(self.portals_of(item)) or not rule.shows(item):
                return False
            return all(shown(container) for container in self.containers(item))

        return replace(
            self,
            zones=[item for item in self.zones if shown(item)],
            parks=[item for item in self.parks if shown(item)],
            projects=[item for item in self.projects if shown(item)],
            incentives=[item for item in self.incentives if shown(item)],
            plans=[item for item in self.plans if shown(item)],
            villages=[item for item in self.villages if shown(item)],
            products=[item for item in self.products if shown(item)],
        )

    def files_used(self) -> set[str]:
        """Files of the content folder the items show or link to (photos, documents)."""
        used = {photo.src for item in self.zones + self.parks + self.villages + self.products for photo in item.photos}
        for project in self.projects:
            used |= {path for document in project.documents if (path := resolve("", document.url))}
        return used


def load_portfolio(
    data_dir: Path, languages: list[str], default: str, shown_root: Path, portals: list[str] | None = None,
    content_files: set[str] | None = None,
) -> Portfolio:
    """Read ``data_dir``; raise :class:`PortalErrors` listing every problem.

    A file that cannot be read at all is one error: references to its
    items are not reported again as unknown (no false follow-on errors).

    ``portals``: the project's portal ids, the umbrella portal's first
    (None: any id is accepted, and no portal is the umbrella).
    ``content_files``: the files of the content folders (``attachments/x.pdf``),
    which photos must be among (None: not checked).
    """
    context = {"languages": tuple(languages), "default": default, "portals": portals}
    errors: list[PortalError] = []
    loaded: dict[str, list] = {}
    rows: dict[str, list[int]] = {}  # where each loaded item stands in its file
    files: dict[str, Located] = {}
    # Keys of items that exist but failed validation: references to them are
    # not reported again as "unknown".
    invalid_keys: dict[str, set[str]] = {}
    unreadable: set[str] = set()  # datasets whose file is not YAML or not a list
    for name, (file_name, model, key) in DATASETS.items():
        loaded[name], rows[name], invalid_keys[name] = [], [], set()
        path = data_dir / file_name
        if not path.is_file():
            continue
        located = _load(path, data_dir, shown_root, errors)
        if located is None:
            unreadable.add(name)
            continue
        files[name] = located
        raw = located.data if located.data is not None else []
        if not isinstance(raw, list):
            errors.append(PortalError("data_file_wrong_type", file=located.shown, line=1, expected=Expected("list")))
            unreadable.add(name)
            continue
        for index, item in enumerate(raw):
            valid = validate(located, model, item, context, errors, prefix=(index,))
            if valid is not None:
                loaded[name].append(valid)
                rows[name].append(index)
            elif isinstance(item, dict) and isinstance(item.get(key), str):
                invalid_keys[name].add(item[key])
        errors += _duplicates(
            [(located, (index, key), getattr(item, key)) for index, item in zip(rows[name], loaded[name], strict=True)]
        )
    plans = []
    for path in sorted((data_dir / PLANS_DIR).glob("*.yml")):
        located = _load(path, data_dir, shown_root, errors)
        if located is None:
            continue
        plan = validate(located, Plan, located.data, context, errors)
        if plan is not None:
            errors += _plan_total(located, plan)
            plans.append((located, plan))
    errors += _duplicates([(located, ("slug",), plan.slug) for located, plan in plans])
    portfolio = Portfolio(plans=[plan for _loc, plan in plans], **loaded)
    errors += _references(portfolio, files, rows, invalid_keys, unreadable)
    errors += _portals_outside_zone(portfolio, files, rows, umbrella=portals[0] if portals else None)
    if content_files is not None:
        errors += _missing_photos(portfolio, files, rows, content_files)
    raise_all(errors)
    return portfolio


def _load(path: Path, data_dir: Path, shown_root: Path, errors: list[PortalError]) -> Located | None:
    if not inside(path, data_dir):  # a link out of data/
        errors.append(outside_error(path, data_dir, shown_root))
        return None
    try:
        return load_located(path, path.relative_to(shown_root).as_posix())
    except PortalError as error:
        errors.append(error)
        return None


def _duplicates(entries: list[tuple[Located, tuple, str]]) -> list[PortalError]:
    """``entries`` are (file, path of the key in it, key value), in order."""
    seen: set[str] = set()
    errors = []
    for located, path, value in entries:
        if value in seen:
            errors.append(
                PortalError("data_duplicate", file=located.shown, line=located.key_line(path), field=path[-1], value=value)
            )
        seen.add(value)
    return errors


def _plan_total(located: Located, plan: Plan) -> list[PortalError]:
    if abs(plan.budget_total - plan.total_million_vnd) < 1e-6:
        return []
    return [
        PortalError(
            "plan_total_mismatch",
            file=located.shown,
            line=located.key_line(("total_million_vnd",)),
            field="total_million_vnd",
            stated=_number(plan.total_million_vnd),
            computed=_number(plan.budget_total),
        )
    ]


def _references(
    portfolio: Portfolio, files: dict[str, Located], rows: dict[str, list[int]], invalid: dict[str, set[str]],
    unreadable: set[str],
) -> list[PortalError]:
    """Every zone or park named by a park or project must exist (and agree),
    unless its file could not be read (that is reported already)."""
    zones = {z.slug for z in portfolio.zones} | invalid["zones"]
    villages = {v.slug for v in portfolio.villages} | invalid["villages"]
    parks = {p.slug: p for p in portfolio.parks}
    known_parks = set(parks) | invalid["parks"]

    def problem(key: str, dataset: str, position: int, name: str, **params: str) -> PortalError:
        located = files[dataset]
        line = located.key_line((rows[dataset][position], name))
        return PortalError(key, file=located.shown, line=line, field=name, **params)

    errors = []
    for position, park in enumerate(portfolio.parks):
        if park.zone not in zones and "zones" not in unreadable:
            errors.append(problem("data_unknown_reference", "parks", position, "zone", value=park.zone, target=DATASETS["zones"][0]))
    for position, project in enumerate(portfolio.projects):
        if project.zone is not None and project.zone not in zones and "zones" not in unreadable:
            errors.append(problem("data_unknown_reference", "projects", position, "zone", value=project.zone, target=DATASETS["zones"][0]))
        if project.park is not None and project.park not in known_parks and "parks" not in unreadable:
            errors.append(problem("data_unknown_reference", "projects", position, "park", value=project.park, target=DATASETS["parks"][0]))
        elif project.park in parks and project.zone is not None and parks[project.park].zone != project.zone:
            errors.append(problem("data_park_outside_zone", "projects", position, "park", park=project.park, zone=project.zone))
    for position, product in enumerate(portfolio.products):
        if product.village is not None and product.village not in villages and "villages" not in unreadable:
            errors.append(problem("data_unknown_reference", "products", position, "village", value=product.village,
                                  target=DATASETS["villages"][0]))
    return errors


def _portals_outside_zone(
    portfolio: Portfolio, files: dict[str, Located], rows: dict[str, list[int]], umbrella: str | None
) -> list[PortalError]:
    """A park, project or product a portal publishes needs its zone (a
    product: its village) on that portal too, or its page would link to a
    page that portal does not have."""
    errors = []
    for dataset, kind in (("parks", "zone"), ("projects", "zone"), ("products", "village")):
        for position, item in enumerate(getattr(portfolio, dataset)):
            container = getattr(portfolio, kind)(getattr(item, kind))
            if container is None:
                continue
            outside = [p for p in item.portals if p != umbrella and p not in portfolio.portals_of(container)]
            for portal_id in outside:
                located = files[dataset]
                line = located.line((rows[dataset][position], "portals", item.portals.index(portal_id)))
                errors.append(
                    PortalError(f"data_portal_outside_{kind}", file=located.shown, line=line, field="portals",
                                value=portal_id, **{kind: container.slug})
                )
    return errors


def _missing_photos(
    portfolio: Portfolio, files: dict[str, Located], rows: dict[str, list[int]], content_files: set[str]
) -> list[PortalError]:
    errors = []
    for dataset in ("zones", "parks", "villages", "products"):
        for position, area in enumerate(getattr(portfolio, dataset)):
            for index, photo in enumerate(area.photos):
                if photo.src not in content_files:
                    located = files[dataset]
                    line = located.line((rows[dataset][position], "photos", index, "src"))
                    errors.append(PortalError("attachment_missing", file=located.shown, line=line,
                                              field="photos.src", value=photo.src))
    return errors


def _number(value: float) -> str:
    return f"{value:g}"
