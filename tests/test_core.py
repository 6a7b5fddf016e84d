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


# -- a locality's own templates and strings (portal/site/overrides.py) ------------------------

HUB = '{% import "_macros.html.j2" as m %}\n{{ m.front_matter(c, "Hub", "Hub") }}\n\nZONE HUB {{ c.t("home.news") }}\n'


@pytest.fixture(autouse=True)
def _package_strings_afterwards():
    """Loading a project sets its strings for the process: leave ours to the next test."""
    yield
    from portal.site.overrides import Overrides

    Overrides((), ROOT).activate()


@pytest.fixture
def localised(tmp_path):
    """The shipped project with a project-wide string, a zone string over it and a zone template."""
    project = copy_project(tmp_path / "p")
    (project / "i18n").mkdir()
    (project / "i18n/en.yml").write_text('home:\n  news: "Project news"\n  events: "What\'s on"\n', encoding="utf-8")
    zone = project / "portals/zone"
    (zone / "i18n").mkdir()
    (zone / "i18n/en.yml").write_text('home:\n  news: "Authority news"\n', encoding="utf-8")
    (zone / "templates").mkdir()
    (zone / "templates/hub.md.j2").write_text(HUB, encoding="utf-8")
    return project


def test_strings_and_templates_are_looked_up_in_the_portal_then_the_project_then_the_package(localised):
    from portal.i18n import package_table, t
    from portal.site.project import load_project

    zone = load_project(localised / "portals/zone/mkdocs.yml")
    hub = next(file.content for file in zone.generated if file.path == "en/invest/index.md")
    assert "ZONE HUB Authority news" in hub
    assert (t("en", "home.news"), t("en", "home.events")) == ("Authority news", "What's on")
    assert t("en", "home.figures") == package_table("en")["home"]["figures"]  # the rest is ours
    city = load_project(localised / "mkdocs.yml")
    assert "ZONE HUB" not in next(file.content for file in city.generated if file.path == "en/invest/index.md")
    assert (t("en", "home.news"), t("en", "home.events")) == ("Project news", "What's on")
    load_project(ROOT / "mkdocs.yml")  # the shipped project: ours again
    assert t("en", "home.news") == package_table("en")["home"]["news"]


@pytest.mark.parametrize(("file", "text", "line", "field", "key"), [
    ("portals/zone/i18n/en.yml", "home:\n  nwes: x\n", 2, "home.nwes", "override_unknown_string"),
    ("i18n/vi.yml", "home: plain\n", 1, "home", "override_unknown_string"),
    ("i18n/en.yml", "home:\n  news: [a, b]\n", 2, "home.news", "override_not_text"),
    ("i18n/fr.yml", "home: {}\n", None, None, "override_unknown_language"),
    ("portals/zone/templates/hubb.md.j2", "x", None, None, "override_unknown_template"),
])
def test_an_override_that_would_change_nothing_is_an_error(tmp_path, file, text, line, field, key):
    from portal.errors import PortalError
    from portal.site.project import load_project

    project = copy_project(tmp_path / "p")
    (project / file).parent.mkdir(parents=True, exist_ok=True)
    (project / file).write_text(text, encoding="utf-8")
    with pytest.raises(PortalError) as caught:
        load_project(project / "portals/zone/mkdocs.yml")
    [error] = caught.value.errors
    assert (error.key, error.file, error.line, error.field) == (key, file, line, field)
    assert error.message("vi") and error.message("en")


def test_a_portal_s_theme_template_is_used_on_its_pages_only(localised, tmp_path):
    from conftest import html, run_mkdocs_build

    copyright_ = localised / "portals/zone/overrides/partials/copyright.html"
    copyright_.parent.mkdir(parents=True)
    copyright_.write_text('<div class="zone-footer">{{ portal.t("home.news") }}</div>\n', encoding="utf-8")
    result = run_mkdocs_build(localised, tmp_path / "zone", "-f", "portals/zone/mkdocs.yml")
    assert result.returncode == 0, result.stderr
    about = html(tmp_path / "zone/en/about/index.html")
    assert about.select_one(".zone-footer").get_text() == "Authority news"
    assert "ZONE HUB" in (tmp_path / "zone/en/invest/index.html").read_text(encoding="utf-8")


# -- the portal plugin's options, checked by the core with file and line ---------------------

@pytest.mark.parametrize(("old", "new", "named", "field", "key"), [
    ("      sections: [audiences, news, events, figures, clarification]", "      sections: [audiences, nwes]",
     "      sections: [audiences, nwes]", "plugins.portal.home.sections", "option_not_allowed"),
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    agencey: x", "    agencey: x",
     "plugins.portal.agencey", "option_unknown"),
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    search_offline: 'yes'",
     "    search_offline: 'yes'", "plugins.portal.search_offline", "data_wrong_type"),
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    kiosk: {idle_seconds: soon}",
     "    kiosk: {idle_seconds: soon}", "plugins.portal.kiosk.idle_seconds", "data_wrong_type"),
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    kiosk: 5", "    kiosk: 5",
     "plugins.portal.kiosk", "data_wrong_type"),
    ("        visitors: [tourism.md", "        visitors: tourism.md\n        other: [tourism.md",
     "        visitors: tourism.md", "plugins.portal.home.audiences.visitors", "data_wrong_type"),
    # The web editor's git host (portal/editor/config.py): a missing address at its group's line.
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    editor:\n      backend: {name: forgejo}",
     "      backend: {name: forgejo}", "plugins.portal.editor.backend.api_root", "editor_backend_self_hosted"),
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    editor:\n      backend:\n        name: gitea\n"
     "        api_root: https://git.example/api/v1\n      publish_mode: editorial_workflow",
     "      publish_mode: editorial_workflow", "plugins.portal.editor.publish_mode", "editor_backend_no_workflow"),
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    editor:\n      backend:\n        name: github\n"
     "        base_url: 'https://oauth.example; script-src *'", "        base_url: 'https://oauth.example; script-src *'",
     "plugins.portal.editor.backend.base_url", "editor_backend_url"),
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    editor:\n      publish_mode: draft",
     "      publish_mode: draft", "plugins.portal.editor.publish_mode", "option_not_allowed"),
    # The printed publications' paper and margins reach their stylesheet: only the forms it expects.
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    publications: {paper: B5}",
     "    publications: {paper: B5}", "plugins.portal.publications.paper", "option_not_allowed"),
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    publications:\n"
     "      margins: '20mm; } body { display: none'", "      margins: '20mm; } body { display: none'",
     "plugins.portal.publications.margins", "option_not_allowed"),
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    publications: {year: 26}",
     "    publications: {year: 26}", "plugins.portal.publications.year", "option_not_allowed"),
    ("    contact_page: contacts.md", "    contact_page: contacts.md\n    publications: {pages: 4}",
     "    publications: {pages: 4}", "plugins.portal.publications.pages", "option_unknown"),
])
def test_a_bad_option_names_its_file_and_line(tmp_path, old, new, named, field, key):
    from portal.errors import PortalError
    from portal.site.project import load_project

    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PortalError) as caught:
        load_project(config)
    [error] = caught.value.errors
    line = config.read_text(encoding="utf-8").splitlines().index(named) + 1
    assert (error.key, error.file, error.line, error.field) == (key, "mkdocs.yml", line, field)


def test_the_engine_reports_a_bad_option_with_our_message(tmp_path):
    from conftest import run_mkdocs_build

    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "sections: [audiences, news, events, figures, clarification]", "sections: [nwes]"), encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "mkdocs.yml:41 [plugins.portal.home.sections]" in output and "Expected one of" not in output, output


def test_compiled_theme_templates_are_kept_but_a_changed_template_is_compiled_again(tmp_path):
    """A preview rebuild (a new environment) reuses what was compiled, unless the file changed."""
    from jinja2 import Environment, FileSystemLoader

    from portal.engine.template_cache import MemoryBytecodeCache

    cache = MemoryBytecodeCache()
    (tmp_path / "t.html").write_text("one {{ x }}", encoding="utf-8")
    render = lambda: Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache).get_template(  # noqa: E731
        "t.html").render(x=1)
    assert render() == "one 1" and len(cache.compiled) == 1
    assert render() == "one 1" and len(cache.compiled) == 1
    (tmp_path / "t.html").write_text("two {{ x }}", encoding="utf-8")
    assert render() == "two 1"


def test_a_portal_s_check_reads_its_own_content_folder_too(tmp_path, capsys):
    from portal.cli import main

    project = copy_project(tmp_path / "p")
    about = project / "portals/zone/content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[x](nowhere.md) ![Map](map.png) [ok](contacts.md)\n",
                     encoding="utf-8")
    line = about.read_text(encoding="utf-8").count("\n")
    assert main(["--config", str(project / "portals/zone/mkdocs.yml"), "check"]) == 1
    reported = [text for text in capsys.readouterr().err.splitlines() if text.startswith("portals/")]
    assert reported == [f"portals/zone/content/en/about.md:{line}"] * 2  # the link and the image, not contacts.md


# -- page versions: the switcher, canonical, hreflang and sitemap from the content tree --------

def _versions(config: str):
    from portal.clock import now
    from portal.site.assembly import assemble
    from portal.site.publication import Rule
    from portal.site.settings import read_settings

    assembly = assemble(read_settings(ROOT / config), Rule(now()))
    return assembly.versions, assembly


def test_versions_come_from_the_content_tree_not_the_engine():
    from portal.content.translations import Version
    from portal.site.versions import sitemap_entries

    versions, assembly = _versions("mkdocs.yml")
    assert versions["vi/index.md"] == {"vi": Version("vi", "vi", "./"), "en": Version("en", "en", "en/"),
                                       "lo": Version("lo", "lo", "lo/"), "zh": Version("zh", "zh", "zh/"),
                                       "km": Version("km", "km", "km/")}
    untranslated = {"vi": Version("vi", "vi", "plan-2019/"), "en": Version("en", "vi", "en/plan-2019/"),
                    "lo": Version("lo", "vi", "lo/plan-2019/"), "zh": Version("zh", "vi", "zh/plan-2019/"),
                    "km": Version("km", "vi", "km/plan-2019/")}
    assert versions["vi/plan-2019.md"] == versions["en/plan-2019.md"] == untranslated  # fallback copies
    assert versions["vi/news/tag/dau-tu/index.md"] == {"vi": Version("vi", "vi", "news/tag/dau-tu/")}  # no copies
    assert versions["lo/news/tag/ດ່ານ/index.md"] == {
        "lo": Version("lo", "lo", "lo/news/tag/%E0%BA%94%E0%BB%88%E0%BA%B2%E0%BA%99/")}  # as the engine writes it
    entries = {entry["loc"]: entry["links"] for entry in sitemap_entries(versions, assembly.languages, "https://x.vn/")}
    assert entries["https://x.vn/plan-2019/"] == [("vi", "https://x.vn/plan-2019/"),
                                                  ("x-default", "https://x.vn/plan-2019/")]
    assert "https://x.vn/en/plan-2019/" not in entries  # a fallback copy is no translation
    assert {"/", "/en/", "/lo/plan-2019/", "/lo/news/tag/%E0%BA%94%E0%BB%88%E0%BA%B2%E0%BA%99/"} <= assembly.site_paths
    assert "/en/news/tag/dau-tu/" not in assembly.site_paths  # generated only where it is made


def test_versions_of_the_kiosk_copy_are_files():
    from portal.content.translations import Version

    versions, _assembly = _versions("kiosk.yml")
    assert versions["vi/about.md"]["en"] == Version("en", "en", "en/about.html")
    assert versions["vi/index.md"]["vi"] == Version("vi", "vi", "index.html")


def test_stage_writes_what_the_build_publishes_for_any_engine(tmp_path):
    """`portal stage`: the docs tree and the page versions as plain files, without the engine."""
    import json

    code = ("import sys; from portal.cli import main; rc = main(['--config', 'portals/zone/mkdocs.yml', 'stage',"
            f" '--output', {str(tmp_path / 'zone')!r}]);"
            f" print(rc, sorted(m for m in sys.modules if m.split('.')[0] in {ENGINE_PACKAGES!r}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "0 []"
    docs = tmp_path / "zone/docs"
    assert (docs / "vi/index.md").read_bytes() == (ROOT / "portals/zone/content/vi/index.md").read_bytes()  # its own
    assert (docs / "en/invest/projects/index.md").is_file()  # generated
    assert not (docs / "lo").exists() and not (docs / "vi/tourism.md").exists()  # not this portal's
    view = json.loads((tmp_path / "zone/pages.json").read_text(encoding="utf-8"))
    assert (view["portal"], [lang["code"] for lang in view["languages"]]) == ("zone", ["vi", "en"])
    assert view["pages"]["vi/about.md"] == {
        "language": "vi", "url": "about/", "generated": False,
        "versions": {"vi": {"url": "about/", "text_language": "vi"}, "en": {"url": "en/about/", "text_language": "en"}}}
    assert set(view["pages"]) == {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}


@pytest.mark.parametrize(("link", "target"), [("i18n/en.yml", "/etc/passwd"), ("portals/zone/templates", "/etc")])
def test_an_override_linking_out_of_the_project_is_refused(tmp_path, link, target):
    from portal.errors import PortalError
    from portal.site.project import load_project

    project = copy_project(tmp_path / "p")
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    (project / link).symlink_to(target)
    with pytest.raises(PortalError) as caught:
        load_project(project / "portals/zone/mkdocs.yml")
    assert [(error.key, error.file) for error in caught.value.errors] == [("file_outside", link)]


def test_stage_never_replaces_a_folder_it_did_not_write(tmp_path, capsys):
    from portal.cli import main

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/guide.md").write_text("ours\n", encoding="utf-8")  # `--output .` in the project: its guides
    assert main(["--config", str(ROOT / "mkdocs.yml"), "stage", "--output", str(tmp_path)]) == 1
    assert [p.name for p in (tmp_path / "docs").iterdir()] == ["guide.md"]
    assert "choose an empty or new folder for --output" in capsys.readouterr().err


# -- page views: what the theme prints, computed by the core ---------------------------------------

@pytest.fixture(scope="module")
def views():
    from portal.site.views import Views

    _versions_, assembly = _versions("mkdocs.yml")
    return Views(assembly, ROOT / "overrides/assets/stylesheets/fonts.css")


def test_an_untranslated_page_s_view_points_to_its_original(views):
    page = views.page("en/plan-2019.md", "en", "en/plan-2019/", "Plan 2019")
    site = views.assembly.site.site_url
    assert page.canonical_url == site + "plan-2019/"
    assert (page.portal.content_lang, page.portal.notice) == (
        "vi", "This page is not yet available in English; it is shown in Vietnamese.")
    assert [(entry.lang, entry.path) for entry in page.portal.switcher] == [
        ("vi", "plan-2019/"), ("en", "en/plan-2019/"), ("lo", "lo/plan-2019/"), ("zh", "zh/plan-2019/"),
        ("km", "km/plan-2019/")]
    assert (page.search.file, page.search.url, page.search.fallback) == ("en/plan-2019/index.html", "/en/plan-2019/", "vi")
    assert (page.portal.contact_path, page.portal.accessibility_path) == ("en/contacts/", "en/accessibility/")
    card = views.cards[page.portal.share.image.removeprefix(site)]
    assert (card.title, page.portal.share.width, page.portal.og_locale) == ("Plan 2019", 1200, "en_US")
    assert page.portal.article_header is None and page.portal.kiosk is None


def test_a_dated_item_s_view_has_its_facts_and_structured_data(views):
    import json

    page = views.page("en/news/2024-09-04-heza-plan.md", "en", "en/news/2024-09-04-heza-plan/", "HEZA")
    assert page.canonical_url is None and page.portal.notice is None
    data = json.loads(str(page.portal.jsonld[0]))
    assert (data["@type"], data["url"]) == ("NewsArticle", views.assembly.site.site_url + "en/news/2024-09-04-heza-plan/")
    header = str(page.portal.article_header)
    assert '<th scope="row" data-pagefind-ignore>Date</th><td>September 4, 2024</td>' in header
    assert '<a href="../tag/investment/">investment</a>' in header  # links relative to the page


def test_the_error_page_s_switcher_leads_to_each_home_page(views):
    view = views.error_page("lo")
    assert [(entry.lang, entry.path) for entry in view.switcher] == [("vi", ""), ("en", "en/"), ("lo", "lo/"),
                                                                     ("zh", "zh/"), ("km", "km/")]


def test_a_kiosk_page_s_view_has_its_public_address_and_no_share_picture():
    from portal.site.views import Views

    _versions_, assembly = _versions("kiosk.yml")
    view = Views(assembly, ROOT / "overrides/assets/stylesheets/fonts.css").page("vi/about.md", "en", "en/about.html", "About")
    assert view.portal.kiosk.public_url == "https://doingoai.haiphong.example/en/about/"
    assert view.portal.kiosk.qr_svg.startswith("<svg") and view.portal.kiosk.idle_seconds == 120
    assert (view.portal.share, view.portal.preload) == (None, [])


@pytest.mark.parametrize("target", ["assets/x.png", "en/tags/a/", "en/", "", "./", "x.ics", "news/a.html", "index.html"])
@pytest.mark.parametrize("page", ["", "en/", "en/about/", "about.html", "en/about.html", "en/news/2024/x/", "news/b.html"])
def test_links_between_pages_are_written_as_the_engine_writes_them(target, page):
    from mkdocs.utils import get_relative_url

    from portal.site.urls import relative_to_page

    assert relative_to_page(target, page) == get_relative_url(target, page)


def test_portal_help_and_mistakes_are_in_vietnamese_and_english(capsys, monkeypatch):
    from portal.cli import main

    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps help to the terminal's width

    with pytest.raises(SystemExit) as ended:
        main(["new", "--help"])
    assert ended.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith("cách dùng / usage: portal new [-h]")
    for heading in ("tham số / arguments:", "tùy chọn / options:"):
        assert heading in shown
    assert "  title                 tiêu đề, bằng tiếng Việt\n                        the title, in Vietnamese\n" in shown
    with pytest.raises(SystemExit) as ended:
        main(["new", "tin", "Tiêu đề"])
    assert ended.value.code == 2
    told = capsys.readouterr().err.splitlines()[-2:]
    choices = "'clarification', 'document', 'event', 'news', 'press'"
    assert told == [f"  vi: 'tin' không phải một lựa chọn của kind; chọn một trong: {choices}. Xem: portal new --help",
                    f"  en: 'tin' is not a choice for kind; choose one of: {choices}. See: portal new --help"]


def test_builds_side_by_side_remember_the_same_file_without_tripping(tmp_path):
    """Two test workers cut the same font slice at once: each wrote 'x.part' and renamed it, and the
    second rename found nothing (FileNotFoundError). Each writer now has a name of its own."""
    from concurrent.futures import ThreadPoolExecutor

    from portal.cache import remember

    target = tmp_path / "cache/slice.woff2"
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: remember(target, b"glyphs" * 10_000), range(64)))
    assert target.read_bytes() == b"glyphs" * 10_000
    assert [p.name for p in target.parent.iterdir()] == ["slice.woff2"]  # no leftovers
