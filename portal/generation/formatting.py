"""Numbers, money, areas and dates as each language writes them, from CLDR
through Babel (never hand-rolled): ``1.070 triệu đồng``, ``1,070 million VND``.

Results are remembered (bounded): the same figures appear on index, zone and
park pages, and CLDR formatting is not cheap.
"""

from __future__ import annotations

import datetime
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import format_compact_decimal, format_decimal
from babel.units import format_unit

from portal.i18n import t

REMEMBERED = 65536


class Formatter:
    """Formats for one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def number(self, value: float) -> str:
        return _number(self.lang, value)

    def million_vnd(self, value: float) -> str:
        return t(self.lang, "data.units.million_vnd", amount=_number(self.lang, value))

    def vnd(self, value: float) -> str:
        """Large sums in words: ``1,2 nghìn tỷ đồng``, ``1.2 trillion VND``."""
        return t(self.lang, "data.units.vnd", amount=_compact(self.lang, value))

    def usd(self, value: float) -> str:
        return t(self.lang, "data.units.usd", amount=_compact(self.lang, value))

    def area(self, hectares: float) -> str:
        return _area(self.lang, hectares)

    def date(self, value: datetime.date) -> str:
        return _date(self.lang, value)

    def file_size(self, size: int) -> str:
        """A file's size in kB under a megabyte, else in MB with one decimal (``1,2 MB``)."""
        if size < 1_000_000:
            return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=self.lang)
        return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=self.lang)

    def date_range(self, start: datetime.date, end: datetime.date) -> str:
        """From one day to another ("14 – 16 May 2027"); one day if they are the same."""
        return _date(self.lang, start) if start == end else _interval(self.lang, start, end)


@cache
def formatter(lang: str) -> Formatter:
    return Formatter(lang)


@lru_cache(maxsize=REMEMBERED)
def _number(lang: str, value: float) -> str:
    return format_decimal(value, locale=lang)


@lru_cache(maxsize=REMEMBERED)
def _compact(lang: str, value: float) -> str:
    # Words ("1,2 nghìn tỷ"); CLDR gives Chinese only the short form, which is in words too ("1.2万亿").
    style = "long" if "long" in Locale.parse(lang).compact_decimal_formats else "short"
    return format_compact_decimal(value, format_type=style, fraction_digits=1, locale=lang)


@lru_cache(maxsize=REMEMBERED)
def _area(lang: str, hectares: float) -> str:
    return format_unit(hectares, "area-hectare", length="short", locale=lang)


@lru_cache(maxsize=REMEMBERED)
def _date(lang: str, value: datetime.date) -> str:
    return format_date(value, format="long", locale=lang)


@lru_cache(maxsize=REMEMBERED)
def _interval(lang: str, start: datetime.date, end: datetime.date) -> str:
    return format_interval(start, end, "yMMMMd", locale=lang)
