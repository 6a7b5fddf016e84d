"""The trust rules in the engine-free core, checked in-process: YAML that
would lose data or blow up, plain text and URLs from editors, what Markdown
may put on a page, the last check of finished pages, and the one
publication rule for every layer. Each asserts the exact error: file, line,
field, and both languages."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import markdown
import pytest

from conftest import portal_pages, ROOT, copy_project
from portal.clock import TIMEZONE
from portal.errors import PortalError
from portal.safety import output, text, urls
from portal.safety.markdown import ContentRules, check_raw_html
from portal.site.publication import Rule, State, state
from portal.yamlfile import parse

NOW = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=TIMEZONE)


def _error(text_: str, shown: str = "data/x.yml") -> PortalError:
    with pytest.raises(PortalError) as caught:
        parse(text_, shown)
    return caught.value


def _only(error: PortalError) -> PortalError:
    assert len(error.errors) == 1, error
    return error.errors[0]


def _says(error: PortalError, vi: str, en: str) -> None:
    assert vi in error.message("vi"), error.message("vi")
    assert en in error.message("en"), error.message("en")


# -- YAML ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("source", "line", "field", "en"), [
    ("name: a\nsector: energy\nname: b\n", 3, "name", "Field 'name' is written twice (first on line 1)"),
    ("- code: x\n  area_ha: .inf\n", 2, "area_ha", "has the value '.inf', which is not a finite number"),
    ("- code: x\n  area_ha: -.Inf\n", 2, "area_ha", "has the value '-.Inf', which is not a finite number"),
    ("- code: x\n  area_ha: .NaN\n", 2, "area_ha", "has the value '.NaN', which is not a finite number"),
    ("- code: x\n  area_ha: 1.0e+400\n", 2, "area_ha", "has the value '1.0e+400', which is not a finite number"),
    ("date: 2026-02-30\n", 1, "date", "has the date '2026-02-30', which does not exist"),
    ("date: 2026-13-01\n", 1, "date", "has the date '2026-13-01', which does not exist"),
    ("investment_vnd: " + "9" * 5000 + "\n", 1, "investment_vnd", "a number of more than 18 digits"),
    ('title: "Kế hoạch\nsummary: x\ntotal: 1\n', 1, None, "A quotation mark opened on this line is never closed."),
    ("sectors: [energy, logistics\nname: x\n", 1, None, "A bracket ('[' or '{') opened on this line is never closed."),
    ("title: Plan: 2019\n", 1, None, "put the whole value in quotes"),
    ("a: &a [*a]\n", 1, "a", "nested more than 40 levels deep (or an alias refers to itself)"),
])
def test_yaml_that_would_lose_data_or_fail_later_is_refused(source, line, field, en):
    error = _only(_error(source))
    assert (error.file, error.line, error.field) == ("data/x.yml", line, field)
    assert en in error.message("en")
    assert error.message("vi") != error.message("en")


def test_every_yaml_problem_of_a_file_is_reported_at_once():
    error = _error("a: 1\na: 2\nb: .nan\nc: 2026-02-31\n")
    assert [(e.key, e.line, e.field) for e in error.errors] == [
        ("yaml_duplicate_key", 2, "a"), ("yaml_not_finite", 3, "b"), ("yaml_bad_date", 4, "c")]


def test_an_alias_bomb_is_refused_in_moments_not_minutes():
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]  # 10**9 values
    started = time.monotonic()
    error = _only(_error("\n".join(levels) + "\n"))
    assert time.monotonic() - started < 2  # the bomb was not expanded (it would take minutes and gigabytes)
    assert (error.key, error.line, error.field) == ("yaml_too_large", 6, "a5")
    _says(error, "làm tệp phình ra hơn 500000 giá trị", "make the file expand to more than 500000 values")


def test_merge_keys_are_not_duplicates():
    assert parse("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n", "x.yml").data["item"] == {"x": 1, "y": 2}


def test_a_huge_value_is_quoted_short_in_messages():
    from portal.errors import QUOTED

    error = PortalError("data_bad_choice", file="f", field="sector", value="x" * 200_000, allowed="a, b")
    assert len(str(error)) < 2 * (QUOTED + 300)
    assert "x" * (QUOTED - 1) + "…" in error.message("en")


def test_a_non_utf8_file_is_reported_by_line(tmp_path):
    from portal.sources import read_text

    path = tmp_path / "page.md"
    path.write_bytes("---\ntitle: Giới thiệu\n---\n\nDòng 5\n".encode() + b"Latin-1 \xe9 on line 6\n")
    with pytest.raises(PortalError) as caught:
        read_text(path, "content/vi/page.md")
    assert (caught.value.file, caught.value.line, caught.value.key) == ("content/vi/page.md", 6, "file_not_utf8")
    _says(caught.value, "không phải văn bản UTF-8", "is not UTF-8 text")


@pytest.mark.parametrize(("data", "expected"), [
    (None, "The file must be a group of 'key: value' lines."),
    ([{"slug": "x"}], "The file must be a group of 'key: value' lines."),
])
def test_an_empty_or_list_shaped_plan_file_is_one_clear_error(tmp_path, data, expected):
    from portal.data.load import load_portfolio

    (tmp_path / "data/plans").mkdir(parents=True)
    (tmp_path / "data/plans/p.yml").write_text("" if data is None else "- slug: x\n", encoding="utf-8")
    with pytest.raises(PortalError) as caught:
        load_portfolio(tmp_path / "data", ["vi"], "vi", tmp_path)
    error = _only(caught.value)
    assert (error.file, error.line, error.field) == ("data/plans/p.yml", 1 if data else None, None)
    assert error.message("en") == expected


def test_a_data_file_that_cannot_be_read_causes_no_follow_on_errors(tmp_path):
    from portal.data.load import load_portfolio

    data = copy_project(tmp_path / "p") / "data"
    (data / "zones.yml").write_text("- slug: [ven-bien\n", encoding="utf-8")  # parks and projects name its zones
    with pytest.raises(PortalError) as caught:
        load_portfolio(data, ["vi", "en", "lo"], "vi", data.parent)
    assert [(e.file, e.key) for e in caught.value.errors] == [("data/zones.yml", "yaml_unclosed_bracket")]


# -- plain text and URLs ----------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", "&amp;lt;img src=x onerror=alert(1)&amp;gt;",
    "&#60;/title&#62;", "x onmouseover=alert(1)", "javascript:alert(1)", "JaVaScRiPt :alert(1)", "<!-- note -->",
])
def test_markup_is_found_however_it_is_written(value):
    assert text.has_markup(value)


@pytest.mark.parametrize("value", ["Trade & Investment", 'The "Red Flamboyant" festival', "1 < 2 and 3 > 2",
                                   "0;url=https://evil.example/", "R&D; A&B", "ສະໜາມບິນ"])
def test_ordinary_text_is_not_markup(value):
    assert not text.has_markup(value)


@pytest.mark.parametrize(("url", "why"), [
    ("javascript:alert(1)", "scheme"), ("JAVASCRIPT:alert(1)", "scheme"), ("jav&#x61;script:alert(1)", "scheme"),
    ("jav&#97;script&colon;alert(1)", "scheme"), ("java\tscript:alert(1)", "spaces"), ("java\nscript:x", "spaces"),
    (" javascript:alert(1)", "spaces"), ("\x01javascript:alert(1)", "spaces"), ("data:text/html,<b>x</b>", "scheme"),
    ("vbscript:msgbox", "scheme"), ("file:///etc/passwd", "scheme"), ("//evil.example/", "no_scheme"),
    ("https:\\\\evil.example", "backslash"), ("jav&amp;#x61;script:x", "scheme"),  # decoded twice: stricter than a browser, never looser
])
def test_addresses_pass_one_allowlist_after_normalising(url, why):
    assert urls.problem(url) == why


@pytest.mark.parametrize("url", ["https://haiphong.gov.vn/", "http://example.org/a?b=c#d", "mailto:a@b.vn",
                                 "tel:+842250000000", "attachments/plan.pdf", "../news/", "#top", "?page=2"])
def test_safe_addresses_pass(url):
    assert urls.problem(url) is None


def test_images_must_be_files_of_the_portal():
    assert urls.problem("https://tracker.example/pixel.png", images=True) == "external_image"
    assert urls.problem("../attachments/photo.png", images=True) is None


def test_data_url_fields_name_the_reason_in_both_languages(tmp_path):
    from portal.data.load import load_portfolio

    data = copy_project(tmp_path / "p") / "data"
    projects = (data / "projects.yml").read_text(encoding="utf-8")
    (data / "projects.yml").write_text(projects.replace(
        "  status: calling\n", "  status: calling\n  documents:\n    - title: {vi: Hồ sơ}\n      url: \"java\\tscript:alert(1)\"\n", 1),
        encoding="utf-8")
    with pytest.raises(PortalError) as caught:
        load_portfolio(data, ["vi", "en", "lo"], "vi", data.parent)
    error = _only(caught.value)
    url_line = projects[: projects.index("  status: calling\n")].count("\n") + 4  # status, documents, title, url
    assert (error.file, error.line, error.field) == ("data/projects.yml", url_line, "documents.url")
    _says(error, "có dấu cách, xuống dòng hoặc ký tự vô hình", "contains spaces, line breaks or invisible characters")


# -- Markdown ------------------------------------------------------------------------------------

def _render(source: str) -> list:
    rules = ContentRules()
    md = markdown.Markdown(extensions=["attr_list", "admonition", "tables", "toc", rules],
                           extension_configs={"tables": {"use_align_attribute": True}})
    rules.start(checked=True)
    md.convert(source)
    return rules.finish()


@pytest.mark.parametrize(("source", "kind", "value"), [
    ("Text <script>alert(1)</script>", "html", "<script>"),
    ("<script>alert(1)</script>\n", "html", "<script>"),
    ("<iframe src=\"https://evil.example\"></iframe>\n", "html", '<iframe src="https://evil.example">'),
    ("A <img src=x onerror=alert(1)> b", "html", "<img src=x onerror=alert(1)>"),
    ("A <span onclick=\"alert(1)\">b</span>", "attribute", 'onclick="alert(1)"'),
    ('A <span lang="en" title="x">b</span>', "attribute", 'title="x"'),
    ("A <!-- internal note: budget not final -->", "comment", "<!-- internal note: budget not final -->"),
    ("[x](javascript:alert(1))", "url", "javascript:alert(1)"),
    ("[x](JaVaScRiPt:alert(1))", "url", "JaVaScRiPt:alert(1)"),
    ("[x](jav&#x61;script:alert(1))", "url", "jav&#x61;script:alert(1)"),
    ("[x][1]\n\n[1]: vbscript:msgbox(1)\n", "url", "vbscript:msgbox(1)"),
    ("[x](<java\nscript:alert(1)>)", "url", "java\nscript:alert(1)"),
    ("[x](java\tscript:alert(1))", "url", "java    script:alert(1)"),  # Markdown turns the tab into spaces
    ("[x](java&#9;script:alert(1))", "url", "java&#9;script:alert(1)"),
    ("![x](JaVa&#x0A;ScRiPt:alert(1))", "image_url", "JaVa&#x0A;ScRiPt:alert(1)"),
    ("![x](data:image/svg+xml,abc)", "image_url", "data:image/svg+xml,abc"),
    ("![x](https://tracker.example/p.png)", "image_url", "https://tracker.example/p.png"),
    ("[x](https://ok.example){: onclick=\"alert(1)\" }", "attribute", 'onclick="alert(1)"'),
    ("# Title {: style=\"position:fixed\" }", "attribute", 'style="position:fixed"'),
    ("Para\n{: #__config }", "attribute", 'id="__config"'),
])
def test_what_markdown_may_not_put_on_a_page(source, kind, value):
    problems = _render(source)
    assert [(p.kind, p.value) for p in problems] == [(kind, value)]


@pytest.mark.parametrize("source", [
    "m<sup>2</sup> and H<sub>2</sub>O, <abbr title=\"Foreign direct investment\">FDI</abbr>",
    '<span lang="lo">ສະໜາມບິນ</span><br>line',
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
    "# Title {: #intro .lead }\n\n[Contacts](contacts.md) [Mail](mailto:a@b.vn) [Call](tel:+84225)",
    "!!! note\n    An admonition.\n",
    "Code: `<script>alert(1)</script>` and &lt;script&gt; written as text, & ampersands.",
    "Code:\n\n    <iframe src=x>\n",
])
def test_what_markdown_may_put_on_a_page(source):
    assert _render(source) == []


def test_every_angle_bracket_of_raw_html_must_open_an_allowed_tag():
    assert [p.value for p in check_raw_html('<b>x</b><scr<script>ipt>')] == ["<scr<script>ipt>", "<script>"]
    assert check_raw_html("<i>x</i> &amp; <em>y</em>") == []


def test_a_dated_item_has_no_title_of_its_own_in_its_text():
    """The theme prints an item's title (its front matter) with its facts under it."""
    rules = ContentRules()
    md = markdown.Markdown(extensions=["toc", rules], extension_configs={"toc": {"permalink": True}})
    rules.start(checked=True, titled=True)
    md.convert("Intro.\n\n# Hai Phong port\n\n## Section\n")
    assert [(p.kind, p.value, p.needle) for p in rules.finish()] == [("heading_one", "Hai Phong port", "# Hai Phong port")]
    rules.start(checked=True, titled=True)  # named as written: character references stay as such
    md.reset().convert("# &lt;script&gt; &amp; more\n")
    assert [(p.value, p.needle) for p in rules.finish()] == [("<script> & more", "# &lt;script&gt; &amp; more")]
    rules.start(checked=True)  # an ordinary page may start with its title
    md.reset().convert("# Hai Phong port\n")
    assert rules.finish() == []


def test_generated_pages_are_not_held_to_the_editors_rules():
    rules = ContentRules()
    md = markdown.Markdown(extensions=[rules])
    rules.start(checked=False)
    md.convert('<div class="portal-data"><table data-portal-table></table></div>\n')
    assert rules.finish() == []


# -- finished pages --------------------------------------------------------------------------------

@pytest.mark.parametrize(("page", "problem"), [
    ("<p><script>alert(1)</script></p>", "<script> written into the page (an inline script)"),
    ('<img src="x.png" onerror="alert(1)">', "<img onerror=…>"),
    ('<a href="javascript:alert(1)">x</a>', '<a href="javascript:alert(1)"> (scheme)'),
    ('<a href="jav&#x61;script:alert(1)">x</a>', '<a href="javascript:alert(1)"> (scheme)'),
    ('<iframe srcdoc="x"></iframe>', "<iframe>"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', '<meta http-equiv="refresh">'),
    ('<img src="https://tracker.example/p.png">', '<img src="https://tracker.example/p.png"> (external_image)'),
    ('<script src="https://cdn.example/x.js"></script>', '<script src="https://cdn.example/x.js"> (external_image)'),
])
def test_the_last_check_of_a_finished_page(page, problem):
    assert output.check_page(f"<!doctype html><html><body>{page}</body></html>") == [problem]


@pytest.mark.parametrize("page", [
    '<a title="<b>" href="javascript:alert(1)">x</a>',
    "<a title='>' onclick=alert(1)>x</a>",
    '<a title=">" href="javascript:alert(1)">x</a>',
    "<!-- > --><img src=x onerror=alert(1)>",
    "<p>1 < 2</p><script>alert(1)</script>",
    "<img src=x onerror=alert(1)><b",
])
def test_the_quick_last_check_reads_tags_as_the_parser_does(page):
    """The check remembers each distinct tag; where a tag could be misread it parses the page whole."""
    assert output.check_page(page) == output.parse_whole(page) != []


def test_the_theme_s_own_page_furniture_passes_the_last_check(site):
    pages = portal_pages(site)
    assert len(pages) > 150
    texts = {page.relative_to(site).as_posix(): page.read_text(encoding="utf-8") for page in pages}
    assert {name: output.check_page(text) for name, text in texts.items() if output.check_page(text)} == {}
    assert all(output.parse_whole(text) == [] for text in texts.values())


# -- the publication rule ---------------------------------------------------------------------------

def _item(**fields):
    from portal.content.models import Page

    return Page.model_validate(fields)


@pytest.mark.parametrize(("fields", "expected"), [
    ({}, State.PUBLISHED),
    ({"draft": True}, State.DRAFT),
    ({"visibility": "internal"}, State.INTERNAL),
    ({"publish_date": "2026-12-01T09:00:01"}, State.EMBARGOED),
    ({"publish_date": "2026-12-01T09:00:00"}, State.PUBLISHED),
    ({"publish_date": "2026-12-01T02:00:00+00:00"}, State.PUBLISHED),  # 09:00 in Viet Nam
    ({"publish_date": "2026-12-02"}, State.EMBARGOED),
])
def test_the_publication_rule(fields, expected):
    assert state(_item(**fields), NOW) is expected


def test_a_translation_is_published_only_with_its_source():
    rule = Rule(NOW)
    embargoed, public = _item(publish_date="2027-01-01"), _item()
    assert not rule.shows(public, source=embargoed)
    assert rule.shows(public, source=public)
    assert Rule(NOW, preview=True).shows(public, source=embargoed)


def _front_matter_errors(tmp_path: Path, section: str, block: str) -> list[PortalError]:
    """The errors of a page of ``section`` whose front matter is ``block``, by line."""
    from portal.content.frontmatter import read_front_matter
    from portal.content.models import SECTIONS

    page = tmp_path / "page.md"
    page.write_text(f"---\n{block}---\n", encoding="utf-8")
    with pytest.raises(PortalError) as caught:
        read_front_matter(page, f"content/vi/{section}/page.md", SECTIONS[section])
    return sorted(caught.value.errors, key=lambda error: error.line)


def test_an_event_that_ends_before_it_starts_is_refused(tmp_path):
    [error] = _front_matter_errors(tmp_path, "events", "title: Lễ hội\ndate: 2027-01-01\nstart: 2027-05-16\n"
                                                       "end: 2027-05-14\nplace: Hải Phòng\norganiser: UBND\n")
    assert (error.file, error.line, error.field) == ("content/vi/events/page.md", 5, "end")
    _says(error, "Sự kiện kết thúc ('end') trước khi bắt đầu ('start').", "The event ends ('end') before it starts ('start').")


def test_front_matter_paths_and_theme_names_cannot_leave_their_folder(tmp_path):
    errors = _front_matter_errors(tmp_path, "documents", "title: x\ndate: 2026-01-01\nnumber: '1'\nissuer: x\n"
                                  "file: attachments/../../mkdocs.yml\nicon: ../../etc/passwd\ntemplate: sitemap.xml\n")
    assert [(e.line, e.field) for e in errors] == [(6, "file"), (7, "icon"), (8, "template")]
    assert "must be the path of a file inside content/" in errors[0].message("en")


def test_data_read_through_a_link_out_of_data_is_refused(tmp_path):
    from portal.data.load import load_portfolio

    project = copy_project(tmp_path / "p")
    secret = tmp_path / "secret.yml"
    secret.write_text("- slug: secret\n", encoding="utf-8")
    (project / "data/incentives.yml").unlink()
    (project / "data/incentives.yml").symlink_to(secret)
    with pytest.raises(PortalError) as caught:
        load_portfolio(project / "data", ["vi", "en", "lo"], "vi", project)
    error = _only(caught.value)
    assert (error.key, error.file, error.params["folder"]) == ("file_outside", "data/incentives.yml", "data/")


def test_a_portal_s_own_content_must_be_inside_the_project(tmp_path):
    from portal.site.project import load_project

    project = copy_project(tmp_path / "p")
    zone = project / "portals/zone/mkdocs.yml"
    zone.write_text(zone.read_text(encoding="utf-8").replace("own_content: content", "own_content: ../../../"),
                    encoding="utf-8")
    with pytest.raises(PortalError) as caught:
        load_project(zone)
    error = _only(caught.value)
    assert (error.key, error.file, error.field) == ("file_outside", "portals/zone/mkdocs.yml", "plugins.portal.own_content")
    assert error.line == zone.read_text(encoding="utf-8").splitlines().index("    own_content: ../../../") + 1


@pytest.mark.parametrize(("name", "content", "why"), [
    ("evil.html", "<script>alert(1)</script>", "file_type"),
    ("tool.js", "alert(1)", "file_type"),
    ("page.xhtml", "<html/>", "file_type"),
    ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "svg_active"),
    ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "svg_active"),
    ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
     "svg_active"),
    ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>',
     "svg_active"),
    ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "svg_active"),
    ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/><use href="#c"/></svg>', None),
    ("plan.pdf", "%PDF-1.4", None),
])
def test_only_files_that_cannot_run_are_published(tmp_path, name, content, why):
    from portal.safety import files

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert files.problem(path) == why


def test_the_shipped_svg_images_are_plain_pictures():
    from portal.safety import files

    images = sorted((ROOT / "portals").rglob("*.svg")) + sorted((ROOT / "content").rglob("*.svg"))
    assert images and [files.problem(image) for image in images] == [None] * len(images)


def test_hidden_files_of_a_content_folder_are_never_published(tmp_path):
    from portal.content.items import read_content

    (tmp_path / "content/vi/.drafts").mkdir(parents=True)
    (tmp_path / "content/vi/.drafts/secret.md").write_text("# Secret\n", encoding="utf-8")
    (tmp_path / "content/vi/.DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "content/vi/index.md").write_text("# Trang chủ\n", encoding="utf-8")
    content = read_content(tmp_path / "content", ["vi"], tmp_path)
    assert [page.key for page in content.pages] == ["vi/index.md"] and content.files == {}
