"""The controls of a data table (a filter box, a list per filterable column,
sort buttons, the "showing n of m" line), written into the page at build
time rather than added by a script after it appears: nothing moves while
the page loads (no layout shift), and a screen reader meets them in place.
``portal-tables.js`` only makes them work.

Applied to the generated pages' HTML: each ``<table data-portal-table>``
with its ``<th data-sort>`` (and ``data-filter``) headers, as our templates
write it.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

_TABLE = re.compile(r'<div class="portal-table-wrap">\n<table (?P<attributes>[^>]*data-portal-table[^>]*)>(?P<body>.*?)</table>\n</div>',
                    re.DOTALL)
_HEADER = re.compile(r'<th scope="col" data-sort="(?P<kind>\w+)"(?P<filter> data-filter)?>(?P<label>.*?)</th>', re.DOTALL)
_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_ATTRIBUTE = re.compile(r'data-label-(\w+)="([^"]*)"')


def with_controls(page: str) -> str:
    """``page`` with every data table's controls written before it."""
    return _TABLE.sub(_controls, page)


def _text(cell: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", cell)).split())


def _controls(match: re.Match) -> str:
    labels = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(match.group("attributes"))}
    body = match.group("body")
    head, _, rows_part = body.partition("</thead>")
    headers = list(_HEADER.finditer(head))
    rows = [_CELL.findall(row) for row in _ROW.findall(rows_part.split("<tfoot>")[0])]
    controls = [Markup('<label>{} <input type="search" data-portal-search></label>').format(labels["filter"])]
    for index, header in enumerate(headers):
        if not header.group("filter"):
            continue
        values = sorted({_text(row[index]) for row in rows if index < len(row) and _text(row[index])}, key=str.casefold)
        options = Markup("").join(Markup("<option>{}</option>").format(value) for value in values)
        controls.append(Markup('<label>{} <select data-column="{}"><option value="">{}</option>{}</select></label>').format(
            _text(header.group("label")), index, labels["all"], options))
    shown = labels["shown"].replace("{shown}", str(len(rows))).replace("{total}", str(len(rows)))
    sortable = _HEADER.sub(
        lambda h: '<th scope="col" data-sort="{}"{}><button type="button" class="portal-sort" title="{}">{}</button></th>'.format(
            h.group("kind"), h.group("filter") or "", escape(labels["sort"]), h.group("label")),
        head,
    )
    return (f'<div class="portal-table-filters">{"".join(controls)}</div>\n'
            f'<p class="portal-table-status" role="status">{escape(shown)}</p>\n'
            f'<div class="portal-table-wrap">\n<table {match.group("attributes")}>{sortable}</thead>{rows_part}</table>\n</div>')
