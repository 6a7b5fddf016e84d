"""Security headers for static hosts, written into every build: ``_headers``
(Netlify, Cloudflare Pages and similar hosts read it) and
``_headers.nginx.conf`` (``include`` it in the nginx ``server`` block).

The Content Security Policy allows scripts from the site itself and the
inline scripts the theme writes into pages, by their SHA-256 hashes, taken
from the built pages themselves (Material's inline scripts differ with a
page's depth, so there are a few); ``'wasm-unsafe-eval'`` lets Pagefind run
its WebAssembly search. Nothing comes from another host.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

TEMPLATES = Path(__file__).parent / "templates"
HEADERS_FILE = "_headers"
NGINX_FILE = "_headers.nginx.conf"
#: Script types browsers run (others, such as JSON data blocks, are not checked by CSP).
EXECUTED_TYPES = {"", "text/javascript", "application/javascript", "module"}


def content_security_policy(script_hashes: list[str]) -> str:
    scripts = ["'self'", *(f"'sha256-{h}'" for h in script_hashes), "'wasm-unsafe-eval'"]
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(scripts),
        "style-src": "'self'",
        "img-src": "'self' data:",  # the theme's icons are data: URLs in its CSS
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(site_dir: Path) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(inline_script_hashes(site_dir)),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def write_security_headers(site_dir: Path) -> dict[str, str]:
    headers = security_headers(site_dir)
    env = Environment(loader=FileSystemLoader(TEMPLATES), keep_trailing_newline=True)
    for name in (HEADERS_FILE, NGINX_FILE):
        text = env.get_template(f"{name}.j2").render(headers=headers, files=(HEADERS_FILE, NGINX_FILE))
        (site_dir / name).write_text(text, encoding="utf-8")
    return headers


def inline_script_hashes(site_dir: Path) -> list[str]:
    """Base64 SHA-256 of every distinct inline script of every page, sorted."""
    found: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        parser = _InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        found |= {base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() for text in parser.scripts}
    return sorted(found)


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = dict(attrs)
        inline = "src" not in attributes and (attributes.get("type") or "").lower() in EXECUTED_TYPES
        self._current = [] if inline else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None
