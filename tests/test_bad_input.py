"""Bad input stops the build with an error that names the file (and line and
field where there is one), in Vietnamese and English, and leaves the
previously built site as it was."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_mkdocs_build


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
        "data/incentives.yml", "line-of:  portals: [heza]", "portals", "Portals: city, zone",
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
        "content/en/events/2027-05-red-flamboyant-festival.md", 2, "place", "Required field 'place' is missing",
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


def _snapshot(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_with_file_line_and_field(case, good_build, tmp_path):
    break_it, file, line, field, words = CASES[case]
    _project, built_site = good_build
    project = copy_project(tmp_path / "project")
    site_dir = tmp_path / "site"
    # The previously published site (a copy of a good build) must survive.
    shutil.copytree(built_site, site_dir)
    before = _snapshot(site_dir)
    break_it(project)

    result = run_mkdocs_build(project, site_dir)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
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
    assert _snapshot(site_dir) == before, "the previous site was changed"
