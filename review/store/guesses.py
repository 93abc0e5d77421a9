"""Store rows for failed guesses per client (table ``guesses``), for processes sharing a database.

The bucket rule is :class:`review.access.ratelimit.RateLimiter`'s: here is only its state, taken and
spent in one statement so two processes counting the same client at once both count.
"""

from __future__ import annotations

from review.store.base import StoreBase


class GuessRows(StoreBase):
    """A token bucket per kind of guess and client: ``tokens`` left at time ``seen`` (seconds)."""

    def guess_tokens(self, kind: str, client: str, burst: int, every: float, now: float) -> float:
        """What is left of ``client``'s bucket now (``burst`` when it never failed)."""
        row = (
            self._cursor()
            .execute("SELECT tokens, seen FROM guesses WHERE kind = ? AND client = ?", [kind, client])
            .fetchone()
        )
        return float(burst) if row is None else min(float(burst), row[0] + (now - row[1]) / every)

    def spend_guess(self, kind: str, client: str, burst: int, every: float, now: float) -> float:
        """Count one failed guess; returns what is left (never below -1: hammering on digs no deeper)."""
        with self._transaction(sessions=False) as tx:
            # Buckets full again by now hold nothing worth keeping: the table stays small.
            tx.execute("DELETE FROM guesses WHERE kind = ? AND seen < ?", [kind, now - (burst + 1) * every])
            return tx.execute(
                "INSERT INTO guesses VALUES (?, ?, ?, ?) ON CONFLICT (kind, client) DO UPDATE SET "
                "tokens = greatest(least(?, guesses.tokens + (? - guesses.seen) / ?) - 1, -1), seen = excluded.seen "
                "RETURNING tokens",
                [kind, client, float(burst - 1), now, float(burst), now, every],
            ).fetchone()[0]

    def guess_clients(self, kind: str) -> int:
        return self._cursor().execute("SELECT count(*) FROM guesses WHERE kind = ?", [kind]).fetchone()[0]
