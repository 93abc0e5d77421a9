"""The DuckDB store: the only module with SQL.

DuckDB facts this follows (see shared/docs/streamlit-duckdb-notes.md): one
connection per process and a fresh cursor per call (a connection shared across
threads fails), writes serialised by a process-wide lock, extension
autoloading off so nothing reaches for the network, and only one process may
open the file at a time (:class:`StoreLocked` says so plainly).

The schema is owned by named migrations recorded in ``schema_migrations``;
each runs in its own transaction. A later PostgreSQL store implements the same
public methods.
"""

from __future__ import annotations

import json
import secrets
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from review.errors import StoreLocked, UnknownSession
from review.grid import Grid
from review.statements import StatementSet

DUCKDB_CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}

MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        "0001_sessions_and_sorts",
        [
            """CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)""",
            """CREATE TABLE sessions (
                id VARCHAR PRIMARY KEY,
                code VARCHAR NOT NULL UNIQUE,
                title VARCHAR NOT NULL,
                statement_set JSON NOT NULL,   -- a snapshot: later edits of the set leave old sessions intact
                grid JSON NOT NULL,
                conditions VARCHAR[] NOT NULL,
                status VARCHAR NOT NULL DEFAULT 'open',
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE participants (
                session_id VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                lang VARCHAR,
                joined_at TIMESTAMP NOT NULL,
                PRIMARY KEY (session_id, participant_id)
            )""",
            """CREATE TABLE sorts (
                session_id VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                condition VARCHAR NOT NULL,
                submitted_at TIMESTAMP NOT NULL,
                PRIMARY KEY (session_id, participant_id, condition)
            )""",
            """CREATE TABLE placements (
                session_id VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                condition VARCHAR NOT NULL,
                statement_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (session_id, participant_id, condition, statement_id)
            )""",
        ],
    ),
    (
        "0002_drafts_roles_comments",
        [
            "ALTER TABLE sessions ADD COLUMN roles VARCHAR[] DEFAULT []",
            "ALTER TABLE sessions ADD COLUMN ask_comments BOOLEAN DEFAULT false",
            "ALTER TABLE participants ADD COLUMN role VARCHAR",
            """CREATE TABLE drafts (
                session_id VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                condition VARCHAR NOT NULL,
                draft JSON NOT NULL,            -- the board's state as the phone last sent it
                saved_at TIMESTAMP NOT NULL,
                PRIMARY KEY (session_id, participant_id, condition)
            )""",
            """CREATE TABLE comments (
                session_id VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                condition VARCHAR NOT NULL,
                statement_id INTEGER NOT NULL,
                comment VARCHAR NOT NULL,       -- raw text: escaped wherever it is shown
                PRIMARY KEY (session_id, participant_id, condition, statement_id)
            )""",
        ],
    ),
]


@dataclass(frozen=True)
class Session:
    id: str
    code: str
    title: str
    statement_set: StatementSet
    grid: Grid
    conditions: tuple[str, ...]
    status: str
    created_at: datetime
    roles: tuple[str, ...] = ()  # the subgroup question's answers; empty: not asked
    ask_comments: bool = False  # post-sort comments on the cards at both extremes

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class Progress:
    joined: int
    submitted: int  # participants with at least one submitted sort


def _now() -> datetime:
    """UTC, stored without a zone (a zoned TIMESTAMPTZ would need pytz to read back)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """Persistence of sessions, participants and sorts in one DuckDB file."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self._con = connection
        self.path = path
        self._write_lock = threading.Lock()
        self._secret: bytes | None = None
        # A session's statement set and grid are a snapshot that never changes: parse each once.
        self._snapshots: dict[str, tuple[StatementSet, Grid]] = {}

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating and migrating) the database at ``path``; ``:memory:`` works too."""
        target = str(path)
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(target, config=DUCKDB_CONFIG)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(path=target) from exc
            raise
        store = cls(con, target)
        store.migrate()
        return store

    def close(self) -> None:
        self._con.close()

    # -- plumbing ---------------------------------------------------------

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        return self._con.cursor()

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._write_lock:
            cur = self._cursor()
            cur.begin()
            try:
                yield cur
            except BaseException:
                cur.rollback()
                raise
            cur.commit()

    def migrate(self) -> list[str]:
        """Apply the migrations this file lacks, in order; returns their names."""
        with self._write_lock:
            cur = self._cursor()
            cur.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
            done = {row[0] for row in cur.execute("SELECT name FROM schema_migrations").fetchall()}
        applied = []
        for name, statements in MIGRATIONS:
            if name in done:
                continue
            with self._transaction() as tx:
                for sql in statements:
                    tx.execute(sql)
                tx.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, _now()])
            applied.append(name)
        return applied

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self._cursor().execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]

    def health(self) -> dict[str, Any]:
        """A cheap query that proves the database answers."""
        sessions = self._cursor().execute("SELECT count(*) FROM sessions").fetchone()[0]
        return {"database": "ok", "sessions": sessions, "migrations": len(self.applied_migrations())}

    def secret(self) -> bytes:
        """The token-signing secret, generated on first use and kept in the file."""
        if self._secret is None:
            with self._transaction() as tx:
                tx.execute(
                    "INSERT INTO settings VALUES ('token_secret', ?) ON CONFLICT DO NOTHING", [secrets.token_hex(32)]
                )
            row = self._cursor().execute("SELECT value FROM settings WHERE key = 'token_secret'").fetchone()
            self._secret = row[0].encode()
        return self._secret

    # -- sessions ---------------------------------------------------------

    def insert_session(
        self,
        code: str,
        title: str,
        statement_set: StatementSet,
        grid: Grid,
        conditions: tuple[str, ...],
        roles: tuple[str, ...] = (),
        ask_comments: bool = False,
    ) -> Session:
        session_id = uuid.uuid4().hex
        with self._transaction() as tx:
            tx.execute(
                "INSERT INTO sessions (id, code, title, statement_set, grid, conditions, status, created_at, "
                "roles, ask_comments) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)",
                [
                    session_id,
                    code,
                    title,
                    json.dumps(statement_set.to_dict(), ensure_ascii=False),
                    json.dumps(grid.to_dict()),
                    list(conditions),
                    _now(),
                    list(roles),
                    ask_comments,
                ],
            )
        return self.session(session_id)

    def code_exists(self, code: str) -> bool:
        return bool(self._cursor().execute("SELECT 1 FROM sessions WHERE code = ?", [code]).fetchone())

    _SESSION_COLUMNS = "id, code, title, conditions, status, created_at, roles, ask_comments"

    def _snapshot(self, session_id: str) -> tuple[StatementSet, Grid]:
        """A session's statement set and grid never change: read and parse them once per process."""
        if session_id not in self._snapshots:
            set_json, grid_json = (
                self._cursor().execute("SELECT statement_set, grid FROM sessions WHERE id = ?", [session_id]).fetchone()
            )
            self._snapshots[session_id] = (
                StatementSet.from_dict(json.loads(set_json)),
                Grid.from_dict(json.loads(grid_json)),
            )
        return self._snapshots[session_id]

    def _session_from_row(self, row: tuple[Any, ...]) -> Session:
        statement_set, grid = self._snapshot(row[0])
        return Session(
            id=row[0],
            code=row[1],
            title=row[2],
            statement_set=statement_set,
            grid=grid,
            conditions=tuple(row[3]),
            status=row[4],
            created_at=row[5],
            roles=tuple(row[6] or ()),
            ask_comments=bool(row[7]),
        )

    def _one_session(self, where: str, value: str) -> Session:
        row = self._cursor().execute(f"SELECT {self._SESSION_COLUMNS} FROM sessions WHERE {where} = ?", [value])
        found = row.fetchone()
        if found is None:
            raise UnknownSession(code=value)
        return self._session_from_row(found)

    def session(self, session_id: str) -> Session:
        return self._one_session("id", session_id)

    def session_by_code(self, code: str) -> Session:
        return self._one_session("code", code)

    def sessions(self) -> list[Session]:
        rows = (
            self._cursor().execute(f"SELECT {self._SESSION_COLUMNS} FROM sessions ORDER BY created_at DESC").fetchall()
        )
        return [self._session_from_row(r) for r in rows]

    def status(self, session_id: str) -> str:
        row = self._cursor().execute("SELECT status FROM sessions WHERE id = ?", [session_id]).fetchone()
        if row is None:
            raise UnknownSession(code=session_id)
        return row[0]

    def set_status(self, session_id: str, status: str) -> None:
        with self._transaction() as tx:
            tx.execute("UPDATE sessions SET status = ? WHERE id = ?", [status, session_id])

    # -- participants and sorts ---------------------------------------------

    def add_participant(self, session_id: str, participant_id: str, lang: str | None) -> None:
        with self._transaction() as tx:
            tx.execute(
                "INSERT INTO participants (session_id, participant_id, lang, joined_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                [session_id, participant_id, lang, _now()],
            )

    def save_sort(
        self,
        session_id: str,
        participant_id: str,
        condition: str,
        placements: Mapping[int, int],
        comments: Mapping[int, str] | None = None,
        role: str | None = None,
    ) -> None:
        """Store a whole sort (with its comments and the participant's role), replacing
        this participant's earlier one for ``condition``, in one transaction."""
        ids = list(placements.keys())
        positions = [placements[i] for i in ids]
        comments = dict(comments or {})
        key = [session_id, participant_id, condition]
        where = "WHERE session_id = ? AND participant_id = ? AND condition = ?"
        with self._transaction() as tx:
            tx.execute(
                "INSERT INTO participants (session_id, participant_id, joined_at) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                [session_id, participant_id, _now()],
            )
            if role is not None:
                tx.execute(
                    "UPDATE participants SET role = ? WHERE session_id = ? AND participant_id = ?",
                    [role, session_id, participant_id],
                )
            tx.execute(f"DELETE FROM placements {where}", key)
            tx.execute(
                "INSERT INTO placements SELECT ?, ?, ?, unnest(?::INTEGER[]), unnest(?::INTEGER[])",
                [*key, ids, positions],
            )
            tx.execute(f"DELETE FROM comments {where}", key)
            if comments:
                tx.execute(
                    "INSERT INTO comments SELECT ?, ?, ?, unnest(?::INTEGER[]), unnest(?::VARCHAR[])",
                    [*key, list(comments), list(comments.values())],
                )
            tx.execute(f"DELETE FROM drafts {where}", key)
            tx.execute(
                "INSERT INTO sorts VALUES (?, ?, ?, ?) ON CONFLICT (session_id, participant_id, condition) "
                "DO UPDATE SET submitted_at = excluded.submitted_at",
                [*key, _now()],
            )

    def sort_of(self, session_id: str, participant_id: str, condition: str) -> dict[int, int] | None:
        """One participant's own sort, for showing it back to that participant only."""
        rows = (
            self._cursor()
            .execute(
                "SELECT statement_id, position FROM placements "
                "WHERE session_id = ? AND participant_id = ? AND condition = ?",
                [session_id, participant_id, condition],
            )
            .fetchall()
        )
        return {sid: pos for sid, pos in rows} or None

    def comments_of(self, session_id: str, participant_id: str, condition: str) -> dict[int, str]:
        rows = (
            self._cursor()
            .execute(
                "SELECT statement_id, comment FROM comments WHERE session_id = ? AND participant_id = ? "
                "AND condition = ?",
                [session_id, participant_id, condition],
            )
            .fetchall()
        )
        return dict(rows)

    def role_of(self, session_id: str, participant_id: str) -> str | None:
        row = (
            self._cursor()
            .execute(
                "SELECT role FROM participants WHERE session_id = ? AND participant_id = ?",
                [session_id, participant_id],
            )
            .fetchone()
        )
        return row[0] if row else None

    def save_draft(self, session_id: str, participant_id: str, condition: str, draft: Mapping[str, Any]) -> None:
        """Keep the phone's half-done board, so a lost phone state can be restored."""
        with self._transaction() as tx:
            tx.execute(
                "INSERT INTO drafts VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, participant_id, condition) "
                "DO UPDATE SET draft = excluded.draft, saved_at = excluded.saved_at",
                [session_id, participant_id, condition, json.dumps(draft, ensure_ascii=False), _now()],
            )

    def draft_of(self, session_id: str, participant_id: str, condition: str) -> dict[str, Any] | None:
        row = (
            self._cursor()
            .execute(
                "SELECT draft FROM drafts WHERE session_id = ? AND participant_id = ? AND condition = ?",
                [session_id, participant_id, condition],
            )
            .fetchone()
        )
        return json.loads(row[0]) if row else None

    def progress(self, session_id: str) -> Progress:
        joined, submitted = (
            self._cursor()
            .execute(
                "SELECT (SELECT count(*) FROM participants WHERE session_id = $1), "
                "(SELECT count(DISTINCT participant_id) FROM sorts WHERE session_id = $1)",
                [session_id],
            )
            .fetchone()
        )
        return Progress(joined=joined, submitted=submitted)

    def position_counts(self, session_id: str, condition: str) -> pd.DataFrame:
        """How many sorts put each statement in each column: ``statement_id, position, n``."""
        return (
            self._cursor()
            .execute(
                "SELECT statement_id, position, count(*)::INTEGER AS n FROM placements "
                "WHERE session_id = ? AND condition = ? GROUP BY ALL ORDER BY ALL",
                [session_id, condition],
            )
            .df()
        )

    def sort_count(self, session_id: str, condition: str) -> int:
        return (
            self._cursor()
            .execute("SELECT count(*) FROM sorts WHERE session_id = ? AND condition = ?", [session_id, condition])
            .fetchone()[0]
        )
