"""The data lifecycle: archive, delete (nothing left in the file's bytes), and draft retention."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from review.__main__ import main
from review.config import DEFAULT_DRAFT_RETENTION_DAYS, Settings
from review.errors import UnknownSession
from review.room import live as room
from review.room.demo import demo_people
from review.room.lifecycle import (
    ConfirmationMismatch,
    Footprint,
    archive_session,
    archive_trajectory,
    archived_sessions,
    delete_session,
    delete_trajectory,
    footprint,
    purge_abandoned_drafts,
    restore_session,
    restore_trajectory,
)
from review.room.sessions import create_session, replace_code
from review.store import Session, Store
from review.studies.exports import to_csv
from review.timestamps import utc_now

# Every table with a session_id column when this was written (migrations 0001-0006); the test
# below also reads the catalogue, so a table added later is checked without being listed here.
SESSION_TABLES = {
    "session_codes",
    "participants",
    "sorts",
    "placements",
    "drafts",
    "comments",
    "shown_sorts",
    "shown_placements",
    "shown_comments",
    "featured_comments",
    "notes",
    "trajectory_sessions",
    "analysis_log",
}


def marker() -> str:
    """40 random URL-safe characters: unique per row and high in entropy, so neither DuckDB's
    dictionary nor its FSST compression can store them in any form but as they are."""
    return secrets.token_urlsafe(30)


def fill(store: Store, statement_set, grid, title: str, trajectory_id: str | None = None) -> tuple[Session, list[str]]:
    """A session with a row in every session table, and markers in its title, a statement text,
    a comment, a draft and a note (and an agreement); returns it with the markers."""
    marks = [marker() for _ in range(5)]
    first = statement_set.statements[0]
    own_set = replace(
        statement_set,
        statements=(replace(first, text={**first.text, "nl": marks[1]}), *statement_set.statements[1:]),
    )
    session = create_session(store, f"{title} {marks[0]}", own_set, grid, ("observed", "desired"), ("a", "b"), True)
    people = demo_people(own_set, grid, 6, seed=len(title))
    for k, (observed, desired, role) in enumerate(people):
        pid = f"p{k}"
        store.add_participant(session.id, pid, "nl")
        extreme = max(observed, key=observed.get)
        store.save_sort(session.id, pid, "observed", observed, {extreme: f"{marks[2]}-{k}"}, role=role)
        if k:
            store.save_sort(session.id, pid, "desired", desired)
    store.save_draft(session.id, "p0", "desired", {"rough": {"1": marks[3]}, "placed": {}})
    store.save_note(session.id, "", "note", marks[4])
    agreement = store.insert_agreement(session.id, f"Afspraak {marks[4]}", "team", "next")
    store.add_agreement_event(agreement, "done", marks[4], session.id)
    choice = {"condition": "observed", "extraction": "pca", "rotation": "varimax", "nfactors": 2}
    store.log_analysis(session.id, 1, "chosen", {**choice, "reason": marks[4], "correlation": "pearson"})
    room.refresh(store, store.session(session.id), configured=3)
    key = store.shown_comments(session.id)[0].key
    store.set_featured(session.id, key, True)
    replace_code(store, store.session(session.id))  # a retired code in session_codes
    if trajectory_id:
        store.place_session(session.id, trajectory_id, "A", 1, "")
    return store.session(session.id), marks


def rows_of(store: Store, session_id: str) -> dict[str, int]:
    """Rows per table that carry this session's id, every such table read from the catalogue."""
    cur = store._cursor()
    tables = [
        r[0]
        for r in cur.execute(
            "SELECT DISTINCT table_name FROM information_schema.columns WHERE column_name = 'session_id' "
            "AND table_schema = current_schema()"  # the test's own schema, not another test's on the server
        ).fetchall()
    ]
    sql = 'SELECT count(*) FROM "{}" WHERE session_id = ?'
    counts = {t: cur.execute(sql.format(t), [session_id]).fetchone()[0] for t in tables}
    counts["sessions"] = cur.execute("SELECT count(*) FROM sessions WHERE id = ?", [session_id]).fetchone()[0]
    return counts


def file_bytes(path: Path) -> bytes:
    wal = Path(f"{path}.wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


# -- deleting ------------------------------------------------------------------


def test_the_store_deletes_from_every_table_with_a_session_id(store: Store) -> None:
    assert set(store.session_tables()) >= SESSION_TABLES


def test_deleting_a_session_removes_every_row_of_it_and_keeps_the_others(store: Store, statement_set, grid) -> None:
    trajectory = store.insert_trajectory("Org", "Traject", "", ("A",))
    victim, _ = fill(store, statement_set, grid, "Victim", trajectory.id)
    keeper, _ = fill(store, statement_set, grid, "Keeper", trajectory.id)
    before = rows_of(store, victim.id)
    assert set(before) >= SESSION_TABLES | {"sessions"}
    assert all(n > 0 for n in before.values()), before  # the fixture fills every table: the test can fail
    kept = rows_of(store, keeper.id)
    migrations = store.applied_migrations()

    gone = delete_session(store, victim, victim.code.lower())

    assert gone == Footprint(participants=6, sorts=11, drafts=1, comments=6, notes=1, agreements=1)
    assert set(rows_of(store, victim.id).values()) == {0}
    assert rows_of(store, keeper.id) == kept
    assert store.applied_migrations() == migrations
    with pytest.raises(UnknownSession):
        store.session_by_code(victim.code)
    assert [m.session_id for m in store.meetings(trajectory.id)] == [keeper.id]
    assert store.notes(keeper.id)  # and the store still writes after the file was swapped
    store.save_note(keeper.id, "", "next", "verder")
    assert {n.kind for n in store.notes(keeper.id)} == {"note", "next"}


def test_nothing_of_a_deleted_session_remains_in_the_database_file(db_path: Path, statement_set, grid) -> None:
    store = Store.open(db_path)
    try:
        victim, marks = fill(store, statement_set, grid, "Victim")
        keeper, kept_marks = fill(store, statement_set, grid, "Keeper")
        store._cursor().execute("CHECKPOINT")
        data = file_bytes(db_path)
        # First: the markers are findable as bytes, so their absence below means something.
        assert [m for m in marks + kept_marks if m.encode() not in data] == []

        delete_session(store, victim, victim.code)
        store._cursor().execute("CHECKPOINT")

        data = file_bytes(db_path)
        assert [m for m in marks if m.encode() in data] == []
        assert [m for m in kept_marks if m.encode() not in data] == []
        assert not Path(f"{db_path}.compact").exists()
        assert store.session(keeper.id).title.endswith(kept_marks[0])
    finally:
        store.close()
    reopened = Store.open(db_path)  # the swapped file is a sound database
    try:
        assert [s.id for s in reopened.sessions()] == [keeper.id]
        assert "comment" in reopened.all_comments(keeper.id)
    finally:
        reopened.close()


def test_a_wrong_code_deletes_nothing(store: Store, statement_set, grid) -> None:
    victim, _ = fill(store, statement_set, grid, "Victim")
    before = rows_of(store, victim.id)
    for typed in ("", "ABC", victim.code[:-1] + ("A" if victim.code[-1] != "A" else "B"), "<b>x</b>"):
        with pytest.raises(ConfirmationMismatch) as caught:
            delete_session(store, victim, typed)
        assert victim.code in caught.value.message("nl")
    assert rows_of(store, victim.id) == before


def test_deleting_a_trajectory_takes_its_sessions_by_default(store: Store, statement_set, grid) -> None:
    trajectory = store.insert_trajectory("Org", "Goed Werk 2025", "", ("A",))
    inside, _ = fill(store, statement_set, grid, "Inside", trajectory.id)
    outside, _ = fill(store, statement_set, grid, "Outside")
    with pytest.raises(ConfirmationMismatch):
        delete_trajectory(store, trajectory, "Goed Werk")
    assert delete_trajectory(store, trajectory, "  goed werk 2025 ") == 1
    assert set(rows_of(store, inside.id).values()) == {0}
    assert store.trajectories() == [] and store.trajectories(archived=True) == []
    assert [s.id for s in store.sessions()] == [outside.id]


def test_deleting_a_trajectory_can_keep_its_sessions(store: Store, statement_set, grid) -> None:
    trajectory = store.insert_trajectory("Org", "T", "", ("A",))
    inside, _ = fill(store, statement_set, grid, "Inside", trajectory.id)
    assert delete_trajectory(store, trajectory, "T", with_sessions=False) == 0
    assert store.meeting_of(inside.id) is None
    assert footprint(store, inside).sorts == 11


# -- archiving -----------------------------------------------------------------


def test_archiving_closes_hides_keeps_readable_and_restores_closed(store: Store, workshop: Session) -> None:
    archive_session(store, workshop)
    archived = store.session(workshop.id)
    assert archived.archived and archived.status == "closed"
    assert room.sessions(store) == [] and [s.id for s in archived_sessions(store)] == [workshop.id]
    assert len(to_csv(store, archived, "nl").splitlines()) > 12  # reports and exports still read it
    restore_session(store, archived)
    restored = store.session(workshop.id)
    assert not restored.archived and restored.status == "closed"
    assert [s.id for s in room.sessions(store)] == [workshop.id] and archived_sessions(store) == []


def test_archiving_a_trajectory_archives_its_sessions(store: Store, statement_set, grid, workshop: Session) -> None:
    trajectory = store.insert_trajectory("Org", "T", "", ("A",))
    inside, _ = fill(store, statement_set, grid, "Inside", trajectory.id)
    archive_trajectory(store, trajectory)
    assert store.trajectory(trajectory.id).archived and store.trajectories() == []
    assert store.session(inside.id).archived and store.session(inside.id).status == "closed"
    assert [s.id for s in room.sessions(store)] == [workshop.id]  # a session outside it stays
    restore_trajectory(store, store.trajectory(trajectory.id))
    assert not store.trajectory(trajectory.id).archived
    assert not store.session(inside.id).archived and store.session(inside.id).status == "closed"


# -- retention -----------------------------------------------------------------


def _draft(store: Store, session: Session, pid: str, condition: str, age: timedelta, now) -> None:
    store.add_participant(session.id, pid, "nl")
    base = store.sort_stamp(session.id, pid, condition)  # a board editing a submitted sort sends its stamp
    assert store.save_draft(session.id, pid, condition, {"rough": {}, "placed": {}}, base)
    store._cursor().execute(
        "UPDATE drafts SET saved_at = ? WHERE session_id = ? AND participant_id = ? AND condition = ?",
        [now - age, session.id, pid, condition],
    )


def test_drafts_are_purged_after_exactly_the_retention_days(store: Store, workshop: Session) -> None:
    now = utc_now()
    _draft(store, workshop, "young", "observed", timedelta(days=30) - timedelta(minutes=1), now)
    _draft(store, workshop, "old", "observed", timedelta(days=30) + timedelta(minutes=1), now)
    assert purge_abandoned_drafts(store, 30, now) == 1
    left = store._cursor().execute("SELECT participant_id FROM drafts").fetchall()
    assert left == [("young",)]


def test_a_draft_beside_a_submitted_sort_stays(store: Store, workshop: Session) -> None:
    """demo-0001 submitted both conditions in round 1; a draft of the same key (a resubmission
    under way) is not abandoned. A young draft of a condition not yet submitted stays too."""
    now = utc_now()
    _draft(store, workshop, "demo-0001", "observed", timedelta(days=90), now)
    _draft(store, workshop, "fresh", "desired", timedelta(days=2), now)
    assert purge_abandoned_drafts(store, 30, now) == 0
    assert store._cursor().execute("SELECT count(*) FROM drafts").fetchone()[0] == 2


def test_zero_days_purges_nothing(store: Store, workshop: Session) -> None:
    now = utc_now()
    _draft(store, workshop, "old", "observed", timedelta(days=3650), now)
    assert purge_abandoned_drafts(store, 0, now) == 0


@pytest.mark.parametrize(
    ("value", "days"),
    [
        (None, DEFAULT_DRAFT_RETENTION_DAYS),
        ("", DEFAULT_DRAFT_RETENTION_DAYS),
        ("7", 7),
        (" 14 ", 14),
        ("0", 0),
        ("-3", DEFAULT_DRAFT_RETENTION_DAYS),
        ("1.5", DEFAULT_DRAFT_RETENTION_DAYS),
        ("thirty", DEFAULT_DRAFT_RETENTION_DAYS),
    ],
)
def test_the_retention_setting_falls_back_to_the_default_on_bad_values(value: str | None, days: int) -> None:
    env = {} if value is None else {"REVIEW_DRAFT_RETENTION_DAYS": value}
    assert Settings.from_env(env).draft_retention_days == days


def test_purge_command(db_path: Path, capsys) -> None:
    store = Store.open(db_path)
    session = create_session(store, "S", *_set_and_grid())
    _draft(store, session, "old", "observed", timedelta(days=10), utc_now())
    store.close()
    assert main(["purge", "--days", "30", "--db", str(db_path)]) == 0
    assert main(["purge", "--days", "7", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("purged 0 ") and out[1].startswith("purged 1 ")
    with pytest.raises(SystemExit):
        main(["purge", "--days", "-1", "--db", str(db_path)])


def _set_and_grid():
    from review.content.grid import load_grid
    from review.content.statements import load_statement_set

    return load_statement_set(), load_grid()


# -- the controls --------------------------------------------------------------


def _session_controls(session_id: str) -> None:
    from ui import state
    from ui.screens.lifecycle_view import session_lifecycle

    session_lifecycle(state.store().session(session_id), "en")


def _archive_list() -> None:
    from ui.screens.lifecycle_view import archived_sessions

    archived_sessions("nl")


def test_the_delete_control_refuses_a_wrong_code(shared_store: Store, workshop_in_app: Session) -> None:
    at = AppTest.from_function(_session_controls, args=(workshop_in_app.id,), default_timeout=30).run()
    assert "12 participants, 24 sorts" in at.warning[0].value
    at.text_input(key=f"lc_code_{workshop_in_app.id}").input("WRONG1")
    at.button(key=f"lc_delete_{workshop_in_app.id}").click().run()
    assert "does not match" in at.error[0].value and "Nothing was deleted" in at.error[0].value
    assert shared_store.session(workshop_in_app.id).id == workshop_in_app.id
    assert footprint(shared_store, workshop_in_app).sorts == 24


def test_the_delete_control_deletes_with_the_right_code(shared_store: Store, workshop_in_app: Session) -> None:
    at = AppTest.from_function(_session_controls, args=(workshop_in_app.id,), default_timeout=30)
    at.query_params["session"] = workshop_in_app.code
    at.run()
    at.text_input(key=f"lc_code_{workshop_in_app.id}").input(workshop_in_app.code)
    at.button(key=f"lc_delete_{workshop_in_app.id}").click().run()
    assert "session" not in at.query_params
    assert shared_store.sessions() == []


def test_the_archive_list_and_its_restore_button(shared_store: Store, workshop_in_app: Session) -> None:
    at = AppTest.from_function(_archive_list, default_timeout=30).run()
    assert "geen gearchiveerde sessies" in at.info[0].value
    archive_session(shared_store, workshop_in_app)
    at.run()
    at.button(key=f"lc_unarchive_{workshop_in_app.id}").click().run()
    assert not shared_store.session(workshop_in_app.id).archived


@pytest.fixture
def workshop_in_app(shared_store: Store) -> Session:
    from review.room.demo import create_demo_session

    return create_demo_session(shared_store, participants=12, seed=7, title="Workshop")
