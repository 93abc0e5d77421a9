"""Store rows for the database as a whole: its schema's migrations, and whether it works now.

The schema is owned by the named migrations of :mod:`review.store.migrations`, each run in its
own transaction and recorded in ``schema_migrations``.
"""

from __future__ import annotations

from typing import Any

from review.faults import store_failure
from review.store import migrations
from review.store.base import StoreBase
from review.timestamps import utc_now


class SchemaRows(StoreBase):
    """Table ``schema_migrations``, and the health probe (a row in ``settings``, a read of every table)."""

    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks, in order; returns their names."""
        with self._write_lock:
            cur = self._cursor()
            cur.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
            done = {row[0] for row in cur.execute("SELECT name FROM schema_migrations").fetchall()}
        applied = []
        for name, statements in migrations.MIGRATIONS:
            if name in done:
                continue
            with self._transaction() as tx:
                for sql in statements:
                    tx.execute(sql)
                tx.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, utc_now()])
            applied.append(name)
        return applied

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self._cursor().execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]

    # More than a whole sort with its comments adds to the write-ahead log (about 6 kB): a probe
    # that fits means a submit fits, and a small write cannot slip into the log's last half-used block.
    HEALTH_PROBE_BYTES = 8192

    def health(self, strict: bool = False) -> dict[str, Any]:
        """Whether the database takes a write and reads back now: ``{"database": "ok"|"error",
        "write": ..., "read": ..., "sessions": n, "migrations": n}``, with ``detail`` (one
        sentence) on an error.

        The write probe upserts a ``health_probe`` row in ``settings`` in a transaction, so a
        full disk or a read-only file shows here as it would on the next submit. The read
        reads every row of every table (see the backends' ``read_all``).
        ``strict`` raises the failure (:class:`StoreUnavailable`) instead: the start-up check."""
        report: dict[str, Any] = {"database": "ok", "write": "ok", "read": "ok"}
        try:
            with self._transaction() as tx:
                tx.execute(
                    "INSERT INTO settings VALUES ('health_probe', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [utc_now().isoformat().ljust(self.HEALTH_PROBE_BYTES, ".")],
                )
        except self._db.errors as exc:
            if strict:
                raise store_failure(exc, self.path) from exc
            report.update(database="error", write="error", detail=store_failure(exc, self.path).message("en"))
        try:
            cur = self._cursor()
            for table in self._db.tables(cur):
                cur.execute(self._db.read_all(table)).fetchall()
            report["sessions"] = cur.execute("SELECT count(*) FROM sessions").fetchone()[0]
            report["migrations"] = len(self.applied_migrations())
        except self._db.errors as exc:
            if strict:
                raise store_failure(exc, self.path) from exc
            report.update(database="error", read="error")
            report.setdefault("detail", store_failure(exc, self.path).message("en"))
        return report
