"""What the store's SQL runs on: a DuckDB cursor, or :class:`review.store.backend_postgres.PgCursor`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import pandas as pd


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Cursor: ...
    def fetchone(self) -> tuple[Any, ...] | None: ...
    def fetchall(self) -> list[tuple[Any, ...]]: ...
    def df(self) -> pd.DataFrame: ...
