"""What a finished build writes last, at the root of each portal:

- ``_headers`` (Netlify, Cloudflare Pages and similar hosts read it) and
  ``_headers.nginx.conf`` (``include`` it in the nginx ``server`` block):
  the security headers;
- ``_build-manifest.json``: every file of the build with its size and
  SHA-256, written after everything else. A deploy refuses a build without
  it, or whose files do not match it (portal/publishing/deploy.py).

The Content Security Policy allows scripts from the site itself only: the
theme's scripts are all files (Material's two inline scripts are served as
files by ``overrides/partials/javascripts/``), so no inline script is ever
allowed, whatever a page contains; the build refuses pages with one anyway
(portal/safety/output.py). ``'wasm-unsafe-eval'`` lets Pagefind run its
WebAssembly search. Nothing comes from another host. The same policy is in
every page as a ``<meta>`` tag, for hosts that send no headers and for the
kiosk copy opened from ``file://``. The web editor's page (``admin/``) has
a policy of its own, which replaces this one there (its header block detaches
the site-wide one: Cloudflare Pages' ``!`` syntax; nginx: a ``location``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader

from portal.editor.admin import ADMIN_DIR, built_policy

TEMPLATES = Path(__file__).parent / "templates"
HEADERS_FILE = "_headers"
NGINX_FILE = "_headers.nginx.conf"
MANIFEST_FILE = "_build-manifest.json"
ROBOTS_FILE = "robots.txt"
#: Written by the build for the web server and the deploy script, not for readers.
SERVER_FILES = (HEADERS_FILE, NGINX_FILE, MANIFEST_FILE)


def content_security_policy(meta: bool = False) -> str:
    """The policy; ``meta``: for a ``<meta>`` tag, where ``frame-ancestors`` is not allowed."""
    directives = {
        "default-src": "'self'",
        "script-src": "'self' 'wasm-unsafe-eval'",
        "style-src": "'self'",
        "img-src": "'self' data:",  # the theme's icons are data: URLs in its stylesheet
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    if meta:
        del directives["frame-ancestors"]
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def write_build_files(site_dir: Path, robots_for: str | None = None) -> dict[str, str]:
    """robots.txt (for a public site at ``robots_for``), the headers, then the
    manifest: the last files a build writes."""
    if robots_for is not None:
        (site_dir / ROBOTS_FILE).write_text(robots_txt(robots_for), encoding="utf-8")
    headers = security_headers()
    policy = built_policy(site_dir)  # the web editor's page has a policy of its own (portal/editor/admin.py)
    admin = None if policy is None else {**headers, "Content-Security-Policy": policy}
    admin_path = urlsplit(robots_for or "/").path.rstrip("/") + f"/{ADMIN_DIR}/"  # where the portal is served
    env = Environment(loader=FileSystemLoader(TEMPLATES), keep_trailing_newline=True)
    for name in (HEADERS_FILE, NGINX_FILE):
        text = env.get_template(f"{name}.j2").render(headers=headers, admin=admin, admin_path=admin_path,
                                                     files=SERVER_FILES)
        (site_dir / name).write_text(text, encoding="utf-8")
    (site_dir / MANIFEST_FILE).write_text(json.dumps(manifest(site_dir), indent=1, sort_keys=True) + "\n",
                                          encoding="utf-8")
    return headers


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap lists each in its languages. (Crawlers
    read robots.txt at a host's root: it takes effect where the portal is.)"""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


def manifest(site_dir: Path) -> dict[str, dict[str, object]]:
    """Every file of the build but the manifest: path -> size and SHA-256."""
    files = {}
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.is_file() and relative != MANIFEST_FILE:
            data = path.read_bytes()
            files[relative] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    return files
