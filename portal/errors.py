"""Errors for editors: they name the file, the line and the field, in
Vietnamese and English, so a civil servant can fix the input without reading
a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from portal.i18n import t

#: Editors read errors in these languages, Vietnamese first.
ERROR_LANGUAGES = ("vi", "en")
#: A value quoted in a message is cut to this many characters: an editor
#: needs to recognise it, not to read 200 KB of it twice.
QUOTED = 80
#: The parameters that quote what an editor wrote (the rest are ours: lists of allowed values...).
QUOTED_PARAMS = ("value", "problem", "source_value")


class PortalError(Exception):
    """Bad input. ``key`` names a message in the ``errors`` table."""

    def __init__(
        self,
        key: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        **params: Any,
    ) -> None:
        self.key = key
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = _shorten(field) if field is not None else None
        self.params = {k: _localisable(v, quoted=k in QUOTED_PARAMS) for k, v in params.items()}
        if self.field is not None:
            self.params.setdefault("field", self.field)
        super().__init__(self.render())

    @property
    def errors(self) -> list[PortalError]:
        """The single problems (one here; several in :class:`PortalErrors`)."""
        return [self]

    def message(self, lang: str) -> str:
        params = {k: v(lang) if callable(v) else v for k, v in self.params.items()}
        return t(lang, f"errors.{self.key}", **params)

    def location(self) -> str:
        parts = [self.file or "?"]
        if self.line is not None:
            parts.append(str(self.line))
        where = ":".join(parts)
        if self.field is not None:
            where += f" [{self.field}]"
        return where

    def render(self) -> str:
        """``file:line [field]`` then one line per language."""
        lines = [self.location()]
        lines += [f"  {lang}: {self.message(lang)}" for lang in ERROR_LANGUAGES]
        return "\n".join(lines)


class PortalErrors(PortalError):
    """Several problems found at once (an editor fixes them in one go)."""

    def __init__(self, errors: list[PortalError]) -> None:
        self._errors = [single for error in errors for single in error.errors]
        first = self._errors[0]
        self.key, self.file, self.line, self.field, self.params = first.key, first.file, first.line, first.field, first.params
        Exception.__init__(self, self.render())

    @property
    def errors(self) -> list[PortalError]:
        return self._errors

    def render(self) -> str:
        return "\n\n".join(error.render() for error in self._errors)


def raise_all(errors: list[PortalError]) -> None:
    """Raise the problems found, if any: one error, or all of them together."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise PortalErrors(errors)


class Phrase:
    """A part of a message that is itself translated (``errors.<key>``)."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params

    def __call__(self, lang: str) -> str:
        return t(lang, f"errors.{self.key}", **self.params)


def Expected(kind: str) -> Phrase:  # noqa: N802 (reads as a phrase: Expected("list"))
    """What a field must be: "a text", "a list"... (``errors.expected_*``)."""
    return Phrase(f"expected_{kind}")


def _localisable(value: Any, quoted: bool) -> Any:
    if isinstance(value, Phrase):
        return value
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return _shorten(str(value)) if quoted else str(value)


def _shorten(text: str) -> str:
    return text if len(text) <= QUOTED else text[: QUOTED - 1] + "…"
