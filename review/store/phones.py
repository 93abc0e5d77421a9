"""Store rows the phones write: participants joining, autosaves (table ``drafts``) and sorts, the
last two by group commit.

The two :class:`review.store.group_commit.GroupCommit` on the write lock, ``_draft_writes`` and
``_sort_writes``, are declared here and made by :class:`review.store.Store` with the linger it is
opened with; they call back into ``_write_drafts`` and ``_write_phone_sorts``. A phone sends a
draft every ten placements, 8 in a typical sort, and a room may submit within the same two
seconds. One write alone uses point statements (a draft: a read and an UPDATE, 5-6 ms of CPU in
DuckDB 2.0); writes that queued together use one statement per step for all of them (a batch of
drafts about 12 ms, whether it holds 2 or 50).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from review.errors import UnknownSession
from review.store.base import StoreBase
from review.store.cursor import Cursor
from review.store.group_commit import GroupCommit
from review.timestamps import utc_now

# How the app writes autosaves (ui/state opens its store with these; bench/group_commit.py runs
# them): the writer whose turn it is waits up to DRAFT_LINGER seconds for others to share its
# transaction, up to DRAFT_BATCH of them (review.store.group_commit). Nobody waits for an autosave on
# screen. At 300 phones a minute (65 autosaves a second) 0.2 s gathered 8 per transaction and
# 0.5 s more: 0.157 / 0.152 against 0.147 / 0.142 CPU-s per sort (bench/load.py, in turns).
DRAFT_LINGER = 0.5
DRAFT_BATCH = 24

Key = tuple[str, int, str, str]  # session_id, round, participant_id, condition

# The keys of a batch as a table ``k`` with columns s, r, p, c (and d, a draft, when asked).
_KEYS = (
    "SELECT unnest(?::VARCHAR[]) AS s, unnest(?::INTEGER[]) AS r, unnest(?::VARCHAR[]) AS p, unnest(?::VARCHAR[]) AS c"
)
_MATCH = "t.session_id = k.s AND t.round = k.r AND t.participant_id = k.p AND t.condition = k.c"


@dataclass(frozen=True)
class SortWrite:
    session_id: str
    participant_id: str
    condition: str
    placements: tuple[tuple[int, int], ...]  # (statement id, column)
    comments: tuple[tuple[int, str], ...]  # (statement id, text)
    role: str | None


@dataclass(frozen=True)
class DraftWrite:
    session_id: str
    participant_id: str
    condition: str
    text: str  # the draft as JSON
    base: str | None  # the submit the board started from (isoformat), None before the first


def _columns(keys: Iterable[Key]) -> list[list[Any]]:
    keys = list(keys)
    return [[k[i] for k in keys] for i in range(4)]


def _stamp(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


class PhoneRows(StoreBase):
    """Sorts and half-done boards, one per participant, condition and round."""

    _draft_writes: GroupCommit[DraftWrite, bool]
    _sort_writes: GroupCommit[SortWrite, None]

    def add_participant(self, session_id: str, participant_id: str, lang: str | None) -> None:
        """Register a participant; one already there is left as it is."""
        with self._transaction(sessions=False) as tx:
            self._register(tx, session_id, participant_id, lang)

    def save_sort(
        self,
        session_id: str,
        participant_id: str,
        condition: str,
        placements: Mapping[int, int],
        comments: Mapping[int, str] | None = None,
        role: str | None = None,
    ) -> None:
        """Store a whole sort (with its comments and the participant's role), replacing
        this participant's earlier one for ``condition`` in this round, in one transaction
        (shared with the sorts of other phones that wait for the write lock at the same time)."""
        write = SortWrite(
            session_id, participant_id, condition, tuple(placements.items()), tuple((comments or {}).items()), role
        )
        self._sort_writes(write)

    def _write_phone_sorts(self, items: Sequence[SortWrite]) -> list[None]:
        """Runs with the write lock held (:class:`GroupCommit`): one transaction for all of ``items``."""
        with self._held_transaction(sessions=False) as tx:
            keys = [(i.session_id, self._round(i.session_id), i.participant_id, i.condition) for i in items]
            if len(set(keys)) == len(keys) > 1:
                self._write_many_sorts(tx, items, keys)
            else:  # one sort, or one phone twice in a batch: in order, one after the other
                for item, key in zip(items, keys, strict=True):
                    self._write_one_sort(tx, item, list(key))
        return [None] * len(items)

    @staticmethod
    def _register(tx: Cursor, session_id: str, participant_id: str, lang: str | None = None) -> None:
        """Add the participant unless already there. Plain reads decide between INSERT and UPDATE
        here and below: DuckDB 2.0's upserts (ON CONFLICT) cost about 8 ms each, and 100 phones
        may submit within the same two seconds."""
        member = [session_id, participant_id]
        if not tx.execute("SELECT 1 FROM participants WHERE session_id = ? AND participant_id = ?", member).fetchone():
            tx.execute(
                "INSERT INTO participants (session_id, participant_id, lang, joined_at) VALUES (?, ?, ?, ?)",
                [*member, lang, utc_now()],
            )

    def _write_one_sort(self, tx: Cursor, item: SortWrite, key: list[Any]) -> None:
        member = [item.session_id, item.participant_id]
        self._register(tx, *member)
        if item.role is not None:
            tx.execute(
                "UPDATE participants SET role = ? WHERE session_id = ? AND participant_id = ?", [item.role, *member]
            )
        earlier = tx.execute(f"SELECT 1 FROM sorts {self._KEY}", key).fetchone()
        if earlier:  # placements and comments are only ever written with their sort
            tx.execute(f"DELETE FROM placements {self._KEY}", key)
            tx.execute(f"DELETE FROM comments {self._KEY}", key)
        ids, positions = [p[0] for p in item.placements], [p[1] for p in item.placements]
        tx.execute(
            "INSERT INTO placements SELECT ?, ?, ?, ?, unnest(?::INTEGER[]), unnest(?::INTEGER[])",
            [*key, ids, positions],
        )
        if item.comments:
            tx.execute(
                "INSERT INTO comments SELECT ?, ?, ?, ?, unnest(?::INTEGER[]), unnest(?::VARCHAR[])",
                [*key, [c[0] for c in item.comments], [c[1] for c in item.comments]],
            )
        tx.execute(f"DELETE FROM drafts {self._KEY}", key)
        if earlier:
            tx.execute(f"UPDATE sorts SET submitted_at = ? {self._KEY}", [utc_now(), *key])
        else:
            tx.execute("INSERT INTO sorts VALUES (?, ?, ?, ?, ?)", [*key, utc_now()])

    def _write_many_sorts(self, tx: Cursor, items: Sequence[SortWrite], keys: list[Key]) -> None:
        """The same writes as :meth:`_write_one_sort` for sorts of different phones, one statement per step."""
        now = utc_now()
        members = list(dict.fromkeys((k[0], k[2]) for k in keys))
        known = set(
            tx.execute(
                "SELECT t.session_id, t.participant_id FROM participants AS t JOIN (SELECT unnest(?::VARCHAR[]) AS s, "
                "unnest(?::VARCHAR[]) AS p) AS k ON t.session_id = k.s AND t.participant_id = k.p",
                [[m[0] for m in members], [m[1] for m in members]],
            ).fetchall()
        )
        if new := [m for m in members if m not in known]:
            tx.execute(
                "INSERT INTO participants (session_id, participant_id, joined_at) "
                "SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), ?",
                [[m[0] for m in new], [m[1] for m in new], now],
            )
        if roles := {(i.session_id, i.participant_id): i.role for i in items if i.role is not None}:
            tx.execute(
                "UPDATE participants AS t SET role = k.role FROM (SELECT unnest(?::VARCHAR[]) AS s, "
                "unnest(?::VARCHAR[]) AS p, unnest(?::VARCHAR[]) AS role) AS k "
                "WHERE t.session_id = k.s AND t.participant_id = k.p",
                [[m[0] for m in roles], [m[1] for m in roles], list(roles.values())],
            )
        earlier = {k for k, _ in self._rows_of(tx, "sorts", "1", set(keys))}
        if earlier:  # placements and comments are only ever written with their sort
            for table in ("placements", "comments"):
                tx.execute(f"DELETE FROM {table} AS t USING ({_KEYS}) AS k WHERE {_MATCH}", _columns(earlier))
        rows = [(*key, *p) for item, key in zip(items, keys, strict=True) for p in item.placements]
        tx.execute(
            "INSERT INTO placements SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), "
            "unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[])",
            [list(column) for column in zip(*rows, strict=True)],
        )
        if notes := [(*key, *c) for item, key in zip(items, keys, strict=True) for c in item.comments]:
            tx.execute(
                "INSERT INTO comments SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), "
                "unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[])",
                [list(column) for column in zip(*notes, strict=True)],
            )
        tx.execute(f"DELETE FROM drafts AS t USING ({_KEYS}) AS k WHERE {_MATCH}", _columns(keys))
        if earlier:
            tx.execute(
                f"UPDATE sorts AS t SET submitted_at = ? FROM ({_KEYS}) AS k WHERE {_MATCH}", [now, *_columns(earlier)]
            )
        if fresh := [k for k in keys if k not in earlier]:
            tx.execute(
                "INSERT INTO sorts SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), "
                "unnest(?::VARCHAR[]), ?",
                [*_columns(fresh), now],
            )

    def save_draft(
        self, session_id: str, participant_id: str, condition: str, draft: Mapping[str, Any], base: str | None = None
    ) -> bool:
        """Keep the phone's half-done board, so a lost phone state can be restored.

        Stored only while the session is open, and only when ``base`` (:meth:`sort_stamp` as the
        board saw it when it opened) is still the latest submit of this round: a draft sent before
        a submit that arrives after it, or from a tab opened before it, is not stored (a draft
        never follows a submit). Returns whether it was stored (the caller asks why not only then).
        Drafts from many phones that wait for the write lock together are written together."""
        text = json.dumps(draft, ensure_ascii=False)  # outside the lock
        return self._draft_writes(DraftWrite(session_id, participant_id, condition, text, base))

    def _write_drafts(self, items: Sequence[DraftWrite]) -> list[bool]:
        """Runs with the write lock held (:class:`GroupCommit`): one transaction for all of ``items``."""
        with self._held_transaction(sessions=False) as tx:
            if len(items) == 1:
                return [self._write_one_draft(tx, items[0])]
            return self._write_many_drafts(tx, items)

    def _write_one_draft(self, tx: Cursor, item: DraftWrite) -> bool:
        rounds = self._open_rounds([item.session_id])
        if item.session_id not in rounds:
            return False
        key = [item.session_id, rounds[item.session_id], item.participant_id, item.condition]
        submitted = tx.execute(f"SELECT submitted_at FROM sorts {self._KEY}", key).fetchone()
        if _stamp(submitted[0] if submitted else None) != item.base:
            return False
        # An UPDATE costs a third of an upsert in DuckDB 2.0 (3 ms against 8-10 ms of CPU), and
        # every draft after a phone's first one is an update.
        (updated,) = tx.execute(
            f"UPDATE drafts SET draft = ?, saved_at = ? {self._KEY}", [item.text, utc_now(), *key]
        ).fetchone()
        if not updated:
            tx.execute("INSERT INTO drafts VALUES (?, ?, ?, ?, ?, ?)", [*key, item.text, utc_now()])
        return True

    def _write_many_drafts(self, tx: Cursor, items: Sequence[DraftWrite]) -> list[bool]:
        """The same rules as :meth:`_write_one_draft`, one statement per step for every item;
        when one phone has two drafts in the batch, the later one is kept."""
        rounds = self._open_rounds({i.session_id for i in items})
        keys: dict[int, Key] = {
            n: (i.session_id, rounds[i.session_id], i.participant_id, i.condition)
            for n, i in enumerate(items)
            if i.session_id in rounds
        }
        stamps = {k: _stamp(v) for k, v in self._rows_of(tx, "sorts", "submitted_at", set(keys.values()))}
        accepted = [n for n, key in keys.items() if stamps.get(key) == items[n].base]
        latest = {keys[n]: items[n].text for n in accepted}  # in order: a later draft replaces an earlier
        if latest:
            present = {k for k, _ in self._rows_of(tx, "drafts", "1", set(latest))}
            now = utc_now()
            update = [k for k in latest if k in present]
            insert = [k for k in latest if k not in present]
            if update:
                tx.execute(
                    f"UPDATE drafts AS t SET draft = k.d::JSON, saved_at = ? "
                    f"FROM ({_KEYS}, unnest(?::VARCHAR[]) AS d) AS k WHERE {_MATCH}",
                    [now, *_columns(update), [latest[k] for k in update]],
                )
            if insert:
                tx.execute(
                    "INSERT INTO drafts SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), "
                    "unnest(?::VARCHAR[]), unnest(?::VARCHAR[])::JSON, ?",
                    [*_columns(insert), [latest[k] for k in insert], now],
                )
        done = set(accepted)
        return [n in done for n in range(len(items))]

    def _open_rounds(self, session_ids: Iterable[str]) -> dict[str, int]:
        """The current round of each of these sessions that is open. From the remembered session
        rows: with the write lock held no change to a session can commit, so they are current."""
        rounds = {}
        for session_id in session_ids:
            try:
                session = self.session(session_id)
            except UnknownSession:
                continue
            if session.status == "open":
                rounds[session_id] = session.current_round
        return rounds

    @staticmethod
    def _rows_of(tx: Cursor, table: str, column: str, keys: set[Key]) -> list[tuple[Key, Any]]:
        """``column`` of the rows of ``table`` (keyed by session, round, participant, condition)
        whose key is among ``keys``."""
        if not keys:
            return []
        rows = tx.execute(
            f"SELECT t.session_id, t.round, t.participant_id, t.condition, {column} "
            f"FROM {table} AS t JOIN ({_KEYS}) AS k ON {_MATCH}",
            _columns(keys),
        ).fetchall()
        return [((r[0], r[1], r[2], r[3]), r[4]) for r in rows]
