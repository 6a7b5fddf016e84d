"""The few Material templates the portal overrides: they must stay Material's
own but for the blocks the portal replaces, so a Material update that changes
them is noticed (and merged) rather than silently lost."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT


def material_template(name: str) -> str:
    import material

    return (Path(material.__file__).parent / "templates" / name).read_text(encoding="utf-8")


#: The block of Material's partials/header.html that overrides/partials/header.html
#: replaces (Material shows its search box only with its search plugin).
MATERIAL_SEARCH_BLOCK = """    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}
"""


#: Material shows its language selector when hreflang links are configured; the
#: portal shows its own switcher whenever there are languages to switch to.
MATERIAL_SWITCHER_BLOCK = """    {% if config.extra.alternate %}
      {% include "partials/alternate.html" %}
    {% endif %}
"""


def test_header_override_is_material_s_header_with_our_blocks():
    """Fails loudly when a Material update changes the header: merge the new
    header into overrides/partials/header.html, keeping the portal's blocks."""
    upstream = material_template("partials/header.html")
    ours = (ROOT / "overrides/partials/header.html").read_text(encoding="utf-8")
    for name, material_block in (("search", MATERIAL_SEARCH_BLOCK), ("switcher", MATERIAL_SWITCHER_BLOCK)):
        assert material_block in upstream, f"Material's header no longer has the {name} block we replace"
        begin = ours.index(f"    {{#- portal: {name} (begin)")
        end = ours.index(f"{{#- portal: {name} (end) -#}}\n") + len(f"{{#- portal: {name} (end) -#}}\n")
        ours = ours[:begin] + material_block + ours[end:]
    assert ours == upstream, "Material's partials/header.html changed"


def test_search_box_keeps_material_s_markup():
    """The box reuses Material's classes (its styles open and lay it out): they
    must still be in Material's own search partial and stylesheet."""
    upstream = material_template("partials/search.html")
    for name in ("md-search__overlay", "md-search__inner", "md-search__form", "md-search__input",
                 "md-search__output", "md-search__scrollwrap", "md-search-result__meta", "md-search-result__list"):
        assert f'class="{name}"' in upstream, name
    base = material_template("base.html")
    assert 'data-md-toggle="search" type="checkbox" id="__search"' in base


def _script(template: str) -> str:
    """The inline script of one of Material's partials/javascripts/*.html."""
    text = material_template(f"partials/javascripts/{template}")
    return text[text.rindex("<script>") + len("<script>") : text.rindex("</script>")]


def _code(js_file: str) -> str:
    """Our file's code, without its comment lines."""
    text = (ROOT / "overrides/assets/javascripts" / js_file).read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("//")).strip()


def test_material_s_inline_scripts_are_served_as_files_unchanged():
    """The Content Security Policy allows no inline script, so Material's two
    are files; they must stay Material's code but for the site root, which a
    file finds from its own address."""
    assert _code("portal-md-base.js") == _script("base.html").replace(
        '__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)',
        '__md_scope=new URL("../..",document.currentScript.src)')
    content = material_template("partials/javascripts/content.html")
    assert content.count("<script>") == 2 and '{% if "content.tabs.link" in features %}' in content
    assert _code("portal-md-content.js") == _script("content.html")
    # Material writes no other inline script for this configuration (the palette has no toggle).
    assert "<script>" not in material_template("partials/palette.html")


def test_material_s_logo_partial_is_ours_but_for_its_alt_text_and_size():
    ours = (ROOT / "overrides/partials/logo.html").read_text(encoding="utf-8")
    body = ours[ours.index("-#}") + 4 :]
    assert material_template("partials/logo.html").split("-#}\n", 1)[1] == body.replace(
        'alt="" width="48" height="48"', 'alt="logo"')


#: The one line overrides/partials/content.html adds to Material's: an item's facts under its title.
ARTICLE_HEADER_LINE = "{% if portal and portal.article_header %}{{ portal.article_header }}{% endif %}\n"


def test_content_override_is_material_s_with_the_facts_under_the_title():
    """Fails loudly when a Material update changes partials/content.html: merge it, keeping our line after the h1."""
    upstream = material_template("partials/content.html")
    ours = (ROOT / "overrides/partials/content.html").read_text(encoding="utf-8")
    assert ours.count(ARTICLE_HEADER_LINE) == 1
    assert ours.index(ARTICLE_HEADER_LINE) > ours.index("<h1>")
    ours_body = ours.replace(ARTICLE_HEADER_LINE, "").split("-#}\n", 1)[1]  # without our comment
    assert ours_body == upstream.split("-#}\n", 1)[1], "Material's partials/content.html changed"
