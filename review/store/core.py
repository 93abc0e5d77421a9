"""The store's interface: :class:`Store`, every topic of the store in one object.

Each topic is a subclass of :class:`review.store.base.StoreBase` in a module of its own, with its
SQL; here they are put together, and a store is opened on its database and migrated.
"""

from __future__ import annotations

from pathlib import Path

from review.faults import store_failure
from review.store.admission import AdmissionRows
from review.store.agreements import AgreementRows
from review.store.analysis import AnalysisRows
from review.store.backend_duckdb import DuckDBDatabase
from review.store.backend_postgres import PostgresDatabase, is_url
from review.store.content import ContentRows
from review.store.discussion import DiscussionRows
from review.store.group_commit import GroupCommit
from review.store.guesses import GuessRows
from review.store.imports import ImportRows
from review.store.library import LibraryRows
from review.store.lifecycle import LifecycleRows
from review.store.phones import DRAFT_BATCH, PhoneRows
from review.store.published import PublishedRows
from review.store.schema import SchemaRows
from review.store.sessions import SessionRows
from review.store.settings import SettingRows
from review.store.sorts import SortRows
from review.store.trajectories import NoteRows, TrajectoryRows


class Store(
    SchemaRows,
    SettingRows,
    SessionRows,
    ImportRows,
    PhoneRows,
    SortRows,
    PublishedRows,
    DiscussionRows,
    AnalysisRows,
    AdmissionRows,
    LibraryRows,
    ContentRows,
    TrajectoryRows,
    NoteRows,
    AgreementRows,
    LifecycleRows,
    GuessRows,
):
    """Persistence of sessions, participants and sorts, in a DuckDB file or a PostgreSQL database."""

    def __init__(
        self,
        database: DuckDBDatabase | PostgresDatabase,
        draft_linger: float = 0.0,
        draft_batch: int = DRAFT_BATCH,
    ) -> None:
        super().__init__(database)
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
