"""Store rows for who is in the room: the stated group size, each participant's device, who waits.

The rules are :mod:`review.room.admission`'s; here is only their state. A participant's device is
``COALESCE(device, participant_id)``: a participant without one (an import, a paper sort, a row
from before devices were kept) is a device of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from review.store.base import StoreBase
from review.timestamps import utc_now

DEVICE = "COALESCE(device, participant_id)"


@dataclass(frozen=True)
class Phones:
    """The room's phones: devices let in, and devices waiting to be let in (tabs on one device are one)."""

    joined: int
    waiting: int


class AdmissionRows(StoreBase):
    def set_group_size(self, session_id: str, size: int | None) -> None:
        self._update_session(session_id, "group_size", size)

    def join_device(self, session_id: str, participant_id: str, lang: str | None, device: str) -> bool:
        """Register a participant joining from ``device``; returns whether they are in (else they wait).

        A device already in the room brings its new tab in. A new device beyond ``group_size`` waits;
        its tabs (a reload) wait with it, and are let in together, as one phone."""
        with self._transaction(sessions=False) as tx:
            known, phones = tx.execute(
                f"SELECT count(*) FILTER (WHERE {DEVICE} = ?), count(DISTINCT {DEVICE}) "
                "FROM participants WHERE session_id = ? AND NOT COALESCE(waiting, false)",
                [device, session_id],
            ).fetchone()
            # the group size as it is now, in this transaction (another tab may have just changed it)
            row = tx.execute("SELECT group_size FROM sessions WHERE id = ?", [session_id]).fetchone()
            group_size = row[0] if row else None
            waits = not known and group_size is not None and phones >= group_size
            tx.execute(
                "INSERT INTO participants (session_id, participant_id, lang, joined_at, device, waiting) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [session_id, participant_id, lang, utc_now(), device, waits],
            )
        return not waits

    def is_in(self, session_id: str, participant_id: str) -> bool | None:
        """True: in the room; False: waiting to be let in; None: no such participant (any more)."""
        row = (
            self._cursor()
            .execute(
                "SELECT COALESCE(waiting, false) FROM participants WHERE session_id = ? AND participant_id = ?",
                [session_id, participant_id],
            )
            .fetchone()
        )
        return None if row is None else not row[0]

    def admit_waiting(self, session_id: str) -> int:
        """Let every waiting phone in, as of now; returns how many devices came in."""
        with self._transaction(sessions=False) as tx:
            n = tx.execute(
                f"SELECT count(DISTINCT {DEVICE}) FROM participants WHERE session_id = ? AND waiting", [session_id]
            ).fetchone()[0]
            tx.execute(
                "UPDATE participants SET waiting = false, admitted_at = ? WHERE session_id = ? AND waiting",
                [utc_now(), session_id],
            )
        return n

    def phones(self, session_id: str) -> Phones:
        joined, waiting = (
            self._cursor()
            .execute(
                f"SELECT count(DISTINCT {DEVICE}) FILTER (WHERE NOT COALESCE(waiting, false)), "
                f"count(DISTINCT {DEVICE}) FILTER (WHERE waiting) FROM participants WHERE session_id = ?",
                [session_id],
            )
            .fetchone()
        )
        return Phones(joined=joined, waiting=waiting)
