"""The one rule from a page's file to its address, as the site engine writes
pages: ``about.md`` → ``about/`` (directory URLs) or ``about.html``,
``news/index.md`` → ``news/`` or ``news/index.html``, ``index.md`` → ``""``
or ``index.html``. Every generated link, feed, calendar and view uses it,
and the links between them (:func:`relative`, :func:`relative_to_page`)."""

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


def output_file(url: str) -> str:
    """The file a page's address is written to (``en/about/`` → ``en/about/index.html``)."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def relative(target: str, start: str) -> str:
    """The link from folder ``start`` to ``target`` (both clean site paths):
    ``posixpath.relpath`` without its file-system calls, which cost a lot
    for every link of every generated page."""
    target_parts = [part for part in target.split("/") if part not in ("", ".")]
    start_parts = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    for a, b in zip(target_parts, start_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."


def relative_to_page(target: str, page_url: str) -> str:
    """The link to site path ``target`` from the page at ``page_url`` (its
    folder when the address is one, as ``en/about/``), as the engine writes
    links: a folder keeps its final ``/``."""
    folder = page_url if page_url.endswith("/") else page_url.rpartition("/")[0]
    link = relative(target, folder)
    return link + "/" if target.endswith("/") else link
