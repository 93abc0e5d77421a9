"""Benchmark: the phones' writes one transaction each against group commit, side by side.

Run: ``python bench/group_commit.py [--phones 40] [--rounds 3]``. A real DuckDB file in a
temporary folder, a session of the default 50 statements. ``--phones`` threads start together
(as a room does in a burst) and each writes ``--rounds`` autosaves and then its sort, through
``Store.save_draft`` and ``Store.save_sort`` as the phone's requests do. The same work runs twice in
turns on two fresh files: once with every write in its own transaction (the group commit given
one item at a time), once with group commit as the app runs it. Printed per write: CPU of the
whole process (DuckDB's own threads included), wall time per write as the callers saw it
(median and p95), and how many writes shared a transaction.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review.grid import load_grid
from review.group_commit import GroupCommit
from review.sessions import create_session
from review.statements import load_statement_set
from review.store import Store


def one_at_a_time(store: Store) -> None:
    """Every write in its own transaction: each caller writes its item alone, in turn."""
    for name, write in (("_draft_writes", store._write_drafts), ("_sort_writes", store._write_phone_sorts)):
        setattr(store, name, _Alone(store._write_lock, write))


class _Alone(GroupCommit):
    def __call__(self, item):  # type: ignore[override]
        with self._lock:
            outcome = self._write_batch([item])[0]
        self.batches += 1
        self.items += 1
        return outcome


def draft(k: int, r: int) -> dict:
    return {"stage": "fine", "rough": {str(i): i % 3 - 1 for i in range(1, 51)}, "placed": {str(1 + k % 50): r}}


def run(folder: Path, phones: int, rounds: int, batched: bool) -> dict[str, float]:
    statement_set, grid = load_statement_set(), load_grid()
    store = Store.open(folder / f"{'batched' if batched else 'alone'}-{time.monotonic_ns()}.duckdb")
    session = create_session(store, "Bench", statement_set, grid)
    ids = list(statement_set.ids)
    sorts = []
    for k in range(phones):
        order = ids[k % len(ids) :] + ids[: k % len(ids)]
        columns = [v for v, c in zip(grid.values, grid.counts, strict=True) for _ in range(c)]
        sorts.append(dict(zip(order, columns, strict=True)))
    for k in range(phones):
        store.add_participant(session.id, f"p{k}", "nl")
    if not batched:
        one_at_a_time(store)
    waits: list[float] = []
    start = threading.Barrier(phones + 1)

    def phone(k: int) -> None:
        start.wait()
        for r in range(rounds):
            t = time.perf_counter()
            store.save_draft(session.id, f"p{k}", "observed", draft(k, r))
            waits.append(time.perf_counter() - t)
        t = time.perf_counter()
        store.save_sort(session.id, f"p{k}", "observed", sorts[k])
        waits.append(time.perf_counter() - t)

    threads = [threading.Thread(target=phone, args=(k,)) for k in range(phones)]
    for th in threads:
        th.start()
    cpu = time.process_time()
    start.wait()
    for th in threads:
        th.join()
    cpu = time.process_time() - cpu
    writes = phones * (rounds + 1)
    assert store.sort_count(session.id, "observed") == phones  # nothing lost
    commits = (store._draft_writes, store._sort_writes)
    transactions = sum(c.batches for c in commits)
    store.close()
    waits.sort()
    return {
        "cpu_ms": 1000 * cpu / writes,
        "p50_ms": 1000 * statistics.median(waits),
        "p95_ms": 1000 * waits[int(0.95 * (len(waits) - 1))],
        "per_tx": writes / transactions,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3, help="autosaves per phone before its sort")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each, in turns")
    args = parser.parse_args(argv)
    results: dict[bool, list[dict[str, float]]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.repeats):
            for batched in (False, True):
                results[batched].append(run(Path(folder), args.phones, args.rounds, batched))
    print(f"{args.phones} phones at once, each {args.rounds} autosaves and a sort; medians of {args.repeats} runs")
    print(f"{'per write':26} {'own transaction':>16} {'group commit':>14} {'ratio':>7}")
    med: Callable[[bool, str], float] = lambda b, key: statistics.median(r[key] for r in results[b])  # noqa: E731
    for key, label in (("cpu_ms", "CPU (ms)"), ("p50_ms", "wait p50 (ms)"), ("p95_ms", "wait p95 (ms)")):
        alone, batched = med(False, key), med(True, key)
        print(f"{label:26} {alone:16.2f} {batched:14.2f} {batched / alone:7.2f}")
    print(f"{'writes per transaction':26} {med(False, 'per_tx'):16.1f} {med(True, 'per_tx'):14.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
