"""A portal's languages rendered in separate processes, then merged
(portal/publishing/parts.py): the same site, byte for byte, as one process
makes; a failure in one language leaves the published site as it was."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import LANGUAGES, ROOT, SITE_NOW, build_portals, copy_project, folder_files

from portal.errors import PortalError
from portal.publishing import build
from portal.publishing.build import language_groups
from portal.publishing.parts import LANGUAGES_VARIABLE, PART_FILE, languages_to_render, merge_parts, write_part
from portal.search.index import merge_entries


def _groups_line(config: str, languages: tuple[str, ...]) -> list[str]:
    return [f"== {config} ({', '.join(group)})" for group in language_groups(languages, os.cpu_count() or 1)]


# -- whole builds ------------------------------------------------------------


def test_every_portal_built_with_its_languages_apart_is_the_same_site(built_portals, tmp_path):
    output = tmp_path / "site"
    result = build_portals(ROOT, output, "--languages", "apart", env=SITE_NOW)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "WARNING" not in log, log
    if (os.cpu_count() or 1) > 1:  # one process per group of languages, as many as cores
        for line in _groups_line("mkdocs.yml", LANGUAGES) + _groups_line("portals/zone/mkdocs.yml", ("vi", "en")):
            assert line + "\n" in result.stdout, result.stdout
    if build._apart("auto", portals=2):  # more cores than portals: the shared build was made apart too
        built_portals = tmp_path / "together"
        assert build_portals(ROOT, built_portals, "--languages", "together", env=SITE_NOW).returncode == 0
    apart, together = folder_files(output), folder_files(built_portals)
    assert sorted(apart) == sorted(together)
    assert [name for name in apart if apart[name] != together[name]] == []
    assert not any(name.endswith(PART_FILE) for name in apart)


def test_the_kiosk_copy_built_with_its_languages_apart_is_the_same(kiosk_site, tmp_path):
    output = tmp_path / "kiosk"
    result = build_portals(ROOT, output, "--kiosk", "--languages", "apart", env=SITE_NOW)
    assert result.returncode == 0, result.stdout + result.stderr
    apart, together = folder_files(output / "city"), folder_files(kiosk_site)
    assert sorted(apart) == sorted(together)
    assert [name for name in apart if apart[name] != together[name]] == []
    assert {"search/offline-vi.js", "search/offline-en.js", "search/offline-lo.js"} <= set(apart)


def test_an_error_in_one_language_built_apart_keeps_the_published_site(built_portals, tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "scripts").mkdir()
    shutil.copy(ROOT / "scripts/build.py", project / "scripts/build.py")
    shutil.copytree(built_portals, project / "site")
    before = folder_files(project / "site")
    page = project / "content/lo/news/2024-09-04-heza-plan.md"
    page.write_text(page.read_text(encoding="utf-8").replace("date: 2024-09-04", "date: 2026-02-30"), encoding="utf-8")

    result = build_portals(project, project / "site", "--languages", "apart", env=SITE_NOW)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    error = PortalError("yaml_bad_date", file="content/lo/news/2024-09-04-heza-plan.md", line=3, field="date",
                        value="2026-02-30")
    assert error.render() in output, output
    assert folder_files(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]


# -- in-process --------------------------------------------------------------


def test_the_languages_a_process_renders():
    assert languages_to_render({}, ["vi", "en", "lo"]) is None
    assert languages_to_render({LANGUAGES_VARIABLE: " vi, en "}, ["vi", "en", "lo"]) == frozenset({"vi", "en"})
    with pytest.raises(PortalError) as caught:
        languages_to_render({LANGUAGES_VARIABLE: "vi,zh"}, ["vi", "en", "lo"])
    assert caught.value.key == "language_unknown_build"
    assert "This portal has no language 'zh' to build. Its languages: vi, en, lo." in str(caught.value)


def test_languages_are_grouped_one_process_per_core_in_their_order():
    assert language_groups(("vi", "en", "lo"), 2) == [("vi", "en"), ("lo",)]
    assert language_groups(("vi", "en", "lo"), 8) == [("vi",), ("en",), ("lo",)]
    assert language_groups(("vi", "en", "lo", "zh", "km"), 2) == [("vi", "en", "lo"), ("zh", "km")]
    assert language_groups(("vi",), 2) == [("vi",)]


def test_languages_are_built_apart_when_there_are_cores_to_spare(monkeypatch):
    monkeypatch.setattr(build, "_cores", lambda: 2)
    assert build._apart("auto", portals=1) is True  # a CI job building one portal
    assert build._apart("auto", portals=2) is False  # every core has a portal already (make build here)
    assert build._apart("apart", portals=2) is True
    monkeypatch.setattr(build, "_cores", lambda: 4)
    assert build._apart("auto", portals=2) is True
    assert build._apart("together", portals=1) is False


def _entry(**languages: dict) -> bytes:
    return json.dumps({"version": "1.6.0", "languages": languages, "include_characters": ["_"]},
                      separators=(",", ":")).encode()


def test_the_search_entry_files_of_two_parts_are_merged_as_pagefind_writes_one():
    lo = {"hash": "lo_1", "wasm": None, "page_count": 3}
    en, vi = {"hash": "en_2", "wasm": "en", "page_count": 2}, {"hash": "vi_3", "wasm": None, "page_count": 2}
    assert merge_entries(_entry(en=en, vi=vi), _entry(lo=lo)) == _entry(en=en, lo=lo, vi=vi)
    with pytest.raises(PortalError) as caught:  # the same language from two parts
        merge_entries(_entry(en=en), _entry(en=en))
    assert caught.value.key == "build_parts_differ"
    with pytest.raises(PortalError):  # two versions of Pagefind
        merge_entries(_entry(en=en), _entry(lo=lo).replace(b"1.6.0", b"1.7.0"))


def test_parts_that_wrote_a_shared_file_differently_are_not_merged(tmp_path):
    for part, text in (("a", "one"), ("b", "two")):
        (tmp_path / part / "assets").mkdir(parents=True)
        (tmp_path / part / "assets/site.css").write_text(text)
        (tmp_path / part / f"{part}.html").write_text(part)
        write_part(tmp_path / part, "https://example.org/")
    with pytest.raises(PortalError) as caught:
        merge_parts([tmp_path / "a", tmp_path / "b"], tmp_path / "site")
    assert (caught.value.key, caught.value.file) == ("build_parts_differ", "assets/site.css")


def test_merged_parts_have_every_file_once(tmp_path):
    for part in ("a", "b"):
        (tmp_path / part / "assets").mkdir(parents=True)
        (tmp_path / part / "assets/site.css").write_text("same")
        (tmp_path / part / f"{part}.html").write_text(part)
        write_part(tmp_path / part, "https://example.org/")
    assert merge_parts([tmp_path / "a", tmp_path / "b"], tmp_path / "site") == "https://example.org/"
    files = folder_files(tmp_path / "site")
    assert files == {"a.html": b"a", "assets/site.css": b"same", "b.html": b"b"}
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
