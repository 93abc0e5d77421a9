"""The forced quasi-normal grid of a Q-sort, and validation of a sort against it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from review.errors import InvalidGrid, InvalidSort

GRIDS_DIR = Path(__file__).resolve().parent.parent / "data" / "grids"
DEFAULT_GRID_ID = "review-9"


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
                raise InvalidSort("sort.column_count", column=_signed(column), expected=expected, actual=actual)
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


def _signed(value: int) -> str:
    return f"{value:+d}" if value else "0"


def column_label(value: int) -> str:
    """How a column is written on screen: -4, 0, +4."""
    return _signed(value)


def load_grid(grid_id: str = DEFAULT_GRID_ID, directory: Path = GRIDS_DIR) -> Grid:
    return Grid.from_dict(json.loads((directory / f"{grid_id}.json").read_text("utf-8")))


def available_grids(directory: Path = GRIDS_DIR) -> list[Grid]:
    return [load_grid(p.stem, directory) for p in sorted(directory.glob("*.json"))]
