"""MkDocs' warnings about editors' files, in our words (portal/engine/messages.py), in-process."""

import logging

from portal.engine.messages import EditorsWords
from portal.errors import PortalError


def _told(words: EditorsWords, message: str) -> str | None:
    record = logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1, message, None, None)
    return record.getMessage() if words.filter(record) else None


def _words_over(root, key: str, text: str) -> EditorsWords:
    """The filter in a build whose only editor's page is content/``key``, holding ``text``."""
    page = root / "content" / key
    page.parent.mkdir(parents=True)
    page.write_text(text, encoding="utf-8")
    words = EditorsWords()
    words.new_build({key: page}, root)
    return words


def test_a_link_warning_names_the_editors_file_and_line_once(tmp_path):
    words = _words_over(tmp_path, "vi/about.md", "---\ntitle: Giới thiệu\n---\n\nXem [cảng](cang.md#ben).\n")
    mkdocs_says = "Doc file 'vi/about.md' contains a link 'cang.md#ben', but the target 'vi/cang.md' is not found " \
                  "among documentation files."
    assert _told(words, mkdocs_says) == PortalError("link_broken", file="content/vi/about.md", line=5,
                                                    value="cang.md#ben").render()
    # The same page rendered again as another language's fallback: not told twice.
    assert _told(words, mkdocs_says.replace("'vi/cang.md'", "'en/cang.md'")) is None
    words.new_build(words.sources, tmp_path)
    assert _told(words, mkdocs_says) is not None


def test_pages_left_out_of_the_menu_are_named(tmp_path):
    words = _words_over(tmp_path, "vi/trang-moi.md", "# Trang mới\n")
    mkdocs_says = 'The following pages exist in the docs directory, but are not included in the "nav" ' \
                  "configuration:\n  - vi/trang-moi.md"
    assert _told(words, mkdocs_says) == PortalError("page_not_in_menu", file="content/vi/trang-moi.md").render()


def test_what_editors_did_not_write_is_left_as_mkdocs_said_it(tmp_path):
    words = EditorsWords()
    words.new_build({}, tmp_path)  # vi/invest/index.md is generated: not in the editors' files
    mkdocs_says = "Doc file 'vi/invest/index.md' contains a link 'x.md', but the target 'vi/invest/x.md' is not found " \
                  "among documentation files."
    assert _told(words, mkdocs_says) == mkdocs_says
    assert _told(words, "Config value 'theme': something else") == "Config value 'theme': something else"
