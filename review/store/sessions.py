"""Store rows for sessions: their rows and join codes, status, rounds and what the facilitator sets.

Reading one session (and what is remembered of it) is :class:`review.store.base.StoreBase`'s,
since every topic needs it.
"""

from __future__ import annotations

import json
import uuid

from review.content.grid import Grid
from review.content.statements import StatementSet
from review.errors import UnknownSession
from review.store.base import StoreBase
from review.store.cursor import Cursor
from review.store.rows import Session
from review.timestamps import utc_now


def insert_session_row(
    tx: Cursor,
    code: str,
    title: str,
    statement_set: StatementSet,
    grid: Grid,
    conditions: tuple[str, ...],
    roles: tuple[str, ...],
    ask_comments: bool,
    status: str = "open",
    current_round: int = 1,
) -> str:
    """The session row and its code, inside the caller's transaction; returns the new id."""
    session_id, now = uuid.uuid4().hex, utc_now()
    tx.execute(
        "INSERT INTO sessions (id, code, title, statement_set, grid, conditions, status, created_at, "
        "roles, ask_comments, current_round) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            session_id,
            code,
            title,
            json.dumps(statement_set.to_dict(), ensure_ascii=False),
            json.dumps(grid.to_dict()),
            list(conditions),
            status,
            now,
            list(roles),
            ask_comments,
            current_round,
        ],
    )
    tx.execute("INSERT INTO session_codes VALUES (?, ?, true, ?)", [code, session_id, now])
    return session_id


class SessionRows(StoreBase):
    """Tables ``sessions`` and ``session_codes``."""

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
        with self._transaction() as tx:
            session_id = insert_session_row(tx, code, title, statement_set, grid, conditions, roles, ask_comments)
        return self.session(session_id)

    def code_exists(self, code: str) -> bool:
        return bool(self._cursor().execute("SELECT 1 FROM session_codes WHERE code = ?", [code]).fetchone())

    def session_by_code(self, code: str) -> Session:
        """The session a code belongs to, whether the code is current or retired."""
        if code not in self._code_sessions:
            row = self._cursor().execute("SELECT session_id FROM session_codes WHERE code = ?", [code]).fetchone()
            if row is None:
                raise UnknownSession(code=code)
            self._code_sessions[code] = row[0]
        return self.session(self._code_sessions[code])

    def replace_code(self, session_id: str, code: str) -> None:
        """A new join code; the old one stops admitting newcomers but keeps working for
        participants who already joined (their links carry it)."""
        with self._transaction() as tx:
            tx.execute("UPDATE session_codes SET active = false WHERE session_id = ?", [session_id])
            tx.execute("INSERT INTO session_codes VALUES (?, ?, true, ?)", [code, session_id, utc_now()])
            tx.execute("UPDATE sessions SET code = ? WHERE id = ?", [code, session_id])

    def code_is_active(self, code: str) -> bool:
        row = self._cursor().execute("SELECT active FROM session_codes WHERE code = ?", [code]).fetchone()
        return bool(row and row[0])

    def sessions(self) -> list[Session]:
        rows = (
            self._cursor().execute(f"SELECT {self._SESSION_COLUMNS} FROM sessions ORDER BY created_at DESC").fetchall()
        )
        return [self._session_from_row(r) for r in rows]

    def status(self, session_id: str) -> str:
        """The session's status now (the remembered row is forgotten by any change to it)."""
        return self.session(session_id).status

    def set_status(self, session_id: str, status: str) -> None:
        self._update_session(session_id, "status", status)

    def change_status(self, session_id: str, before: str, after: str) -> bool:
        """Move the session from ``before`` to ``after`` in one statement: False, and nothing
        changed, when its status was no longer ``before`` (another tab or process was first)."""
        with self._transaction() as tx:
            sql = "UPDATE sessions SET status = ? WHERE id = ? AND status = ? RETURNING id"
            return tx.execute(sql, [after, session_id, before]).fetchone() is not None

    def set_reveal(self, session_id: str, view: str) -> None:
        self._update_session(session_id, "reveal", view)

    def set_roles(self, session_id: str, roles: tuple[str, ...]) -> None:
        self._update_session(session_id, "roles", list(roles))

    def set_conditions(self, session_id: str, conditions: tuple[str, ...]) -> None:
        self._update_session(session_id, "conditions", list(conditions))

    def set_set_ref(self, session_id: str, ref: str | None) -> None:
        self._update_session(session_id, "set_ref", ref)

    def set_cover(self, session_id: str, organisation: str, facilitator: str) -> None:
        """Who the session was for and who led it: the report's cover."""
        with self._transaction() as tx:
            tx.execute(
                "UPDATE sessions SET organisation = ?, facilitator = ? WHERE id = ?",
                [organisation, facilitator, session_id],
            )

    def new_round(self, session_id: str) -> int:
        """Start an empty round; earlier rounds keep their sorts. Results are hidden again."""
        with self._transaction() as tx:
            tx.execute("UPDATE sessions SET current_round = current_round + 1, reveal = '' WHERE id = ?", [session_id])
            return tx.execute("SELECT current_round FROM sessions WHERE id = ?", [session_id]).fetchone()[0]
