"""The schema of the plan data: one definition, used by the loader, the page
generator, the downloads and the tests.

Text that readers see is per language (``I18nText``): Vietnamese is required,
other portal languages may be missing (the pages then show the Vietnamese
text, marked as such). No text field may contain HTML or script.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from portal.safety import text, urls

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

SECTORS = (
    "logistics",
    "manufacturing",
    "electronics",
    "energy",
    "infrastructure",
    "urban",
    "tourism",
    "agriculture",
    "services",
)
Sector = Literal[SECTORS]  # type: ignore[valid-type]


def _safe(value: str) -> str:
    if text.has_markup(value):
        raise PydanticCustomError("unsafe_text", "HTML or script is not allowed in data text")
    if text.has_control(value):
        raise PydanticCustomError("control_character", "a control character")
    value = value.strip()
    if not value:
        raise PydanticCustomError("empty_text", "empty text")
    return value


def _url(value: str) -> str:
    why = urls.problem(value)
    if why:
        raise PydanticCustomError("unsafe_url", "not an address readers can safely follow",
                                  {"why": why, "scheme": urls.scheme(value)})
    return value


def _content_path(value: str) -> str:
    """A file inside content/: a plain relative path, nothing that could leave it."""
    parts = value.split("/")
    if urls.problem(value, images=True) or value.startswith("/") or any(p in ("", ".", "..") for p in parts) \
            or re.search(r"[?#%\\]", value):
        raise PydanticCustomError("bad_content_path", "not a path inside content/", {"value": value})
    return value


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise PydanticCustomError("bad_slug", "not a slug", {"value": value})
    return value


def _i18n(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    context = info.context or {}
    languages = context.get("languages", ("vi", "en", "lo"))
    default = context.get("default", "vi")
    for code in value:
        if code not in languages:
            raise PydanticCustomError(
                "unknown_language", "unknown language", {"code": code, "configured": ", ".join(languages)}
            )
    if default not in value:
        raise PydanticCustomError("missing_default_language", "missing default language", {"code": default})
    return value


def _portal_id(value: str, info: ValidationInfo) -> str:
    known = (info.context or {}).get("portals")
    if known is not None and value not in known:
        raise PydanticCustomError(
            "unknown_portal", "unknown portal", {"value": value, "known": ", ".join(known)}
        )
    return value


SafeText = Annotated[str, AfterValidator(_safe)]
#: An address readers follow: http(s), mailto, tel, or a path in the portal (portal/safety/urls.py).
SafeUrl = Annotated[str, AfterValidator(_safe), AfterValidator(_url)]
#: A file in content/, e.g. ``attachments/04-KH-UBND-2019.txt``; it must exist (checked with the content).
ContentPath = Annotated[str, AfterValidator(_safe), AfterValidator(_content_path)]
EMAIL = r"^[^@\s<>\"'&]+@[^@\s<>\"'&]+\.[^@\s<>\"'&]+$"
PHONE = r"^\+?[0-9][0-9 ().-]{2,29}$"
Email = Annotated[str, AfterValidator(_safe), StringConstraints(pattern=EMAIL)]
Phone = Annotated[str, AfterValidator(_safe), StringConstraints(pattern=PHONE)]
#: Figures: finite, not negative, and small enough to be real (and to format).
Hectares = Annotated[float, Field(ge=0, le=10_000_000)]
Money = Annotated[int, Field(ge=0, le=10**18)]
Slug = Annotated[str, AfterValidator(_slug)]
#: Text per language: ``{vi: ..., en: ..., lo: ...}``.
I18nText = Annotated[dict[str, SafeText], AfterValidator(_i18n)]
#: The portals that publish an item, besides the umbrella portal (the city's),
#: which publishes everything: ``[zone]``. Ids are the portals' ``id`` options.
Portals = list[Annotated[str, AfterValidator(_portal_id)]]


class Model(BaseModel):
    # No .inf/.nan: they would reach the JSON downloads as `Infinity`, which is not JSON.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Publishable(Model):
    """What decides whether a page or a data item is published
    (portal/site/publication.py): unless it is a draft, before its
    ``publish_date`` (Viet Nam time), or internal, it appears nowhere."""

    draft: bool = False
    publish_date: datetime.datetime | datetime.date | None = None
    visibility: Literal["public", "internal"] = "public"


class Contact(Model):
    name: I18nText | None = None
    phone: Phone | None = None
    email: Email | None = None


class Coordinates(Model):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Photo(Model):
    src: ContentPath  # e.g. assets/photos/dinh-vu.jpg
    alt: I18nText


class Document(Model):
    title: I18nText
    url: SafeUrl


class LegalBasis(Model):
    number: SafeText  # e.g. "3933/KH-BQL"
    date: datetime.date
    title: I18nText | None = None


class Area(Publishable):
    """What zones and parks share."""

    slug: Slug
    name: I18nText
    location: I18nText
    area_ha: Hectares | None = None
    land_available_ha: Hectares | None = None
    infrastructure: I18nText | None = None
    developer: I18nText | None = None
    sectors: list[Sector] = []
    contact: Contact | None = None
    coordinates: Coordinates | None = None
    photos: list[Photo] = []
    source: LegalBasis | None = None  # the document the facts come from
    example: bool = False  # illustrative sample, not official data
    portals: Portals = []  # a park without it is on its zone's portals


class Zone(Area):
    pass


class Park(Area):
    zone: Slug


class Project(Publishable):
    code: Slug
    name: I18nText
    sector: Sector
    zone: Slug | None = None
    park: Slug | None = None
    location: I18nText
    area_ha: Hectares | None = None
    investment_vnd: Money | None = None  # total investment, in đồng
    investment_usd: Annotated[float, Field(ge=0, le=10**14)] | None = None  # total investment, in US dollars
    form: Literal["fdi", "ppp", "domestic", "any"]
    status: Literal["calling", "preparing", "licensed"] = "calling"
    summary: I18nText
    contact: Contact | None = None
    documents: list[Document] = []
    example: bool = False
    portals: Portals = []  # without it: the portals of its park, else of its zone


class Incentive(Publishable):
    slug: Slug
    title: I18nText
    description: I18nText
    eligibility: I18nText
    legal_basis: LegalBasis
    example: bool = False
    portals: Portals = []


class Task(Model):
    number: Annotated[str, Field(pattern=r"^\d+(\.\d+)*$")]  # "2.1"
    title: I18nText
    lead: I18nText | None = None  # none for a heading task that only groups others
    coordinating: I18nText | None = None
    timing: I18nText | None = None
    budget_million_vnd: Annotated[float, Field(ge=0, le=10**12)] | None = None
    status: Literal["planned", "in_progress", "done", "unknown"] = "unknown"

    @property
    def level(self) -> int:
        return self.number.count(".")


class Plan(Publishable):
    slug: Slug
    number: SafeText  # "04/KH-UBND"
    date: datetime.date
    issuer: I18nText
    title: I18nText
    summary: I18nText
    #: The total stated in the document; the tasks' budgets must add up to it.
    total_million_vnd: Annotated[float, Field(ge=0, le=10**12)]
    tasks: list[Task]
    example: bool = False
    portals: Portals = []

    @property
    def budget_total(self) -> float:
        return sum(task.budget_million_vnd or 0 for task in self.tasks)


#: The six product groups of the national One Commune One Product (OCOP) programme (Decision 919/QĐ-TTg of 2022).
OCOP_GROUPS = ("food", "beverage", "herbal", "textile", "craft", "tourism")


class Village(Publishable):
    """A traditional craft village (làng nghề) of a commune."""

    slug: Slug
    name: I18nText
    location: I18nText
    craft: I18nText  # what it makes: "dệt chiếu", "rush mats"
    description: I18nText
    contact: Contact | None = None
    photos: list[Photo] = []
    example: bool = False
    portals: Portals = []


class Product(Publishable):
    """A product certified under the One Commune One Product programme (OCOP)."""

    slug: Slug
    name: I18nText
    group: Literal[OCOP_GROUPS]  # type: ignore[valid-type]
    stars: Annotated[int, Field(ge=3, le=5)]  # OCOP certifies 3, 4 or 5 stars
    producer: I18nText
    village: Slug | None = None  # the craft village it comes from
    description: I18nText
    contact: Contact | None = None
    photos: list[Photo] = []
    certificate: LegalBasis | None = None  # the decision that rated it
    example: bool = False
    portals: Portals = []  # without it: the portals of its village
