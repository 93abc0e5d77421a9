"""Validation: a sorts table (statements x Q-sorts) checked rule by rule before any analysis."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from review.analysis.qmethod.messages import QAnalysisError
from review.content.grid import column_label, grid_break

LineOf = Callable[[int], int | None]


def validate_sorts(sorts: pd.DataFrame, *, lines: Sequence[int] | None = None, header_line: int = 1) -> np.ndarray:
    """Check a sorts table (statements x Q-sorts) and return it as an integer matrix.

    Rules, each raising :class:`QAnalysisError` naming the statement and sort (and, given ``lines``,
    the CSV line of each statement): at least 2 statements; unique statement ids; unique sort ids;
    no missing values; whole numbers only; no constant sort; every sort a permutation of the same
    multiset of grid values (the one most sorts share, so the odd sort is named; R qmethod compares
    with the first sort only: :func:`review.content.grid.grid_break`).
    """
    return checked_sorts(sorts, lines=lines, header_line=header_line)[0]


def checked_sorts(
    sorts: pd.DataFrame, *, lines: Sequence[int] | None = None, header_line: int = 1
) -> tuple[np.ndarray, tuple[str, ...], tuple[str, ...]]:
    """:func:`validate_sorts`, also returning the statement ids and sort ids as text."""
    if sorts.shape[0] == 0 or sorts.shape[1] == 0:
        raise QAnalysisError("qanalysis.empty")
    if sorts.shape[0] < 2:
        raise QAnalysisError("qanalysis.too_few_statements", nstatements=sorts.shape[0])
    statement_ids = tuple(map(str, sorts.index.tolist()))
    sort_ids = tuple(map(str, sorts.columns.tolist()))

    def line_of(row: int) -> int | None:
        return lines[row] if lines is not None else None

    if len(set(statement_ids)) < len(statement_ids):
        seen: set[str] = set()
        row = next(r for r, sid in enumerate(statement_ids) if sid in seen or seen.add(sid))
        raise QAnalysisError("qanalysis.duplicate_statement", line=line_of(row), statement=statement_ids[row])
    if len(set(sort_ids)) < len(sort_ids):
        twice = next(s for s in dict.fromkeys(sort_ids) if sort_ids.count(s) > 1)
        raise QAnalysisError("qanalysis.duplicate_sort", line=header_line if lines is not None else None, sort=twice)
    values = _as_integers(sorts.to_numpy(), statement_ids, sort_ids, line_of)

    constant = np.flatnonzero((values == values[0]).all(axis=0))
    if constant.size:
        j = int(constant[0])
        raise QAnalysisError("qanalysis.constant_sort", sort=sort_ids[j], value=column_label(int(values[0, j])))
    broken = grid_break(values)
    if broken is not None:
        raise QAnalysisError(
            "qanalysis.not_grid",
            sort=sort_ids[broken.sort],
            position=column_label(broken.column),
            actual=broken.actual,
            expected=broken.expected,
        )
    return values, statement_ids, sort_ids


def _as_integers(
    raw: np.ndarray, statement_ids: tuple[str, ...], sort_ids: tuple[str, ...], line_of: LineOf
) -> np.ndarray:
    """The cells as whole numbers, or the error for the first cell (row by row) that is not one."""
    if raw.dtype.kind in "iu":
        return raw.astype(np.int64)

    def fail(key: str, row: int, col: int, **params: object) -> QAnalysisError:
        return QAnalysisError(
            key,
            line=line_of(row),
            field=sort_ids[col] if line_of(row) is not None else None,
            statement=statement_ids[row],
            sort=sort_ids[col],
            **params,
        )

    if raw.dtype.kind == "f":
        missing = np.argwhere(np.isnan(raw))
        if missing.size:
            raise fail("qanalysis.missing_value", *missing[0])
        fraction = np.argwhere(raw != np.round(raw))
        if fraction.size:
            row, col = fraction[0]
            raise fail("qanalysis.not_integer", row, col, value=float(raw[row, col]))
        return raw.astype(np.int64)
    if all(type(value) is str for value in raw.flat):  # a CSV file's cells: int() on each, in C
        try:
            return raw.astype(str).astype(np.int64)
        except (ValueError, OverflowError):
            pass  # a cell int() refuses: the loop below takes decimals such as "2.0" and names the rest
    out = np.empty(raw.shape, dtype=np.int64)
    for (row, col), value in np.ndenumerate(raw):
        number = _whole_number(value)
        if number is None:
            if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                raise fail("qanalysis.missing_value", row, col)
            if isinstance(value, str) and not value.strip():
                raise fail("qanalysis.missing_value", row, col)
            raise fail("qanalysis.not_integer", row, col, value=value)
        out[row, col] = number
    return out


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return int(value) if math.isfinite(value) and float(value).is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                return None
            return int(number) if math.isfinite(number) and number.is_integer() else None
    return None
