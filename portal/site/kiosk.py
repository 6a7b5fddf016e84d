"""The kiosk variant's page furniture: each page's public address and a QR
code to it, made at build time (segno, no service), so a visitor at an
information point can carry the page away on a phone."""

from __future__ import annotations

import segno

from portal.content.translations import absolute


def public_url(site_url: str, page_url: str) -> str:
    """The public portal's address of a kiosk page: the kiosk's file URLs
    (``news/x.html``, ``en/index.html``) in the public site's directory form."""
    if page_url == "index.html" or page_url.endswith("/index.html"):
        path = page_url[: -len("index.html")]
    elif page_url.endswith(".html"):
        path = page_url[: -len(".html")] + "/"
    else:
        path = page_url
    return absolute(site_url, path)


def qr_svg(url: str) -> str:
    """An inline SVG QR code (no XML declaration, no size: CSS sizes it)."""
    code = segno.make(url, error="m")
    return code.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True)
