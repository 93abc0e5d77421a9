"""The text rules every form, import and export shares: one line of text without control
characters, the lengths a screen or a file keeps, and spreadsheet cells that stay text; and how
statements are quoted in running text (the viewpoints' paragraphs, the reports' summaries)."""

from __future__ import annotations

import re
from typing import Any

from review.i18n import t

TITLE_LIMIT = 120  # fits one line on the projector
NAME_LIMIT = TITLE_LIMIT  # ids and names of a statement set or grid (an imported set is named after its study)
STATEMENT_LIMIT = 300  # a "we" statement is one sentence; the longest in data/ is ~110 characters
MB = 1_048_576  # file sizes are given in these

_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
# C0/C1 controls, the bidirectional overrides that can make a text display as another one,
# and lone surrogates (a JSON "\\ud800" escape) that no database or browser can encode.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def one_line(text: str) -> str:
    """One line of text as given: line breaks become spaces, control characters go."""
    return CONTROL.sub("", _BREAKS.sub(" ", text)).strip()


# OWASP "CSV injection": a cell starting with one of these is read as a formula by Excel,
# LibreOffice or Google Sheets (tab and CR because some strip them and read what follows).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet shows as text: a leading ``'`` before a formula start
    (``=1+1`` becomes ``'=1+1``). Anything that is not text is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def quoted(text: str, lang: str) -> str:
    """A statement quoted in running text, without its closing full stop: ‘…’ in Dutch, “…” in English."""
    body = text.strip().rstrip(".").strip()
    return f"‘{body}’" if lang == "nl" else f"“{body}”"


def joined(items: list[str], lang: str) -> str:
    """Items joined as a sentence lists them: a, b en c."""
    return f"{', '.join(items[:-1])} {t('list.and', lang)} {items[-1]}" if len(items) > 1 else "".join(items)


def listed(texts: list[str], lang: str) -> str:
    """Statements quoted and joined as a sentence lists them: ‘a’, ‘b’ en ‘c’."""
    return joined([quoted(x, lang) for x in texts], lang)
