"""Store rows for the live sorts, read back: a participant's own sort and draft, the room's
progress, who started and who submitted, and every sort for the exports.

The phones write them (:mod:`review.store.phones`); the screens show the published copy
(:mod:`review.store.published`), never these, except to the participant who made them.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from review.store.base import StoreBase
from review.store.rows import ParticipantState, Progress


class SortRows(StoreBase):
    """Tables ``participants``, ``sorts``, ``placements``, ``comments`` and ``drafts``, per round."""

    def _own(self, table: str, columns: str, session_id: str, participant_id: str, condition: str) -> list[tuple]:
        cur = self._cursor()
        key = [session_id, self._round(session_id), participant_id, condition]
        return cur.execute(f"SELECT {columns} FROM {table} {self._KEY}", key).fetchall()

    def sort_of(self, session_id: str, participant_id: str, condition: str) -> dict[int, int] | None:
        """One participant's own sort, for showing it back to that participant only."""
        return self.sorts_of(session_id, participant_id).get(condition)

    def sorts_of(self, session_id: str, participant_id: str) -> dict[str, dict[int, int]]:
        """All of one participant's sorts this round, by condition, in one query (the phone's page
        runs once per phone and reads them together)."""
        return self._by_condition("placements", "statement_id, position", session_id, participant_id)

    def comments_of(self, session_id: str, participant_id: str) -> dict[str, dict[int, str]]:
        """One participant's own comments this round, by condition."""
        return self._by_condition("comments", "statement_id, comment", session_id, participant_id)

    def _by_condition(self, table: str, columns: str, session_id: str, participant_id: str) -> dict[str, dict]:
        key = [session_id, self._round(session_id), participant_id]
        rows = self._cursor().execute(f"SELECT condition, {columns} FROM {table} {self._MEMBER}", key).fetchall()
        out: dict[str, dict] = {}
        for condition, k, v in rows:
            out.setdefault(condition, {})[k] = v
        return out

    def draft_of(self, session_id: str, participant_id: str, condition: str) -> dict[str, Any] | None:
        rows = self._own("drafts", "draft", session_id, participant_id, condition)
        return json.loads(rows[0][0]) if rows else None

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

    def sort_stamp(self, session_id: str, participant_id: str, condition: str) -> str | None:
        """When this participant's sort for ``condition`` (this round) was submitted, as text;
        None before the first submit. A board editing a sort sends it back with its drafts."""
        rows = self._own("sorts", "submitted_at", session_id, participant_id, condition)
        return rows[0][0].isoformat() if rows else None

    @property
    def _started_drafts(self) -> str:
        """Participants whose draft of the round holds a card (the backends say how to see it)."""
        return f"SELECT participant_id FROM drafts WHERE session_id = $1 AND round = $2 AND {self._db.STARTED}"

    def progress(self, session_id: str, round_no: int | None = None) -> Progress:
        cur = self._cursor()
        r = self._round(session_id, round_no)
        joined, submitted, started = cur.execute(
            "SELECT (SELECT count(*) FROM participants WHERE session_id = $1), "
            "(SELECT count(DISTINCT participant_id) FROM sorts WHERE session_id = $1 AND round = $2), "
            # one per device (tabs on one phone, or a script's joins from one address, are one phone)
            "(SELECT count(DISTINCT COALESCE(pa.device, s.participant_id)) "
            f"FROM ({self._started_drafts} "
            "UNION SELECT participant_id FROM sorts WHERE session_id = $1 AND round = $2) AS s "
            "LEFT JOIN participants pa ON pa.session_id = $1 AND pa.participant_id = s.participant_id)",
            [session_id, r],
        ).fetchone()
        return Progress(joined=joined, submitted=submitted, started=started)

    def participant_states(self, session_id: str, round_no: int | None = None) -> list[ParticipantState]:
        """Per participant (anonymous id only): conditions submitted in the round and whether they
        started sorting. Never the content of a sort."""
        cur = self._cursor()
        r = self._round(session_id, round_no)
        rows = cur.execute(
            "SELECT p.participant_id, "
            "(SELECT array_agg(condition ORDER BY condition) FROM sorts s "
            " WHERE s.session_id = p.session_id AND s.round = $2 AND s.participant_id = p.participant_id), "
            f"p.participant_id IN ({self._started_drafts}) "
            "FROM participants p WHERE p.session_id = $1 ORDER BY p.joined_at, p.participant_id",
            [session_id, r],
        ).fetchall()
        return [ParticipantState(pid, tuple(done or ()), bool(started) or bool(done)) for pid, done, started in rows]

    def all_sorts(self, session_id: str) -> pd.DataFrame:
        """Every submitted placement of every round, for exports:
        ``participant_id, round, condition, statement_id, position, role, joined_at, submitted_at``."""
        return (
            self._cursor()
            .execute(
                "SELECT pl.participant_id, pl.round, pl.condition, pl.statement_id, pl.position, pa.role, "
                "pa.joined_at, s.submitted_at FROM placements pl "
                "JOIN sorts s USING (session_id, round, participant_id, condition) "
                "LEFT JOIN participants pa ON pa.session_id = pl.session_id AND pa.participant_id = pl.participant_id "
                "WHERE pl.session_id = ? ORDER BY s.submitted_at, pl.participant_id, pl.round, pl.condition, "
                "pl.statement_id",
                [session_id],
            )
            .df()
        )

    def all_comments(self, session_id: str) -> pd.DataFrame:
        return (
            self._cursor()
            .execute(
                "SELECT participant_id, round, condition, statement_id, comment FROM comments WHERE session_id = ? "
                "ORDER BY participant_id, round, condition, statement_id, comment",
                [session_id],
            )
            .df()
        )
