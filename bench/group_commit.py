"""Benchmark: the phones' writes one transaction each against group commit, side by side.

Run: ``python bench/group_commit.py [--phones 40] [--rounds 3] [--spread SECONDS --gap SECONDS]``.
A real DuckDB file in a temporary folder, a session of the default 50 statements. ``--phones``
threads start together (as a room does in a burst), or one after another over ``--spread``
seconds (as a busy room that is not crowded), and each writes ``--rounds`` autosaves, ``--gap``
seconds apart, and then its sort, through ``Store.save_draft`` and ``Store.save_sort`` as the
phone's requests do. The same work runs three times in turns on fresh files: every write in its
own transaction (the group commit given one item at a time), group commit, and group commit with
the app's linger for autosaves (``review.store.phones.DRAFT_LINGER``). Printed per write: CPU of the whole
process (DuckDB's own threads included), wall time per write as the callers saw it (median and
p95), and how many writes shared a transaction.
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

from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.room.sessions import create_session
from review.store import Store
from review.store.group_commit import GroupCommit
from review.store.phones import DRAFT_LINGER as LINGER

MODES = ("own transaction", "group commit", f"+ linger {LINGER} s")


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


def run(folder: Path, phones: int, rounds: int, mode: int, spread: float = 0.0, gap: float = 0.0) -> dict[str, float]:
    statement_set, grid = load_statement_set(), load_grid()
    store = Store.open(folder / f"{mode}-{time.monotonic_ns()}.duckdb", draft_linger=LINGER if mode == 2 else 0.0)
    session = create_session(store, "Bench", statement_set, grid)
    ids = list(statement_set.ids)
    sorts = []
    for k in range(phones):
        order = ids[k % len(ids) :] + ids[: k % len(ids)]
        columns = [v for v, c in zip(grid.values, grid.counts, strict=True) for _ in range(c)]
        sorts.append(dict(zip(order, columns, strict=True)))
    for k in range(phones):
        store.add_participant(session.id, f"p{k}", "nl")
    if mode == 0:
        one_at_a_time(store)
    waits: list[float] = []
    start = threading.Barrier(phones + 1)

    def phone(k: int) -> None:
        start.wait()
        time.sleep(k * spread / phones)
        for r in range(rounds):
            t = time.perf_counter()
            store.save_draft(session.id, f"p{k}", "observed", draft(k, r))
            waits.append(time.perf_counter() - t)
            time.sleep(gap)
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
    parser.add_argument("--spread", type=float, default=0.0, help="seconds over which the phones start")
    parser.add_argument("--gap", type=float, default=0.0, help="seconds between a phone's autosaves")
    args = parser.parse_args(argv)
    results: list[list[dict[str, float]]] = [[] for _ in MODES]
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.repeats):
            for mode in range(len(MODES)):
                results[mode].append(run(Path(folder), args.phones, args.rounds, mode, args.spread, args.gap))
    when = f"starting over {args.spread:g} s, autosaves {args.gap:g} s apart" if args.spread else "at once"
    print(f"{args.phones} phones {when}, each {args.rounds} autosaves and a sort; medians of {args.repeats} runs")
    print(f"{'per write':24}" + "".join(f"{m:>18}" for m in MODES) + f"{'ratios':>14}")
    med: Callable[[int, str], float] = lambda m, key: statistics.median(r[key] for r in results[m])  # noqa: E731
    for key, label in (("cpu_ms", "CPU (ms)"), ("p50_ms", "wait p50 (ms)"), ("p95_ms", "wait p95 (ms)")):
        values = [med(m, key) for m in range(len(MODES))]
        ratios = " / ".join(f"{v / values[0]:.2f}" for v in values[1:])
        print(f"{label:24}" + "".join(f"{v:18.2f}" for v in values) + f"{ratios:>14}")
    print(f"{'writes per transaction':24}" + "".join(f"{med(m, 'per_tx'):18.1f}" for m in range(len(MODES))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
