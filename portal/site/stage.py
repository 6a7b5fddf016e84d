"""``portal stage``: what a build publishes, written as plain files that any
site engine can read, without running one: ``docs/`` (the editors' pages and
files this portal publishes, a portal's own laid over the shared ones, and
the generated pages) and ``pages.json`` (every page's address and its
versions in every language: what the switcher, canonical links, hreflang and
sitemap are made of)."""

from __future__ import annotations

import json
from pathlib import Path

from portal.site.assembly import Assembly
from portal.site.docs_folder import write_docs_folder


def stage(assembly: Assembly, output: Path) -> None:
    write_docs_folder(assembly.selection.files, assembly.generated, output / "docs")
    generated = {file.path for file in assembly.generated}
    versions = assembly.versions
    pages = {}
    for key in sorted(versions):
        lang = key.partition("/")[0]
        own = versions[key].get(lang)
        if own is None or not own.is_translation:
            continue  # a fallback copy is listed under its original
        pages[key] = {
            "language": lang,
            "url": own.path,
            "generated": key in generated,
            "versions": {code: {"url": version.path, "text_language": version.source_lang}
                         for code, version in versions[key].items()},
        }
    view = {
        "portal": assembly.scope.id,
        "site_url": assembly.site.site_url,
        "directory_urls": assembly.site.directory_urls,
        "languages": [{"code": language.code, "name": language.name, "default": language.default,
                       "prefix": language.prefix} for language in assembly.languages],
        "pages": pages,
    }
    (output / "pages.json").write_text(json.dumps(view, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                       encoding="utf-8")
