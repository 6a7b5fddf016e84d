"""Bad input stops the build with an error that names the file (and line and
field where there is one), in Vietnamese and English, and leaves the
previously built site as it was."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, folder_files, run_mkdocs_build
from portal.errors import Expected, Phrase, PortalError


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _front_matter(project: Path, block: str) -> None:
    _write(project / "content/lo/about.md", f"---\n{block}---\n\n# ກ່ຽວກັບນະຄອນ\n")


CASES = {
    # name: (how to break the project, file named, line, field, words of the English message)
    "language code not in the expected form": (
        lambda p: _replace(p / "mkdocs.yml", "locale: lo", "locale: Lao"),
        "mkdocs.yml", "line-of:locale: Lao", "plugins.i18n.languages.locale", "Language 'Lao' is not supported",
    ),
    "language without UI strings": (
        lambda p: _replace(p / "mkdocs.yml", "locale: lo", "locale: fr"),
        "mkdocs.yml", "line-of:locale: fr", "plugins.i18n.languages.locale", "Language 'fr' is not supported",
    ),
    "content folder of no declared language": (
        lambda p: _write(p / "content/fr/index.md", "# Bienvenue\n"),
        "content/fr/", None, None, "is not a language declared in any portal's mkdocs.yml",
    ),
    "front matter that is not YAML": (
        lambda p: _front_matter(p, "title: [ກ່ຽວກັບ\ndescription: x\n"),
        "content/lo/about.md", 2, None, "A bracket ('[' or '{') opened on this line is never closed",
    ),
    "front matter never closed": (
        lambda p: _write(p / "content/lo/about.md", "---\ntitle: ກ່ຽວກັບ\n\n# ກ່ຽວກັບນະຄອນ\n"),
        "content/lo/about.md", 1, None, "has no closing '---' line",
    ),
    "unknown front matter field": (
        lambda p: _front_matter(p, "title: ກ່ຽວກັບ\ndescripton: x\n"),
        "content/lo/about.md", 3, "descripton", "Field 'descripton' is not supported",
    ),
    "front matter field of the wrong type": (
        lambda p: _front_matter(p, "title:\n  - a\n  - b\n"),
        "content/lo/about.md", 2, "title", "Field 'title' must be a text",
    ),
    "front matter value not allowed": (
        lambda p: _front_matter(p, "title: x\nhide:\n  - sidebar\n"),
        "content/lo/about.md", 4, "hide", "has the value 'sidebar', which is not allowed",
    ),
    "agency text missing in a language": (
        lambda p: _replace(p / "mkdocs.yml", "        lo: ພະແນກຖະແຫຼງຂ່າວ", "        xx: ພະແນກຖະແຫຼງຂ່າວ"),
        "mkdocs.yml", None, "plugins.portal.agency.name", "has no text for language 'lo'",
    ),
    "colour with too little contrast": (
        lambda p: _replace(p / "mkdocs.yml", 'primary: "#9c1c1c"', 'primary: "#ffd54f"'),
        "mkdocs.yml", None, "plugins.portal.colors.primary", "below the 4.5:1 minimum",
    ),
    # -- data/ -----------------------------------------------------------------------------
    "data file that is not YAML": (
        lambda p: _replace(p / "data/projects.yml", "  sector: energy", "  sector: [energy"),
        "data/projects.yml", "line-of:  sector: [energy", None, "A bracket ('[' or '{') opened on this line is never closed",
    ),
    "data item without a required field": (
        lambda p: _replace(p / "data/projects.yml", "  summary:\n    vi: Sản xuất linh kiện", "  note:\n    vi: Sản xuất linh kiện"),
        "data/projects.yml", "line-of:- code: vd-02-dien-tu", "summary", "Required field 'summary' is missing",
    ),
    "data field of the wrong type": (
        lambda p: _replace(p / "data/projects.yml", "  area_ha: 12.5", "  area_ha: mười hai"),
        "data/projects.yml", "line-of:  area_ha: mười hai", "area_ha", "Field 'area_ha' must be a number",
    ),
    "data text in an unknown language": (
        lambda p: _replace(p / "data/zones.yml", "    en: Southern Coastal Economic Zone", "    fr: Zone économique côtière du Sud"),
        "data/zones.yml", "line-of:    fr: Zone", "name.fr", "language code 'fr', which is not declared",
    ),
    "duplicate project code": (
        lambda p: _replace(p / "data/projects.yml", "- code: vd-03-nang-luong", "- code: vd-01-logistics"),
        "data/projects.yml", "line-of:- code: vd-01-logistics", "code", "Value 'vd-01-logistics' of field 'code' is already used",
    ),
    "slug that leaves its folder": (
        lambda p: _replace(p / "data/zones.yml", "- slug: ven-bien-phia-nam", "- slug: ../../../etc/evil"),
        "data/zones.yml", "line-of:- slug: ../../../etc/evil", "slug", "'/' and '..' are not allowed",
    ),
    "project in a zone that does not exist": (
        lambda p: _replace(p / "data/projects.yml", "  zone: ven-bien-phia-nam", "  zone: khu-khong-co"),
        "data/projects.yml", "line-of:  zone: khu-khong-co", "zone", "refers to 'khu-khong-co', but there is no such item in 'zones.yml'",
    ),
    "script in a data text": (
        lambda p: _replace(p / "data/projects.yml", "    en: Seaside tourism services (illustrative project).",
                           "    en: <script>alert('x')</script> Seaside tourism"),
        "data/projects.yml", "line-of:<script>", "summary.en", "contains HTML or script",
    ),
    "plan whose tasks do not add up": (
        lambda p: _replace(p / "data/plans/plan-2019.yml", "total_million_vnd: 1070", "total_million_vnd: 1000"),
        "data/plans/plan-2019.yml", "line-of:total_million_vnd: 1000", "total_million_vnd", "add up to 1070 million VND",
    ),
    # -- portals ------------------------------------------------------------------------------
    "article on a portal that does not exist": (
        lambda p: _replace(p / "content/vi/news/2024-09-04-heza-plan.md", "portals: [zone]", "portals: [zona]"),
        "content/vi/news/2024-09-04-heza-plan.md", "line-of:portals: [zona]", "portals", "names portal 'zona', but the project has no such portal",
    ),
    "data item on a portal that does not exist": (
        lambda p: _replace(p / "data/incentives.yml", "  portals: [zone]", "  portals: [heza]"),
        "data/incentives.yml", "line-of:  portals: [heza]", "portals", "Portals: city, thanh-mien, zone",
    ),
    "park on a portal that does not publish its zone": (
        lambda p: (_replace(p / "data/zones.yml", "  portals: [zone]\n", ""),
                   _replace(p / "data/parks.yml", "  zone: dinh-vu-cat-hai\n", "  zone: dinh-vu-cat-hai\n  portals: [zone]\n")),
        "data/parks.yml", "line-of:  portals: [zone]", "portals", "which does not publish the economic zone 'dinh-vu-cat-hai'",
    ),
    "two portals with the same id": (
        lambda p: _replace(p / "portals/zone/mkdocs.yml", "    id: zone", "    id: city"),
        "portals/zone/mkdocs.yml", None, "plugins.portal.id", "Portal id 'city' is already used by portal 'mkdocs.yml'",
    ),
    # -- articles ----------------------------------------------------------------------------
    "news image that does not exist": (
        lambda p: _replace(p / "content/en/news/2024-09-04-heza-plan.md", "category: investment",
                           "category: investment\nimage: attachments/none.jpg\nimage_alt: A port"),
        "content/en/news/2024-09-04-heza-plan.md", 5, "image", "The attachment 'attachments/none.jpg' does not exist",
    ),
    "news image without alt text": (
        lambda p: _replace(p / "content/en/news/2024-09-04-heza-plan.md", "category: investment",
                           "category: investment\nimage: attachments/04-KH-UBND-2019.txt"),
        "content/en/news/2024-09-04-heza-plan.md", 5, "image_alt", "no text alternative ('image_alt')",
    ),
    "news category that does not exist": (
        lambda p: _replace(p / "content/lo/news/2024-09-04-heza-plan.md", "category: investment", "category: sport"),
        "content/lo/news/2024-09-04-heza-plan.md", 4, "category", "has the value 'sport', which is not allowed",
    ),
    "event without a place": (
        lambda p: _replace(p / "content/en/events/2027-05-red-flamboyant-festival.md", "place: Hai Phong city centre\n", ""),
        "content/en/events/2027-05-red-flamboyant-festival.md", 2, "place", "The item cannot be published yet: 'place' is missing.",
    ),
    "missing contacts page": (
        lambda p: _replace(p / "mkdocs.yml", "contact_page: contacts.md", "contact_page: lien-he.md"),
        "mkdocs.yml", None, "plugins.portal.contact_page", "The contacts page 'lien-he.md'",
    ),
}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """A project copy and a site built from it, to be broken afterwards."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    site_dir = project / "site"
    assert run_mkdocs_build(project, site_dir).returncode == 0
    return project, site_dir


def _refused(project: Path, site_dir: Path, config: str = "mkdocs.yml") -> tuple[int, str]:
    """Exit status and messages of a build of the broken ``project``: from the
    core in-process when it finds the problem (a build stops there, before
    writing anything: ``test_the_build_says_what_the_core_found`` keeps the
    two the same), else from a real build (problems found while rendering)."""
    from portal.site.project import load_project

    try:
        load_project(project / config)
    except PortalError as error:
        return 1, f"{error}\n"
    result = run_mkdocs_build(project, site_dir, "--config-file", config)
    return result.returncode, result.stdout + result.stderr


def _broken(good_build, tmp_path: Path, break_it) -> tuple[Path, Path, dict[str, bytes]]:
    """A copy of the project broken by ``break_it``, beside a copy of a good
    build (the previously published site, which must survive) and its bytes."""
    _project, built_site = good_build
    project = copy_project(tmp_path / "project")
    site_dir = tmp_path / "site"
    shutil.copytree(built_site, site_dir)
    before = folder_files(site_dir)
    break_it(project)
    return project, site_dir, before


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_with_file_line_and_field(case, good_build, tmp_path):
    break_it, file, line, field, words = CASES[case]
    project, site_dir, before = _broken(good_build, tmp_path, break_it)

    returncode, output = _refused(project, site_dir)

    assert returncode != 0, output
    if isinstance(line, str):  # the line where the given text stands
        text = line.removeprefix("line-of:")
        source = (project / file).read_text(encoding="utf-8")
        line = source[: source.rindex(text)].count("\n") + 1  # where its last occurrence starts
    location = f"{file}:{line}" if line else file
    assert re.search(rf"{re.escape(location)}(?!\d)", output), output
    if field:
        assert f"[{field}]" in output, output
    assert words in output, output
    assert "\n  vi: " in output and "\n  en: " in output, output  # both languages
    assert folder_files(site_dir) == before, "the previous site was changed"


# -- the trust rules: each kind of bad or hostile input, with the exact message in both languages -------------

def _bomb(p: Path) -> None:
    levels = ["x0: &x0 [a, a, a, a, a, a, a, a, a, a]"]
    levels += [f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 10)}]" for i in range(1, 9)]
    _write(p / "data/plans/bomb.yml", "\n".join(levels) + "\n")


def _zone_agency_without_english(p: Path) -> None:
    _replace(p / "portals/zone/mkdocs.yml", "        en: Hai Phong Economic Zone Authority\n", "")


#: name: (how to break it, config file built, file named, line, field, message key, its parameters)
REFUSED = {
    "key written twice in data": (
        lambda p: _replace(p / "data/projects.yml", "  sector: energy\n", "  sector: energy\n  sector: logistics\n"),
        "mkdocs.yml", "data/projects.yml", "line-of:  sector: logistics", "sector", "yaml_duplicate_key",
        {"other": "line-of:  sector: energy"},
    ),
    "infinite number in data": (
        lambda p: _replace(p / "data/projects.yml", "  area_ha: 12.5", "  area_ha: .inf"),
        "mkdocs.yml", "data/projects.yml", "line-of:  area_ha: .inf", "area_ha", "yaml_not_finite", {"value": ".inf"},
    ),
    "number too large for a float": (
        lambda p: _replace(p / "data/projects.yml", "  area_ha: 12.5", "  area_ha: 1e400"),
        "mkdocs.yml", "data/projects.yml", "line-of:  area_ha: 1e400", "area_ha", "data_not_finite", {},
    ),
    "whole number too large to be real": (
        lambda p: _replace(p / "data/projects.yml", "  investment_vnd: 1200000000000", "  investment_vnd: " + "9" * 5000),
        "mkdocs.yml", "data/projects.yml", "line-of:  investment_vnd: 999", "investment_vnd", "yaml_number_too_large",
        {"digits": 18},
    ),
    "impossible date in data": (
        lambda p: _replace(p / "data/plans/plan-2019.yml", "date: 2019-01-05", "date: 2019-02-30"),
        "mkdocs.yml", "data/plans/plan-2019.yml", "line-of:date: 2019-02-30", "date", "yaml_bad_date",
        {"value": "2019-02-30"},
    ),
    "impossible date in front matter": (
        lambda p: _replace(p / "content/en/news/2024-09-04-heza-plan.md", "date: 2024-09-04", "date: 2026-02-30"),
        "mkdocs.yml", "content/en/news/2024-09-04-heza-plan.md", 3, "date", "yaml_bad_date", {"value": "2026-02-30"},
    ),
    "empty plan file": (
        lambda p: _write(p / "data/plans/plan-2019.yml", ""),
        "mkdocs.yml", "data/plans/plan-2019.yml", None, None, "data_file_wrong_type",
        {"expected": Expected("mapping")},
    ),
    "list-shaped plan file": (
        lambda p: _write(p / "data/plans/plan-2019.yml", "- slug: ke-hoach-2019\n"),
        "mkdocs.yml", "data/plans/plan-2019.yml", 1, None, "data_file_wrong_type", {"expected": Expected("mapping")},
    ),
    "alias bomb in data": (
        _bomb, "mkdocs.yml", "data/plans/bomb.yml", 6, "x5", "yaml_too_large", {"limit": 500000},
    ),
    "quote never closed in front matter": (
        lambda p: _front_matter(p, 'title: "ກ່ຽວກັບ\ndescription: x\nhide: [toc]\n'),
        "mkdocs.yml", "content/lo/about.md", 2, None, "yaml_unclosed_quote", {},
    ),
    "page outside any language folder": (
        lambda p: _write(p / "content/attachments/notes.md", "# Notes\n"),
        "mkdocs.yml", "content/attachments/notes.md", None, None, "page_outside_language",
        {"languages": ["vi", "en", "lo", "zh", "km"]},
    ),
    "event ending before it starts": (
        lambda p: _replace(p / "content/vi/events/2027-05-red-flamboyant-festival.md", "end: 2027-05-16", "end: 2027-05-12"),
        "mkdocs.yml", "content/vi/events/2027-05-red-flamboyant-festival.md", 5, "end", "event_end_before_start", {},
    ),
    "translation with another category": (
        lambda p: _replace(p / "content/lo/news/2024-09-04-heza-plan.md", "category: investment", "category: economy"),
        "mkdocs.yml", "content/lo/news/2024-09-04-heza-plan.md", 4, "category", "translation_differs",
        {"value": "economy", "source": "content/vi/news/2024-09-04-heza-plan.md", "source_value": "investment"},
    ),
    "translation on other portals": (
        lambda p: _replace(p / "content/en/news/2024-09-04-heza-plan.md", "portals: [zone]\n", ""),
        "mkdocs.yml", "content/en/news/2024-09-04-heza-plan.md", 2, "portals", "translation_differs",
        {"value": "—", "source": "content/vi/news/2024-09-04-heza-plan.md", "source_value": "zone"},
    ),
    "symbolic link out of the project": (
        lambda p: (p / "content/attachments/passwd.txt").symlink_to("/etc/passwd"),
        "mkdocs.yml", "content/attachments/passwd.txt", None, None, "file_outside", {"folder": "content/"},
    ),
    "attachment path leaving content": (
        lambda p: _replace(p / "content/vi/documents/2019-01-05-04-kh-ubnd.md", "file: attachments/04-KH-UBND-2019.txt",
                           "file: attachments/../../mkdocs.yml"),
        "mkdocs.yml", "content/vi/documents/2019-01-05-04-kh-ubnd.md", "line-of:file: attachments/../../mkdocs.yml",
        "file", "data_bad_content_path", {"value": "attachments/../../mkdocs.yml"},
    ),
    "title hiding a script behind character references": (
        lambda p: _front_matter(p, "title: '&lt;script&gt;alert(1)&lt;/script&gt;'\n"),
        "mkdocs.yml", "content/lo/about.md", 2, "title", "data_unsafe_text", {},
    ),
    "tag hiding markup": (
        lambda p: _replace(p / "content/en/news/2024-09-04-heza-plan.md", "tags: [",
                           "tags: ['&#60;img src=x onerror=alert(1)&#62;', "),
        "mkdocs.yml", "content/en/news/2024-09-04-heza-plan.md", 5, "tags", "data_unsafe_text", {},
    ),
    "data name hiding markup": (
        lambda p: _replace(p / "data/zones.yml", "    en: Southern Coastal Economic Zone", "    en: '&lt;/title&gt;'"),
        "mkdocs.yml", "data/zones.yml", "line-of:    en: '&lt;/title&gt;'", "name.en", "data_unsafe_text", {},
    ),
    "address hiding javascript: behind a tab": (
        lambda p: _replace(p / "content/en/clarifications/2026-11-01-vi-du-cat-bi.md", "url: ", 'url: "java\\tscript:alert(1)" #'),
        "mkdocs.yml", "content/en/clarifications/2026-11-01-vi-du-cat-bi.md", "line-of:    url: \"java",
        "sources.url", "data_unsafe_url", {"value": "java\tscript:alert(1)", "reason": Phrase("url_spaces")},
    ),
    "data address with a script scheme": (
        lambda p: _replace(p / "data/projects.yml", "  status: calling\n",
                           "  status: calling\n  documents:\n    - title: {vi: Hồ sơ}\n      url: 'data:text/html,x'\n"),
        "mkdocs.yml", "data/projects.yml", "line-of:      url: 'data:", "documents.url", "data_unsafe_url",
        {"value": "data:text/html,x", "reason": Phrase("url_scheme", scheme="data")},
    ),
    "non-UTF-8 page": (
        lambda p: (p / "content/en/about.md").write_bytes((p / "content/en/about.md").read_bytes() + b"\nCaf\xe9\n"),
        "mkdocs.yml", "content/en/about.md", "line-of:Caf", None, "file_not_utf8", {},
    ),
    "a value of 200 KB": (
        lambda p: _replace(p / "data/projects.yml", "  sector: energy", "  sector: " + "x" * 200_000),
        "mkdocs.yml", "data/projects.yml", "line-of:  sector: xxx", "sector", "data_bad_choice",
        {"value": "x" * 200_000, "allowed": "'logistics', 'manufacturing', 'electronics', 'energy', 'infrastructure', "
                                            "'urban', 'tourism', 'agriculture' or 'services'"},
    ),
    "HTML file among the attachments": (
        lambda p: _write(p / "content/attachments/notice.html", "<script>alert(1)</script>\n"),
        "mkdocs.yml", "content/attachments/notice.html", None, None, "content_file_type",
        {"value": ".html", "allowed": sorted(__import__("portal.safety.files", fromlist=["ALLOWED"]).ALLOWED)},
    ),
    "SVG image with a script": (
        lambda p: _write(p / "content/attachments/map.svg",
                         '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>\n'),
        "mkdocs.yml", "content/attachments/map.svg", None, None, "content_svg_active", {"value": ".svg"},
    ),
    "file name that would break an address": (
        lambda p: _write(p / 'content/attachments/x"onmouseover=alert(1).txt', "x\n"),
        "mkdocs.yml", 'content/attachments/x"onmouseover=alert(1).txt', None, None, "content_file_name",
        {"value": 'attachments/x"onmouseover=alert(1).txt'},
    ),
    "icon the theme does not have": (
        lambda p: _front_matter(p, "title: ກ່ຽວກັບ\nicon: material/no-such-icon\n"),
        "mkdocs.yml", "content/lo/about.md", 3, "icon", "theme_file_missing", {"value": "material/no-such-icon"},
    ),
    "template the theme does not have": (
        lambda p: _front_matter(p, "title: ກ່ຽວກັບ\ntemplate: nothing.html\n"),
        "mkdocs.yml", "content/lo/about.md", 3, "template", "theme_file_missing", {"value": "nothing.html"},
    ),
    # -- config files ---------------------------------------------------------------------------------
    "two default languages": (
        lambda p: _replace(p / "mkdocs.yml", "      - locale: en\n        name: English\n",
                           "      - locale: en\n        name: English\n        default: true\n"),
        "mkdocs.yml", "mkdocs.yml", "line-of:        default: true", "plugins.i18n.languages.default",
        "language_no_default", {},
    ),
    "bad colour in a portal's own file": (
        lambda p: _replace(p / "portals/zone/mkdocs.yml", 'primary: "#0b5394"', 'primary: "blue"'),
        "portals/zone/mkdocs.yml", "portals/zone/mkdocs.yml", 'line-of:primary: "blue"', "plugins.portal.colors.primary",
        "identity_bad_color", {"value": "blue"},
    ),
    "portal agency without a language it publishes": (
        _zone_agency_without_english, "portals/zone/mkdocs.yml", "portals/zone/mkdocs.yml",
        "line-of:      name:\n        vi: Ban Quản lý Khu kinh tế Hải Phòng\n",
        "plugins.portal.agency.name", "identity_missing_text", {"code": "en"},
    ),
    "unknown language in an INHERITing file": (
        lambda p: _replace(p / "portals/zone/mkdocs.yml", "      - locale: en\n        name: English\n",
                           "      - locale: fr\n        name: Français\n"),
        "portals/zone/mkdocs.yml", "portals/zone/mkdocs.yml", "line-of:      - locale: fr", "plugins.i18n.languages.locale",
        "language_unknown", {"code": "fr", "supported": "en, km, lo, vi, zh"},
    ),
    "portal id that is not an id": (
        lambda p: _replace(p / "portals/zone/mkdocs.yml", "    id: zone", "    id: Zone!"),
        "mkdocs.yml", "portals/zone/mkdocs.yml", "line-of:    id: Zone!", "plugins.portal.id", "portal_id_missing", {},
    ),
    "key written twice in mkdocs.yml": (
        lambda p: _replace(p / "mkdocs.yml", "docs_dir: content\n", "docs_dir: content\ndocs_dir: content\n"),
        "kiosk.yml", "mkdocs.yml", 9, "docs_dir", "yaml_duplicate_key", {"other": 8},
    ),
}


def _expected_line(project: Path, file: str, line):
    if isinstance(line, str):
        text = line.removeprefix("line-of:")
        source = (project / file).read_bytes().decode("utf-8", "replace")
        return source[: source.rindex(text)].count("\n") + 1
    return line


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_or_broken_input_is_refused_exactly(case, good_build, tmp_path):
    break_it, config, file, line, field, key, params = REFUSED[case]
    project, site_dir, before = _broken(good_build, tmp_path, break_it)
    params = {name: _expected_line(project, file, value) if name == "other" else value for name, value in params.items()}
    expected = PortalError(key, file=file, line=_expected_line(project, file, line), field=field, **params)

    returncode, output = _refused(project, site_dir, config)

    assert returncode != 0, output
    assert expected.render() in output, output
    assert output.count("\n  vi: ") == 1, output  # one error, not follow-on ones
    assert len(output) < 20_000  # a huge value is not echoed in full
    assert folder_files(site_dir) == before, "the previous site was changed"


#: Cases of both tables also built for real: the build stops with the core's message, site untouched.
END_TO_END = ["language without UI strings", "data item without a required field", "key written twice in mkdocs.yml",
              "impossible date in front matter", "symbolic link out of the project", "icon the theme does not have",
              "portal agency without a language it publishes"]


@pytest.mark.parametrize("case", END_TO_END)
def test_the_build_says_what_the_core_found(case, good_build, tmp_path):
    break_it, config = (CASES[case][0], "mkdocs.yml") if case in CASES else REFUSED[case][:2]
    project, site_dir, before = _broken(good_build, tmp_path, break_it)
    from portal.site.project import load_project

    with pytest.raises(PortalError) as found:
        load_project(project / config)
    result = run_mkdocs_build(project, site_dir, "--config-file", config)
    assert result.returncode != 0
    assert str(found.value) in result.stdout + result.stderr, result.stdout + result.stderr
    assert folder_files(site_dir) == before, "the previous site was changed"


def test_a_bad_portal_id_is_one_error_not_one_per_page(tmp_path):
    project = copy_project(tmp_path / "project")
    _replace(project / "portals/zone/mkdocs.yml", "    id: zone", "    id: Zone!")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (result.stdout + result.stderr).count("vi: ") == 1


# -- found while MkDocs renders the pages, or by MkDocs itself: `make build` keeps the published site whole -----

def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


ABOUT = "content/en/about.md"
#: name: (how to break it, file named, line, message key and parameters, or MkDocs' own words)
BUILD_REFUSED = {
    "script in a page": (
        lambda p: _append(p / ABOUT, "\nBefore <script>alert(1)</script> after.\n"),
        ABOUT, "line-of:<script>", ("content_html", {"value": "<script>"}),
    ),
    "javascript: link hidden by a character reference": (
        lambda p: _append(p / ABOUT, "\n[Click](jav&#x61;script:alert(1))\n"),
        ABOUT, "line-of:[Click]", ("content_url", {"value": "jav&#x61;script:alert(1)",
                                                   "reason": Phrase("url_scheme", scheme="javascript")}),
    ),
    "event handler through an attribute list": (
        lambda p: _append(p / ABOUT, '\n[Contacts](contacts.md){: onclick="alert(1)" }\n'),
        ABOUT, "line-of:onclick=", ("content_attribute", {"value": 'onclick="alert(1)"'}),
    ),
    "frame from another site": (
        lambda p: _append(p / ABOUT, '\n<iframe src="https://evil.example/"></iframe>\n'),
        ABOUT, "line-of:<iframe", ("content_html", {"value": '<iframe src="https://evil.example/">'}),
    ),
    "HTML comment with a note not meant for readers": (
        lambda p: _append(p / ABOUT, "\n<!-- budget not yet approved -->\n"),
        ABOUT, "line-of:<!--", ("content_comment", {"value": "<!-- budget not yet approved -->"}),
    ),
    "image from another host": (
        lambda p: _append(p / ABOUT, "\n![Pixel](https://tracker.example/p.png)\n"),
        ABOUT, "line-of:![Pixel]", ("content_image_url", {"value": "https://tracker.example/p.png",
                                                          "reason": Phrase("url_external_image")}),
    ),
    "heading that decodes to markup": (
        lambda p: _replace(p / "content/en/about.md", "title: About the city\n", "") or
        _replace(p / "content/en/about.md", "# About Hai Phong", "# &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        ABOUT, "line-of:# &lt;", ("content_title_markup", {"value": "</title><script>alert(1)</script>"}),
    ),
    # MkDocs' own link checks, told in our words (portal/engine/messages.py)
    "broken link": (
        lambda p: _replace(p / "content/en/about.md", "(investment.md)", "(investmnt.md)"),
        ABOUT, "line-of:(investmnt.md)", ("link_broken", {"value": "investmnt.md"}),
    ),
    "missing image": (
        lambda p: _append(p / ABOUT, "\n![Port](../assets/none.png)\n"),
        ABOUT, "line-of:![Port]", ("link_broken", {"value": "../assets/none.png"}),
    ),
    "link to a heading that is not there": (
        lambda p: _append(p / ABOUT, "\nSee [the port](#no-such-heading).\n"),
        ABOUT, "line-of:(#no-such-heading)", ("link_anchor_missing", {"value": "#no-such-heading"}),
    ),
    "link from the site's root": (
        lambda p: _append(p / ABOUT, "\nSee [news](/en/news/).\n"),
        ABOUT, "line-of:(/en/news/)", ("link_absolute", {"value": "/en/news/"}),
    ),
    "menu entry to a missing page": (
        lambda p: _replace(p / "mkdocs.yml", "  - tourism.md\n", "  - tourism.md\n  - nowhere.md\n"),
        None, None, "A reference to 'nowhere.md' is included in the 'nav' configuration, which is not found",
    ),
    "mkdocs.yml that is not YAML": (
        lambda p: _replace(p / "mkdocs.yml", "site_name: Cổng", "site_name: [Cổng"),
        "mkdocs.yml", "line-of:site_name: [", ("yaml_unclosed_bracket", {}),
    ),
    "INHERIT of a file that does not exist": (
        lambda p: _replace(p / "portals/zone/mkdocs.yml", "INHERIT: ../../mkdocs.yml", "INHERIT: ../../base.yml"),
        "portals/zone/mkdocs.yml", "line-of:INHERIT: ../../base.yml", ("config_inherit_missing", {"value": "../../base.yml"}),
    ),
}


@pytest.mark.parametrize("case", sorted(BUILD_REFUSED))
def test_make_build_refuses_and_keeps_the_published_site(case, built_portals, tmp_path):
    from conftest import ROOT, build_portals

    break_it, file, line, expected = BUILD_REFUSED[case]
    project = copy_project(tmp_path / "project")
    (project / "scripts").mkdir()
    shutil.copy(ROOT / "scripts/build.py", project / "scripts/build.py")
    shutil.copytree(built_portals, project / "site")  # what is published now
    before = folder_files(project / "site")
    break_it(project)

    result = build_portals(project, project / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    if isinstance(expected, tuple):
        key, params = expected
        field = "INHERIT" if key == "config_inherit_missing" else None
        error = PortalError(key, file=file, line=_expected_line(project, file, line), field=field, **params)
        assert error.render() in output, output
    else:  # MkDocs' own warning, which --strict turns into a failure
        assert expected in output and "Aborted with 1 warnings in strict mode!" in output, output
    assert folder_files(project / "site") == before, "the published site was changed"
    assert not (project / "site.building").exists()


@pytest.mark.parametrize(("break_it", "expected"), [
    (lambda p: _replace(p / "content/en/news/2024-09-04-heza-plan.md", "date: 2024-09-04", "date: 2026-02-30"),
     PortalError("yaml_bad_date", file="content/en/news/2024-09-04-heza-plan.md", line=3, field="date", value="2026-02-30")),
    (lambda p: (p / ABOUT).write_bytes((p / ABOUT).read_bytes() + b"\nCaf\xe9\n"),
     PortalError("file_not_utf8", file=ABOUT, line=36)),
    (lambda p: _replace(p / "mkdocs.yml", "docs_dir: content\n", "docs_dir: content\ndocs_dir: content\n"),
     PortalError("yaml_duplicate_key", file="mkdocs.yml", line=9, field="docs_dir", other=8)),
])
def test_portal_check_reports_what_a_build_would(tmp_path, break_it, expected):
    import subprocess
    import sys

    project = copy_project(tmp_path / "project")
    break_it(project)
    result = subprocess.run([sys.executable, "-m", "portal.cli", "check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected.render() in result.stderr, result.stderr
    assert result.stderr.count("\n  vi: ") == 1 and "Traceback" not in result.stderr, result.stderr
