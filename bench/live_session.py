"""Benchmark: the server's work per submitted sort and per dashboard refresh.

Run: ``python bench/live_session.py``. Uses a real DuckDB file in a temporary
folder. Prints medians over repeated runs, side by side for a workshop-sized
session (12 sorts) and a large one (500), and ends with one summary line.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review.aggregates import session_heatmap
from review.charts import heatmap_figure
from review.demo import create_demo_session, demo_sorts
from review.sessions import join, submit_sort
from review.store import Store

REPEATS = 30


def median_ms(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.duckdb")
        results: dict[str, dict[int, float]] = {"submit": {}, "aggregate": {}, "refresh": {}}
        for n in (12, 500):
            session = create_demo_session(store, participants=n, title=f"bench {n}")
            sorts = demo_sorts(session.statement_set, session.grid, REPEATS + 1, seed=99)
            tokens = iter([join(store, session) for _ in sorts])
            columns = iter(
                [{str(v): [sid for sid, pos in s.items() if pos == v] for v in session.grid.values} for s in sorts]
            )
            results["submit"][n] = median_ms(
                lambda s=session, tk=tokens, cs=columns: submit_sort(store, s, next(tk), "observed", next(cs))
            )

            def aggregate(s=session):
                store.progress(s.id)
                return session_heatmap(store, s)

            def refresh(s=session):
                hm = aggregate(s)
                return heatmap_figure(hm, s.statement_set, "nl").to_json()

            results["aggregate"][n] = median_ms(aggregate)
            results["refresh"][n] = median_ms(refresh)
        store.close()

    print(f"{'median ms':<34}{'12 sorts':>10}{'500 sorts':>11}{'ratio':>8}")
    labels = {
        "submit": "submit (validate + store one sort)",
        "aggregate": "aggregates (progress + heatmap)",
        "refresh": "dashboard refresh (+ figure JSON)",
    }
    for key, label in labels.items():
        a, b = results[key][12], results[key][500]
        print(f"{label:<34}{a:>10.2f}{b:>11.2f}{b / a:>8.2f}")
    print(
        f"submit_ms={results['submit'][12]:.2f} aggregate_500_ms={results['aggregate'][500]:.2f} "
        f"refresh_500_ms={results['refresh'][500]:.2f}"
    )


if __name__ == "__main__":
    main()
