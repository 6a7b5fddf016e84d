"""Building from changed data: text is escaped, and `mkdocs serve` rebuilds
when a file in data/ changes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import copy_project, html, output_file, page_url, run_mkdocs_build

TRICKY = """R&D "quoted" 'single' a < b > c ¥ {{ not jinja }} **not bold**"""


def test_data_text_is_escaped_in_the_output(tmp_path):
    project = copy_project(tmp_path / "project")
    projects = project / "data/projects.yml"
    source = projects.read_text(encoding="utf-8")
    projects.write_text(
        source.replace("    en: Seaside tourism services (illustrative project).", f"    en: '{TRICKY.replace(chr(39), chr(39) * 2)}'")
        .replace("    en: Example tourism services area", f"    en: '{TRICKY.replace(chr(39), chr(39) * 2)}'"),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr

    page = output_file(site, page_url("invest/projects/vd-04-du-lich.md", "en"))
    raw = page.read_text(encoding="utf-8")
    assert "R&amp;D &#34;quoted&#34; &#39;single&#39; a &lt; b &gt; c" in raw or "R&amp;D &quot;quoted&quot;" in raw
    doc = html(page)
    assert doc.select_one("article h1").get_text(" ", strip=True).startswith(TRICKY)
    assert TRICKY in doc.select_one("article .portal-data > p:not(.portal-example-notice)").get_text()
    assert doc.title.get_text().startswith(TRICKY)  # the front matter title survived quoting


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
        return response.read().decode("utf-8")


def _get_any(url: str) -> tuple[int, str]:
    """Status and text, whatever the status (an error page is an answer too). The
    server holds a request while a rebuild runs (slow on a busy CI runner), not longer."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (loopback only)
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_data_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/en/invest/projects/vd-04-du-lich/"
    try:
        assert _wait_for(lambda: "Seaside tourism services" in _get(url), 90), "serve did not start"
        projects = project / "data/projects.yml"
        projects.write_text(
            projects.read_text(encoding="utf-8").replace("Seaside tourism services (illustrative", "Harbour tours (illustrative"),
            encoding="utf-8",
        )
        assert _wait_for(lambda: "Harbour tours" in _get(url), 90), "the page was not rebuilt"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_preview_shows_an_error_and_recovers_when_the_file_is_fixed(tmp_path):
    """`make serve` (portal serve): an impossible date, which used to end in a
    traceback and a stuck preview, is shown as an editor's error, in the
    terminal and in the browser, which gets an answer once the failed build
    ends (MkDocs held every request until the build was fixed); fixing the
    file brings the preview back."""
    import html as html_module

    from portal.i18n import t
    from portal.errors import PortalError

    project = copy_project(tmp_path / "project")
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen([sys.executable, "-m", "portal.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/en/invest/plans/ke-hoach-2019/"
    plan = project / "data/plans/plan-2019.yml"
    good = plan.read_text(encoding="utf-8")
    try:
        assert _wait_for(lambda: "04/KH-UBND" in _get(url), 90), "serve did not start"
        plan.write_text(good.replace("date: 2019-01-05", "date: 2019-02-30"), encoding="utf-8")
        expected = PortalError("yaml_bad_date", file="data/plans/plan-2019.yml", line=6, field="date", value="2019-02-30")
        assert _wait_for(lambda: expected.render() in log.read_text(encoding="utf-8"), 60), log.read_text(encoding="utf-8")
        for address in (url, f"http://127.0.0.1:{port}/"):  # the page being edited, and any other
            status, text = _get_any(address)
            assert status == 404
            assert expected.render() in html_module.unescape(text)
            assert t("vi", "editor.preview_failed") in text and t("en", "editor.preview_fix") in text
            assert '<meta http-equiv="refresh" content="3">' in text
        plan.write_text(good.replace("Kế hoạch công tác thông tin đối ngoại", "Kế hoạch đã sửa"), encoding="utf-8")
        assert _wait_for(lambda: "Kế hoạch đã sửa" in _get(f"http://127.0.0.1:{port}/invest/plans/ke-hoach-2019/"), 90)
        assert "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_preview_renders_what_changed_and_keeps_menus_and_listings_right(tmp_path):
    """A preview's rebuild renders only the pages whose source changed (MkDocs'
    dirty build); the others' titles are still read for the menu; the home
    page and the listings show a dated item's new title, and the home page
    the data's new figures."""
    from bs4 import BeautifulSoup

    project = copy_project(tmp_path / "project")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "portal.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"

    def menu(url: str) -> list[str]:
        doc = BeautifulSoup(_get(url), "html.parser")
        return [link.get_text(" ", strip=True) for link in doc.select(".md-nav--primary .md-nav__link")]

    try:
        assert _wait_for(lambda: "</html>" in _get(base + "en/about/"), 90), "serve did not start"
        before = menu(base + "en/about/")
        assert "Tourism and events" in before
        assert _wait_for(lambda: "page_count" in _get(base + "pagefind/pagefind-entry.json"), 60)  # made after the reload
        index = json.loads(_get(base + "pagefind/pagefind-entry.json"))["languages"]
        about = project / "content/en/about.md"
        about.write_text(about.read_text(encoding="utf-8") + "\nA sentence saved in the preview.\n", encoding="utf-8")
        assert _wait_for(lambda: "A sentence saved in the preview." in _get(base + "en/about/"), 60)
        assert menu(base + "en/about/") == before
        # The search index is made again over every page, not only the one rendered again.
        assert _wait_for(lambda: json.loads(_get(base + "pagefind/pagefind-entry.json"))["languages"]["en"]["hash"]
                         != index["en"]["hash"], 60)
        assert {lang: value["page_count"] for lang, value in
                json.loads(_get(base + "pagefind/pagefind-entry.json"))["languages"].items()} == {
            lang: value["page_count"] for lang, value in index.items()}
        news = project / "content/en/news/2024-09-04-heza-plan.md"
        news.write_text(news.read_text(encoding="utf-8").replace(
            "title: Hai Phong Economic Zone Authority issues its foreign-information plan",
            "title: The zone authority's plan, retitled"), encoding="utf-8")
        assert _wait_for(lambda: "The zone authority&#39;s plan, retitled" in _get(base + "en/"), 60), "home not rendered again"
        assert "The zone authority&#39;s plan, retitled" in _get(base + "en/news/")
        figures = BeautifulSoup(_get(base + "en/"), "html.parser").select_one(".portal-figures")
        projects = project / "data/projects.yml"
        projects.write_text(projects.read_text(encoding="utf-8").replace("  investment_vnd: 1200000000000", "  investment_vnd: 9200000000000", 1),
                            encoding="utf-8")
        assert _wait_for(lambda: str(BeautifulSoup(_get(base + "en/"), "html.parser").select_one(".portal-figures"))
                         != str(figures), 60), "the home page's figures were not rendered again"
    finally:
        server.terminate()
        server.wait(timeout=30)
