"""The store's interface: :class:`Store`, and the SQL both backends run for the topics not yet in
modules of their own.

A store is a :class:`review.store.base.StoreBase`, which owns the database, the write lock and the
transactions. The schema is owned by the named migrations of :mod:`review.store.migrations`, each
run in its own transaction.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from review.errors import UnknownSession
from review.faults import store_failure
from review.grid import Grid
from review.group_commit import GroupCommit
from review.statements import StatementSet
from review.store import migrations
from review.store.admission import AdmissionRows
from review.store.backend_duckdb import DuckDBDatabase
from review.store.backend_postgres import PostgresDatabase, is_url
from review.store.content import ContentRows
from review.store.cursor import Cursor
from review.store.guesses import GuessRows
from review.store.library import LibraryRows
from review.store.lifecycle import LifecycleRows
from review.store.phones import DRAFT_BATCH, PhoneRows
from review.store.rows import (
    AnalysisChoice,
    Change,
    ParticipantState,
    Progress,
    Session,
    ShownComment,
    choice_from_json,
)
from review.store.trajectories import NoteRows, TrajectoryRows
from review.timestamps import utc_now

SCOPES = ("all", "roles")  # the published copies: group views, and subgroup views


_now = utc_now


class Store(PhoneRows, LibraryRows, ContentRows, TrajectoryRows, NoteRows, LifecycleRows, GuessRows, AdmissionRows):
    """Persistence of sessions, participants and sorts, in a DuckDB file or a PostgreSQL database."""

    def __init__(
        self,
        database: DuckDBDatabase | PostgresDatabase,
        draft_linger: float = 0.0,
        draft_batch: int = DRAFT_BATCH,
    ) -> None:
        super().__init__(database)
        self._secret: bytes | None = None
        # Autosaves may wait ``draft_linger`` seconds for others to share their transaction with,
        # up to ``draft_batch`` of them (see GroupCommit); the app sets it, and submits never wait.
        self._draft_writes = GroupCommit(self._write_lock, self._write_drafts, linger=draft_linger, full=draft_batch)
        self._sort_writes = GroupCommit(self._write_lock, self._write_phone_sorts)

    @classmethod
    def open(cls, target: str | Path, draft_linger: float = 0.0, draft_batch: int = DRAFT_BATCH) -> Store:
        """Open (creating and migrating) the database at ``target``: a DuckDB file (``:memory:``
        works too) or a ``postgresql://`` URL.

        A database that cannot be opened raises :class:`StoreLocked` (another process holds
        the file) or :class:`StoreUnavailable` (a read-only folder, a full disk, a damaged file,
        a server that does not answer), whose message says in one sentence what is wrong and
        what to do."""
        database = PostgresDatabase.open(str(target)) if is_url(target) else DuckDBDatabase.open(target)
        store = cls(database, draft_linger, draft_batch)
        try:
            store.migrate()
        except database.errors as exc:
            database.close()
            failure = store_failure(exc, database.path)
            if failure.key == "error.store_failed":
                raise  # not the file but a migration that fails: a bug, so the database's own error
            raise failure from exc
        return store

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
                tx.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, _now()])
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
                    [_now().isoformat().ljust(self.HEALTH_PROBE_BYTES, ".")],
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

    def setting(self, key: str) -> str | None:
        row = self._cursor().execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self._transaction() as tx:
            tx.execute(
                "INSERT INTO settings VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def secret(self) -> bytes:
        """The token-signing secret, generated on first use and kept in the file."""
        if self._secret is None:
            with self._transaction() as tx:
                tx.execute(
                    "INSERT INTO settings VALUES ('token_secret', ?) ON CONFLICT DO NOTHING", [secrets.token_hex(32)]
                )
            row = self._cursor().execute("SELECT value FROM settings WHERE key = 'token_secret'").fetchone()
            self._secret = row[0].encode()
        return self._secret

    # -- sessions ---------------------------------------------------------

    def insert_session(
        self,
        code: str,
        title: str,
        statement_set: StatementSet,
        grid: Grid,
        conditions: tuple[str, ...],
        roles: tuple[str, ...] = (),
        ask_comments: bool = False,
    ) -> Session:
        with self._transaction() as tx:
            session_id = self._insert_session(tx, code, title, statement_set, grid, conditions, roles, ask_comments)
        return self.session(session_id)

    @staticmethod
    def _insert_session(
        tx: Cursor,
        code: str,
        title: str,
        statement_set: StatementSet,
        grid: Grid,
        conditions: tuple[str, ...],
        roles: tuple[str, ...],
        ask_comments: bool,
        status: str = "open",
        current_round: int = 1,
    ) -> str:
        """The session row and its code, inside the caller's transaction; returns the new id."""
        session_id, now = uuid.uuid4().hex, _now()
        tx.execute(
            "INSERT INTO sessions (id, code, title, statement_set, grid, conditions, status, created_at, "
            "roles, ask_comments, current_round) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                session_id,
                code,
                title,
                json.dumps(statement_set.to_dict(), ensure_ascii=False),
                json.dumps(grid.to_dict()),
                list(conditions),
                status,
                now,
                list(roles),
                ask_comments,
                current_round,
            ],
        )
        tx.execute("INSERT INTO session_codes VALUES (?, ?, true, ?)", [code, session_id, now])
        return session_id

    def code_exists(self, code: str) -> bool:
        return bool(self._cursor().execute("SELECT 1 FROM session_codes WHERE code = ?", [code]).fetchone())

    def session_by_code(self, code: str) -> Session:
        """The session a code belongs to, whether the code is current or retired."""
        if code not in self._code_sessions:
            row = self._cursor().execute("SELECT session_id FROM session_codes WHERE code = ?", [code]).fetchone()
            if row is None:
                raise UnknownSession(code=code)
            self._code_sessions[code] = row[0]
        return self.session(self._code_sessions[code])

    def replace_code(self, session_id: str, code: str) -> None:
        """A new join code; the old one stops admitting newcomers but keeps working for
        participants who already joined (their links carry it)."""
        with self._transaction() as tx:
            tx.execute("UPDATE session_codes SET active = false WHERE session_id = ?", [session_id])
            tx.execute("INSERT INTO session_codes VALUES (?, ?, true, ?)", [code, session_id, _now()])
            tx.execute("UPDATE sessions SET code = ? WHERE id = ?", [code, session_id])

    def sessions(self) -> list[Session]:
        rows = (
            self._cursor().execute(f"SELECT {self._SESSION_COLUMNS} FROM sessions ORDER BY created_at DESC").fetchall()
        )
        return [self._session_from_row(r) for r in rows]

    def status(self, session_id: str) -> str:
        """The session's status now (the remembered row is forgotten by any change to it)."""
        return self.session(session_id).status

    def set_status(self, session_id: str, status: str) -> None:
        self._update_session(session_id, "status", status)

    def set_reveal(self, session_id: str, view: str) -> None:
        self._update_session(session_id, "reveal", view)

    def set_pins(self, session_id: str, pins: list[int]) -> None:
        self._update_session(session_id, "pins", pins)

    def set_roles(self, session_id: str, roles: tuple[str, ...]) -> None:
        self._update_session(session_id, "roles", list(roles))

    def set_conditions(self, session_id: str, conditions: tuple[str, ...]) -> None:
        self._update_session(session_id, "conditions", list(conditions))

    def set_analysis(self, session_id: str, choice: AnalysisChoice | None) -> None:
        """Store the factor analysis chosen for the room (None forgets it)."""
        value = None if choice is None else json.dumps(asdict(choice))
        with self._transaction() as tx:
            tx.execute("UPDATE sessions SET analysis = ? WHERE id = ?", [value, session_id])

    def analysis_choice(self, session_id: str) -> AnalysisChoice | None:
        row = self._cursor().execute("SELECT analysis FROM sessions WHERE id = ?", [session_id]).fetchone()
        if row is None:
            raise UnknownSession(code=session_id)
        return choice_from_json(row[0])

    def new_round(self, session_id: str) -> int:
        """Start an empty round; earlier rounds keep their sorts. Results are hidden again."""
        with self._transaction() as tx:
            tx.execute("UPDATE sessions SET current_round = current_round + 1, reveal = '' WHERE id = ?", [session_id])
            return tx.execute("SELECT current_round FROM sessions WHERE id = ?", [session_id]).fetchone()[0]

    def set_cover(self, session_id: str, organisation: str, facilitator: str) -> None:
        """Who the session was for and who led it: the report's cover."""
        with self._transaction() as tx:
            tx.execute(
                "UPDATE sessions SET organisation = ?, facilitator = ? WHERE id = ?",
                [organisation, facilitator, session_id],
            )

    def set_set_ref(self, session_id: str, ref: str | None) -> None:
        self._update_session(session_id, "set_ref", ref)

    def code_is_active(self, code: str) -> bool:
        row = self._cursor().execute("SELECT active FROM session_codes WHERE code = ?", [code]).fetchone()
        return bool(row and row[0])

    # -- participants and sorts ---------------------------------------------

    def add_participant(self, session_id: str, participant_id: str, lang: str | None) -> None:
        """Register a participant; one already there is left as it is."""
        with self._transaction(sessions=False) as tx:
            self._register(tx, session_id, participant_id, lang)

    def import_study(
        self,
        code: str,
        title: str,
        statement_set: StatementSet,
        grid: Grid,
        conditions: tuple[str, ...],
        roles: tuple[str, ...],
        ask_comments: bool,
        sorts: list[dict[str, Any]],
        comments: list[dict[str, Any]],
        status: str = "closed",
    ) -> Session:
        """A checked imported study as a new session in ONE transaction: the session row, its
        code, participants, sorts, placements, comments and status. If any write fails, nothing
        of it is left (no empty, joinable session)."""
        rounds = [int(s.get("round") or 1) for s in sorts]
        with self._transaction() as tx:
            now = _now()
            session_id = self._insert_session(
                tx, code, title, statement_set, grid, conditions, roles, ask_comments, status, max(rounds, default=1)
            )
            self._write_sorts(tx, session_id, sorts, comments, now)
        return self.session(session_id)

    def import_sorts(
        self, session_id: str, sorts: list[dict[str, Any]], comments: list[dict[str, Any]] | None = None
    ) -> None:
        """Checked sorts into an existing session in one transaction (seeded rooms use it).
        Each sort: ``participant, round, condition, subgroup, placements {id: position}``."""
        with self._transaction() as tx:
            self._write_sorts(tx, session_id, sorts, comments or [], _now())
            rounds = [int(s.get("round") or 1) for s in sorts]
            tx.execute("UPDATE sessions SET current_round = ? WHERE id = ?", [max(rounds, default=1), session_id])

    @staticmethod
    def _write_sorts(
        tx: Cursor,
        session_id: str,
        sorts: list[dict[str, Any]],
        comments: list[dict[str, Any]],
        now: datetime,
    ) -> None:
        for who in dict.fromkeys(s["participant"] for s in sorts):
            role = next((s.get("subgroup") for s in sorts if s["participant"] == who and s.get("subgroup")), None)
            tx.execute(
                "INSERT INTO participants (session_id, participant_id, joined_at, role) VALUES (?, ?, ?, ?)",
                [session_id, who, now, role],
            )
        for sort in sorts:
            key = [session_id, int(sort.get("round") or 1), sort["participant"], sort["condition"]]
            ids = list(sort["placements"])
            tx.execute(
                "INSERT INTO placements SELECT ?, ?, ?, ?, unnest(?::INTEGER[]), unnest(?::INTEGER[])",
                [*key, ids, [sort["placements"][i] for i in ids]],
            )
            stamp = sort.get("submitted_at")
            tx.execute(
                "INSERT INTO sorts VALUES (?, ?, ?, ?, ?)",
                [*key, datetime.fromisoformat(stamp) if isinstance(stamp, str) else stamp or now],
            )
        for c in comments:
            tx.execute(
                "INSERT INTO comments VALUES (?, ?, ?, ?, ?, ?)",
                [session_id, int(c["round"]), c["participant"], c["condition"], int(c["statement_id"]), c["comment"]],
            )

    def _own(self, table: str, columns: str, session_id: str, participant_id: str, condition: str) -> list[tuple]:
        cur = self._cursor()
        key = [session_id, self._round(session_id), participant_id, condition]
        return cur.execute(f"SELECT {columns} FROM {table} {self._KEY}", key).fetchall()

    def sort_of(self, session_id: str, participant_id: str, condition: str) -> dict[int, int] | None:
        """One participant's own sort, for showing it back to that participant only."""
        return self.sorts_of(session_id, participant_id).get(condition)

    def sorts_of(self, session_id: str, participant_id: str) -> dict[str, dict[int, int]]:
        """All of one participant's sorts this round, by condition, in one query (the phone's page
        runs once per phone and reads them together)."""
        return self._by_condition("placements", "statement_id, position", session_id, participant_id)

    def comments_of(self, session_id: str, participant_id: str) -> dict[str, dict[int, str]]:
        """One participant's own comments this round, by condition."""
        return self._by_condition("comments", "statement_id, comment", session_id, participant_id)

    def _by_condition(self, table: str, columns: str, session_id: str, participant_id: str) -> dict[str, dict]:
        key = [session_id, self._round(session_id), participant_id]
        rows = self._cursor().execute(f"SELECT condition, {columns} FROM {table} {self._MEMBER}", key).fetchall()
        out: dict[str, dict] = {}
        for condition, k, v in rows:
            out.setdefault(condition, {})[k] = v
        return out

    def draft_of(self, session_id: str, participant_id: str, condition: str) -> dict[str, Any] | None:
        rows = self._own("drafts", "draft", session_id, participant_id, condition)
        return json.loads(rows[0][0]) if rows else None

    def role_of(self, session_id: str, participant_id: str) -> str | None:
        row = (
            self._cursor()
            .execute(
                "SELECT role FROM participants WHERE session_id = ? AND participant_id = ?",
                [session_id, participant_id],
            )
            .fetchone()
        )
        return row[0] if row else None

    def sort_stamp(self, session_id: str, participant_id: str, condition: str) -> str | None:
        """When this participant's sort for ``condition`` (this round) was submitted, as text;
        None before the first submit. A board editing a sort sends it back with its drafts."""
        rows = self._own("sorts", "submitted_at", session_id, participant_id, condition)
        return rows[0][0].isoformat() if rows else None

    @property
    def _started_drafts(self) -> str:
        """Participants whose draft of the round holds a card (the backends say how to see it)."""
        return f"SELECT participant_id FROM drafts WHERE session_id = $1 AND round = $2 AND {self._db.STARTED}"

    def progress(self, session_id: str, round_no: int | None = None) -> Progress:
        cur = self._cursor()
        r = self._round(session_id, round_no)
        joined, submitted, started = cur.execute(
            "SELECT (SELECT count(*) FROM participants WHERE session_id = $1), "
            "(SELECT count(DISTINCT participant_id) FROM sorts WHERE session_id = $1 AND round = $2), "
            # one per device (tabs on one phone, or a script's joins from one address, are one phone)
            "(SELECT count(DISTINCT COALESCE(pa.device, s.participant_id)) "
            f"FROM ({self._started_drafts} "
            "UNION SELECT participant_id FROM sorts WHERE session_id = $1 AND round = $2) AS s "
            "LEFT JOIN participants pa ON pa.session_id = $1 AND pa.participant_id = s.participant_id)",
            [session_id, r],
        ).fetchone()
        return Progress(joined=joined, submitted=submitted, started=started)

    def all_sorts(self, session_id: str) -> pd.DataFrame:
        """Every submitted placement of every round, for exports:
        ``participant_id, round, condition, statement_id, position, role, joined_at, submitted_at``."""
        return (
            self._cursor()
            .execute(
                "SELECT pl.participant_id, pl.round, pl.condition, pl.statement_id, pl.position, pa.role, "
                "pa.joined_at, s.submitted_at FROM placements pl "
                "JOIN sorts s USING (session_id, round, participant_id, condition) "
                "LEFT JOIN participants pa ON pa.session_id = pl.session_id AND pa.participant_id = pl.participant_id "
                "WHERE pl.session_id = ? ORDER BY s.submitted_at, pl.participant_id, pl.round, pl.condition, "
                "pl.statement_id",
                [session_id],
            )
            .df()
        )

    def all_comments(self, session_id: str) -> pd.DataFrame:
        return (
            self._cursor()
            .execute(
                "SELECT participant_id, round, condition, statement_id, comment FROM comments WHERE session_id = ? "
                "ORDER BY participant_id, round, condition, statement_id, comment",
                [session_id],
            )
            .df()
        )

    def participant_states(self, session_id: str, round_no: int | None = None) -> list[ParticipantState]:
        """Per participant (anonymous id only): conditions submitted in the round and whether they
        started sorting. Never the content of a sort."""
        cur = self._cursor()
        r = self._round(session_id, round_no)
        rows = cur.execute(
            "SELECT p.participant_id, "
            "(SELECT array_agg(condition ORDER BY condition) FROM sorts s "
            " WHERE s.session_id = p.session_id AND s.round = $2 AND s.participant_id = p.participant_id), "
            f"p.participant_id IN ({self._started_drafts}) "
            "FROM participants p WHERE p.session_id = $1 ORDER BY p.joined_at, p.participant_id",
            [session_id, r],
        ).fetchall()
        return [ParticipantState(pid, tuple(done or ()), bool(started) or bool(done)) for pid, done, started in rows]

    @staticmethod
    def _source(scope: str | None) -> tuple[str, str, list[str]]:
        """Tables to aggregate: the live sorts, or the published copy of a scope."""
        if scope is None:
            return "placements", "sorts", []
        if scope not in SCOPES:  # the scope goes into SQL text
            raise ValueError(scope)
        return "shown_placements", "shown_sorts", [scope]

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

    # -- the published copy ---------------------------------------------------

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
                tx.execute("INSERT INTO featured_comments VALUES (?, ?, ?, ?)", [session_id, r, key, _now()])

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
