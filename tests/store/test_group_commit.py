"""Group commit: every caller gets its own outcome, batches form when callers wait together,
and the drafts written in one batch obey the same rules as a draft written alone."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

import pytest

from review.room.sessions import create_session
from review.store import Store
from review.store.group_commit import GroupCommit
from review.store.phones import DraftWrite


def test_one_caller_alone_is_a_batch_of_one() -> None:
    seen: list[list[int]] = []
    commit = GroupCommit(threading.Lock(), lambda items: seen.append(list(items)) or [i * 2 for i in items])
    assert commit(21) == 42
    assert seen == [[21]] and (commit.batches, commit.items) == (1, 1)


def test_callers_that_wait_for_the_lock_together_are_written_in_one_batch() -> None:
    lock = threading.Lock()
    seen: list[list[int]] = []
    commit = GroupCommit(lock, lambda items: seen.append(list(items)) or [i * 2 for i in items])
    results: dict[int, int] = {}
    threads = [threading.Thread(target=lambda k=k: results.__setitem__(k, commit(k))) for k in range(20)]
    with lock:  # a long write holds the lock: the first caller waits for it with its own item
        for th in threads:
            th.start()
        while len(commit._queue) < 19:  # the other nineteen wait for their turn, not for the lock
            threading.Event().wait(0.001)
    for th in threads:
        th.join()
    assert results == {k: 2 * k for k in range(20)}  # each caller its own answer
    assert sorted(i for batch in seen for i in batch) == list(range(20))  # each item written once
    assert [len(b) for b in seen] == [1, 19]  # the first alone, everything queued meanwhile in one batch


def test_a_failing_item_fails_only_its_own_caller() -> None:
    def write(items: Sequence[int]) -> list[int]:
        if 13 in items:
            raise ValueError("thirteen")
        return list(items)

    lock = threading.Lock()
    commit = GroupCommit(lock, write)
    outcomes: dict[int, object] = {}

    def call(k: int) -> None:
        try:
            outcomes[k] = commit(k)
        except ValueError as exc:
            outcomes[k] = exc

    threads = [threading.Thread(target=call, args=(k,)) for k in (11, 12, 13, 14)]
    with lock:
        for th in threads:
            th.start()
        while len(commit._queue) < 3:
            threading.Event().wait(0.001)
    for th in threads:
        th.join()
    assert isinstance(outcomes.pop(13), ValueError)
    assert outcomes == {11: 11, 12: 12, 14: 14}
    assert commit.items == 3  # the good ones, written once each


def wait_until(condition: Callable[[], bool], limit: float = 60.0) -> None:
    """Wait for a state, not for a time (``limit`` only ends a test that would hang)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "the state never came"
        threading.Event().wait(0.001)


def _one_after_another(commit: GroupCommit, keys: range, arrived: Callable[[int, dict], bool]) -> dict[int, int]:
    """Callers that come one after another, never together: each starts once ``arrived(k, results)``
    says the caller before it has got where it goes (written, or queued)."""
    results: dict[int, int] = {}
    threads = {k: threading.Thread(target=lambda k=k: results.__setitem__(k, commit(k))) for k in keys}
    for k, th in threads.items():
        th.start()
        wait_until(lambda k=k: arrived(k, results))
    for th in threads.values():
        th.join()
    return results


def test_a_lingering_writer_gathers_callers_that_arrive_one_after_another() -> None:
    alone: list[list[int]] = []
    gathered: list[list[int]] = []
    plain = GroupCommit(threading.Lock(), lambda items: alone.append(list(items)) or list(items))
    lingering = GroupCommit(
        threading.Lock(), lambda items: gathered.append(list(items)) or list(items), linger=60.0, full=6
    )
    written = _one_after_another(plain, range(6), lambda k, results: k in results)  # each after the last's write
    queued = _one_after_another(lingering, range(6), lambda k, results: len(lingering._queue) > k or k in results)
    assert written == queued == {k: k for k in range(6)}
    assert [len(b) for b in alone] == [1] * 6  # each write was over before the next caller came
    assert gathered == [[0, 1, 2, 3, 4, 5]]  # the first waited for company, in order of arrival


def test_a_full_queue_ends_the_linger() -> None:
    seen: list[list[int]] = []
    commit = GroupCommit(threading.Lock(), lambda items: seen.append(list(items)) or list(items), linger=600.0, full=3)
    done = threading.Event()
    worker = threading.Thread(target=lambda: (_one_after_another(commit, range(3), lambda k, r: True), done.set()))
    worker.start()
    assert done.wait(60), "the third caller filled the batch: nobody waits the ten minutes"
    assert seen == [[0, 1, 2]]


def test_a_lone_lingering_caller_is_written_after_the_linger() -> None:
    seen: list[list[int]] = []
    commit = GroupCommit(threading.Lock(), lambda items: seen.append(list(items)) or list(items), linger=0.05)
    assert commit(7) == 7 and commit(8) == 8
    assert seen == [[7], [8]]


# -- drafts written together ------------------------------------------------------------


def _draft(k: int) -> dict:
    return {"stage": "fine", "rough": {"1": 1}, "placed": {str(k % 50 + 1): 2}, "comments": {}, "updated": k}


def _write(store: Store, items: list[DraftWrite]) -> list[bool]:
    with store._write_lock:
        return store._write_drafts(items)


def _item(session_id: str, pid: str, k: int, base: str | None = None, condition: str = "observed") -> DraftWrite:
    import json

    return DraftWrite(session_id, pid, condition, json.dumps(_draft(k)), base)


@pytest.fixture
def two_sessions(store: Store, statement_set, grid):
    first = create_session(store, "Een", statement_set, grid, conditions=("observed", "desired"))
    second = create_session(store, "Twee", statement_set, grid)
    return first, second


def test_a_batch_inserts_and_updates_across_sessions_and_conditions(store: Store, two_sessions) -> None:
    first, second = two_sessions
    store.save_draft(first.id, "a", "observed", _draft(0))  # already has a row: updated
    items = [
        _item(first.id, "a", 1),
        _item(first.id, "a", 2, condition="desired"),
        _item(first.id, "b", 3),
        _item(second.id, "a", 4),
    ]
    assert _write(store, items) == [True, True, True, True]
    assert store.draft_of(first.id, "a", "observed")["updated"] == 1
    assert store.draft_of(first.id, "a", "desired")["updated"] == 2
    assert store.draft_of(first.id, "b", "observed")["updated"] == 3
    assert store.draft_of(second.id, "a", "observed")["updated"] == 4


def test_in_a_batch_the_later_draft_of_one_phone_is_kept(store: Store, session) -> None:
    assert _write(store, [_item(session.id, "a", 1), _item(session.id, "b", 2), _item(session.id, "a", 3)]) == [
        True,
        True,
        True,
    ]
    assert store.draft_of(session.id, "a", "observed")["updated"] == 3


def test_a_batch_refuses_what_a_single_draft_would(store: Store, two_sessions) -> None:
    """A paused session, a board from before the latest submit, an unknown session: refused,
    each on its own, while the rest of the batch is stored."""
    first, second = two_sessions
    store.set_status(second.id, "paused")
    grid, ids = first.grid, first.statement_set.ids
    from tests.content.test_grid import valid_sort

    store.save_sort(first.id, "sent", "observed", valid_sort(grid, ids))
    stamp = store.sort_stamp(first.id, "sent", "observed")
    items = [
        _item(second.id, "x", 1),  # paused
        _item(first.id, "sent", 2),  # the board opened before the submit: base None
        _item(first.id, "sent", 3, base=stamp),  # the board opened after it
        _item("no-such-session", "y", 4),
        _item(first.id, "fresh", 5, base="2020-01-01T00:00:00"),  # claims a submit there never was
        _item(first.id, "fresh", 6),
    ]
    assert _write(store, items) == [False, False, True, False, False, True]
    alone = [store.save_draft(i.session_id, i.participant_id, i.condition, _draft(0), i.base) for i in items]
    assert alone == [False, False, True, False, False, True]  # the same verdicts one at a time
    assert store.draft_of(second.id, "x", "observed") is None


def test_phones_saving_at_once_share_transactions_and_lose_nothing(store: Store, session) -> None:
    phones, rounds = 24, 5
    errors: list[Exception] = []
    start = threading.Barrier(phones)

    def phone(k: int) -> None:
        try:
            start.wait()
            for r in range(rounds):
                assert store.save_draft(session.id, f"p{k}", "observed", _draft(1000 * k + r))
        except Exception as exc:  # collected, then asserted empty
            errors.append(exc)

    threads = [threading.Thread(target=phone, args=(k,)) for k in range(phones)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    for k in range(phones):
        assert store.draft_of(session.id, f"p{k}", "observed")["updated"] == 1000 * k + rounds - 1
    commits = store._draft_writes
    assert commits.items == phones * rounds
    assert commits.batches < commits.items  # some drafts shared a transaction


# -- sorts written together ---------------------------------------------------------------


def _tables(store: Store) -> dict[str, list[tuple]]:
    """Every row a sort writes, less the times (a batch stamps its sorts with one clock reading)."""
    cur = store._cursor()
    queries = {
        "participants": "SELECT participant_id, role FROM participants",
        "sorts": "SELECT round, participant_id, condition FROM sorts",
        "placements": "SELECT round, participant_id, condition, statement_id, position FROM placements",
        "comments": "SELECT round, participant_id, condition, statement_id, comment FROM comments",
        "drafts": "SELECT participant_id, condition FROM drafts",
    }
    return {name: sorted(cur.execute(sql).fetchall()) for name, sql in queries.items()}


def test_sorts_written_in_one_batch_leave_what_they_leave_one_at_a_time(tmp_path, statement_set, grid) -> None:
    from tests.content.test_grid import valid_sort

    ids = statement_set.ids
    stores = []
    for name in ("batch", "alone"):
        store = Store.open(tmp_path / f"{name}.duckdb")
        session = create_session(
            store, "Rollen", statement_set, grid, conditions=("observed", "desired"), roles=("arts", "verpleging")
        )
        store._cursor().execute("UPDATE sessions SET id = 'S' WHERE id = ?", [session.id])  # the same id in both files
        store._cursor().execute("UPDATE session_codes SET session_id = 'S'")
        store._sessions.clear()  # changed behind the store's back: forget what it read
        store._code_sessions.clear()
        store.add_participant("S", "joined", "nl")
        store.save_draft("S", "joined", "observed", _draft(1))
        store.save_draft("S", "again", "observed", _draft(2))
        store.save_sort("S", "again", "observed", valid_sort(grid, ids), {ids[0]: "eerst"}, "arts")
        store.save_draft("S", "again", "observed", _draft(3), store.sort_stamp("S", "again", "observed"))
        stores.append(store)
    from review.store.phones import SortWrite

    def write(k: int, pid: str, condition: str, comments: dict, role: str | None) -> SortWrite:
        placed = valid_sort(grid, ids[k:] + ids[:k])
        return SortWrite("S", pid, condition, tuple(placed.items()), tuple(comments.items()), role)

    items = [
        write(1, "joined", "observed", {ids[2]: "waar", ids[3]: "=HYPERLINK()"}, "verpleging"),  # joined, a draft
        write(2, "again", "observed", {}, None),  # a changed mind: its comment goes, its role stays
        write(3, "unseen", "desired", {}, "arts"),  # never joined through the page (an import, a test)
        write(4, "again", "desired", {ids[5]: "later"}, None),
    ]
    batch, alone = stores
    with batch._write_lock:
        batch._write_phone_sorts(items)
    for item in items:
        alone.save_sort(
            item.session_id, item.participant_id, item.condition, dict(item.placements), dict(item.comments), item.role
        )
    assert _tables(batch) == _tables(alone)
    rows = _tables(batch)
    assert ("again", "observed") not in rows["drafts"] and ("joined", "observed") not in rows["drafts"]
    assert sorted(r[1] for r in rows["participants"] if r[0] == "again") == ["arts"]
    for store in stores:
        store.close()


def test_the_same_phone_twice_in_a_batch_is_written_in_order(store: Store, session, grid) -> None:
    from review.store.phones import SortWrite
    from tests.content.test_grid import valid_sort

    ids = session.statement_set.ids
    first, second = valid_sort(grid, ids), valid_sort(grid, ids[1:] + ids[:1])
    items = [SortWrite(session.id, "p", "observed", tuple(s.items()), (), None) for s in (first, second)]
    with store._write_lock:
        store._write_phone_sorts(items)
    assert store.sort_of(session.id, "p", "observed") == second
