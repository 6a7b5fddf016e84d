"""Every language a portal declares has what its readers need (docs/maintainers.md,
"Adding a language"): every interface key (the theme's and ours), fonts for
every character of its script, and search rules for a script written without
spaces. Then, on the built site: every character of every page is in a font the
site serves, and Chinese pages download only the few font slices they use."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, html, portal_pages
from portal.editor.admin import INTERFACES
from portal.generation.fonts import faces, faces_in
from portal.i18n import flatten, package_table
from portal.site.portals import discover

FONTS_CSS = ROOT / "overrides/assets/stylesheets/fonts.css"
TEXT_RULES = ROOT / "overrides/assets/javascripts/portal-search-text.js"
#: Scripts written without spaces between words (Unicode's names' first word): search must cut them.
NO_SPACES = {"LAO", "KHMER", "THAI", "MYANMAR", "CJK", "HIRAGANA", "KATAKANA", "TIBETAN"}
DECLARED = sorted({code for portal in discover(ROOT) for code in portal.languages})
#: Keys only editors read: errors and the command line in Vietnamese and English
#: (portal.errors.ERROR_LANGUAGES), the web editor in its interface languages.
EDITORS_ONLY = ("errors.", "cli.")


def _material_table(lang: str) -> tuple[Path, str]:
    """The theme's interface table a page in ``lang`` uses: ours if we have one, else Material's."""
    import material

    ours = ROOT / f"overrides/partials/languages/{lang}.html"
    theirs = Path(material.__file__).parent / f"templates/partials/languages/{lang}.html"
    path = ours if ours.is_file() else theirs
    return path, path.read_text(encoding="utf-8") if path.is_file() else ""


def _keys(source: str) -> set[str]:
    return set(re.findall(r'^\s*"([\w.]+)":', source, re.M))


def _texts(lang: str) -> str:
    """Everything a reader of ``lang`` reads from us: its string table and its content pages."""
    table = " ".join(v for k, v in flatten(package_table(lang)).items() if not k.startswith(EDITORS_ONLY))
    pages = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "content" / lang).glob("*.md")))
    return table + " " + pages


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split()[0]


def test_the_portals_declare_the_languages_of_the_border_gate_plan():
    assert DECLARED == ["en", "km", "lo", "vi", "zh"]


@pytest.mark.parametrize("lang", DECLARED)
def test_the_theme_s_interface_table_has_every_key(lang):
    import material

    english = (Path(material.__file__).parent / "templates/partials/languages/en.html").read_text()
    path, source = _material_table(lang)
    assert source, f"no interface table for {lang}: add overrides/partials/languages/{lang}.html"
    # Search tuning (search.config.*): the portal's search is Pagefind's, not Material's.
    missing = {k for k in _keys(english) if not k.startswith("search.config")} - _keys(source)
    assert not missing, f"{path}: {sorted(missing)}"


@pytest.mark.parametrize("lang", DECLARED)
def test_our_string_table_has_every_key(lang):
    editors_only = EDITORS_ONLY + (() if lang in INTERFACES else ("editor.",))
    reference = {k for k in flatten(package_table("en")) if not k.startswith(editors_only)}
    assert {k for k in flatten(package_table(lang)) if not k.startswith(editors_only)} == reference
    # Every table names every language, for the language switcher and the editor.
    assert set(package_table(lang)["language"]["names"]) == set(DECLARED)


@pytest.mark.parametrize("lang", DECLARED)
@pytest.mark.parametrize("weight", [400, 700])
def test_the_fonts_cover_every_character_of_the_language(lang, weight):
    declared = faces(FONTS_CSS, weight)
    text = _texts(lang)
    missing = sorted({c for c in text if c.isprintable() and not c.isspace() and not any(f.covers(c) for f in declared)})
    assert not missing, f"{lang}: no font for {''.join(missing)!r} ({', '.join(f'U+{ord(c):04X}' for c in missing[:10])})"


@pytest.fixture(scope="module")
def search_scripts() -> list[dict]:
    script = f"console.log(JSON.stringify(require({json.dumps(str(TEXT_RULES))}).scripts))"
    return json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)


@pytest.mark.parametrize("lang", DECLARED)
def test_a_language_written_without_spaces_has_search_rules(lang, search_scripts):
    letters = [c for c in _texts(lang) if c.isalpha() and ord(c) > 0x24F]
    scripts = {_script(c) for c in letters} & NO_SPACES
    for name in scripts:
        sample = next(c for c in letters if _script(c) == name)
        rule = next((s for s in search_scripts if re.fullmatch(f"[{s['letters']}]", sample)), None)
        assert rule is not None, f"{lang}: {name} is written without spaces; add it to SCRIPTS in {TEXT_RULES.name}"
    expected = {"lo": {"LAO"}, "km": {"KHMER"}, "zh": {"CJK"}}.get(lang, set())
    assert scripts == expected


def test_chinese_is_cut_by_pagefind_and_khmer_and_lao_by_our_rules(search_scripts):
    assert {s["locale"]: s["byPagefind"] for s in search_scripts} == {"lo": False, "km": False, "zh": True}


# -- the built site -------------------------------------------------------------------------

def test_every_character_of_every_page_is_in_a_served_font(site):
    """The built fonts.css: the Chinese font is cut to the site, so this is the real coverage."""
    css = site / "assets/stylesheets/fonts.css"
    served = faces_in(css.read_text(encoding="utf-8"), site / "assets/fonts")
    for face in served:
        assert face.path.is_file(), face.path
    covered = lambda char: any(face.covers(char) for face in served)  # noqa: E731
    missing: dict[str, str] = {}
    for page in portal_pages(site):
        doc = html(page)
        for tag in doc(["script", "style", "svg"]):
            tag.decompose()
        chars = set(doc.get_text()) | {c for tag in doc.find_all(True) for a in ("alt", "title", "aria-label", "placeholder")
                                       for c in tag.get(a, "")}
        lacking = {c for c in chars if c.isprintable() and not c.isspace() and not covered(c)}
        if lacking:
            missing[str(page.relative_to(site))] = "".join(sorted(lacking))
    assert not missing, missing


def test_the_chinese_font_is_cut_to_the_site(site):
    css = (site / "assets/stylesheets/fonts.css").read_text(encoding="utf-8")
    chinese = [face for face in faces_in(css, site / "assets/fonts") if face.family == "Noto Sans SC"]
    original = [face for face in faces_in(FONTS_CSS.read_text(encoding="utf-8"), FONTS_CSS.parent.parent / "fonts")
                if face.family == "Noto Sans SC"]
    assert 0 < len(chinese) < len(original)  # slices no page uses are dropped
    # Each kept slice holds exactly the characters of the site it covers, in a file named by its content.
    home = (site / "zh/index.html").read_text(encoding="utf-8")
    assert "海" in home and any(face.covers("海") for face in chinese)
    assert not any(face.covers("龘") for face in chinese)  # in the original slices, on no page
    for face in chinese:
        assert re.fullmatch(r"noto-sans-sc-\d+-(400|700)-normal\.[0-9a-f]{10}\.woff2", face.path.name)
    leftovers = sorted(p.name for p in (site / "assets/fonts").glob("noto-sans-sc-*") if p.name not in {f.path.name for f in chinese})
    assert leftovers == []
    # Pages never preload them (their names change when the site is cut).
    assert "noto-sans-sc" not in "".join(link["href"] for link in html(site / "zh/index.html").select('link[rel="preload"]'))
