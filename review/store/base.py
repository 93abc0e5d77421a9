"""What every topic of the store builds on: :class:`StoreBase`.

It owns the database (:mod:`review.store.backend_duckdb` or :mod:`review.store.backend_postgres`),
which gives it cursors and transactions, the lock that serialises this process's writes, and the
session row with what it remembers of it: every topic reads a session, if only for its round.
Each topic (``sessions``, ``sorts``, ``published``, ``phones``, ...) is a subclass of it, so the
members a topic uses are declared where a reader and a type checker can see them;
:class:`review.store.Store` is all the topics together.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from review.content.grid import Grid
from review.content.statements import StatementSet
from review.errors import UnknownSession
from review.store.backend_duckdb import DuckDBDatabase
from review.store.backend_postgres import PostgresDatabase
from review.store.cursor import Cursor
from review.store.rows import Session, choice_from_json, words_from_json


class StoreBase:
    """The database, its write lock and transactions, and the session row as last read."""

    def __init__(self, database: DuckDBDatabase | PostgresDatabase) -> None:
        self._db = database
        self.path = database.path
        self._write_lock = threading.Lock()
        # A session's statement set and grid are a snapshot that never changes: parse each once.
        self._snapshots: dict[str, tuple[StatementSet, Grid]] = {}
        # Join code -> session id, for the code every phone request carries. A code keeps its
        # session until that session is deleted (the delete clears this), retired codes included;
        # a code of a session deleted by another process leads to UnknownSession all the same.
        self._code_sessions: dict[str, str] = {}
        # Session id -> its row as last read. Every phone request and page run reads its session,
        # about 2 ms a query in DuckDB; any transaction that may change a session forgets them all
        # (see _transaction), and a read that overlapped such a commit is not kept (_generation).
        # A database other processes write to is read afresh each time (0.2 ms in PostgreSQL).
        self._sessions: dict[str, Session] = {}
        self._remember_sessions = not database.shared
        self._generation = 0

    @property
    def kind(self) -> str:
        """``duckdb`` or ``postgresql``."""
        return self._db.kind

    @property
    def shared(self) -> bool:
        """Whether other processes may use the same database (PostgreSQL) or not (a DuckDB file)."""
        return self._db.shared

    def close(self) -> None:
        self._db.close()

    # -- plumbing ---------------------------------------------------------

    def _cursor(self) -> Cursor:
        return self._db.cursor()

    @contextmanager
    def _transaction(self, sessions: bool = True) -> Iterator[Cursor]:
        """One write transaction under the write lock. ``sessions=False`` promises it changes no
        session row (a phone's draft, sort or join), so the sessions read before stay valid."""
        with self._write_lock, self._held_transaction(sessions) as tx:
            yield tx

    @contextmanager
    def _held_transaction(self, sessions: bool = True) -> Iterator[Cursor]:
        """:meth:`_transaction` for a caller that already holds the write lock (group commit)."""
        with self._db.transaction() as tx:
            yield tx
        if sessions:  # after the commit: a read that began before it is older and is not kept
            self._generation += 1
            self._sessions.clear()

    # -- the session row ----------------------------------------------------

    _SESSION_COLUMNS = (
        "id, code, title, conditions, status, created_at, roles, ask_comments, current_round, reveal, pins, analysis, "
        "organisation, facilitator, archived_at, set_ref, group_size, viewpoint_words"
    )

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
            current_round=row[8] or 1,
            reveal=row[9] or "",
            pins=tuple(row[10] or ()),
            analysis=choice_from_json(row[11]),
            organisation=row[12] or "",
            facilitator=row[13] or "",
            archived_at=row[14],
            set_ref=row[15],
            group_size=row[16],
            viewpoint_words=words_from_json(row[17]),
        )

    def session(self, session_id: str) -> Session:
        if (cached := self._sessions.get(session_id)) is not None:
            return cached
        generation = self._generation
        row = self._cursor().execute(f"SELECT {self._SESSION_COLUMNS} FROM sessions WHERE id = ?", [session_id])
        found = row.fetchone()
        if found is None:
            raise UnknownSession(code=session_id)
        session = self._session_from_row(found)
        if self._remember_sessions and generation == self._generation:  # no session changed while it was read
            self._sessions[session_id] = session
        return session

    _UPDATABLE = frozenset({"status", "reveal", "pins", "roles", "conditions", "set_ref", "group_size"})

    def _update_session(self, session_id: str, column: str, value: object) -> None:
        if column not in self._UPDATABLE:  # the column name goes into SQL text
            raise ValueError(column)
        with self._transaction() as tx:
            tx.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", [value, session_id])

    # -- rounds -------------------------------------------------------------
    # Sorts, placements, comments and drafts are kept per round: a new round starts
    # empty and earlier rounds stay. Writes and a participant's own reads use the
    # session's current round; the aggregates take an explicit round if asked.

    _MEMBER = "WHERE session_id = ? AND round = ? AND participant_id = ?"  # one participant, this round
    _KEY = _MEMBER + " AND condition = ?"

    def _round(self, session_id: str, round_no: int | None = None) -> int:
        """``round_no``, else the session's current round (from the remembered session row: no
        transaction calls this after changing the round itself)."""
        if round_no is not None:
            return round_no
        try:
            return self.session(session_id).current_round
        except UnknownSession:
            return 1
