"""Time as the portal counts it: Viet Nam time, read once per build.

``PORTAL_NOW`` (ISO 8601) builds as of another moment (tests, reproducible
builds); it decides only what is published yet, never what a page says.
"""

from __future__ import annotations

import datetime
import os
from zoneinfo import ZoneInfo

#: Publication times and event times without a zone are Viet Nam times.
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> datetime.datetime:
    """The publication clock: Viet Nam time, or ``PORTAL_NOW``."""
    fixed = os.environ.get("PORTAL_NOW")
    if fixed:
        return as_time(datetime.datetime.fromisoformat(fixed))
    return datetime.datetime.now(TIMEZONE)


def as_time(value: datetime.datetime | datetime.date) -> datetime.datetime:
    """A date (at midnight) or a time, in Viet Nam time unless it says otherwise."""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time.min)
    return value if value.tzinfo else value.replace(tzinfo=TIMEZONE)
