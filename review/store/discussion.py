"""Store rows for the discussion: the statements the facilitator pinned, and the featured comments."""

from __future__ import annotations

from review.store.base import StoreBase
from review.timestamps import utc_now


class DiscussionRows(StoreBase):
    """The session's ``pins`` and table ``featured_comments`` (keys of published comments, per round)."""

    def set_pins(self, session_id: str, pins: list[int]) -> None:
        self._update_session(session_id, "pins", pins)

    def featured(self, session_id: str, round_no: int | None = None) -> list[str]:
        cur = self._cursor()
        r = self._round(session_id, round_no)
        rows = cur.execute(
            "SELECT comment_key FROM featured_comments WHERE session_id = ? AND round = ? ORDER BY featured_at",
            [session_id, r],
        ).fetchall()
        return [row[0] for row in rows]

    def set_featured(self, session_id: str, key: str, on: bool) -> None:
        with self._transaction() as tx:
            r = self._round(session_id)
            tx.execute(
                "DELETE FROM featured_comments WHERE session_id = ? AND round = ? AND comment_key = ?",
                [session_id, r, key],
            )
            if on:
                tx.execute("INSERT INTO featured_comments VALUES (?, ?, ?, ?)", [session_id, r, key, utc_now()])
