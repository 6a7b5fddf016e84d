"""Who publishes the portal: the responsible agency and its contacts (shown on
every page, as Decree 42/2022/ND-CP asks of government sites) and the colours.

All of it comes from configuration, so another locality reuses the code and
theme by changing ``mkdocs.yml`` only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from portal.data.models import EMAIL, PHONE
from portal.errors import PortalError
from portal.site.config_files import ConfigChain

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


def check_identity(raw: dict[str, Any], languages: list[str], chain: ConfigChain) -> Identity:
    """Validate the ``portal`` plugin options; errors name the config file
    that sets each value, and its line."""
    agency = {
        lang: Agency(**_contact(raw.get("agency") or {}, "agency", ("name", "address"), lang, chain))
        for lang in languages
    }
    spokesperson = None
    if raw.get("spokesperson"):
        spokesperson = {
            lang: Spokesperson(**_contact(raw["spokesperson"], "spokesperson", ("name", "role"), lang, chain))
            for lang in languages
        }
    colors = raw.get("colors") or {}
    primary = _check_colour(colors.get("primary", "#1a5276"), "primary", chain)
    accent = _check_colour(colors.get("accent", "#9a6700"), "accent", chain)
    return Identity(
        agency=agency,
        contact_page=raw.get("contact_page", "contacts.md"),
        accessibility_page=raw.get("accessibility_page", "accessibility.md"),
        primary=primary,
        accent=accent,
        spokesperson=spokesperson,
    )


def _contact(raw: dict[str, Any], name: str, translated: tuple[str, ...], lang: str, chain: ConfigChain) -> dict[str, Any]:
    """The texts of a contact block in ``lang`` (each required), its phone and email.

    MkDocs merges an INHERITing file's block into the inherited one key by
    key, so a portal that leaves out one language would show the *other*
    portal's agency in it: every text must be in the file that sets the block.
    """
    block = ("plugins", "portal", name)
    owner = chain.lookup_with_file(block)
    texts = {}
    for key in translated:
        value = (raw.get(key) or {}).get(lang)
        found = chain.lookup_with_file(block + (key, lang))
        if not isinstance(value, str) or not value.strip() or found is None or (owner and found[0] != owner[0]):
            file, line = chain.where(block)
            if owner is not None:
                line = chain.line_in(owner[0], block + (key,)) or line
            raise PortalError("identity_missing_text", file=file, line=line, field=f"plugins.portal.{name}.{key}", code=lang)
        texts[key] = value.strip()
    for key, pattern in (("phone", PHONE), ("email", EMAIL)):
        value = str(raw.get(key, "")).strip()
        if value and not re.fullmatch(pattern, value):
            file, line = chain.where(block + (key,))
            raise PortalError("data_bad_format", file=file, line=line, field=f"plugins.portal.{name}.{key}",
                              example="+84 225 000 0000" if key == "phone" else "doingoai@haiphong.gov.vn")
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


def _check_colour(value: Any, name: str, chain: ConfigChain) -> str:
    field = f"plugins.portal.colors.{name}"
    file, line = chain.where(("plugins", "portal", "colors", name))
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise PortalError("identity_bad_color", file=file, line=line, field=field, value=value)
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST:
        raise PortalError("identity_low_contrast", file=file, line=line, field=field, color=value, ratio=f"{ratio:.2f}")
    return value.lower()
