"""Store rows for checked studies written in bulk: an imported study as a new session, or sorts
into an existing one (seeded rooms), each in one transaction.

The checks are :mod:`review.studies.imports`'s; what arrives here is whole and valid.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from review.content.grid import Grid
from review.content.statements import StatementSet
from review.store.base import StoreBase
from review.store.cursor import Cursor
from review.store.rows import Session
from review.store.sessions import insert_session_row
from review.timestamps import utc_now


class ImportRows(StoreBase):
    """Participants, sorts, placements and comments of many participants at once."""

    def import_study(
        self,
        code: str,
        title: str,
        statement_set: StatementSet,
        grid: Grid,
        conditions: tuple[str, ...],
        roles: tuple[str, ...],
        ask_comments: bool,
        sorts: list[dict[str, Any]],
        comments: list[dict[str, Any]],
        status: str = "closed",
    ) -> Session:
        """A checked imported study as a new session in ONE transaction: the session row, its
        code, participants, sorts, placements, comments and status. If any write fails, nothing
        of it is left (no empty, joinable session)."""
        rounds = [int(s.get("round") or 1) for s in sorts]
        with self._transaction() as tx:
            now = utc_now()
            session_id = insert_session_row(
                tx, code, title, statement_set, grid, conditions, roles, ask_comments, status, max(rounds, default=1)
            )
            self._write_sorts(tx, session_id, sorts, comments, now)
        return self.session(session_id)

    def import_sorts(
        self, session_id: str, sorts: list[dict[str, Any]], comments: list[dict[str, Any]] | None = None
    ) -> None:
        """Checked sorts into an existing session in one transaction (seeded rooms use it).
        Each sort: ``participant, round, condition, subgroup, placements {id: position}``."""
        with self._transaction() as tx:
            self._write_sorts(tx, session_id, sorts, comments or [], utc_now())
            rounds = [int(s.get("round") or 1) for s in sorts]
            tx.execute("UPDATE sessions SET current_round = ? WHERE id = ?", [max(rounds, default=1), session_id])

    @staticmethod
    def _write_sorts(
        tx: Cursor,
        session_id: str,
        sorts: list[dict[str, Any]],
        comments: list[dict[str, Any]],
        now: datetime,
    ) -> None:
        for who in dict.fromkeys(s["participant"] for s in sorts):
            role = next((s.get("subgroup") for s in sorts if s["participant"] == who and s.get("subgroup")), None)
            tx.execute(
                "INSERT INTO participants (session_id, participant_id, joined_at, role) VALUES (?, ?, ?, ?)",
                [session_id, who, now, role],
            )
        for sort in sorts:
            key = [session_id, int(sort.get("round") or 1), sort["participant"], sort["condition"]]
            ids = list(sort["placements"])
            tx.execute(
                "INSERT INTO placements SELECT ?, ?, ?, ?, unnest(?::INTEGER[]), unnest(?::INTEGER[])",
                [*key, ids, [sort["placements"][i] for i in ids]],
            )
            stamp = sort.get("submitted_at")
            tx.execute(
                "INSERT INTO sorts VALUES (?, ?, ?, ?, ?)",
                [*key, datetime.fromisoformat(stamp) if isinstance(stamp, str) else stamp or now],
            )
        for c in comments:
            tx.execute(
                "INSERT INTO comments VALUES (?, ?, ?, ?, ?, ?)",
                [session_id, int(c["round"]), c["participant"], c["condition"], int(c["statement_id"]), c["comment"]],
            )
