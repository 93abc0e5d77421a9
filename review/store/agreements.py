"""Store rows for agreements: what a group agreed at a meeting, who takes it up, when it is reviewed,
and each status it was given since (tables ``agreements`` and ``agreement_events``).

Both tables are keyed by the session the agreement was made in (``session_id``), so deleting that
session removes the agreement and its history; an event also names the session it was set in.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from review.store.base import StoreBase
from review.timestamps import utc_now

OPEN = "open"


@dataclass(frozen=True)
class AgreementEvent:
    at: datetime
    status: str  # open, done, dropped
    note: str  # a line of why ("" at the start)
    set_in: str | None  # the session it was set in; None: outside a meeting


@dataclass(frozen=True)
class Agreement:
    id: str
    session_id: str  # the meeting it was made in
    text: str
    owner: str  # a role or the team, as the facilitator typed it; never a participant
    review: str  # "next" (the next meeting of the group) or an ISO date
    created_at: datetime
    history: tuple[AgreementEvent, ...]  # oldest first; the first is "open" at creation

    @property
    def status(self) -> str:
        return self.history[-1].status if self.history else OPEN

    @property
    def why(self) -> str:
        return self.history[-1].note if self.history else ""


class AgreementRows(StoreBase):
    """Tables ``agreements`` and ``agreement_events``."""

    def insert_agreement(self, session_id: str, text: str, owner: str, review: str) -> str:
        agreement_id = uuid.uuid4().hex[:12]
        now = utc_now()
        with self._transaction(sessions=False) as tx:
            tx.execute(
                "INSERT INTO agreements (id, session_id, text, owner, review, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [agreement_id, session_id, text, owner, review, now],
            )
            tx.execute(
                "INSERT INTO agreement_events (session_id, agreement_id, set_at, status, note, set_in) "
                "VALUES (?, ?, ?, ?, '', ?)",
                [session_id, agreement_id, now, OPEN, session_id],
            )
        return agreement_id

    def update_agreement(self, agreement_id: str, text: str, owner: str, review: str) -> None:
        with self._transaction(sessions=False) as tx:
            tx.execute(
                "UPDATE agreements SET text = ?, owner = ?, review = ? WHERE id = ?",
                [text, owner, review, agreement_id],
            )

    def delete_agreement(self, agreement_id: str) -> None:
        with self._transaction(sessions=False) as tx:
            tx.execute("DELETE FROM agreement_events WHERE agreement_id = ?", [agreement_id])
            tx.execute("DELETE FROM agreements WHERE id = ?", [agreement_id])

    def add_agreement_event(self, agreement_id: str, status: str, note: str, set_in: str | None) -> None:
        """A new status for an agreement (its latest event is its status)."""
        with self._transaction(sessions=False) as tx:
            tx.execute(
                "INSERT INTO agreement_events (session_id, agreement_id, set_at, status, note, set_in) "
                "SELECT session_id, id, ?, ?, ?, ? FROM agreements WHERE id = ?",
                [utc_now(), status, note, set_in, agreement_id],
            )

    def agreements(self, session_ids: Iterable[str]) -> list[Agreement]:
        """The agreements made in these sessions, oldest first, each with its whole history."""
        ids = list(session_ids)
        if not ids:
            return []
        rows = (
            self._cursor()
            .execute(
                "SELECT id, session_id, text, owner, review, created_at FROM agreements "
                "WHERE session_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY created_at, id",
                [ids],
            )
            .fetchall()
        )
        events: dict[str, list[AgreementEvent]] = {}
        for agreement_id, at, status, note, set_in in (
            self._cursor()
            .execute(
                "SELECT agreement_id, set_at, status, note, set_in FROM agreement_events "
                "WHERE session_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY set_at",
                [ids],
            )
            .fetchall()
        ):
            events.setdefault(agreement_id, []).append(AgreementEvent(at, status, note, set_in))
        return [Agreement(*row, tuple(events.get(row[0], ()))) for row in rows]
