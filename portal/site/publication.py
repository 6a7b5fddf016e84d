"""The one rule that decides what is published, for every layer: pages and
items in ``content/`` and in a portal's own content, data items, and the
files (images, attachments) they use.

Something is published when it is not a draft, its ``publish_date`` (Viet
Nam time) has passed, and it is not internal. A translation is published
only when its Vietnamese source is: an embargo or a draft in the source
language holds for every language. A preview (``mkdocs serve``) shows
everything, marked, and never writes where a build reads.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import Enum

from portal.clock import as_time
from portal.data.models import Publishable


class State(Enum):
    PUBLISHED = "published"
    DRAFT = "draft"
    EMBARGOED = "embargoed"
    INTERNAL = "internal"


def state(item: Publishable, now: datetime.datetime) -> State:
    if item.draft:
        return State.DRAFT
    if item.visibility != "public":
        return State.INTERNAL
    if item.publish_date is not None and as_time(item.publish_date) > now:
        return State.EMBARGOED
    return State.PUBLISHED


@dataclass(frozen=True)
class Rule:
    """The rule as of one moment (read once per build), for a build or a preview."""

    now: datetime.datetime
    preview: bool = False

    def published(self, item: Publishable) -> bool:
        """Whether readers may see ``item`` (its own state only)."""
        return state(item, self.now) is State.PUBLISHED

    def shows(self, item: Publishable, source: Publishable | None = None) -> bool:
        """Whether this build shows ``item``, a translation of ``source`` if given."""
        if self.preview:
            return True
        return self.published(item) and (source is None or self.published(source))
