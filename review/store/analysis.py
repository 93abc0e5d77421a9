"""Store rows for the factor analysis the facilitator chose for the room (the session's ``analysis``),
the names given to its viewpoints, and the report's first page as the facilitator rewrote it.

The analysis itself is :mod:`review.analysis.qmethod`'s and :mod:`review.analysis.viewpoints`'s; here
is only the choice.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from review.errors import UnknownSession
from review.store.base import StoreBase
from review.store.rows import AnalysisChoice, AnalysisStep, ViewpointWords, choice_from_json
from review.timestamps import utc_now


class AnalysisRows(StoreBase):
    """The chosen extraction, rotation and number of factors, kept as JSON in the session row."""

    def set_analysis(self, session_id: str, choice: AnalysisChoice | None) -> None:
        """Store the factor analysis chosen for the room (None forgets it)."""
        value = None if choice is None else json.dumps(asdict(choice))
        with self._transaction() as tx:
            tx.execute("UPDATE sessions SET analysis = ? WHERE id = ?", [value, session_id])

    def log_analysis(self, session_id: str, round_no: int, step: str, detail: dict) -> None:
        """Add a step to the session's analysis log."""
        with self._transaction(sessions=False) as tx:
            tx.execute(
                "INSERT INTO analysis_log (session_id, made_at, round, step, detail) VALUES (?, ?, ?, ?, ?)",
                [session_id, utc_now(), round_no, step, json.dumps(detail)],
            )

    def analysis_log(self, session_id: str) -> list[AnalysisStep]:
        """The session's analysis log, oldest first."""
        rows = (
            self._cursor()
            .execute(
                "SELECT made_at, round, step, detail FROM analysis_log WHERE session_id = ? ORDER BY made_at",
                [session_id],
            )
            .fetchall()
        )
        return [AnalysisStep(at, int(r), step, json.loads(detail)) for at, r, step, detail in rows]

    def analysis_choice(self, session_id: str) -> AnalysisChoice | None:
        row = self._cursor().execute("SELECT analysis FROM sessions WHERE id = ?", [session_id]).fetchone()
        if row is None:
            raise UnknownSession(code=session_id)
        return choice_from_json(row[0])

    def set_viewpoint_words(self, session_id: str, words: tuple[ViewpointWords, ...]) -> None:
        """Keep the facilitator's names and paragraphs for the room's viewpoints (() forgets them)."""
        value = json.dumps([asdict(w) for w in words]) if words else None
        with self._transaction() as tx:
            tx.execute("UPDATE sessions SET viewpoint_words = ? WHERE id = ?", [value, session_id])

    def set_report_story(self, session_id: str, stories: dict[str, str]) -> None:
        """Keep the facilitator's story for the session report, per language ({} forgets it)."""
        value = json.dumps(stories) if stories else None
        with self._transaction(sessions=False) as tx:
            tx.execute("UPDATE sessions SET report_story = ? WHERE id = ?", [value, session_id])

    def report_story(self, session_id: str) -> dict[str, str]:
        row = self._cursor().execute("SELECT report_story FROM sessions WHERE id = ?", [session_id]).fetchone()
        if row is None:
            raise UnknownSession(code=session_id)
        return json.loads(row[0]) if row[0] else {}
