"""The web editor (portal/editor/): its configuration is our schema, and an
editor creates a Vietnamese news item and a project through it in headless
Chromium, against Decap's local proxy (decap-server) over a copy of the
project, as ``make edit`` runs them."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import tarfile
import time
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, copy_project, html, indexed_pages, network_log, run_mkdocs_build, serve

from portal.content.models import SECTIONS, Page
from portal.data.load import DATASETS
from portal.data.models import Plan
from portal.editor.admin import ADMIN_DIR, admin_policy
from portal.editor.config import LOCAL_BACKEND, ORIGINAL_FIELD, Project, decap_config
from portal.editor.fields import Context, fields

PROJECT = Project(content="content", data="data", languages=["vi", "en", "lo"],
                  portals={"city": "Hải Phòng", "zone": "HEZA"}, site_url="https://doingoai.haiphong.example/",
                  options={})


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _names(spec: list[dict]) -> set[str]:
    return {field["name"] for field in spec}


def _model_names(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


# -- the configuration is the schema ------------------------------------------------------


def test_the_publications_foreword_is_edited_in_every_language():
    """content/<lang>/print/foreword.md: printed only (portal/printing/), so not among the pages."""
    printing = _collection(decap_config(PROJECT), "print")
    assert printing["format"] == "portal-markdown"
    assert [(entry["name"], entry["file"], entry["label"]) for entry in printing["files"]] == [
        ("foreword-vi", "content/vi/print/foreword.md", "Lời giới thiệu · tiếng Việt"),
        ("foreword-en", "content/en/print/foreword.md", "Lời giới thiệu · tiếng Anh"),
        ("foreword-lo", "content/lo/print/foreword.md", "Lời giới thiệu · tiếng Lào"),
    ]
    assert _names(printing["files"][0]["fields"]) == _model_names(Page) | {"body"}


def test_every_kind_and_language_has_a_collection_with_every_field_of_its_model():
    config = decap_config(PROJECT)
    for folder, model in SECTIONS.items():
        for lang in PROJECT.languages:
            collection = _collection(config, f"{folder}-{lang}")
            assert collection["folder"] == f"content/{lang}/{folder}"
            extra = {"body"} | ({ORIGINAL_FIELD} if lang != "vi" else set())
            assert _names(collection["fields"]) == _model_names(model) | extra
    for lang in PROJECT.languages:
        assert _names(_collection(config, f"pages-{lang}")["fields"]) == _model_names(Page) | {"body"}
    files = {entry["name"]: entry for entry in _collection(config, "data")["files"]}
    assert set(files) == set(DATASETS)
    for name, (file_name, model, _key) in DATASETS.items():
        assert files[name]["file"] == f"data/{file_name}"
        assert _names(files[name]["fields"][0]["fields"]) == _model_names(model)
    assert _names(_collection(config, "plans")["fields"]) == _model_names(Plan)


def test_a_new_field_in_the_schema_appears_in_the_editor():
    class Grown(Plan):
        visitors: int | None = None

    spec = {field["name"]: field for field in fields(Grown, Context("vi", ["vi", "en"], {}))}
    assert spec["visitors"] == {"name": "visitors", "label": "visitors", "widget": "number", "value_type": "int",
                                "required": False}


def test_fields_carry_the_schema_rules():
    config = decap_config(PROJECT)
    events = {f["name"]: f for f in _collection(config, "events-vi")["fields"]}
    assert "required" not in events["title"] and "required" not in events["place"]  # needed to publish
    assert events["summary"]["required"] is False
    assert events["date"] == {"name": "date", "label": "Ngày", "widget": "portal-date", "time": False}
    assert events["start"]["widget"] == "portal-date" and events["start"]["time"] is True
    assert events["image"]["widget"] == "image" and events["image_alt"]["required"] is False
    assert events["portals"]["options"] == [{"label": "Hải Phòng", "value": "city"}, {"label": "HEZA", "value": "zone"}]
    assert events["portals"]["multiple"] is True
    assert events["visibility"]["options"][1] == {"label": "Nội bộ (không đăng)", "value": "internal"}
    news = {f["name"]: f for f in _collection(config, "news-vi")["fields"]}
    assert [o["value"] for o in news["category"]["options"]] == ["investment", "economy", "tourism", "culture",
                                                                 "foreign-affairs", "announcements"]
    assert news["category"]["options"][0]["label"] == "Đầu tư"
    projects = next(e for e in _collection(config, "data")["files"] if e["name"] == "projects")
    project = {f["name"]: f for f in projects["fields"][0]["fields"]}
    assert [f["name"] for f in project["name"]["fields"]] == ["vi", "en", "lo"]
    assert "required" not in project["name"]["fields"][0] and project["name"]["fields"][1]["required"] is False
    assert project["code"]["pattern"][0] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert project["area_ha"] == {"name": "area_ha", "label": "Diện tích (ha)", "widget": "number",
                                  "value_type": "float", "min": 0, "max": 10_000_000, "required": False}


def test_every_field_has_a_label_in_every_language():
    """A new field shows by its name (above); this says it needs a label in the tables."""
    for lang in PROJECT.languages:
        config = decap_config(Project(**{**PROJECT.__dict__, "languages": [lang, *[x for x in PROJECT.languages if x != lang]]}))

        def unlabelled(spec: list[dict]) -> set[str]:
            found = {f["name"] for f in spec if f["label"] == f["name"] and f["name"] not in PROJECT.languages}
            for f in spec:
                found |= unlabelled(f.get("fields", []))
            return found

        missing = set()
        for collection in config["collections"]:
            for entry in [collection, *collection.get("files", [])]:
                missing |= unlabelled(entry.get("fields", []))
        assert missing == set(), lang


def test_forms_ask_for_what_names_the_item_then_what_its_kind_needs():
    config = decap_config(PROJECT)
    assert [f["name"] for f in _collection(config, "events-vi")["fields"]][:10] == [
        "title", "date", "start", "end", "place", "organiser", "summary", "image", "image_alt", "body"]
    assert [f["name"] for f in _collection(config, "documents-en")["fields"]][:6] == [
        "original", "title", "date", "number", "issuer", "file"]


def test_yes_no_fields_are_no_by_default():
    """The editor leaves out `false` when it writes a file (static/portal-admin.js): right only
    while every yes/no field of the schema is no unless set."""
    def booleans(model: type[BaseModel]) -> list:
        found = []
        for name, info in model.model_fields.items():
            if info.annotation is bool:
                found.append((model.__name__, name, info.default))
            for arg in typing.get_args(info.annotation) + (info.annotation,):
                for inner in typing.get_args(arg) or (arg,):
                    if isinstance(inner, type) and issubclass(inner, BaseModel):
                        found += booleans(inner)
        return found

    every = [b for model in [Page, *SECTIONS.values(), *(m for _f, m, _k in DATASETS.values()), Plan] for b in booleans(model)]
    assert every and all(default is False for _model, _name, default in every)


@pytest.mark.parametrize("ui", ["vi", "en", "lo"])
def test_translations_are_named_after_their_original(ui):
    """Whatever language the editor speaks (?ui=), Vietnamese items are the originals."""
    config = decap_config(PROJECT.speaking(ui))
    assert config["locale"] == ui
    assert _collection(config, "news-vi")["slug"] == "{{date}}-{{title}}"
    english = _collection(config, "news-en")
    assert english["slug"] == "{{original}}"
    assert english["fields"][0]["collection"] == "news-vi" and english["fields"][0]["value_field"] == "{{slug}}"
    assert next(f for f in english["fields"] if f["name"] == "body")["sanitize_preview"] is True
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


def test_backend_is_checked():
    from portal.errors import PortalError

    with pytest.raises(PortalError) as caught:
        decap_config(Project(**{**PROJECT.__dict__, "options": {"backend": {"name": "dropbox"}}}))
    assert "'dropbox'" in caught.value.render() and "github, gitlab, gitea, forgejo" in caught.value.render()
    for bad in ("http://git.local/api/v1", "https://git.local; script-src *", "https://git.local/api v1"):
        with pytest.raises(PortalError) as caught:
            decap_config(Project(**{**PROJECT.__dict__, "options": {"backend": {"name": "forgejo", "api_root": bad}}}))
        assert caught.value.key == "editor_backend_url" and caught.value.field == "editor.backend.api_root"
    with pytest.raises(PortalError) as caught:  # self-hosted: where?
        decap_config(Project(**{**PROJECT.__dict__, "options": {"backend": {"name": "forgejo", "repo": "so/cong"}}}))
    assert (caught.value.key, caught.value.field) == ("editor_backend_self_hosted", "editor.backend.api_root")
    gitea = {"name": "gitea", "repo": "so/cong", "branch": "bien-tap", "app_id": "x",
             "api_root": "https://git.haiphong.gov.vn/api/v1", "base_url": "https://git.haiphong.gov.vn"}
    with pytest.raises(PortalError) as caught:  # Decap's Gitea backend refuses the editorial workflow
        decap_config(Project(**{**PROJECT.__dict__, "options": {"backend": gitea}}))
    assert (caught.value.key, caught.value.field) == ("editor_backend_no_workflow", "editor.publish_mode")
    simple = Project(**{**PROJECT.__dict__, "options": {"backend": gitea, "publish_mode": "simple"}})
    assert decap_config(simple)["backend"] == gitea and decap_config(simple)["publish_mode"] == "simple"
    assert "connect-src 'self' blob: https://git.haiphong.gov.vn http://127.0.0.1:8081 http://localhost:8081" in admin_policy(simple)


def _decap_table(code: str) -> dict[str, str]:
    """Decap's own interface table for ``code`` (decap-cms-locales), flat: "auth.login" -> "Login"."""
    script = """
    const flat = (o, p = '') => Object.entries(o).flatMap(([k, v]) => v && typeof v === 'object' ? flat(v, p + k + '.') : [[p + k, v]]);
    import(`${process.argv[1]}/node_modules/decap-cms-locales/src/${process.argv[2]}/index.js`)
      .then(m => console.log(JSON.stringify(Object.fromEntries(flat(m.default)))));
    """
    result = subprocess.run(["node", "--input-type=module", "-e", script, str(ROOT), code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _our_table(code: str) -> dict[str, str]:
    def flat(node: dict, prefix: str = "") -> dict[str, str]:
        return {k: v for key, value in node.items()
                for k, v in (flat(value, f"{prefix}{key}.") if isinstance(value, dict) else {f"{prefix}{key}": value}).items()}

    return flat(yaml.safe_load((ROOT / f"portal/editor/locales/{code}.yml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("code", ["vi", "lo"])
def test_decap_interface_has_every_string_in_vietnamese_and_lao(code):
    """Decap's table (Vietnamese; none for Lao) with ours (portal/editor/locales/) has a text for every English
    one, with the same placeholders."""
    english = _decap_table("en")
    theirs = _decap_table(code) if code == "vi" else {}
    ours = _our_table(code)
    assert len(english) > 200
    assert set(english) - set(theirs) - set(ours) == set()
    assert set(ours) <= set(english)  # no stale key of ours
    placeholders = lambda text: set(re.findall(r"%\{\w+\}", text))  # noqa: E731 (English: "one |||| many")
    assert [key for key, text in ours.items() if placeholders(text) != placeholders(english[key])] == []
    assert ours["collection.collectionTop.newButton"] == {"vi": "Viết mới: %{collectionLabel}",
                                                          "lo": "ຂຽນໃໝ່: %{collectionLabel}"}[code]  # no "＋"


# -- the admin page in the built site ------------------------------------------------------


def test_admin_page_is_built_and_kept_out_of_search_sitemap_and_kiosk(site, kiosk_site):
    admin = site / ADMIN_DIR
    assert (admin / "decap-cms.js").is_file() and (admin / "config.json").is_file()
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and 'content="noindex, nofollow"' in page
    meta = html(admin / "index.html").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta["content"] == admin_policy(PROJECT)
    assert "/admin/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = indexed_pages(site)
    assert len(urls) > 50 and [url for url in urls if "admin" in url] == []
    assert not (kiosk_site / ADMIN_DIR).exists()
    config = json.loads((admin / "config.json").read_text(encoding="utf-8"))
    assert config["local_backend"]["url"] == LOCAL_BACKEND and config["locale"] == "vi"


def test_admin_headers_are_its_own(site):
    headers = (site / "_headers").read_text(encoding="utf-8")
    block = headers.split("/admin/*\n", 1)[1]
    assert "  ! Content-Security-Policy\n" in block and "'unsafe-eval'" in block
    assert "'unsafe-eval'" not in headers.split("/admin/*\n", 1)[0]
    nginx = (site / "_headers.nginx.conf").read_text(encoding="utf-8")
    assert "location /admin/ {" in nginx


# -- an editor at work, in the browser ------------------------------------------------------


def _wait_port(port: int, seconds: float = 20, free: bool = False) -> None:
    """Until something listens on ``port`` (or, ``free``, nothing does)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if (probe.connect_ex(("127.0.0.1", port)) == 0) != free:
                return
        time.sleep(0.1)
    raise AssertionError(f"127.0.0.1:{port} is {'still taken' if free else 'not listening'}")


class LocalProxy:
    """Decap's local proxy (decap-server) on 127.0.0.1:8081, where the admin page looks for it: "fs" writes
    into a folder (`make edit`), "git" keeps unpublished work on branches of a repository."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None

    def start(self, mode: str, folder: Path) -> None:
        self.stop()
        env = {**os.environ, "PORT": "8081", "BIND_HOST": "127.0.0.1", "MODE": mode, "GIT_REPO_DIRECTORY": str(folder),
               "LOG_LEVEL": "warn"}
        self.process = subprocess.Popen(["node", str(ROOT / "node_modules/decap-server/dist/index.js")], env=env,
                                        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        _wait_port(8081)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
            _wait_port(8081, free=True)


def _log_in(browser, address: str) -> None:
    """Open the editor, logging in unless Decap remembers the editor."""
    browser.get(address + "admin/")
    shown = WebDriverWait(browser, 30).until(EC.any_of(
        EC.presence_of_element_located((By.CSS_SELECTOR, "a[href*='collections']")),
        EC.element_to_be_clickable((By.XPATH, "//button[normalize-space(.)='Đăng nhập']"))))
    if shown.tag_name == "button":
        shown.click()
    WebDriverWait(browser, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "a[href*='collections']")))


@pytest.fixture(scope="module")
def proxy():
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 8081)) == 0:
            pytest.fail("port 8081 is taken (is `make edit` running?): decap-server needs it", pytrace=False)
    local = LocalProxy()
    yield local
    local.stop()


@pytest.fixture(scope="module")
def editing(site, browser, proxy, tmp_path_factory):
    """decap-server over a copy of the project, as `make edit` runs it, and the built site (with its admin page)."""
    project = copy_project(tmp_path_factory.mktemp("edited") / "p")
    proxy.start("fs", project)
    httpd, address = serve(site)
    try:
        _log_in(browser, address)
        yield project, address
    finally:
        httpd.shutdown()


def _control(driver, label: str, after: str | None = None):
    """The input of the field labelled ``label`` (the first after the field labelled ``after``)."""
    def named(text: str) -> str:  # "Tóm tắt" or "Tóm tắt (không bắt buộc)"
        return f"label[normalize-space(.)='{text}' or starts-with(normalize-space(.), '{text} (')]"

    path = f"//{named(after)}/following::{named(label)}[1]" if after else f"//{named(label)}"
    found = WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.XPATH, path)))
    return driver.find_element(By.ID, found.get_attribute("for"))


def _choose(driver, label: str, option: str) -> None:
    """A choice list (react-select): open it, type, pick."""
    control = _control(driver, label)
    control.send_keys(option)
    control.send_keys(Keys.ENTER)


def _type_date(field, keys: str) -> None:
    """Type a date (and time) in the browser's field (en-US: month, day, year, hours, minutes, AM/PM) as a
    person does, from its first part: the year after the day, digit by digit. (Decap's own field saved a
    year being typed, "2", "20", as 1902: decap-cms#7939.)"""
    field.click()
    field.send_keys(*[Keys.ARROW_LEFT] * 6)  # to the month
    for key in keys:
        field.send_keys(key)


def _shown(driver, text: str):
    """The (last) element on screen whose text is ``text``, or None."""
    shown = [e for e in driver.find_elements(By.XPATH, f"//*[normalize-space(.)='{text}']") if e.is_displayed()]
    return shown[-1] if shown else None


def _click_shown(driver, text: str) -> None:
    WebDriverWait(driver, 15).until(lambda d: _shown(d, text) or False).click()


def _publish(driver) -> None:
    """Publish now (the editor's own machine: simple mode, the file is written)."""
    _click_shown(driver, "Công bố")
    _click_shown(driver, "Công bố ngay")


def _wait_file(path: Path, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file():
            time.sleep(0.3)
            return path.read_text(encoding="utf-8")
        time.sleep(0.2)
    raise AssertionError(f"{path} was not written")


def _check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portal.cli", "check"], cwd=project, capture_output=True, text=True,
                          timeout=300)


def _assert_local_and_allowed(browser, address: str) -> None:
    """Since the last network_log call: no host but the site and the local proxy, nothing failed, nothing the CSP refused."""
    requests, failures = network_log(browser)
    hosts = {re.match(r"https?://[^/]+", url).group(0) for url in requests if url.startswith("http")}
    assert hosts == {address.rstrip("/"), "http://127.0.0.1:8081"}, hosts
    assert failures == []
    assert [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]] == []


def _checked_and_built(project: Path, tmp_path: Path, page: str) -> str:
    """`portal check` passes on what the editor saved, and a strict build has ``page``: its HTML."""
    check = _check(project)
    assert check.returncode == 0, check.stderr
    built = tmp_path / "site"
    result = run_mkdocs_build(project, built)
    assert result.returncode == 0, result.stderr
    return (built / page).read_text(encoding="utf-8")


def test_editor_creates_a_vietnamese_news_item(editing, browser, tmp_path):
    from PIL import Image

    project, address = editing
    network_log(browser)  # from here on
    browser.get(address + "admin/#/collections/news-vi/new")
    title = "Hải Phòng đón đoàn doanh nghiệp Lào"
    _control(browser, "Tiêu đề").send_keys(title)
    _type_date(_control(browser, "Ngày"), "11202026")
    _choose(browser, "Chuyên mục", "Đầu tư")
    _control(browser, "Tóm tắt (một câu)").send_keys("Đoàn doanh nghiệp tìm hiểu khu kinh tế Đình Vũ – Cát Hải.")
    picture = tmp_path / "doan-lao.png"
    Image.new("RGB", (640, 360), (20, 90, 160)).save(picture)
    browser.find_element(By.XPATH, "//button[normalize-space(.)='Chọn một hình']").click()
    upload = WebDriverWait(browser, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[type=file]")))
    upload.send_keys(str(picture))
    WebDriverWait(browser, 15).until(EC.element_to_be_clickable((By.XPATH, "//button[normalize-space(.)='Lấy những cái đã chọn']"))).click()
    _control(browser, "Mô tả ảnh cho người khiếm thị").send_keys("Đoàn doanh nghiệp tại Đình Vũ")
    body = browser.find_element(By.CSS_SELECTOR, "[data-slate-editor]")
    body.click()
    body.send_keys("Sáng 20/11, thành phố tiếp đoàn doanh nghiệp Lào.")
    # The preview, as the portal shows it: its stylesheets, the title, the facts in the interface's words, the text.
    browser.switch_to.frame(browser.find_element(By.CSS_SELECTOR, "iframe"))
    try:
        WebDriverWait(browser, 10).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "article p"), "Sáng 20/11"))
        article = browser.find_element(By.CSS_SELECTOR, "article.md-content__inner.md-typeset")
        assert article.find_element(By.TAG_NAME, "h1").text == title
        assert [row.text for row in article.find_elements(By.CSS_SELECTOR, ".portal-facts tr")] == [
            "Ngày 20 tháng 11, 2026", "Chuyên mục Đầu tư"]
        assert article.find_element(By.TAG_NAME, "img").get_attribute("alt") == "Đoàn doanh nghiệp tại Đình Vũ"
        # Material's headings (a browser's own are bold): the portal's stylesheets are there.
        assert browser.execute_script("return getComputedStyle(document.querySelector('article h1')).fontWeight") == "300"
    finally:
        browser.switch_to.default_content()
    _publish(browser)
    written = project / "content/vi/news/2026-11-20-hai-phong-don-doan-doanh-nghiep-lao.md"
    text = _wait_file(written)
    assert text == (  # what an editor would have typed: the schema's order, nothing empty, no `original`
        "---\n"
        f"title: {title}\n"
        'date: "2026-11-20"\n'
        "category: investment\n"
        "summary: Đoàn doanh nghiệp tìm hiểu khu kinh tế Đình Vũ – Cát Hải.\n"
        "image: attachments/doan-lao.png\n"
        "image_alt: Đoàn doanh nghiệp tại Đình Vũ\n"
        "---\n\n"
        "Sáng 20/11, thành phố tiếp đoàn doanh nghiệp Lào.\n")
    assert (project / "content/attachments/doan-lao.png").is_file()
    assert not list(project.glob("content/en/news/2026-11-20-*")) and not list(project.glob("content/lo/news/2026-11-20-*"))
    _assert_local_and_allowed(browser, address)
    page = _checked_and_built(project, tmp_path, "news/2026-11-20-hai-phong-don-doan-doanh-nghiep-lao/index.html")
    assert title in page and "Đoàn doanh nghiệp tại Đình Vũ" in page


def test_editor_adds_a_project_to_the_data(editing, browser, tmp_path):
    project, address = editing
    before = yaml.safe_load((project / "data/projects.yml").read_text(encoding="utf-8"))
    network_log(browser)
    # As an editor goes there: the collection, then the file. (Straight from another entry's URL, Decap keeps its
    # editor mounted and shows the new entry empty: a hash change does not load it.)
    browser.get(address + "admin/#/collections/data")
    WebDriverWait(browser, 20).until(EC.element_to_be_clickable(
        (By.XPATH, "//a[contains(@href, 'entries/projects')]"))).click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located(
        (By.XPATH, f"//*[normalize-space(.)='{len(before)} dự án kêu gọi đầu tư']")))
    add = WebDriverWait(browser, 20).until(EC.element_to_be_clickable(
        (By.XPATH, "//button[starts-with(normalize-space(.), 'Thêm')]")))
    add.click()
    time.sleep(0.5)

    def named(label: str) -> str:
        return f"label[normalize-space(.)='{label}' or starts-with(normalize-space(.), '{label} (')]"

    def new_item(*labels: str):
        """A field of the new item (the last in the list): its code's label, then each label in turn."""
        path = f"(//{named('Mã dự án')})[last()]"
        for label in labels:
            path += f"/following::{named(label)}[1]"
        return browser.find_element(By.ID, browser.find_element(By.XPATH, path).get_attribute("for"))

    browser.find_element(By.ID, browser.find_elements(By.XPATH, f"//{named('Mã dự án')}")[-1].get_attribute("for")) \
        .send_keys("vd-09-cang-can")
    new_item("Tên", "tiếng Việt").send_keys("Cảng cạn ví dụ")
    for label, option in (("Lĩnh vực", "Logistics"), ("Hình thức đầu tư", "Đầu tư nước ngoài")):
        control = new_item(label)
        control.send_keys(option)
        control.send_keys(Keys.ENTER)
    new_item("Vị trí", "tiếng Việt").send_keys("Khu kinh tế Đình Vũ – Cát Hải")
    new_item("Diện tích (ha)").send_keys("40")
    new_item("Tóm tắt", "tiếng Việt").send_keys("Cảng cạn kết nối cảng biển (dự án minh họa).")
    browser.save_screenshot(str(tmp_path / "project.png"))
    _publish(browser)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:  # decap-server writes the file in place: it may be read half-written
            after = yaml.safe_load((project / "data/projects.yml").read_text(encoding="utf-8")) or []
        except yaml.YAMLError:
            after = []
        if len(after) > len(before):
            break
        time.sleep(0.2)
    time.sleep(0.3)
    after = yaml.safe_load((project / "data/projects.yml").read_text(encoding="utf-8"))
    assert after[:-1] == before  # the others as they were (comments aside: docs/editors-guide.md)
    assert after[-1] == {"code": "vd-09-cang-can", "name": {"vi": "Cảng cạn ví dụ"}, "sector": "logistics",
                         "location": {"vi": "Khu kinh tế Đình Vũ – Cát Hải"}, "area_ha": 40, "form": "fdi",
                         "summary": {"vi": "Cảng cạn kết nối cảng biển (dự án minh họa)."}}
    _assert_local_and_allowed(browser, address)
    page = _checked_and_built(project, tmp_path, "invest/projects/vd-09-cang-can/index.html")
    assert "Cảng cạn ví dụ" in page


def test_the_editor_speaks_lao_and_english_when_asked(editing, browser):
    """?ui=lo: Decap's words (our table), the collections and fields in Lao, in the portal's Lao font; ?ui=en too."""
    from portal.i18n import t

    project, address = editing
    network_log(browser)
    for ui, new_button in (("lo", "ຂຽນໃໝ່: "), ("en", "New: ")):
        browser.get(address + f"admin/?ui={ui}#/collections/news-vi")
        news = t(ui, "articles.news")
        WebDriverWait(browser, 20).until(EC.presence_of_element_located(
            (By.XPATH, f"//a[normalize-space(.)='{new_button}{news}']")))
        assert browser.execute_script("return document.documentElement.lang") == ui
        assert browser.title == t(ui, "editor.admin_title")
        if ui == "lo":
            browser.save_screenshot(str(project.parent / "admin-lo.png"))
            assert browser.execute_script("return document.fonts.check('16px \"Noto Sans Lao\"', 'ຂຽນ')")
            assert browser.execute_script(
                "return getComputedStyle(document.querySelector('h1, a')).fontFamily").startswith('"Noto Sans"')
    _assert_local_and_allowed(browser, address)


def test_editor_changes_the_publications_foreword(editing, browser):
    """The printed guide's foreword (content/vi/print/foreword.md) is a file of the "Ấn phẩm" collection."""
    project, address = editing
    foreword = project / "content/vi/print/foreword.md"
    before = foreword.read_text(encoding="utf-8")
    browser.get(address + "admin/#/collections/print")
    _click_shown(browser, "Lời giới thiệu · tiếng Việt")
    title = _control(browser, "Tiêu đề")
    WebDriverWait(browser, 15).until(lambda d: title.get_attribute("value") == "Lời giới thiệu")
    title.send_keys(" của cẩm nang")
    _publish(browser)
    _wait_for(lambda: foreword.read_text(encoding="utf-8") != before)
    saved = foreword.read_text(encoding="utf-8")
    assert saved.startswith("---\ntitle: Lời giới thiệu của cẩm nang\n")
    assert "Cẩm nang này giới thiệu với nhà đầu tư" in saved
    check = _check(project)
    assert check.returncode == 0, check.stdout + check.stderr


def test_editor_translates_a_vietnamese_item_under_its_name(editing, browser, tmp_path):
    """The English version: the translator picks the Vietnamese original, and the file gets its name."""
    project, address = editing
    original = project / "content/vi/news/2026-11-25-dien-dan-dau-tu.md"
    original.write_text("---\ntitle: Diễn đàn đầu tư Hải Phòng 2026\ndate: 2026-11-25\ncategory: investment\n---\n\n"
                        "Diễn đàn giới thiệu các khu công nghiệp.\n", encoding="utf-8")
    network_log(browser)
    browser.get(address + "admin/#/collections/news-en")
    WebDriverWait(browser, 20).until(EC.element_to_be_clickable(
        (By.XPATH, "//a[starts-with(normalize-space(.), 'Viết mới: ')]"))).click()
    # Its choices come from a search of the Vietnamese items: wait for the one named.
    _control(browser, "Bản tiếng Việt được dịch").send_keys("Diễn đàn")
    WebDriverWait(browser, 15).until(EC.element_to_be_clickable(
        (By.XPATH, "//div[contains(@id, '-option-') and contains(., 'Diễn đàn đầu tư Hải Phòng 2026')]"))).click()
    title = "Hai Phong Investment Forum 2026"
    _control(browser, "Tiêu đề").send_keys(title)
    _type_date(_control(browser, "Ngày"), "11252026")
    _choose(browser, "Chuyên mục", "Đầu tư")
    body = browser.find_element(By.CSS_SELECTOR, "[data-slate-editor]")
    body.click()
    body.send_keys("The forum presents the industrial parks.")
    _publish(browser)
    text = _wait_file(project / "content/en/news/2026-11-25-dien-dan-dau-tu.md")
    assert text == (f"---\ntitle: {title}\ndate: \"2026-11-25\"\ncategory: investment\n---\n\n"
                    "The forum presents the industrial parks.\n")  # no `original`: the name says it
    assert not (project / "content/lo/news/2026-11-25-dien-dan-dau-tu.md").exists()
    _assert_local_and_allowed(browser, address)
    status = tmp_path / "status.csv"
    check = subprocess.run([sys.executable, "-m", "portal.cli", "check", "--csv", str(status)], cwd=project,
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stderr
    assert "news/2026-11-25-dien-dan-dau-tu.md,ok,missing,missing,missing" in status.read_text(encoding="utf-8").splitlines()


def test_editor_writes_an_event_s_time_in_viet_nam_time(editing, browser):
    """A day and a time typed in the browser's field are saved with Viet Nam's offset, whatever the computer's."""
    project, address = editing
    browser.get(address + "admin/#/collections/events-vi")
    WebDriverWait(browser, 20).until(EC.element_to_be_clickable(
        (By.XPATH, "//a[starts-with(normalize-space(.), 'Viết mới: ')]"))).click()
    _control(browser, "Tiêu đề").send_keys("Lễ hội Hoa Phượng Đỏ 2027")
    _type_date(_control(browser, "Ngày"), "05012027")
    _type_date(_control(browser, "Bắt đầu"), f"05142027{Keys.ARROW_RIGHT}0730P")  # 14 May 2027, 7:30 PM
    _control(browser, "Địa điểm").send_keys("Quảng trường Nhà hát Lớn Hải Phòng")
    _control(browser, "Đơn vị tổ chức").send_keys("UBND thành phố Hải Phòng")
    body = browser.find_element(By.CSS_SELECTOR, "[data-slate-editor]")
    body.click()
    body.send_keys("Đêm khai mạc lễ hội.")
    _publish(browser)
    text = _wait_file(project / "content/vi/events/2027-05-01-le-hoi-hoa-phuong-do-2027.md")
    assert 'start: "2027-05-14T19:30:00+07:00"\n' in text and 'date: "2027-05-01"\n' in text
    assert _check(project).returncode == 0


def test_editorial_workflow_keeps_a_draft_on_its_branch_until_published(editing, proxy, browser, tmp_path):
    """With a proxy that keeps branches (as GitHub, GitLab and Forgejo do): saving makes a branch, which the
    checks can be run on (CI does) while the public branch stays as it was; publishing a ready item merges it."""
    project, address = editing
    repo = copy_project(tmp_path / "repo")
    git = lambda *args: subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout  # noqa: E731
    git("init", "-q", "-b", "main")
    git("config", "user.name", "Biên tập viên")
    git("config", "user.email", "bientap@haiphong.example")
    git("add", "-A")
    git("commit", "-qm", "Cổng thông tin đối ngoại")
    proxy.start("git", repo)
    try:
        _log_in(browser, address)
        browser.get(address + "admin/#/collections/news-vi/new")
        _control(browser, "Tiêu đề").send_keys("Tin qua quy trình duyệt")
        _type_date(_control(browser, "Ngày"), "11272026")
        body = browser.find_element(By.CSS_SELECTOR, "[data-slate-editor]")
        body.click()
        body.send_keys("Tin được duyệt trước khi đăng.")
        _click_shown(browser, "Lưu")
        name = "content/vi/news/2026-11-27-tin-qua-quy-trinh-duyet.md"
        branch = "cms/news-vi/2026-11-27-tin-qua-quy-trinh-duyet"
        _wait_for(lambda: branch in git("branch", "--list") and name in git("ls-tree", "-r", "--name-only", branch))
        assert name not in git("ls-tree", "-r", "--name-only", "main") and git("status", "--porcelain") == ""
        # What CI checks out on a push to the branch: it passes the checks.
        archive = subprocess.run(["git", "archive", branch], cwd=repo, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tree:
            tree.extractall(tmp_path / "draft", filter="data")
        assert (tmp_path / "draft" / name).is_file() and _check(tmp_path / "draft").returncode == 0
        _click_shown(browser, "Trạng thái: Bản nháp")
        _click_shown(browser, "Sẵn sàng")
        _wait_for(lambda: _shown(browser, "Trạng thái: Sẵn sàng"))  # saved on the branch: publishing is offered
        _click_shown(browser, "Công bố")
        _click_shown(browser, "Công bố ngay")
        WebDriverWait(browser, 10).until(EC.alert_is_present()).accept()  # "Bạn có chắc…?"
        # decap-server merges, then deletes the branch: wait for both (under load the second comes later).
        _wait_for(lambda: name in git("ls-tree", "-r", "--name-only", "main") and branch not in git("branch", "--list"))
        assert git("show", f"main:{name}").startswith("---\ntitle: Tin qua quy trình duyệt\ndate: \"2026-11-27\"\n")
    except Exception:
        browser.save_screenshot(str(tmp_path / "workflow.png"))  # for whoever reads the failure
        raise
    finally:
        proxy.start("fs", project)  # as the other tests expect it
        _log_in(browser, address)


def _wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)
