"""Errors for editors: they name the file, the line and the field, in
Vietnamese and English, so a civil servant can fix the input without reading
a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from portal.i18n import t

#: Editors read errors in these languages, Vietnamese first.
ERROR_LANGUAGES = ("vi", "en")


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
        self.field = field
        self.params = {k: _localisable(v) for k, v in params.items()}
        if field is not None:
            self.params.setdefault("field", field)
        super().__init__(self.render())

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


class Expected:
    """A phrase like "a text" that is itself translated (``errors.expected_*``)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __call__(self, lang: str) -> str:
        return t(lang, f"errors.expected_{self.key}")


def _localisable(value: Any) -> Any:
    if isinstance(value, Expected):
        return value
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return value


class PortalErrors(Exception):
    """Several problems found at once (an editor fixes them in one go)."""

    def __init__(self, errors: list[PortalError]) -> None:
        self.errors = errors
        super().__init__("\n\n".join(error.render() for error in errors))
