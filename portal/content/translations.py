"""Which languages a page really exists in, and what that means for readers
and search engines.

A page missing in a language is still built there from the default language
(so links and the language switcher never lead nowhere), but it is not a
translation: hreflang links and the sitemap list only real translations, and
the reader is told the page is shown in another language.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from portal.site.languages import Language


@dataclass(frozen=True)
class Version:
    """A page as built for one language."""

    lang: str  # the language the page is built for (its URL prefix)
    source_lang: str  # the language its text is really written in
    path: str  # URL path relative to the site root ("" or "./" for home, "en/about/")

    @property
    def is_translation(self) -> bool:
        return self.lang == self.source_lang


@dataclass(frozen=True)
class SwitcherEntry:
    lang: str
    name: str
    path: str
    current: bool
    translated: bool


def absolute(site_url: str, path: str) -> str:
    """Absolute URL of a site-relative path (``site_url`` ends with ``/``)."""
    return urljoin(site_url, path)


def hreflang_links(
    versions: dict[str, Version], languages: list[Language], site_url: str
) -> list[tuple[str, str]]:
    """``(hreflang, url)`` for each real translation, then ``x-default``.

    ``x-default`` is the default language's version (every page has one,
    since the default language is the source language); a page written only
    in another language points ``x-default`` at its first real version.
    """
    real = [versions[lang.code] for lang in languages if lang.code in versions and versions[lang.code].is_translation]
    if not real:
        return []
    links = [(version.lang, absolute(site_url, version.path)) for version in real]
    default = next(lang.code for lang in languages if lang.default)
    fallback_target = versions.get(default) if default in versions and versions[default].is_translation else real[0]
    links.append(("x-default", absolute(site_url, fallback_target.path)))
    return links


def switcher_entries(versions: dict[str, Version], languages: list[Language], current: str) -> list[SwitcherEntry]:
    """One entry per built language, pointing at the same page in that language."""
    return [
        SwitcherEntry(
            lang=lang.code,
            name=lang.name,
            path=versions[lang.code].path,
            current=lang.code == current,
            translated=versions[lang.code].is_translation,
        )
        for lang in languages
        if lang.code in versions
    ]


def original(versions: dict[str, Version], current: str) -> Version:
    """The version whose text a (possibly fallback) page shows."""
    version = versions[current]
    return versions.get(version.source_lang, version)
