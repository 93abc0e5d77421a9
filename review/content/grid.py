"""The forced quasi-normal grid of a Q-sort, and validation of a sort against it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from review.errors import InvalidGrid, InvalidSort
from review.i18n import LANGUAGES, t

GRIDS_DIR = Path(__file__).resolve().parents[2] / "data" / "grids"
DEFAULT_GRID_ID = "review-9"
# How wide a proposed grid is for a set of n statements, after common Q practice (wider grids for
# larger sets): -3..+3 below 30 statements, -4..+4 up to 59 (the 50-statement Goed Werk set), -5..+5 from 60 on.
SPAN_STEPS = ((30, 3), (60, 4))
WIDEST_SPAN = 5
MAX_SPAN = 6  # the facilitator may widen a grid to -6..+6, PQMethod's own widest


@dataclass(frozen=True)
class Grid:
    """Column values (e.g. -4..+4) and how many cards each column holds."""

    id: str
    name: Mapping[str, str]
    values: tuple[int, ...]
    counts: tuple[int, ...]

    def __post_init__(self) -> None:
        label = self.id or "?"
        if not self.values:
            raise InvalidGrid(name=label, reason="no columns")
        if len(self.values) != len(self.counts):
            raise InvalidGrid(name=label, reason="every column needs a value and a count")
        if any(not _is_int(v) for v in self.values) or any(not _is_int(c) for c in self.counts):
            raise InvalidGrid(name=label, reason="values and counts must be whole numbers")
        if list(self.values) != sorted(set(self.values)):
            raise InvalidGrid(name=label, reason="column values must rise without repeats")
        if any(c < 1 for c in self.counts):
            raise InvalidGrid(name=label, reason="every column holds at least one card")

    @property
    def size(self) -> int:
        """How many statements the grid holds."""
        return sum(self.counts)

    @property
    def slots(self) -> tuple[int, ...]:
        """The grid's value for each card, lowest first: what every forced sort holds, in some order."""
        return tuple(v for v, n in zip(self.values, self.counts, strict=True) for _ in range(n))

    def capacity(self) -> dict[int, int]:
        return dict(zip(self.values, self.counts, strict=True))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": dict(self.name),
            "columns": [{"value": v, "count": c} for v, c in zip(self.values, self.counts, strict=True)],
        }

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Grid:
        try:
            columns = doc["columns"]
            return cls(
                id=str(doc["id"]),
                name=dict(doc.get("name") or {"nl": doc["id"], "en": doc["id"]}),
                values=tuple(c["value"] for c in columns),
                counts=tuple(c["count"] for c in columns),
            )
        except (KeyError, TypeError) as exc:
            raise InvalidGrid(
                name=str(doc.get("id", "?")) if isinstance(doc, Mapping) else "?", reason=f"missing field {exc}"
            ) from exc

    def validate_columns(self, columns: Any, statement_ids: Iterable[int]) -> dict[int, int]:
        """Check a sort sent as ``{column value: [statement ids]}``.

        Returns the sort as ``{statement id: column value}``. Raises
        :class:`InvalidSort` naming the first rule it breaks: every column key is
        a grid value, every id is a known statement, no statement twice, every
        column holds exactly its count, and no statement is left out.
        Keys and ids may arrive as strings (JSON objects have string keys).
        """
        if not isinstance(columns, Mapping):
            raise InvalidSort("sort.not_columns")
        known = set(statement_ids)
        capacity = self.capacity()
        placed: dict[int, int] = {}
        for raw_column, raw_ids in columns.items():
            column = _as_int(raw_column)
            if column is None or column not in capacity:
                raise InvalidSort("sort.unknown_column", column=raw_column)
            if not isinstance(raw_ids, list | tuple):
                raise InvalidSort("sort.not_columns")
            for raw_id in raw_ids:
                sid = _as_int(raw_id)
                if sid is None:
                    raise InvalidSort("sort.not_an_id", value=raw_id)
                if sid not in known:
                    raise InvalidSort("sort.unknown_statement", statement=sid)
                if sid in placed:
                    raise InvalidSort("sort.duplicate_statement", statement=sid)
                placed[sid] = column
        for column, expected in capacity.items():
            actual = sum(1 for v in placed.values() if v == column)
            if actual > expected:
                raise InvalidSort("sort.column_count", column=column_label(column), expected=expected, actual=actual)
        missing = sorted(known - placed.keys())
        if missing:
            raise InvalidSort("sort.missing_statement", missing=", ".join(map(str, missing)))
        return placed


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _as_int(value: object) -> int | None:
    """An int from an int or a decimal string ("-3", "12"); None for anything else."""
    if _is_int(value):
        return value  # type: ignore[return-value]
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("+-").isdigit() and text.lstrip("+-").isascii():
            return int(text)
    return None


def grid_name(counts: Iterable[int]) -> dict[str, str]:
    """A grid's name from its shape, in every language: "9 kolommen, 50 uitspraken"."""
    counts = list(counts)
    return {lang: t("grid.name", lang, columns=len(counts), n=sum(counts)) for lang in LANGUAGES}


def column_label(value: int) -> str:
    """How a column is written everywhere (screens, messages, files, the report): -4, 0, +4."""
    return f"{value:+d}" if value else "0"


def proposed_span(n: int) -> int:
    """How many columns each side of the middle a grid for ``n`` statements gets (see SPAN_STEPS)."""
    return next((span for below, span in SPAN_STEPS if n < below), WIDEST_SPAN)


def proposed_grid(n: int, span: int | None = None) -> Grid:
    """A forced quasi-normal grid for ``n`` statements: columns ``-span..+span``, symmetric, the
    middle column the tallest (strictly, once there are more statements than columns), heights
    never rising away from it, summing to ``n``.

    The target shape is the triangle Q studies use (heights ``span+1-|value|``): for 50 statements
    it gives 2, 4, 6, 8, 10, 8, 6, 4, 2, the shipped ``review-9``. Every column starts with one
    card; the rest go one at a time (a pair, one each side, away from the middle) to the column
    that is furthest below its share of the triangle, never making a column taller than the one
    nearer the middle. An odd card left over goes to the middle, which keeps the grid symmetric.
    """
    span = proposed_span(n) if span is None else span
    if span < 1 or n < 2 * span + 1:
        raise InvalidGrid(name=f"{n}", reason=f"{n} statements cannot fill {2 * span + 1} columns")
    weights = [span + 1 - d for d in range(span + 1)]  # d: distance from the middle column
    heights = [1] * (span + 1)
    left = n - (2 * span + 1)
    while left > 0:
        open_columns = [
            (heights[d] / weights[d], d)
            for d in range(span + 1)
            if (d == 0 or (left >= 2 and heights[d] + 1 < heights[d - 1] + (d > 1)))
        ]
        _, d = min(open_columns)
        heights[d] += 1
        left -= 1 if d == 0 else 2
    counts = heights[:0:-1] + heights
    return Grid(
        id=f"proposed-{n}",
        name=grid_name(counts),
        values=tuple(range(-span, span + 1)),
        counts=tuple(counts),
    )


def load_grid(grid_id: str = DEFAULT_GRID_ID, directory: Path = GRIDS_DIR) -> Grid:
    return Grid.from_dict(json.loads((directory / f"{grid_id}.json").read_text("utf-8")))


def available_grids(directory: Path = GRIDS_DIR) -> list[Grid]:
    return [load_grid(p.stem, directory) for p in sorted(directory.glob("*.json"))]


class GridBreak(NamedTuple):
    """The first sort that does not fit the grid the other sorts share: its index, the first
    column (a grid value) whose count differs, its count there and the grid's."""

    sort: int
    column: int
    actual: int
    expected: int


def grid_break(sorts: np.ndarray) -> GridBreak | None:
    """The first Q-sort (a column of ``sorts``, statements x sorts) that is not a permutation of
    the grid most sorts share, or ``None`` when all share one.

    The shared grid is the multiset of values the most sorts hold (the first sort's on a tie), so a
    single odd sort is the one named, wherever it stands; R qmethod compares with the first sort.
    One check for every reader of sorts in R qmethod's layout (the analysis, the CSV, Excel and
    PQMethod imports).
    """
    ordered = np.sort(np.asarray(sorts), axis=0)
    if ordered.shape[1] == 0 or (ordered == ordered[:, :1]).all():
        return None
    _, first, inverse, counts = np.unique(ordered.T, axis=0, return_index=True, return_inverse=True, return_counts=True)
    shared = max(range(len(counts)), key=lambda g: (counts[g], -first[g]))
    j = int(np.flatnonzero(inverse.reshape(-1) != shared)[0])
    grid = ordered[:, first[shared]]
    values, actual_counts = np.unique(ordered[:, j], return_counts=True)
    actual = dict(zip(values.tolist(), actual_counts.tolist(), strict=True))
    values, grid_counts = np.unique(grid, return_counts=True)
    expected = dict(zip(values.tolist(), grid_counts.tolist(), strict=True))
    column = min(v for v in actual.keys() | expected.keys() if actual.get(v, 0) != expected.get(v, 0))
    return GridBreak(j, int(column), actual.get(column, 0), expected.get(column, 0))
