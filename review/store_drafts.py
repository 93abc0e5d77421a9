"""Store rows for the phones' autosaves (table ``drafts``), written by group commit.

Mixed into :class:`review.store.Store`; uses its ``_held_transaction`` and ``_draft_writes``
(a :class:`review.group_commit.GroupCommit` on the write lock). A phone sends a draft every few
placements, 13 in a typical sort: with a room of phones the autosaves are most of the writes.
One draft alone is written with point statements (two reads and an UPDATE, 5-6 ms of CPU in
DuckDB 2.0); drafts that queued together are written with one statement per step for all of
them (about 12 ms for the batch, whether it holds 2 or 50).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from review.timestamps import utc_now

Key = tuple[str, int, str, str]  # session_id, round, participant_id, condition

# The keys of a batch as a table ``k`` with columns s, r, p, c (and d, a draft, when asked).
_KEYS = (
    "SELECT unnest(?::VARCHAR[]) AS s, unnest(?::INTEGER[]) AS r, unnest(?::VARCHAR[]) AS p, unnest(?::VARCHAR[]) AS c"
)
_MATCH = "t.session_id = k.s AND t.round = k.r AND t.participant_id = k.p AND t.condition = k.c"


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


class DraftRows:
    """Half-done boards, one per participant, condition and round."""

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

    def _write_one_draft(self, tx: duckdb.DuckDBPyConnection, item: DraftWrite) -> bool:
        row = tx.execute("SELECT status, current_round FROM sessions WHERE id = ?", [item.session_id]).fetchone()
        if row is None or row[0] != "open":
            return False
        key = [item.session_id, row[1] or 1, item.participant_id, item.condition]
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

    def _write_many_drafts(self, tx: duckdb.DuckDBPyConnection, items: Sequence[DraftWrite]) -> list[bool]:
        """The same rules as :meth:`_write_one_draft`, one statement per step for every item;
        when one phone has two drafts in the batch, the later one is kept."""
        sessions = sorted({i.session_id for i in items})
        rounds = dict(
            tx.execute(
                "SELECT id, coalesce(current_round, 1) FROM sessions "
                "WHERE status = 'open' AND id IN (SELECT unnest(?::VARCHAR[]))",
                [sessions],
            ).fetchall()
        )
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
                    f"UPDATE drafts AS t SET draft = k.d, saved_at = ? "
                    f"FROM ({_KEYS}, unnest(?::VARCHAR[]) AS d) AS k WHERE {_MATCH}",
                    [now, *_columns(update), [latest[k] for k in update]],
                )
            if insert:
                tx.execute(
                    "INSERT INTO drafts SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), "
                    "unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), ?",
                    [*_columns(insert), [latest[k] for k in insert], now],
                )
        done = set(accepted)
        return [n in done for n in range(len(items))]

    @staticmethod
    def _rows_of(tx: duckdb.DuckDBPyConnection, table: str, column: str, keys: set[Key]) -> list[tuple[Key, Any]]:
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
