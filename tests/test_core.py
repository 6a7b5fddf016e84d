"""The core owns the portal, the site engine is an adapter: only
``portal/engine/`` imports MkDocs, and the core reads a portal's settings from
its config files exactly as the engine does. In-process, no site built."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

ENGINE = ROOT / "portal/engine"
ENGINE_PACKAGES = ("mkdocs", "material", "mkdocs_static_i18n")


def _imports(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_engine_package_imports_the_site_engine():
    offenders = {source.relative_to(ROOT).as_posix(): sorted(_imports(source) & set(ENGINE_PACKAGES))
                 for source in sorted((ROOT / "portal").rglob("*.py")) if ENGINE not in source.parents}
    assert {file: names for file, names in offenders.items() if names} == {}
    assert _imports(ENGINE / "plugin.py") & {"mkdocs"}  # the scan sees imports (it would pass on nothing)


def test_loading_and_checking_a_project_never_imports_the_engine():
    code = ("import sys; from pathlib import Path; import portal.cli; from portal.site.project import load_project;"
            "load_project(Path('portals/zone/mkdocs.yml'));"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {ENGINE_PACKAGES!r}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("config", ["mkdocs.yml", "portals/zone/mkdocs.yml", "kiosk.yml"])
@pytest.mark.parametrize("address", [None, "https://portal.example.gov.vn/"])
def test_the_core_reads_settings_as_the_engine_does(config, address, monkeypatch):
    """The same Settings from our reading of the files and from MkDocs' (INHERIT, !ENV, defaults, paths)."""
    from mkdocs.config import load_config

    from portal.engine.plugin import settings_from
    from portal.site.settings import read_settings

    if address:
        monkeypatch.setenv("PORTAL_SITE_URL", address)
    else:
        monkeypatch.delenv("PORTAL_SITE_URL", raising=False)
    engine = load_config(str(ROOT / config))
    expected = settings_from(engine, dict(engine.plugins["portal"].config), engine.plugins["i18n"])
    options = {key: dict(value) if hasattr(value, "keys") else value for key, value in expected.options.items()}
    core = read_settings(ROOT / config)
    assert core.options == options
    assert (core.config_file, core.content_dir, core.site_url, core.site_names, core.directory_urls, core.theme_dirs) == (
        expected.config_file, expected.content_dir, expected.site_url, expected.site_names, expected.directory_urls,
        expected.theme_dirs)
    if address:
        assert core.site_url == address


def test_a_portal_s_check_reads_its_own_pages_not_another_portal_s(tmp_path, capsys):
    """The zone portal does not publish the city's 2019 plan news: a broken link
    there is the city's to report. A draft the zone will publish is still checked."""
    from portal.cli import main

    project = copy_project(tmp_path / "p")
    city_only = project / "content/vi/news/2019-01-05-plan-2019.md"
    city_only.write_text(city_only.read_text(encoding="utf-8") + "\n[x](nowhere.md)\n", encoding="utf-8")
    draft = project / "content/vi/zone-draft.md"
    draft.write_text("---\ntitle: Nháp\nportals: [zone]\ndraft: true\n---\n\n[y](missing.md)\n", encoding="utf-8")

    def reported(config: str) -> list[str]:
        capsys.readouterr()
        assert main(["--config", str(project / config), "check"]) == 1
        return [line for line in capsys.readouterr().err.splitlines() if line.startswith("content/")]

    # Files are named from the project, whichever portal's config is checked.
    assert reported("portals/zone/mkdocs.yml") == ["content/vi/zone-draft.md:7"]
    lines = city_only.read_text(encoding="utf-8").count("\n")
    assert reported("mkdocs.yml") == [f"content/vi/news/2019-01-05-plan-2019.md:{lines}", "content/vi/zone-draft.md:7"]
