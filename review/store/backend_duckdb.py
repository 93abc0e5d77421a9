"""The embedded backend: one DuckDB file, one process.

DuckDB facts this follows (see shared/docs/streamlit-duckdb-notes.md): one connection per process
and a fresh cursor per call (a connection shared across threads fails), extension autoloading off
so nothing reaches for the network, and only one process may open the file at a time
(:class:`review.errors.StoreLocked` says so plainly). Writes are serialised by the store's lock.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from review.faults import store_failure

CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
COMPACT_SUFFIX = ".compact"  # the fresh copy, beside the database so the rename stays on one disk


class DuckDBDatabase:
    """A DuckDB file (or ``:memory:``) as the store's database."""

    kind = "duckdb"
    errors: tuple[type[BaseException], ...] = (duckdb.Error, OSError)
    # One process owns the file: a row it remembers stays valid until it changes that row itself.
    shared = False
    # A draft counts as started when it holds a rough pile or a grid placement (a role alone does not).
    STARTED = "(json_keys(draft, '$.rough') <> [] OR json_keys(draft, '$.placed') <> [])"

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self._con = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path) -> DuckDBDatabase:
        target = str(path)
        try:
            if target != ":memory:":
                Path(target).parent.mkdir(parents=True, exist_ok=True)
            return cls(duckdb.connect(target, config=CONFIG), target)
        except (duckdb.Error, OSError) as exc:
            raise store_failure(exc, target) from exc

    def close(self) -> None:
        self._con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self._con.cursor()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self._con.cursor()
        cur.begin()
        try:
            yield cur
        except BaseException:
            cur.rollback()
            raise
        cur.commit()

    @staticmethod
    def tables(cur: duckdb.DuckDBPyConnection) -> list[str]:
        return [
            r[0]
            for r in cur.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1"
            ).fetchall()
        ]

    @staticmethod
    def read_all(table: str) -> str:
        """A query that reads every row of ``table`` (a name from the catalogue): ``count(*)``
        alone answers from the row counts, and a damaged block only shows when its data is read."""
        return f'SELECT count(*), bit_xor(hash("{table}")) FROM "{table}"'

    @staticmethod
    def hex16(expr: str) -> str:
        """The first 16 hex digits of the SHA-256 of the text ``expr``."""
        return f"left(sha256({expr}), 16)"

    def compact(self) -> None:
        """Rewrite the database into a fresh file and swap it in (the caller holds the write lock).

        DuckDB keeps freed blocks as they were (see :mod:`review.store.lifecycle`), so the whole
        database is copied (``COPY FROM DATABASE``: schema with keys and defaults, then the live
        rows; ``schema_migrations`` with it) into ``<file>.compact``, the connection closed, the
        copy renamed over the file, and a new connection opened. Closing the connection closes
        every cursor made from it: a page read that falls in the swap (milliseconds) fails once.
        When the copy fails the old file is kept and the error raised. An in-memory database has
        no file to clean and is left as it is."""
        if self.path == ":memory:":
            return
        path = Path(self.path)
        fresh = path.with_name(path.name + COMPACT_SUFFIX)
        cur = self._con.cursor()
        cur.execute("CHECKPOINT")
        database = cur.execute("SELECT current_database()").fetchone()[0]
        for stale in (fresh, Path(f"{fresh}.wal")):
            stale.unlink(missing_ok=True)  # a copy left by a crash mid-compaction
        try:
            cur.execute(f"ATTACH '{_sql_text(str(fresh))}' AS review_compact")
            try:
                cur.execute(f'COPY FROM DATABASE "{database}" TO review_compact')
            finally:
                cur.execute("DETACH review_compact")
        except BaseException:
            with contextlib.suppress(OSError):
                fresh.unlink(missing_ok=True)
                Path(f"{fresh}.wal").unlink(missing_ok=True)
            raise
        self._con.close()  # checkpoints: the old file's WAL is folded in and removed
        Path(f"{path}.wal").unlink(missing_ok=True)  # never replay an old log onto the fresh file
        os.replace(fresh, path)
        self._con = duckdb.connect(str(path), config=CONFIG)


def _sql_text(text: str) -> str:
    """A path inside a single-quoted SQL literal (ATTACH takes no parameters)."""
    return text.replace("'", "''")
