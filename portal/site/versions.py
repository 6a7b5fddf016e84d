"""Which languages a page exists in, and where, from the core's reading of
the content tree: what the language switcher, canonical links, hreflang and
the sitemap are made of, without asking the site engine (so one language can
be built without the others, and any engine can be given the answer)."""

from __future__ import annotations

from urllib.parse import quote

from portal.content.translations import Version, absolute, hreflang_links
from portal.site.languages import Language
from portal.site.urls import page_path


def page_versions(pages: set[str], generated: set[str], languages: list[Language],
                  directory_urls: bool = True) -> dict[str, dict[str, Version]]:
    """``"vi/about.md"`` -> the page in every built language. ``pages``: the
    editors' pages the build publishes; ``generated``: the pages it makes,
    which exist only where they are made. A page missing in a language is
    shown there from the default language's text (a fallback), when the
    default language has it."""
    default = next(language for language in languages if language.default)
    built = {language.code: language for language in languages}
    by_path: dict[str, set[str]] = {}
    for key in pages | generated:
        lang, _, path = key.partition("/")
        if lang in built and path.endswith(".md"):
            by_path.setdefault(path, set()).add(lang)
    versions: dict[str, dict[str, Version]] = {}
    for path, present in by_path.items():
        fallback = default.code in present and f"{default.code}/{path}" not in generated
        page = {}
        for language in languages:
            if language.code in present:
                page[language.code] = Version(language.code, language.code, _url(language, path, directory_urls))
            elif fallback:
                page[language.code] = Version(language.code, default.code, _url(language, path, directory_urls))
        for lang in page:  # a fallback copy is found under its own language too
            versions[f"{lang}/{path}"] = page
    return versions


def _url(language: Language, path: str, directory_urls: bool) -> str:
    """As the engine writes a page's URL: percent-encoded (Lao tags), ``./`` for the site's home."""
    return quote(language.prefix + page_path(path, directory_urls)) or "./"


def site_paths(versions: dict[str, dict[str, Version]]) -> set[str]:
    """Every page's address from the site's root ("/", "/en/about/"), as
    search records name pages: what a build publishes now."""
    return {"/" + (version.path if version.path != "./" else "") for page in versions.values() for version in page.values()}


def sitemap_entries(versions: dict[str, dict[str, Version]], languages: list[Language],
                    site_url: str) -> list[dict]:
    """One entry per page *in its own language* (no fallback copy), with its
    real translations as hreflang alternates, sorted by address."""
    entries = {}
    for key, page in versions.items():
        version = page.get(key.partition("/")[0])
        if version is not None and version.is_translation:
            entries[version.path] = {"loc": absolute(site_url, version.path),
                                     "links": hreflang_links(page, languages, site_url)}
    return sorted(entries.values(), key=lambda entry: entry["loc"])
