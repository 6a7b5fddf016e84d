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
    NonNegativeFloat,
    NonNegativeInt,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

#: Markup that must never reach a page from data: tags, comments, script URLs.
UNSAFE = re.compile(r"<[a-zA-Z!/?]|javascript\s*:|\bon[a-z]+\s*=", re.IGNORECASE)
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
    if UNSAFE.search(value):
        raise PydanticCustomError("unsafe_text", "HTML or script is not allowed in data text")
    value = value.strip()
    if not value:
        raise PydanticCustomError("empty_text", "empty text")
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
Slug = Annotated[str, AfterValidator(_slug)]
#: Text per language: ``{vi: ..., en: ..., lo: ...}``.
I18nText = Annotated[dict[str, SafeText], AfterValidator(_i18n)]
#: The portals that publish an item, besides the umbrella portal (the city's),
#: which publishes everything: ``[zone]``. Ids are the portals' ``id`` options.
Portals = list[Annotated[str, AfterValidator(_portal_id)]]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(Model):
    name: I18nText | None = None
    phone: SafeText | None = None
    email: SafeText | None = None


class Coordinates(Model):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Photo(Model):
    src: SafeText  # path inside content/ (e.g. assets/photos/dinh-vu.jpg)
    alt: I18nText


class Document(Model):
    title: I18nText
    url: SafeText


class LegalBasis(Model):
    number: SafeText  # e.g. "3933/KH-BQL"
    date: datetime.date
    title: I18nText | None = None


class Area(Model):
    """What zones and parks share."""

    slug: Slug
    name: I18nText
    location: I18nText
    area_ha: NonNegativeFloat | None = None
    land_available_ha: NonNegativeFloat | None = None
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


class Project(Model):
    code: Slug
    name: I18nText
    sector: Sector
    zone: Slug | None = None
    park: Slug | None = None
    location: I18nText
    area_ha: NonNegativeFloat | None = None
    investment_vnd: NonNegativeInt | None = None  # total investment, in đồng
    investment_usd: NonNegativeFloat | None = None  # total investment, in US dollars
    form: Literal["fdi", "ppp", "domestic", "any"]
    status: Literal["calling", "preparing", "licensed"] = "calling"
    summary: I18nText
    contact: Contact | None = None
    documents: list[Document] = []
    example: bool = False
    portals: Portals = []  # without it: the portals of its park, else of its zone


class Incentive(Model):
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
    budget_million_vnd: NonNegativeFloat | None = None
    status: Literal["planned", "in_progress", "done", "unknown"] = "unknown"

    @property
    def level(self) -> int:
        return self.number.count(".")


class Plan(Model):
    slug: Slug
    number: SafeText  # "04/KH-UBND"
    date: datetime.date
    issuer: I18nText
    title: I18nText
    summary: I18nText
    #: The total stated in the document; the tasks' budgets must add up to it.
    total_million_vnd: NonNegativeFloat
    tasks: list[Task]
    example: bool = False
    portals: Portals = []

    @property
    def budget_total(self) -> float:
        return sum(task.budget_million_vnd or 0 for task in self.tasks)
