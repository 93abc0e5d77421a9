"""Rows written under every earlier schema survive every later migration, on both backends.

A workshop with something in every table is made on today's schema (the reference). Then, for each
earlier schema k: a fresh database gets only the first k migrations, the reference's rows go in as
far as that schema has their tables and columns, the app's store opens it (running the rest), and
every row comes back with what it had; the store then reads the sessions as the app does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from review.analysis.viewpoints import choose
from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.library.statement_sets import save_set
from review.room import admission
from review.room.demo import create_demo_session, demo_people
from review.room.live import refresh
from review.room.sessions import create_session, join_from, save_draft, submit_sort
from review.store import Store, migrations
from review.trajectories.agreements import make_agreement, set_status
from review.trajectories.trajectory import create_trajectory, place_session
from review.views.discussion import save_note
from tests.conftest import fresh_database
from tests.pages.room_states import columns_of

NAMES = [name for name, _ in migrations.MIGRATIONS]


@contextmanager
def opened(target: str, upto: int | None = None) -> Iterator[Store]:
    """The app's store on ``target``, migrated through the first ``upto`` migrations (all: None)."""
    every = migrations.MIGRATIONS
    migrations.MIGRATIONS = every if upto is None else every[:upto]
    try:
        store = Store.open(target)
    finally:
        migrations.MIGRATIONS = every
    try:
        yield store
    finally:
        store.close()


def columns(store: Store) -> dict[str, list[str]]:
    """Each table of the store's schema with its columns, as the catalogue lists them."""
    rows = (
        store._cursor()
        .execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        )
        .fetchall()
    )
    found: dict[str, list[str]] = {}
    for table, column in rows:
        found.setdefault(table, []).append(column)
    found.pop("schema_migrations", None)
    return found


def rows(store: Store, table: str, names: list[str]) -> set[tuple]:
    picked = ", ".join(f'"{n}"' for n in names)
    return {
        tuple(_plain(v) for v in row) for row in store._cursor().execute(f"SELECT {picked} FROM {table}").fetchall()
    }


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def reference(store: Store) -> None:
    """A workshop that leaves rows in every table of today's schema (the test checks it does)."""
    statement_set, grid = load_statement_set(), load_grid()
    demo = create_demo_session(store, participants=6, seed=3, title="Workshop")
    store.set_reveal(demo.id, "heatmap")
    store.set_pins(demo.id, [1, 2])
    choose(store, demo, "observed", "pca", "varimax", 2)
    refresh(store, demo)
    store.set_featured(demo.id, "observed:3:1", True)
    save_note(store, demo, "", "next", "Afspraak: elke vrijdag")
    other = create_session(store, "Team", statement_set, grid, ("observed",), ("arts", "verpleging"), True)
    admission.set_group_size(store, other, 8)
    secret = store.secret()
    people = demo_people(statement_set, grid, 4, seed=5)
    tokens = []
    for _ in people:  # all in the room before the first sort (a later phone would not count for it)
        device = admission.device_key(secret, other.id, admission.new_device_cookie(secret), "10.0.0.1")
        tokens.append(join_from(store, other, device, "nl")[0])
    for k, (token, (sort, _, _)) in enumerate(zip(tokens, people, strict=True)):
        if k < 3:  # three sorts with a comment each: published, comments and all
            edge = max(sort, key=sort.get)  # a card in the outer column: comments go there
            submit_sort(store, other, token, "observed", columns_of(sort), {str(edge): f"Zo is het ({k})"}, "arts")
        else:  # one still sorting
            save_draft(store, other, token, "observed", {"stage": "rough", "rough": {"1": 1}, "placed": {}})
    refresh(store, other)
    save_set(store, statement_set, grid, None)
    store.save_content("questions", {"points": []})
    trajectory = create_trajectory(store, "Zorg Noord", "Traject", "Anna", "Team A")
    place_session(store, trajectory, demo, "Team A", 1, "")
    set_status(store, demo, make_agreement(store, demo, "Wij vragen feedback", "teamleider"), "done", "Gedaan")
    store.spend_guess("code", "10.0.0.9", 5, 10.0, 1_000.0)


@pytest.mark.parametrize("backend", ["duckdb", "postgresql"])
def test_rows_of_every_earlier_schema_come_through_every_later_migration(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path / "reference.duckdb") as target, opened(target) as store:
        reference(store)
        final = columns(store)
        kept = {table: rows(store, table, names) for table, names in final.items()}
        sessions = {s.id: s for s in store.sessions_by_archive(False)}
        sorts = len(store.all_sorts(next(iter(sessions))))
    assert all(kept.values()), f"tables the reference leaves empty: {[t for t, r in kept.items() if not r]}"
    for k in range(1, len(NAMES)):
        with fresh_database(backend, tmp_path / f"at-{k}.duckdb") as target:
            with opened(target, upto=k) as old:
                schema = columns(old)
                assert set(schema) <= set(final), f"{NAMES[k - 1]}: a table that no longer exists"
                for table, names in schema.items():
                    common = [n for n in names if n in final[table]]
                    picks = [final[table].index(n) for n in common]
                    marks = ", ".join("?" for _ in common)
                    listed = ", ".join(f'"{n}"' for n in common)
                    with old._transaction() as tx:
                        for row in kept[table]:
                            values = [list(row[i]) if isinstance(row[i], tuple) else row[i] for i in picks]
                            tx.execute(
                                f"INSERT INTO {table} ({listed}) VALUES ({marks}) ON CONFLICT DO NOTHING", values
                            )
                carried = {
                    table: rows(old, table, [n for n in names if n in final[table]]) for table, names in schema.items()
                }
            with opened(target) as new:
                assert new.applied_migrations() == NAMES
                for table, names in schema.items():
                    common = [n for n in names if n in final[table]]
                    assert rows(new, table, common) == carried[table], f"{table}, written under {NAMES[k - 1]}"
                assert {s.id for s in new.sessions_by_archive(False)} == set(sessions), NAMES[k - 1]
                assert len(new.all_sorts(next(iter(sessions)))) == sorts, NAMES[k - 1]
