"""The shared backend: a PostgreSQL server that several app processes use at once.

Chosen by ``REVIEW_DATABASE_URL=postgresql://...``. The store's SQL is written once, in DuckDB's
dialect where the two differ only in spelling; :func:`translate` turns its ``?`` and ``$n``
parameters into psycopg's ``%s``. What differs in substance (the catalogue, a hash, reading JSON)
is here, beside the DuckDB version in :mod:`review.store.backend_duckdb`.

Connections come from a psycopg pool, each in autocommit with the session's time zone at UTC (the
store writes UTC without a zone) and JSON read back as text, as DuckDB gives it. A cursor of this
module fetches a statement's rows at once and gives its connection back, so the store's
``self._cursor().execute(...).fetchall()`` holds a connection for one statement only.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pandas as pd
import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.string import TextLoader
from psycopg_pool import ConnectionPool, PoolTimeout

from review.errors import StoreUnavailable

SCHEMES = ("postgresql://", "postgres://")
POOL_SIZE = 10  # per process; REVIEW_DATABASE_POOL changes it (PostgreSQL allows 100 connections by default)
CONNECT_TIMEOUT = 10  # seconds to wait for a free connection or for the server

# Column types as DuckDB's ``df()`` gives them, so both backends hand the exports the same frames.
_DTYPES = {"int2": "int16", "int4": "int32", "int8": "int64", "float8": "float64", "bool": "bool"}
_TEXT = {"text", "varchar", "bpchar", "json"}

# A parameter (``?`` or ``$n``) outside quotes; quoted text and %-signs are kept as they are.
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|\?|\$(\d+)|%")


def is_url(target: object) -> bool:
    return str(target).startswith(SCHEMES)


def shown(url: str) -> str:
    """The URL without its password, for messages and the terminal."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> tuple[str, tuple[int, ...] | None]:
    """``sql`` with psycopg's ``%s`` for each parameter, and for ``$n`` parameters the order in
    which to pass them (None: as given). ``%`` is doubled, as psycopg reads it as a placeholder."""
    order: list[int] = []
    numbered = False

    def swap(match: re.Match[str]) -> str:
        nonlocal numbered
        token = match.group(0)
        if token == "%":
            return "%%"
        if token == "?":
            order.append(len(order))
            return "%s"
        if match.group(1):
            numbered = True
            order.append(int(match.group(1)) - 1)
            return "%s"
        return token  # a quoted literal or name

    text = _TOKEN.sub(swap, sql)
    return text, tuple(order) if numbered else None


def _bind(sql: str, params: Sequence[Any] | None) -> tuple[str, Sequence[Any] | None]:
    if params is None:  # psycopg reads no placeholders then: the text goes as it is (the migrations)
        return sql, None
    text, order = translate(sql)
    if order is not None:
        params = [params[i] for i in order]
    return text, params


class PgCursor:
    """DuckDB's cursor API over psycopg: ``execute`` returns the cursor, with its rows fetched.
    Without a connection (a read outside a transaction) each statement borrows one from the pool."""

    def __init__(self, pool: ConnectionPool, conn: psycopg.Connection | None = None) -> None:
        self._pool = pool
        self._conn = conn
        self._rows: list[tuple[Any, ...]] = []
        self._columns: list[tuple[str, str]] = []

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        text, bound = _bind(sql, params)
        if self._conn is not None:
            self._run(self._conn, text, bound)
        else:
            with self._pool.connection() as conn:
                self._run(conn, text, bound)
        return self

    def _run(self, conn: psycopg.Connection, text: str, params: Sequence[Any] | None) -> None:
        cur = conn.execute(text, params, prepare=False)
        if cur.description is None:  # a write: DuckDB answers with the number of rows it changed
            self._rows, self._columns = [(cur.rowcount,)], [("Count", "int8")]
            return
        types = conn.adapters.types
        self._columns = [(d.name, getattr(types.get(d.type_code), "name", "")) for d in cur.description]
        self._rows = cur.fetchall()

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._rows = self._rows, []
        return rows

    def df(self) -> pd.DataFrame:
        """The rows as DuckDB's ``df()`` gives them: int32 for INTEGER, pandas' str for text,
        datetime64[us] for TIMESTAMP, float64 for an integer column with NULLs."""
        frame = pd.DataFrame(self.fetchall(), columns=[name for name, _ in self._columns])
        for name, kind in self._columns:
            column = frame[name]
            if kind in _DTYPES and not column.isna().any():
                frame[name] = column.astype(_DTYPES[kind])
            elif kind in _DTYPES and kind != "bool":
                frame[name] = column.astype("float64")
            elif kind in _TEXT:
                frame[name] = column.astype("str")
            elif kind == "timestamp":
                frame[name] = column.astype("datetime64[us]")
        return frame


def _configure(conn: psycopg.Connection) -> None:
    for json_type in ("json", "jsonb"):
        conn.adapters.register_loader(json_type, TextLoader)


class PostgresDatabase:
    """A PostgreSQL database, through a pool of connections, as the store's database."""

    kind = "postgresql"
    errors: tuple[type[BaseException], ...] = (psycopg.Error, PoolTimeout, OSError)
    # Other processes change rows too: nothing read may be remembered past its request.
    shared = True
    STARTED = (
        "((draft::jsonb -> 'rough') NOT IN ('{}', '[]', 'null') "
        "OR (draft::jsonb -> 'placed') NOT IN ('{}', '[]', 'null'))"
    )

    def __init__(self, pool: ConnectionPool, url: str) -> None:
        self._pool = pool
        self.path = shown(url)

    @classmethod
    def open(cls, url: str, size: int | None = None) -> PostgresDatabase:
        size = size or int(os.environ.get("REVIEW_DATABASE_POOL") or POOL_SIZE)
        # The URL's own options (a search_path, say) are kept; the time zone is added to them.
        options = f"{conninfo_to_dict(url).get('options') or ''} -c TimeZone=UTC".strip()
        settings = {"autocommit": True, "options": options, "connect_timeout": CONNECT_TIMEOUT}
        try:  # one connection first: a wrong password or a server that is down says so at once
            psycopg.connect(url, **settings).close()
        except psycopg.Error as exc:
            raise unreachable(exc, url) from exc
        pool = ConnectionPool(
            url,
            min_size=1,
            max_size=size,
            kwargs=settings,
            configure=_configure,
            timeout=CONNECT_TIMEOUT,
            open=False,
            name="review",
        )
        try:
            pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except (psycopg.Error, PoolTimeout) as exc:
            pool.close()
            raise unreachable(exc, url) from exc
        return cls(pool, url)

    def close(self) -> None:
        self._pool.close()

    def cursor(self) -> PgCursor:
        return PgCursor(self._pool)

    @contextmanager
    def transaction(self) -> Iterator[PgCursor]:
        with self._pool.connection() as conn, conn.transaction():
            yield PgCursor(self._pool, conn)

    @staticmethod
    def tables(cur: PgCursor) -> list[str]:
        return [
            r[0]
            for r in cur.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                "AND table_type = 'BASE TABLE' ORDER BY 1"
            ).fetchall()
        ]

    @staticmethod
    def read_all(table: str) -> str:
        return f'SELECT count(*), sum(hashtext(t::text)) FROM "{table}" AS t'

    @staticmethod
    def hex16(expr: str) -> str:
        return f"left(encode(sha256(convert_to({expr}, 'UTF8')), 'hex'), 16)"

    def compact(self) -> None:
        """``VACUUM FULL`` of every table: each is rewritten into new files without its deleted
        rows, and the old files are removed (it locks each table for the moment it takes)."""
        with self._pool.connection() as conn:
            for table in self.tables(PgCursor(self._pool, conn)):
                conn.execute(f'VACUUM FULL "{table}"')


def unreachable(exc: BaseException, url: str) -> StoreUnavailable:
    lines = str(exc).strip().splitlines() or [type(exc).__name__]
    reason = lines[0].rsplit("failed: ", 1)[-1][:160]  # the server's own words, after the address
    return StoreUnavailable("error.database_unreachable", path=shown(url), reason=reason)
