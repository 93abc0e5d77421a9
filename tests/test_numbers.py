"""One number format per language (review/numbers.py): a decimal comma in Dutch, a point in English,
no sign on a zero, one minus sign, rounding half away from zero."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review.numbers import MINUS, NO_VALUE, number, numbers, plotly_separators, tick


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "signed", "expected"),
    [
        (1.7, "nl", 1, True, "+1,7"),
        (1.7, "en", 1, True, "+1.7"),
        (2.75, "nl", 2, False, "2,75"),
        (2.75, "en", 2, False, "2.75"),
        (-1.25, "nl", 1, True, "-1,3"),  # half away from zero, on both sides
        (1.25, "nl", 1, True, "+1,3"),
        (2.675, "en", 2, False, "2.68"),  # as written, not as the binary float rounds (2.67)
        (-0.04, "nl", 1, True, "0,0"),  # rounds to zero: no sign, no "-0,0"
        (0.04, "en", 1, True, "0.0"),
        (0, "nl", 1, True, "0,0"),
        (-3.0, "en", 0, True, "-3"),
        (3, "nl", 0, True, "+3"),
        (-11 / 3, "nl", 2, True, "-3,67"),
        (0.5, "nl", 1, False, "0,5"),  # unsigned (a spread) has no plus
    ],
)
def test_a_number_as_each_language_writes_it(value, lang, decimals, signed, expected) -> None:
    assert number(value, lang, decimals, signed) == expected


def test_missing_values_are_a_dash_and_unknown_languages_write_dutch() -> None:
    assert number(None, "nl") == number(float("nan"), "en") == number(math.inf, "en") == NO_VALUE
    assert number(1.5, "de") == "1,5"  # like review.i18n: an unknown language falls back to Dutch
    assert numbers([1, -1.26, 0], "nl", 1, signed=True) == ["+1,0", "-1,3", "0,0"]


def test_axis_labels_take_only_the_decimals_they_need() -> None:
    assert [tick(v, "nl", signed=True) for v in (-1, -0.5, -0.25, 0, 0.1, 0.30000000000000004, 2)] == [
        "-1",
        "-0,5",
        "-0,25",
        "0",
        "+0,1",
        "+0,3",
        "+2",
    ]
    assert tick(0.25, "en") == "0.25"


def test_plotly_separators_follow_the_language() -> None:
    assert plotly_separators("nl") == ",." and plotly_separators("en") == ".,"


@given(st.floats(-100, 100, allow_nan=False), st.integers(0, 3), st.booleans())
def test_one_mark_and_one_minus_whatever_the_value(value: float, decimals: int, signed: bool) -> None:
    dutch, english = number(value, "nl", decimals, signed), number(value, "en", decimals, signed)
    assert dutch.replace(",", ".") == english  # the same number, only the mark differs
    assert "." not in dutch and "\u2212" not in dutch + english
    assert english.count(MINUS) <= 1 and (english.startswith(MINUS) or MINUS not in english)
    assert float(english) == pytest.approx(value, abs=0.5 * 10**-decimals + 1e-9)
    if float(english) == 0:
        assert english[0].isdigit()  # a zero is never signed
