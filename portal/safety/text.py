"""Plain text: what every text value from content and data must be.

A value is refused if it contains markup, even written as character
references (``&lt;script&gt;`` is decoded first, as any template filter or
browser might decode it), or a control character (it would make the Atom
feed invalid XML). Text is always escaped where it lands as well; this rule
makes sure no consumer that decodes entities can turn it into markup.
"""

from __future__ import annotations

import html
import re

#: Markup that must never reach a page from data: tags, comments, script URLs, event handlers.
MARKUP = re.compile(r"<[a-zA-Z!/?]|javascript\s*:|vbscript\s*:|\bon[a-z]+\s*=", re.IGNORECASE)
#: C0 and C1 controls (but tab, line feed and carriage return) and non-characters: invalid in XML 1.0.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def has_markup(value: str) -> bool:
    """Whether ``value``, or what it decodes to, contains markup."""
    for _round in range(3):  # &amp;lt; -> &lt; -> <
        if MARKUP.search(value):
            return True
        decoded = html.unescape(value)
        if decoded == value:
            return False
        value = decoded
    return True


def has_control(value: str) -> bool:
    return bool(CONTROL.search(value))
