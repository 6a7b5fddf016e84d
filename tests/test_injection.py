"""Injection payloads in every text and URL field of data and front matter,
and in Markdown bodies, reach readers as inert text: opened in headless
Chromium under the shipped policy and from ``file://`` (the kiosk copy),
with their links clicked, no script runs and nothing navigates away.

What the rules refuse (markup, script URLs) is tested in test_bad_input.py
and test_trust_core.py; here every field holds what they accept but what
breaks a careless template: quotes that would end an attribute (``"
http-equiv="refresh``), template and JavaScript syntax, ``<\\/script>``,
Markdown inside data, Unicode line and direction controls.
"""

from __future__ import annotations

import datetime
import json
import types
import typing
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from pydantic import BaseModel
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import build_portals, copy_project, serve
from portal.content.models import SECTIONS, Page
from portal.data import models as data_models
from portal.data.load import DATASETS

#: Accepted by every text field, dangerous in a careless template.
TEXT = ("Q\" '><` {{7*7}} ${7*7} <\\/script> %3Cscript%3E *em* [x](https://evil.example/) "
        "0;url=https://evil.example/\" http-equiv=\"refresh \u2028 \u202e")
#: Accepted by every URL field: quotes that would end an attribute if not escaped.
URL = "https://example.org/a?q=\"x'y&z=1#\"frag"
BODY = """
Body: <span lang="en">span</span> &lt;script&gt;window.__pwned = 1&lt;/script&gt; `<script>window.__pwned = 2</script>`
[same site](../about.md) [external](https://example.org/?q=%22x%27y) <https://example.org/auto> *emphasis* H<sub>2</sub>O

    <script>window.__pwned = 3</script>
"""
#: Fields that decide publishing, portals or the theme, not text readers see.
NOT_TEXT = {"draft", "publish_date", "visibility", "portals", "icon", "status", "template", "hide", "search", "example"}
#: Fields whose value must refer to something that exists.
FIXED = {"zone": "ven-bien-phia-nam", "park": None, "date": "2026-11-15", "start": "2027-01-10", "end": "2027-01-12",
         "image": "attachments/payload.svg", "file": "attachments/04-KH-UBND-2019.txt", "src": "attachments/payload.svg",
         "number": "1", "budget_million_vnd": 1, "total_million_vnd": 1, "category": "investment", "stars": 4}


def fill(annotation, metadata: list, path: str):
    """A value for a field: the payload for every text and URL, a valid value for the rest."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
    if typing.get_origin(annotation) is typing.Annotated:
        annotation, *extra = typing.get_args(annotation)
        metadata = list(metadata) + extra
    checks = {getattr(getattr(m, "func", None), "__name__", "") for m in metadata}
    patterns = {getattr(m, "pattern", None) for m in metadata}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_payload(annotation, path)
    origin = typing.get_origin(annotation)
    if origin is dict:  # text per language
        _key, value = typing.get_args(annotation)
        return {lang: fill(value, [], f"{path}.{lang}") for lang in ("vi", "en", "lo")}
    if origin is list:
        return [fill(typing.get_args(annotation)[0], [], path)]
    if origin is typing.Literal:
        return typing.get_args(annotation)[0]
    if "_url" in checks:
        return URL
    if "_slug" in checks:
        return "payload-" + path.replace(".", "-").replace("_", "-")
    if data_models.EMAIL in patterns:
        return "payload@example.org"
    if data_models.PHONE in patterns:
        return "+84 225 000 0000"
    if annotation is str:
        return f"[{path}] {TEXT}"
    if annotation is bool:
        return False
    if annotation in (int, float):
        return 1
    if annotation in (datetime.date, datetime.datetime):
        return "2026-11-15"
    raise AssertionError(f"no payload for {path}: {annotation}")


def model_payload(model: type[BaseModel], path: str = "") -> dict:
    values = {}
    for name, field in model.model_fields.items():
        if name in NOT_TEXT or (name in FIXED and FIXED[name] is None):
            continue
        where = f"{path}.{name}" if path else name
        values[name] = FIXED[name] if name in FIXED else fill(field.annotation, field.metadata, where)
    return values


def test_the_payloads_cover_every_text_and_url_field():
    """A field added to the schema is planted with a payload too, or this fails."""
    news = model_payload(SECTIONS["news"])
    assert set(news) == set(SECTIONS["news"].model_fields) - NOT_TEXT
    project = model_payload(data_models.Project)
    assert project["documents"] == [{"title": {lang: f"[documents.title.{lang}] {TEXT}" for lang in ("vi", "en", "lo")},
                                     "url": URL}]
    assert project["contact"]["email"] == "payload@example.org"


def _front_matter(meta: dict) -> str:
    return "---\n" + "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta.items()) + "---\n"


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A project with a payload in every field of one item of every kind, in vi and en."""
    root = Path(__file__).parent.parent
    project = copy_project(tmp_path_factory.mktemp("injection"))
    (project / "scripts").mkdir()
    (project / "scripts/build.py").write_text((root / "scripts/build.py").read_text(encoding="utf-8"))
    (project / "content/attachments/payload.svg").write_bytes((root / "overrides/assets/images/favicon.svg").read_bytes())
    for section, model in SECTIONS.items():
        meta = model_payload(model, section)
        for lang in ("vi", "en"):
            (project / f"content/{lang}/{section}/2026-11-15-payload.md").write_text(
                _front_matter(meta) + BODY, encoding="utf-8")
    about = project / "content/en/about.md"
    about.write_text(_front_matter(model_payload(Page, "page")) + about.read_text(encoding="utf-8").split("---\n", 2)[2]
                     + BODY, encoding="utf-8")
    for dataset, (file_name, model, _key) in DATASETS.items():
        item = model_payload(model, dataset)
        if dataset in ("projects", "parks"):  # in the planted zone (and park)
            item["zone"] = "payload-zones-slug"
        if dataset == "projects":
            item["park"] = "payload-parks-slug"
        if dataset == "products":  # from the planted craft village
            item["village"] = "payload-villages-slug"
        item["portals"] = ["zone"] if dataset in ("zones", "incentives") else []
        with (project / "data" / file_name).open("a", encoding="utf-8") as handle:
            handle.write("\n" + json.dumps([item], ensure_ascii=True)[1:-1].join(["- ", "\n"]))
    plan = model_payload(data_models.Plan, "plans")
    (project / "data/plans/payload.yml").write_text(json.dumps(plan), encoding="utf-8")
    # Served at the address it is built for (Material looks for a sitemap beside each hreflang link).
    httpd, address = serve(project / "site")
    result = build_portals(project, project / "site", "--base-url", address)
    assert result.returncode == 0, result.stdout + result.stderr
    # The host sends the city portal's headers for everything it serves (the server reads them from the root).
    (project / "site/_headers").write_bytes((project / "site/city/_headers").read_bytes())
    kiosk = build_portals(project, project / "kiosk", "--kiosk")
    assert kiosk.returncode == 0, kiosk.stdout + kiosk.stderr
    yield project, address + "city/"
    httpd.shutdown()


#: Pages that show the payloads (directory URLs; the kiosk has `.html` files).
PAGES = [
    "news/2026-11-15-payload/", "en/news/2026-11-15-payload/", "events/2026-11-15-payload/",
    "en/documents/2026-11-15-payload/", "clarifications/2026-11-15-payload/", "press/2026-11-15-payload/",
    "en/about/", "news/", "en/news/category/investment/", "events/", "en/documents/", "clarifications/", "press/",
    "invest/zones/payload-zones-slug/", "en/invest/parks/payload-parks-slug/",
    "en/invest/projects/payload-projects-code/", "invest/projects/", "en/invest/incentives/",
    "invest/plans/payload-plans-slug/", "en/invest/plans/",
    "ocop/", "en/ocop/products/payload-products-slug/", "ocop/villages/payload-villages-slug/",
]
GUARD = """window.__pwned = undefined; window.__dialogs = 0; window.__violations = [];
window.alert = window.confirm = window.prompt = () => { window.__dialogs += 1; };
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"""


@pytest.fixture
def guarded(browser):
    script = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": GUARD})
    yield browser
    browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


def _inert(browser, url: str) -> None:
    """Nothing the payloads could do happened on the page at ``url``."""
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    state = browser.execute_script("return [window.__pwned, window.__dialogs, window.__violations]")
    assert state == [None, 0, []], (url, state)
    assert browser.current_url.split("#")[0] == url, "the page navigated away"
    assert not browser.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh], iframe, object, embed")
    assert not browser.find_elements(By.CSS_SELECTOR, 'a[href^="https://evil.example"], img[src^="https://evil"]')


@pytest.mark.browser
def test_payloads_are_inert_under_the_shipped_policy_and_links_lead_where_they_say(guarded, planted):
    _project, address = planted
    if True:
        for page in PAGES:
            guarded.get(address + page)
            _inert(guarded, address + page)
            shown = guarded.execute_script("return document.title + document.body.innerText")
            assert "Q\" '><` {{7*7}} ${7*7} <\\/script>" in shown, page  # as written, as text
        # Every attribute holds its text whole: no quote of a payload ended it.
        item = address + "en/news/2026-11-15-payload/"
        guarded.get(item)
        attributes = {
            'meta[name="description"]': ("content", "news.description"),
            'meta[property="og:description"]': ("content", "news.description"),
            'meta[property="og:title"]': ("content", "news.title"),
            ".portal-article-image img": ("alt", "news.image_alt"),
        }
        for selector, (attribute, field) in attributes.items():
            assert guarded.find_element(By.CSS_SELECTOR, selector).get_attribute(attribute) == f"[{field}] {TEXT}"
        assert guarded.title == f"[news.title] {TEXT} - Hai Phong City Foreign Information Portal"
        # Every link of an item's text and facts: to this site, clicked; to another, exactly as written.
        hrefs = [a.get_attribute("href") for a in guarded.find_elements(By.CSS_SELECTOR, "article a[href]")]
        assert "https://example.org/?q=%22x%27y" in hrefs and "https://example.org/auto" in hrefs
        for index, href in enumerate(hrefs):
            if not href.startswith(address):
                assert urlsplit(href).netloc == "example.org", href
                continue
            guarded.get(item)
            link = guarded.find_elements(By.CSS_SELECTOR, "article a[href]")[index]
            if link.get_attribute("download") is not None:
                continue  # a file to save (the calendar), not a page
            guarded.execute_script("arguments[0].click()", link)
            WebDriverWait(guarded, 10).until(lambda d, h=href: d.current_url.split("#")[0] == h.split("#")[0])
            _inert(guarded, href.split("#")[0])
        # A URL field's quotes stay inside its attribute.
        guarded.get(address + "clarifications/2026-11-15-payload/")
        assert {a.get_attribute("href") for a in guarded.find_elements(By.CSS_SELECTOR, "article a")} >= {
            "https://example.org/a?q=%22x%27y&z=1#%22frag"}


@pytest.mark.browser
def test_payloads_are_inert_in_the_kiosk_copy_from_file(guarded, planted):
    kiosk = planted[0] / "kiosk/city"
    for page in PAGES:  # the kiosk's pages are files: news/x.html, news/index.html
        file = kiosk / f"{page[:-1]}.html"
        file = file if file.is_file() else kiosk / page / "index.html"
        guarded.get(file.as_uri())
        _inert(guarded, file.as_uri())
        assert guarded.find_element(By.CSS_SELECTOR, 'meta[http-equiv="Content-Security-Policy"]')


def test_payloads_keep_every_feed_and_calendar_valid(planted):
    site = planted[0] / "site/city"
    for feed in ("feed.xml", "en/feed.xml"):
        root = ElementTree.parse(site / feed).getroot()  # well-formed XML
        titles = [entry.findtext("{http://www.w3.org/2005/Atom}title") for entry in root.iter("{http://www.w3.org/2005/Atom}entry")]
        assert f"[news.title] {TEXT}" in titles and f"[clarifications.title] {TEXT}" in titles
    from icalendar import Calendar

    calendar = Calendar.from_ical((site / "events/2026-11-15-payload.ics").read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["LOCATION"]) == f"[events.place] {TEXT}"
    assert str(event["SUMMARY"]) == f"[events.title] {TEXT}"


def test_payloads_stay_text_in_structured_data_and_downloads(planted):
    import csv

    site = planted[0] / "site/city"
    page = (site / "en/news/2026-11-15-payload/index.html").read_text(encoding="utf-8")
    scripts = page.split('<script type="application/ld+json">')[1:]
    data = [json.loads(script.split("</script>")[0]) for script in scripts]
    assert any(item.get("headline") == f"[news.title] {TEXT}" for item in data)
    with (site / "invest/data/projects.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert any(row["name_en"] == f"[projects.name.en] {TEXT}" for row in rows)
    with (site / "ocop/data/products.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert any(row["producer_en"] == f"[products.producer.en] {TEXT}" for row in rows)


def test_payloads_stay_text_on_the_home_page_cards(planted):
    """The home page's cards are macros: they escape where they are written, not where they are called."""
    from conftest import html

    site = planted[0] / "site/city"
    for home, lang in ((site / "index.html", "vi"), (site / "en/index.html", "en")):
        cards = html(home).select("#portal-home-news ~ .portal-cards .portal-card")
        card = next(card for card in cards if "[news.title]" in card.get_text())
        assert card.select_one(".portal-card__title a").get_text() == f"[news.title] {TEXT}"
        assert card.select_one("img")["alt"] == f"[news.image_alt] {TEXT}", lang
        assert card.select_one("p:not(.portal-card__meta)").get_text() == f"[news.summary] {TEXT}"
