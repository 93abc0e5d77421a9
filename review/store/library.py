"""Store rows for content: the statement set library (sets, grids, themes).

A set is never changed in place: every save adds a version, so a session made from an older
version (it keeps its own snapshot and ``set_ref`` "id@version") is never changed under it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from review.content.grid import Grid
from review.content.statements import StatementSet
from review.errors import ReviewError
from review.store.base import StoreBase
from review.timestamps import utc_now


@dataclass(frozen=True)
class LibraryEntry:
    """The latest version of a library set, with what the library list shows about it."""

    id: str
    version: int
    statement_set: StatementSet
    grid: Grid
    saved_at: datetime
    versions: int  # how many versions were saved
    sessions: int  # sessions made from any version of it
    archived: bool


@dataclass(frozen=True)
class SetVersion:
    version: int
    saved_at: datetime
    statements: int


class LibraryRows(StoreBase):
    """Statement sets as versioned content (table ``statement_sets``)."""

    def save_statement_set(self, statement_set: StatementSet, grid: Grid) -> int:
        """Save ``statement_set`` with its grid as the next version of its id; returns that version.
        A saved set is in the library again (not archived)."""
        with self._transaction() as tx:
            (latest,) = tx.execute(
                "SELECT coalesce(max(version), 0) FROM statement_sets WHERE id = ?", [statement_set.id]
            ).fetchone()
            tx.execute(
                "INSERT INTO statement_sets VALUES (?, ?, ?, ?, ?, false)",
                [
                    statement_set.id,
                    latest + 1,
                    json.dumps(statement_set.to_dict(), ensure_ascii=False),
                    json.dumps(grid.to_dict()),
                    utc_now(),
                ],
            )
            tx.execute("UPDATE statement_sets SET archived = false WHERE id = ?", [statement_set.id])
        return latest + 1

    def library_set(self, set_id: str, version: int | None = None) -> tuple[StatementSet, Grid, int]:
        """One version of a library set (the latest by default) with its grid and version number."""
        row = (
            self._cursor()
            .execute(
                "SELECT doc, grid, version FROM statement_sets WHERE id = ? AND (?::INTEGER IS NULL OR version = ?) "
                "ORDER BY version DESC LIMIT 1",
                [set_id, version, version],
            )
            .fetchone()
        )
        if row is None:
            raise ReviewError("library.unknown_set", set=set_id if version is None else f"{set_id}@{version}")
        return StatementSet.from_dict(json.loads(row[0])), Grid.from_dict(json.loads(row[1])), row[2]

    def statement_set_versions(self, set_id: str) -> list[SetVersion]:
        """Every saved version of a set, newest first."""
        rows = (
            self._cursor()
            .execute(
                "SELECT version, saved_at, json_array_length(doc -> 'statements') FROM statement_sets "
                "WHERE id = ? ORDER BY version DESC",
                [set_id],
            )
            .fetchall()
        )
        return [SetVersion(r[0], r[1], int(r[2])) for r in rows]

    def library_sets(self, include_archived: bool = False) -> list[LibraryEntry]:
        """The latest version of every library set, by name; archived sets only when asked."""
        rows = (
            self._cursor()
            .execute(
                "WITH latest AS (SELECT *, count(*) OVER (PARTITION BY id) AS versions, "
                "row_number() OVER (PARTITION BY id ORDER BY version DESC) AS nr FROM statement_sets) "
                "SELECT l.id, l.version, l.doc, l.grid, l.saved_at, l.versions, l.archived, "
                "(SELECT count(*) FROM sessions s WHERE starts_with(s.set_ref, l.id || '@')) "
                "FROM latest l WHERE nr = 1 AND (?::BOOLEAN OR NOT l.archived) ORDER BY l.id",
                [include_archived],
            )
            .fetchall()
        )
        entries = [
            LibraryEntry(
                id=r[0],
                version=r[1],
                statement_set=StatementSet.from_dict(json.loads(r[2])),
                grid=Grid.from_dict(json.loads(r[3])),
                saved_at=r[4],
                versions=r[5],
                sessions=r[7],
                archived=bool(r[6]),
            )
            for r in rows
        ]
        return sorted(entries, key=lambda e: (e.archived, e.statement_set.name.get("nl", e.id).casefold()))

    def archive_statement_set(self, set_id: str, archived: bool = True) -> None:
        """Hide a set from the new-session form (or bring it back); its versions and sessions stay."""
        with self._transaction() as tx:
            tx.execute("UPDATE statement_sets SET archived = ? WHERE id = ?", [archived, set_id])

    def sessions_using_set(self, set_id: str) -> int:
        """How many sessions were made from any version of the set."""
        (n,) = (
            self._cursor()
            .execute("SELECT count(*) FROM sessions WHERE starts_with(set_ref, ?)", [f"{set_id}@"])
            .fetchone()
        )
        return n
