"""What the Q analysis tells its user: the error for input it cannot use and the warnings about a
result. Both carry a message ``key`` in :mod:`review.i18n` (one message table) and its params."""

from __future__ import annotations

from typing import Any, NamedTuple

from review.errors import ReviewError
from review.i18n import t


class QAnalysisError(ReviewError, ValueError):
    """Input the Q analysis cannot use: a :class:`review.errors.ReviewError` (message ``key``
    in :mod:`review.i18n`, ``params``, :meth:`message` per language) whose ``line``/``field``
    locate the problem in a CSV file when it came from one."""

    def __init__(self, key: str, *, line: int | None = None, field: str | None = None, **params: object) -> None:
        self.line = line
        self.field = field
        super().__init__(key, **params)
        self.args = (self.message("en"),)

    def message(self, lang: str) -> str:
        prefix = ""
        if self.line is not None and self.field is not None:
            prefix = t("qanalysis.at", lang, line=self.line, field=self.field)
        elif self.line is not None:
            prefix = t("qanalysis.at_line", lang, line=self.line)
        text = super().message(lang)
        return prefix + (text[:1].upper() + text[1:] if not prefix else text)


class AnalysisWarning(NamedTuple):
    """Something a reader of the result should know: message ``key`` in :mod:`review.i18n` and its
    ``params``, so each screen says it in its user's language. ``str()`` is the English text (the CLI)."""

    key: str
    params: dict[str, Any]

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")
