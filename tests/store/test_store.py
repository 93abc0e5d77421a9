import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review.content.grid import Grid
from review.errors import StoreLocked, UnknownSession
from review.room.sessions import create_session
from review.store import Store
from review.store.migrations import MIGRATIONS
from tests.content.test_grid import valid_sort


def test_a_new_file_is_created_and_migrated(db_path: Path) -> None:
    assert not db_path.exists()
    store = Store.open(db_path)
    assert db_path.exists()
    assert store.applied_migrations() == [name for name, _ in MIGRATIONS]
    assert store.health() == {
        "database": "ok",
        "write": "ok",
        "read": "ok",
        "sessions": 0,
        "migrations": len(MIGRATIONS),
    }
    store.close()


def test_reopening_an_existing_file_keeps_data_and_applies_nothing_twice(db_path: Path, workshop_factory) -> None:
    code = workshop_factory(db_path)
    store = Store.open(db_path)
    assert store.migrate() == []
    assert store.sort_count(store.session_by_code(code).id, "observed") == 12
    store.close()


def test_a_file_from_before_a_migration_is_brought_up_to_date(db_path: Path, monkeypatch) -> None:
    con = duckdb.connect(str(db_path))
    con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    con.close()
    monkeypatch.setattr(
        "review.store.migrations.MIGRATIONS", [*MIGRATIONS, ("9999_test_extra", ["CREATE TABLE extra (x INT)"])]
    )
    store = Store.open(db_path)
    assert store.applied_migrations()[-1] == "9999_test_extra"
    assert store._cursor().execute("SELECT count(*) FROM extra").fetchone() == (0,)
    store.close()


def test_a_failing_migration_leaves_no_half_schema(db_path: Path, monkeypatch) -> None:
    Store.open(db_path).close()
    broken = [*MIGRATIONS, ("9999_broken", ["CREATE TABLE half (x INT)", "THIS IS NOT SQL"])]
    monkeypatch.setattr("review.store.migrations.MIGRATIONS", broken)
    with pytest.raises(duckdb.Error):
        Store.open(db_path)
    monkeypatch.setattr("review.store.migrations.MIGRATIONS", MIGRATIONS)
    store = Store.open(db_path)
    assert "9999_broken" not in store.applied_migrations()
    assert not store._cursor().execute("SELECT * FROM duckdb_tables() WHERE table_name = 'half'").fetchall()
    store.close()


def test_a_second_process_gets_a_plain_message(db_path: Path) -> None:
    held = Store.open(db_path)  # a DuckDB file: one process at a time
    script = (
        "from review.store import Store\nfrom review.errors import StoreLocked\n"
        f"try:\n    Store.open({str(db_path)!r})\nexcept StoreLocked as e:\n    print('LOCKED', e)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    held.close()
    assert out.stdout.startswith("LOCKED The database"), out.stderr
    assert StoreLocked(path="x").message("nl").startswith("De database x is in gebruik")


def test_sort_round_trip_and_replace_on_resubmit(store: Store, session, grid: Grid) -> None:
    ids = session.statement_set.ids
    first = valid_sort(grid, ids)
    second = valid_sort(grid, list(reversed(ids)))
    store.save_sort(session.id, "p1", "observed", first)
    assert store.sort_of(session.id, "p1", "observed") == first
    store.save_sort(session.id, "p1", "observed", second)
    assert store.sort_of(session.id, "p1", "observed") == second
    assert store.sort_count(session.id, "observed") == 1
    assert int(store.position_counts(session.id, "observed")["n"].sum()) == 50
    assert store.progress(session.id).submitted == 1


def test_unknown_sessions(store: Store) -> None:
    with pytest.raises(UnknownSession):
        store.session_by_code("ABCDEF")
    with pytest.raises(UnknownSession):
        store.session("nope")


def test_a_code_once_looked_up_stops_working_when_its_session_is_deleted(
    store: Store, session, statement_set, grid
) -> None:
    assert store.session_by_code(session.code).id == session.id  # remembered from here on
    store.delete_sessions([session.id])
    with pytest.raises(UnknownSession):
        store.session_by_code(session.code)
    reused = store.insert_session(session.code, "Again", statement_set, grid, ("observed",))  # the freed code
    assert store.session_by_code(session.code).id == reused.id != session.id


def test_a_remembered_session_is_read_again_after_any_change_to_a_session(store: Store, session) -> None:
    first = store.session(session.id)
    remembered = store.kind == "duckdb"  # PostgreSQL: other processes write too, so it is read every time
    assert (store.session(session.id) is first) == remembered
    store.save_draft(session.id, "p1", "observed", {"rough": {"1": 1}})
    store.save_sort(session.id, "p2", "observed", {})
    store.add_participant(session.id, "p3", "nl")
    assert (store.session(session.id) is first) == remembered  # a phone's writes change no session row
    assert store.session(session.id) == first
    store.set_status(session.id, "paused")
    assert store.session(session.id).status == "paused"
    assert store.session_by_code(session.code).status == "paused"
    store.set_pins(session.id, [3, 1])
    assert store.session(session.id).pins == (3, 1)
    store.delete_sessions([session.id])
    with pytest.raises(UnknownSession):
        store.session(session.id)


def test_a_session_read_while_a_change_commits_is_not_remembered(store: Store, session, monkeypatch) -> None:
    """A page reads the old row while the facilitator's pause commits: that row is not kept."""
    original = store._cursor
    raced = []

    class Racing:
        def __init__(self) -> None:
            self.cursor = original()

        def execute(self, *args):
            result = self.cursor.execute(*args)
            if not raced:  # the pause commits after the read's query, before its row is kept
                raced.append(True)
                monkeypatch.setattr(store, "_cursor", original)
                store.set_status(session.id, "paused")
            return result

    store.set_pins(session.id, [])  # any change: the session is not remembered now
    monkeypatch.setattr(store, "_cursor", Racing)
    assert store.session(session.id).status == "open"  # what the read saw
    assert raced
    assert store.session(session.id).status == "paused"


def test_concurrent_submissions_from_threads(store: Store, session, grid: Grid) -> None:
    ids = session.statement_set.ids
    errors: list[Exception] = []

    def submit(k: int) -> None:
        try:
            for _ in range(3):
                store.save_sort(session.id, f"p{k}", "observed", valid_sort(grid, ids[k:] + ids[:k]))
                store.position_counts(session.id, "observed")
        except Exception as exc:  # collected, then asserted empty
            errors.append(exc)

    threads = [threading.Thread(target=submit, args=(k,)) for k in range(12)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert store.sort_count(session.id, "observed") == 12
    assert int(store.position_counts(session.id, "observed")["n"].sum()) == 12 * 50


def test_the_secret_is_made_once_and_kept(db_path: Path) -> None:
    store = Store.open(db_path)
    secret = store.secret()
    assert len(secret) == 64 and store.secret() == secret
    store.close()
    store = Store.open(db_path)
    assert store.secret() == secret
    store.close()


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_property_store_round_trip_is_lossless(tmp_path_factory, data) -> None:
    from review.content.grid import load_grid
    from review.room.demo import forced_sort

    grid = load_grid()
    scores = data.draw(st.lists(st.floats(-5, 5, allow_nan=False), min_size=50, max_size=50))
    sort = forced_sort(dict(zip(range(1, 51), scores, strict=False)), grid)
    store = Store.open(":memory:")
    store.save_sort("s", "p", "observed", sort)
    assert store.sort_of("s", "p", "observed") == sort
    store.close()


def test_processes_sharing_a_postgresql_database_see_each_others_changes_at_once(statement_set, grid) -> None:
    """Two stores on one PostgreSQL database, as two app processes: what one writes (a pause, a
    reveal, pins, a new code, a sort, the secrets) the other reads at its next call."""
    from tests.conftest import postgres_schema

    with postgres_schema() as url:
        one, two = Store.open(url), Store.open(url)
        try:
            session = create_session(one, "Twee processen", statement_set, grid)
            assert two.session_by_code(session.code).status == "open"
            one.set_status(session.id, "paused")
            one.set_reveal(session.id, "heatmap")
            one.set_pins(session.id, [4, 2])
            assert (two.status(session.id), two.session(session.id).reveal) == ("paused", "heatmap")
            assert two.session(session.id).pins == (4, 2)
            one.set_status(session.id, "open")
            two.save_sort(session.id, "p1", "observed", valid_sort(grid, statement_set.ids))
            assert one.sort_count(session.id, "observed") == 1
            assert one.progress(session.id).submitted == 1
            assert one.secret() == two.secret()
            one.new_round(session.id)
            assert two.session(session.id).current_round == 2
            one.delete_sessions([session.id])
            with pytest.raises(UnknownSession):
                two.session_by_code(session.code)
        finally:
            one.close()
            two.close()


def test_the_conditional_update_changes_only_from_the_status_named(store: Store, session) -> None:
    assert not store.change_status(session.id, "paused", "open")  # it is open, not paused
    assert store.status(session.id) == "open"
    assert store.change_status(session.id, "open", "paused")
    assert store.status(session.id) == "paused"
    assert not store.change_status(session.id, "open", "closed")
    assert store.status(session.id) == "paused"
