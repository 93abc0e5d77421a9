"""The data lifecycle: archive and delete sessions and trajectories, and purge abandoned drafts.

- Archiving takes a session out of the facilitator's working list and closes it; it stays
  readable (results, reports, exports) and can be restored, closed. Archiving a trajectory
  archives its sessions with it.
- Deleting removes every row keyed by the session in every table (found from the catalogue,
  so a later table is not forgotten), in one transaction, and then rewrites the database file
  so the deleted rows cannot be read back from its bytes (see :mod:`review.store.lifecycle`).
  The facilitator confirms by typing the session's code (a trajectory: its title).
- Retention: drafts of sorts that were never submitted are deleted after
  ``Settings.draft_retention_days`` days (``REVIEW_DRAFT_RETENTION_DAYS``), at every start of
  the app and by ``python -m review purge``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from review.access.codes import normalise_code
from review.errors import ReviewError
from review.store import Session, Store
from review.store.trajectories import Trajectory
from review.timestamps import utc_now


class ConfirmationMismatch(ReviewError):
    """What the facilitator typed to confirm a delete is not the session's code (or the trajectory's title)."""

    key = "lifecycle.confirm_mismatch"


@dataclass(frozen=True)
class Footprint:
    """What deleting a session removes, in the words of the delete dialog."""

    participants: int
    sorts: int
    drafts: int
    comments: int
    notes: int
    agreements: int = 0  # made at the session (with their history, also where a later meeting set it)


# -- archiving ---------------------------------------------------------------


def archive_session(store: Store, session: Session) -> None:
    """Close the session and take it out of the working list; its data stays readable."""
    store.set_session_archived(session.id, True)


def restore_session(store: Store, session: Session) -> None:
    """Back in the working list, still closed: the facilitator reopens it if they mean to."""
    store.set_session_archived(session.id, False)


def archive_trajectory(store: Store, trajectory: Trajectory) -> None:
    """Archive the trajectory and every session in it (each closed)."""
    store.set_trajectory_archived(trajectory.id, True)


def restore_trajectory(store: Store, trajectory: Trajectory) -> None:
    """Restore the trajectory and its sessions to the working lists (the sessions stay closed)."""
    store.set_trajectory_archived(trajectory.id, False)


def archived_sessions(store: Store) -> list[Session]:
    """Archived sessions, newest first (the working list is ``review.room.live.sessions``)."""
    return store.sessions_by_archive(True)


# -- deleting ----------------------------------------------------------------


def footprint(store: Store, session: Session) -> Footprint:
    """How many participants, sorts, drafts, comments and notes deleting the session removes."""
    return Footprint(**store.session_footprint([session.id]))


def trajectory_footprint(store: Store, trajectory: Trajectory) -> tuple[int, Footprint]:
    """The number of sessions in the trajectory and what deleting them all removes."""
    ids = store.trajectory_session_ids(trajectory.id)
    return len(ids), Footprint(**store.session_footprint(ids))


def check_session_confirmation(session: Session, typed: str) -> None:
    """The typed code must be the session's current code (case, spaces and dashes do not matter)."""
    try:
        ok = normalise_code(typed) == session.code
    except ReviewError:
        ok = False
    if not ok:
        raise ConfirmationMismatch(expected=session.code)


def check_trajectory_confirmation(trajectory: Trajectory, typed: str) -> None:
    """The typed title must match the trajectory's title (case and outer spaces do not matter)."""
    if " ".join(typed.split()).casefold() != " ".join(trajectory.title.split()).casefold() or not typed.strip():
        raise ConfirmationMismatch(expected=trajectory.title)


def delete_session(store: Store, session: Session, typed_code: str) -> Footprint:
    """Delete the session and everything keyed by it, then rewrite the file; returns what went.
    Raises :class:`ConfirmationMismatch` (and deletes nothing) unless ``typed_code`` is its code."""
    check_session_confirmation(session, typed_code)
    gone = footprint(store, session)
    store.delete_sessions([session.id])
    store.compact()
    return gone


def delete_trajectory(store: Store, trajectory: Trajectory, typed_title: str, with_sessions: bool = True) -> int:
    """Delete the trajectory (and by default every session in it, as :func:`delete_session`),
    then rewrite the file; returns how many sessions were deleted. Without ``with_sessions`` its
    sessions stay, no longer in a trajectory."""
    check_trajectory_confirmation(trajectory, typed_title)
    ids = store.delete_trajectory(trajectory.id, with_sessions)
    store.compact()
    return len(ids)


# -- retention ---------------------------------------------------------------


def purge_abandoned_drafts(store: Store, days: int, now: datetime | None = None) -> int:
    """Delete drafts saved more than ``days`` days before ``now`` (UTC) of sorts that were never
    submitted (same session, round, participant and condition); returns how many. ``days`` 0 (or
    less) keeps every draft. When any went, the file is rewritten so they are gone from its bytes."""
    if days <= 0:
        return 0
    purged = store.purge_drafts((now or utc_now()) - timedelta(days=days))
    if purged:
        store.compact()
    return purged
