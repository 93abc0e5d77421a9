"""Numbers as people read them: one format per language, one minus sign.

Everything meant for people (screens, projector figures, tables, reports) writes its numbers with
:func:`number`: a decimal comma in Dutch ("+1,7"), a point in English ("+1.7"), never a sign on a
zero, and the ASCII hyphen-minus for negatives. Exports for programs (CSV, JSON, PQMethod) keep
their plain numbers and do not come here.

Why the hyphen-minus and not U+2212: the grid's column labels (-4 .. +4) are written with it on
every phone, axis and report, and people type it; plotly and matplotlib draw U+2212 only where they
write tick labels themselves, so the figures give their numeric axes explicit labels from here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from review.i18n import DEFAULT_LANGUAGE

NO_VALUE = "–"  # en dash: what a table shows for a number that is not there
MINUS = "-"  # the one minus sign of text meant for people (see the module docstring)
DECIMAL_MARK = {"nl": ",", "en": "."}
THOUSANDS_MARK = {"nl": ".", "en": ","}  # plotly needs one; our numbers are too small to group


def _mark(lang: str) -> str:
    return DECIMAL_MARK.get(lang, DECIMAL_MARK[DEFAULT_LANGUAGE])


def number(value: float | None, lang: str, decimals: int = 1, signed: bool = False) -> str:
    """``value`` rounded to ``decimals`` places, half away from zero (2.25 -> 2.3, -2.25 -> -2.3, as
    people round, not as binary floats happen to), with the language's decimal mark. ``signed``
    puts a "+" before a positive number (a shift, a position left or right of the middle). A number
    that rounds to zero has no sign at all: "+0,0" or "-0,0" would read as a movement. A missing
    value (None, NaN, infinity) is a dash."""
    if value is None or not math.isfinite(value):
        return NO_VALUE
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    text = f"{abs(rounded):.{decimals}f}".replace(".", _mark(lang))
    if rounded < 0:
        return MINUS + text
    return f"+{text}" if signed and rounded > 0 else text


def tick(value: float, lang: str, signed: bool = False, most: int = 2) -> str:
    """An axis label: ``value`` with as few decimals as it needs, at most ``most`` (1, 0,5, 0,25 in
    Dutch; 1, 0.5, 0.25 in English), signed like :func:`number`."""
    for places in range(most + 1):
        if abs(value - round(value, places)) < 10 ** -(most + 3):
            return number(value, lang, places, signed)
    return number(value, lang, most, signed)


def numbers(values: Iterable[float], lang: str, decimals: int = 1, signed: bool = False) -> list[str]:
    """:func:`number` of each value."""
    return [number(v, lang, decimals, signed) for v in values]


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators`` for ``lang``: the decimal mark, then the thousands mark
    (",." in Dutch), so hover values such as ``%{x:.2f}`` follow the language too."""
    return _mark(lang) + THOUSANDS_MARK.get(lang, THOUSANDS_MARK[DEFAULT_LANGUAGE])
