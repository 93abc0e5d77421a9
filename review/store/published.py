"""Store rows for the published copy: what the screens may show, one copy per scope and round.

The copy (tables ``shown_sorts``, ``shown_placements``, ``shown_comments``) takes submitted sorts
only in the batches :func:`review.room.anonymity.publishable` allows: :func:`review.room.live.refresh` reads
the sorts that wait (each a :class:`Change`) and publishes them. The counts read the copy of a
scope (what screens show) or, with no scope, the live sorts.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from review.store.base import StoreBase
from review.store.rows import Change, ShownComment

SCOPES = ("all", "roles")  # the published copies: group views, and subgroup views


class PublishedRows(StoreBase):
    """The published copies, what waits to be published, and the counts the views are built from."""

    @staticmethod
    def _source(scope: str | None) -> tuple[str, str, list[str]]:
        """Tables to aggregate: the live sorts, or the published copy of a scope."""
        if scope is None:
            return "placements", "sorts", []
        if scope not in SCOPES:  # the scope goes into SQL text
            raise ValueError(scope)
        return "shown_placements", "shown_sorts", [scope]

    def pending_changes(self, session_id: str, scope: str, round_no: int | None = None) -> list[Change]:
        """Submitted sorts of the round that the published copy of ``scope`` does not hold as they are."""
        cur = self._cursor()
        r = self._round(session_id, round_no)
        self._source(scope)
        rows = cur.execute(
            "SELECT s.participant_id, s.condition, pa.role, h.role, h.participant_id IS NULL, "
            "COALESCE(pa.device, s.participant_id), s.submitted_at, "
            "CASE WHEN pa.device IS NOT NULL THEN COALESCE(pa.admitted_at, pa.joined_at) END "
            "FROM sorts s "
            "LEFT JOIN participants pa ON pa.session_id = s.session_id AND pa.participant_id = s.participant_id "
            "LEFT JOIN shown_sorts h ON h.session_id = s.session_id AND h.round = s.round AND h.scope = ? "
            " AND h.participant_id = s.participant_id AND h.condition = s.condition "
            "WHERE s.session_id = ? AND s.round = ? "
            "AND (h.participant_id IS NULL OR h.submitted_at <> s.submitted_at OR h.role IS DISTINCT FROM pa.role) "
            "ORDER BY s.submitted_at, s.participant_id, s.condition",
            [scope, session_id, r],
        ).fetchall()
        return [Change(pid, cond, role, shown, bool(new), *rest) for pid, cond, role, shown, new, *rest in rows]

    def publish(self, session_id: str, scope: str, changes: list[Change], round_no: int | None = None) -> None:
        """Copy these sorts, as they are now, into the published copy of ``scope`` (one transaction).
        Comments are published with the group scope."""
        if not changes:
            return
        self._source(scope)
        keys = [f"{c.participant_id}|{c.condition}" for c in changes]
        match = "participant_id || '|' || condition IN (SELECT unnest(?::VARCHAR[]))"
        with self._transaction() as tx:
            r = self._round(session_id, round_no)
            base = [session_id, r]
            for table in ("shown_sorts", "shown_placements"):
                tx.execute(f"DELETE FROM {table} WHERE session_id = ? AND round = ? AND scope = ? AND {match}",
                           [*base, scope, keys])  # fmt: skip
            tx.execute(
                "INSERT INTO shown_sorts SELECT s.session_id, s.round, ?, s.participant_id, s.condition, pa.role, "
                "s.submitted_at FROM sorts s LEFT JOIN participants pa "
                "ON pa.session_id = s.session_id AND pa.participant_id = s.participant_id "
                f"WHERE s.session_id = ? AND s.round = ? AND s.{match}",
                [scope, *base, keys],
            )
            tx.execute(
                "INSERT INTO shown_placements SELECT session_id, round, ?, participant_id, condition, statement_id, "
                f"position FROM placements WHERE session_id = ? AND round = ? AND {match}",
                [scope, *base, keys],
            )
            if scope == "all":
                tx.execute(f"DELETE FROM shown_comments WHERE session_id = ? AND round = ? AND {match}", [*base, keys])
                tx.execute(
                    "INSERT INTO shown_comments SELECT c.session_id, c.round, c.participant_id, c.condition, "
                    "c.statement_id, p.position, c.comment FROM comments c JOIN placements p "
                    "USING (session_id, round, participant_id, condition, statement_id) "
                    f"WHERE c.session_id = ? AND c.round = ? AND c.{match}",
                    [*base, keys],
                )

    def published_sorts(self, session_id: str, round_no: int | None = None, scope: str = "all") -> pd.DataFrame:
        """The published copy of a scope as the exports' long table (``participant_id, round, condition,
        statement_id, position, role, submitted_at``), in order of submission: what screens may analyse."""
        cur = self._cursor()
        r = self._round(session_id, round_no)
        self._source(scope)
        return cur.execute(
            "SELECT pl.participant_id, pl.round, pl.condition, pl.statement_id, pl.position, s.role, s.submitted_at "
            "FROM shown_placements pl JOIN shown_sorts s USING (session_id, round, scope, participant_id, condition) "
            "WHERE pl.session_id = ? AND pl.round = ? AND pl.scope = ? "
            "ORDER BY s.submitted_at, pl.participant_id, pl.condition, pl.statement_id",
            [session_id, r, scope],
        ).df()

    def shown_comments(self, session_id: str, round_no: int | None = None) -> list[ShownComment]:
        """Published comments in a stable order that says nothing about who or when."""
        cur = self._cursor()
        r = self._round(session_id, round_no)
        key = self._db.hex16("participant_id || '|' || condition || '|' || statement_id::VARCHAR || '|' || ?")
        rows = cur.execute(
            f"SELECT {key}, "
            "condition, statement_id, position, comment FROM shown_comments WHERE session_id = ? AND round = ? "
            "ORDER BY statement_id, condition, comment",
            [session_id, session_id, r],
        ).fetchall()
        return [ShownComment(*row) for row in rows]

    def shown_counts(self, session_id: str, round_no: int | None = None) -> dict[str, int]:
        """Sorts per condition in the group views' published copy (one query for all conditions)."""
        cur = self._cursor()
        r = self._round(session_id, round_no)
        rows = cur.execute(
            "SELECT condition, count(*) FROM shown_sorts WHERE session_id = ? AND round = ? AND scope = 'all' "
            "GROUP BY condition",
            [session_id, r],
        ).fetchall()
        return dict(rows)

    def view_stamp(self, session_id: str) -> tuple[int, datetime | None, datetime | None]:
        """Changes whenever a published copy of the session changes or a sort comes in (the "n sorts
        so far" notices count those): one cheap key for caching views."""
        count, shown, live = (
            self._cursor()
            .execute(
                "SELECT (SELECT count(*) FROM shown_sorts WHERE session_id = $1), "
                "(SELECT max(submitted_at) FROM shown_sorts WHERE session_id = $1), "
                "(SELECT max(submitted_at) FROM sorts WHERE session_id = $1)",
                [session_id],
            )
            .fetchone()
        )
        return int(count), shown, live

    # -- counts, of the published copy or of the live sorts --------------------

    def position_counts(
        self,
        session_id: str,
        condition: str,
        round_no: int | None = None,
        by_role: bool = False,
        scope: str | None = None,
    ) -> pd.DataFrame:
        """How many sorts put each statement in each column: ``[role,] statement_id, position, n``.
        ``scope``: count the published copy (what screens show) instead of the live sorts."""
        cur = self._cursor()
        r = self._round(session_id, round_no)
        placements, _sorts, extra = self._source(scope)
        where = "pl.session_id = ? AND pl.round = ? AND pl.condition = ?" + (" AND pl.scope = ?" if scope else "")
        if not by_role:
            return cur.execute(
                f"SELECT statement_id, position, count(*)::INTEGER AS n FROM {placements} pl "
                f"WHERE {where} GROUP BY statement_id, position ORDER BY statement_id, position",
                [session_id, r, condition, *extra],
            ).df()
        if scope:
            join = "LEFT JOIN shown_sorts pa USING (session_id, round, scope, participant_id, condition)"
        else:
            join = (
                "LEFT JOIN participants pa ON pa.session_id = pl.session_id AND pa.participant_id = pl.participant_id"
            )
        return cur.execute(
            f"SELECT pa.role, pl.statement_id, pl.position, count(*)::INTEGER AS n FROM {placements} pl {join} "
            f"WHERE {where} GROUP BY pa.role, pl.statement_id, pl.position "
            "ORDER BY pa.role NULLS LAST, pl.statement_id, pl.position",
            [session_id, r, condition, *extra],
        ).df()

    def role_sizes(
        self, session_id: str, condition: str, round_no: int | None = None, scope: str | None = None
    ) -> dict[str | None, int]:
        """Submitted sorts per role (None: no role given)."""
        cur = self._cursor()
        r = self._round(session_id, round_no)
        if scope:
            self._source(scope)
            rows = cur.execute(
                "SELECT role, count(*) FROM shown_sorts WHERE session_id = ? AND round = ? AND condition = ? "
                "AND scope = ? GROUP BY role",
                [session_id, r, condition, scope],
            ).fetchall()
            return dict(rows)
        rows = cur.execute(
            "SELECT pa.role, count(*) FROM sorts s LEFT JOIN participants pa "
            "ON pa.session_id = s.session_id AND pa.participant_id = s.participant_id "
            "WHERE s.session_id = ? AND s.round = ? AND s.condition = ? GROUP BY pa.role",
            [session_id, r, condition],
        ).fetchall()
        return dict(rows)

    def sort_count(self, session_id: str, condition: str, round_no: int | None = None, scope: str | None = None) -> int:
        cur = self._cursor()
        r = self._round(session_id, round_no)
        _, sorts, extra = self._source(scope)
        return cur.execute(
            f"SELECT count(*) FROM {sorts} WHERE session_id = ? AND round = ? AND condition = ?"
            + (" AND scope = ?" if scope else ""),
            [session_id, r, condition, *extra],
        ).fetchone()[0]
