"""Numbers, money, areas and dates as each language writes them, from CLDR
through Babel (never hand-rolled): ``1.070 triệu đồng``, ``1,070 million VND``."""

from __future__ import annotations

import datetime
from functools import cache

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal
from babel.units import format_unit

from portal.i18n import t


class Formatter:
    """Formats for one language. Instances are shared per language
    (:func:`formatter`) and remember results: the same figures appear on
    many pages, and CLDR formatting is not cheap."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    @cache
    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.lang)

    @cache
    def million_vnd(self, value: float) -> str:
        return t(self.lang, "data.units.million_vnd", amount=self.number(value))

    @cache
    def vnd(self, value: float) -> str:
        """Large sums in words: ``1,2 nghìn tỷ đồng``, ``1.2 trillion VND``."""
        amount = format_compact_decimal(value, format_type="long", fraction_digits=1, locale=self.lang)
        return t(self.lang, "data.units.vnd", amount=amount)

    @cache
    def usd(self, value: float) -> str:
        amount = format_compact_decimal(value, format_type="long", fraction_digits=1, locale=self.lang)
        return t(self.lang, "data.units.usd", amount=amount)

    @cache
    def area(self, hectares: float) -> str:
        return format_unit(hectares, "area-hectare", length="short", locale=self.lang)

    @cache
    def date(self, value: datetime.date) -> str:
        return format_date(value, format="long", locale=self.lang)


@cache
def formatter(lang: str) -> Formatter:
    return Formatter(lang)
