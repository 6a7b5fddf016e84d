"""Who publishes the portal: the responsible agency and its contacts (shown on
every page, as Decree 42/2022/ND-CP asks of government sites) and the colours.

All of it comes from configuration, so another locality reuses the code and
theme by changing ``mkdocs.yml`` only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from portal.errors import PortalError

MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text


@dataclass(frozen=True)
class Agency:
    """The agency's contact block in one language."""

    name: str
    address: str
    phone: str
    email: str
    example: bool


@dataclass(frozen=True)
class Spokesperson:
    """The spokesperson in one language (state bodies must name one)."""

    name: str
    role: str
    phone: str
    email: str
    example: bool


@dataclass(frozen=True)
class Identity:
    agency: dict[str, Agency]  # by language code
    contact_page: str  # Markdown path, relative to a language folder
    accessibility_page: str  # the same, for the accessibility statement
    primary: str
    accent: str
    spokesperson: dict[str, Spokesperson] | None = None  # by language code

    def css(self) -> str:
        """CSS custom properties that recolour Material's palette."""
        return (
            ":root,[data-md-color-scheme=default]{"
            f"--md-primary-fg-color:{self.primary};"
            f"--md-primary-fg-color--light:{self.primary};"
            f"--md-primary-fg-color--dark:{self.primary};"
            "--md-primary-bg-color:#fff;"
            f"--md-accent-fg-color:{self.accent};"
            f"--md-typeset-a-color:{self.primary}"
            "}\n"
        )


def check_identity(raw: dict[str, Any], languages: list[str], shown: str) -> Identity:
    """Validate the ``portal`` plugin options; errors name ``shown`` and the field."""
    agency = {
        lang: Agency(**_contact(raw.get("agency") or {}, "agency", ("name", "address"), lang, shown))
        for lang in languages
    }
    spokesperson = None
    if raw.get("spokesperson"):
        spokesperson = {
            lang: Spokesperson(**_contact(raw["spokesperson"], "spokesperson", ("name", "role"), lang, shown))
            for lang in languages
        }
    colors = raw.get("colors") or {}
    primary = _check_colour(colors.get("primary", "#1a5276"), "plugins.portal.colors.primary", shown)
    accent = _check_colour(colors.get("accent", "#9a6700"), "plugins.portal.colors.accent", shown)
    return Identity(
        agency=agency,
        contact_page=raw.get("contact_page", "contacts.md"),
        accessibility_page=raw.get("accessibility_page", "accessibility.md"),
        primary=primary,
        accent=accent,
        spokesperson=spokesperson,
    )


def _contact(raw: dict[str, Any], name: str, translated: tuple[str, ...], lang: str, shown: str) -> dict[str, Any]:
    """The texts of a contact block in ``lang`` (each required), its phone and email."""
    texts = {}
    for key in translated:
        value = (raw.get(key) or {}).get(lang)
        if not isinstance(value, str) or not value.strip():
            raise PortalError("identity_missing_text", file=shown, field=f"plugins.portal.{name}.{key}", code=lang)
        texts[key] = value.strip()
    return {
        **texts,
        "phone": str(raw.get("phone", "")).strip(),
        "email": str(raw.get("email", "")).strip(),
        "example": bool(raw.get("example", False)),
    }


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of ``#rrggbb`` against white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def _check_colour(value: Any, field: str, shown: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise PortalError("identity_bad_color", file=shown, field=field, value=value)
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST:
        raise PortalError(
            "identity_low_contrast", file=shown, field=field, color=value, ratio=f"{ratio:.2f}"
        )
    return value.lower()
