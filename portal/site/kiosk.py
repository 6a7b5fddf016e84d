"""The kiosk variant's page furniture: each page's public address and a QR
code to it, made at build time (segno, no service), so a visitor at an
information point can carry the page away on a phone."""

from __future__ import annotations

import segno

from portal.content.translations import absolute
from portal.site.urls import public_path


def public_url(site_url: str, page_url: str) -> str:
    """The public portal's address of a kiosk page (``news/x.html`` → ``…/news/x/``)."""
    return absolute(site_url, public_path(page_url))


def qr_svg(url: str) -> str:
    """An inline SVG QR code (no XML declaration, no size: CSS sizes it)."""
    code = segno.make(url, error="m")
    return code.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True)
