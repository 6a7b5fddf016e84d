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

TRANSLATED_FIELDS = ("name", "address")
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
class Identity:
    agency: dict[str, Agency]  # by language code
    contact_page: str  # Markdown path, relative to a language folder
    primary: str
    accent: str

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
    agency_raw = raw.get("agency") or {}
    agency: dict[str, Agency] = {}
    for lang in languages:
        texts = {}
        for name in TRANSLATED_FIELDS:
            value = (agency_raw.get(name) or {}).get(lang)
            if not isinstance(value, str) or not value.strip():
                raise PortalError(
                    "identity_missing_text", file=shown, field=f"plugins.portal.agency.{name}", code=lang
                )
            texts[name] = value.strip()
        agency[lang] = Agency(
            name=texts["name"],
            address=texts["address"],
            phone=str(agency_raw.get("phone", "")).strip(),
            email=str(agency_raw.get("email", "")).strip(),
            example=bool(agency_raw.get("example", False)),
        )
    colors = raw.get("colors") or {}
    primary = _check_colour(colors.get("primary", "#1a5276"), "plugins.portal.colors.primary", shown)
    accent = _check_colour(colors.get("accent", "#9a6700"), "plugins.portal.colors.accent", shown)
    return Identity(agency=agency, contact_page=raw.get("contact_page", "contacts.md"), primary=primary, accent=accent)


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
