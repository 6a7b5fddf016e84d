"""The one rule from a page's file to its address, as the site engine writes
pages: ``about.md`` → ``about/`` (directory URLs) or ``about.html``,
``news/index.md`` → ``news/`` or ``news/index.html``, ``index.md`` → ``""``
or ``index.html``. Every generated link, feed, calendar and view uses it."""

from __future__ import annotations


def page_path(path: str, directory_urls: bool = True) -> str:
    """The address of the page ``path`` (a ``.md`` file) from its language's
    folder; any other file keeps its path."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else f"{stem}/"


def public_path(built_path: str) -> str:
    """A kiosk page's address (``news/x.html``, ``en/index.html``) in the
    public site's directory form (``news/x/``, ``en/``)."""
    if built_path == "index.html" or built_path.endswith("/index.html"):
        return built_path[: -len("index.html")]
    if built_path.endswith(".html"):
        return built_path[: -len(".html")] + "/"
    return built_path
