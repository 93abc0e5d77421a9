"""Store rows for trajectories (sessions grouped per organisation) and the facilitator's notes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from review.errors import UnknownTrajectory
from review.store.base import StoreBase
from review.timestamps import utc_now

NOTE_KINDS = ("note", "next")  # a note, and an agreed next step
SESSION_POINT = ""  # the note key for the session as a whole


@dataclass(frozen=True)
class Trajectory:
    id: str
    organisation: str
    title: str
    facilitator: str
    groups: tuple[str, ...]
    created_at: datetime
    archived_at: datetime | None = None
    recommendations: str = ""  # the facilitator's, for the report's first section

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True)
class Meeting:
    """One session's place in a trajectory: which group, which meeting (0 is the intake), its theme."""

    session_id: str
    trajectory_id: str
    group: str
    meeting: int
    theme: str


@dataclass(frozen=True)
class Note:
    point: str  # a discussion point's key; SESSION_POINT for the session as a whole
    kind: str  # "note" or "next"
    body: str
    saved_at: datetime


class TrajectoryRows(StoreBase):
    """Tables ``trajectories`` and ``trajectory_sessions``."""

    _TRAJECTORY_COLUMNS = "id, organisation, title, facilitator, groups, created_at, archived_at, recommendations"

    def insert_trajectory(self, organisation: str, title: str, facilitator: str, groups: tuple[str, ...]) -> Trajectory:
        trajectory_id = uuid.uuid4().hex[:12]
        with self._transaction() as tx:
            tx.execute(
                "INSERT INTO trajectories (id, organisation, title, facilitator, groups, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [trajectory_id, organisation, title, facilitator, list(groups), utc_now()],
            )
        return self.trajectory(trajectory_id)

    def update_trajectory(
        self, trajectory_id: str, organisation: str, title: str, facilitator: str, groups: tuple[str, ...]
    ) -> None:
        with self._transaction() as tx:
            tx.execute(
                "UPDATE trajectories SET organisation = ?, title = ?, facilitator = ?, groups = ? WHERE id = ?",
                [organisation, title, facilitator, list(groups), trajectory_id],
            )

    def set_recommendations(self, trajectory_id: str, text: str) -> None:
        with self._transaction(sessions=False) as tx:
            tx.execute("UPDATE trajectories SET recommendations = ? WHERE id = ?", [text, trajectory_id])

    @staticmethod
    def _trajectory_from_row(row: tuple[Any, ...]) -> Trajectory:
        return Trajectory(row[0], row[1], row[2], row[3] or "", tuple(row[4] or ()), row[5], row[6], row[7] or "")

    def trajectory(self, trajectory_id: str) -> Trajectory:
        row = (
            self._cursor()
            .execute(f"SELECT {self._TRAJECTORY_COLUMNS} FROM trajectories WHERE id = ?", [trajectory_id])
            .fetchone()
        )
        if row is None:
            raise UnknownTrajectory(trajectory=trajectory_id)
        return self._trajectory_from_row(row)

    def trajectories(self, archived: bool = False) -> list[Trajectory]:
        where = "archived_at IS NOT NULL" if archived else "archived_at IS NULL"
        rows = (
            self._cursor()
            .execute(f"SELECT {self._TRAJECTORY_COLUMNS} FROM trajectories WHERE {where} ORDER BY created_at DESC")
            .fetchall()
        )
        return [self._trajectory_from_row(r) for r in rows]

    def place_session(self, session_id: str, trajectory_id: str, group: str, meeting: int, theme: str) -> None:
        """Put a session in a trajectory (or move it within one): its group, meeting number and theme."""
        with self._transaction() as tx:
            tx.execute(
                "INSERT INTO trajectory_sessions VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET "
                "trajectory_id = excluded.trajectory_id, group_name = excluded.group_name, "
                "meeting = excluded.meeting, theme = excluded.theme",
                [session_id, trajectory_id, group, meeting, theme],
            )

    def remove_from_trajectory(self, session_id: str) -> None:
        with self._transaction() as tx:
            tx.execute("DELETE FROM trajectory_sessions WHERE session_id = ?", [session_id])

    def meetings(self, trajectory_id: str) -> list[Meeting]:
        """The trajectory's sessions, by group and then meeting number."""
        rows = (
            self._cursor()
            .execute(
                "SELECT session_id, trajectory_id, group_name, meeting, theme FROM trajectory_sessions "
                "WHERE trajectory_id = ? ORDER BY group_name, meeting",
                [trajectory_id],
            )
            .fetchall()
        )
        return [Meeting(*r) for r in rows]

    def placed_sessions(self) -> dict[str, str]:
        """Every session that is in a trajectory, with that trajectory's id."""
        return dict(self._cursor().execute("SELECT session_id, trajectory_id FROM trajectory_sessions").fetchall())

    def meeting_of(self, session_id: str) -> Meeting | None:
        row = (
            self._cursor()
            .execute(
                "SELECT session_id, trajectory_id, group_name, meeting, theme FROM trajectory_sessions "
                "WHERE session_id = ?",
                [session_id],
            )
            .fetchone()
        )
        return None if row is None else Meeting(*row)


class NoteRows(StoreBase):
    """Table ``notes``: the facilitator's notes and agreed next steps, saved as typed."""

    def save_note(self, session_id: str, point: str, kind: str, body: str) -> datetime:
        """Replace one note; an empty body removes it. Returns when it was saved."""
        if kind not in NOTE_KINDS:
            raise ValueError(kind)
        now = utc_now()
        with self._transaction() as tx:
            if body.strip():
                tx.execute(
                    "INSERT INTO notes VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, point, kind) "
                    "DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
                    [session_id, point, kind, body, now],
                )
            else:
                tx.execute(
                    "DELETE FROM notes WHERE session_id = ? AND point = ? AND kind = ?", [session_id, point, kind]
                )
        return now

    def notes(self, session_id: str) -> list[Note]:
        rows = (
            self._cursor()
            .execute(
                "SELECT point, kind, body, saved_at FROM notes WHERE session_id = ? ORDER BY point, kind", [session_id]
            )
            .fetchall()
        )
        return [Note(*r) for r in rows]
