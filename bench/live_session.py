"""Benchmark: the server's work per submitted sort and per dashboard refresh.

Run: ``python bench/live_session.py``. Uses a real DuckDB file in a temporary
folder and prints medians over repeated runs, side by side for a workshop of
12 sorts and a large session of 500 (both conditions, two roles):

- submit: validate and store one sort;
- aggregates: progress + the summary of one condition (what the views rest on);
- dashboard refresh: every results view built as a plotly figure and serialised
  to JSON, as a projector tick without a cache would do;
- room tick: what every facilitator and projector refresh does first (``room_state``:
  progress, and the published copy checked for changes), with nothing new, and when three
  new sorts have just come in and are published (the copy takes them in one transaction).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review.room.demo import create_demo_session, demo_sorts
from review.room.live import refresh as publish
from review.room.live import room_state
from review.room.sessions import join, submit_sort
from review.room.summaries import condition_summary
from review.store import Store
from review.views.results import available_views, build_view

REPEATS = 15


def median_ms(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    sizes = (12, 500)
    results: dict[str, dict[int, float]] = {
        "submit": {}, "aggregate": {}, "view": {}, "refresh": {}, "tick": {}, "tick_publish": {}
    }  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.duckdb")
        for n in sizes:
            session = create_demo_session(store, participants=n, title=f"bench {n}")
            sorts = demo_sorts(session.statement_set, session.grid, REPEATS + 1, seed=99)
            tokens = iter([join(store, session) for _ in sorts])
            columns = iter(
                [{str(v): [sid for sid, pos in s.items() if pos == v] for v in session.grid.values} for s in sorts]
            )

            def submit(s=session, tk=tokens, cs=columns):
                return submit_sort(store, s, next(tk), "observed", next(cs))

            def aggregate(s=session):
                store.progress(s.id)
                return condition_summary(store, s, "observed")

            def heatmap(s=session):
                return build_view(store, s, "heatmap", "nl").figure.to_json()

            def refresh(s=session):
                store.progress(s.id)
                views = [build_view(store, s, v, "nl").figure for v in available_views(s)]
                return [f.to_json() for f in views if f is not None]  # pins, comments: no figure

            def tick(s=session):
                return room_state(store, s.code)

            more = iter(demo_sorts(session.statement_set, session.grid, 3 * (REPEATS + 1), seed=7))

            def tick_publish(s=session, m=more):
                for _ in range(3):  # their submit time (median) is taken off below
                    placements = next(m)
                    submit_sort(store, s, join(store, s), "observed", {
                        str(v): [sid for sid, pos in placements.items() if pos == v] for v in s.grid.values
                    })  # fmt: skip
                return room_state(store, s.code)

            publish(store, session)
            results["submit"][n] = median_ms(submit)
            results["aggregate"][n] = median_ms(aggregate)
            results["view"][n] = median_ms(heatmap)
            results["refresh"][n] = median_ms(refresh, repeats=7)
            publish(store, session)
            results["tick"][n] = median_ms(tick)
            results["tick_publish"][n] = median_ms(tick_publish) - 3 * results["submit"][n]
        store.close()

    labels = {
        "submit": "submit (validate + store one sort)",
        "aggregate": "aggregates (progress + summary)",
        "view": "one view (heatmap figure + JSON)",
        "refresh": "all figure views (figures + JSON)",
        "tick": "room tick, nothing new",
        "tick_publish": "room tick publishing 3 new sorts",
    }
    print(f"{'median ms':<36}{'12 sorts':>10}{'500 sorts':>11}{'ratio':>8}")
    for key, label in labels.items():
        a, b = results[key][sizes[0]], results[key][sizes[1]]
        print(f"{label:<36}{a:>10.1f}{b:>11.1f}{b / a:>8.2f}")
    print(
        f"submit_ms={results['submit'][12]:.1f} aggregate_500_ms={results['aggregate'][500]:.1f} "
        f"view_500_ms={results['view'][500]:.1f} refresh_500_ms={results['refresh'][500]:.1f} "
        f"tick_500_ms={results['tick'][500]:.1f} tick_publish_500_ms={results['tick_publish'][500]:.1f}"
    )


if __name__ == "__main__":
    main()
