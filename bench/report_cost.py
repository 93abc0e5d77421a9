"""Benchmark: what a facilitator waits for in issue 10, side by side in one run.

Run: ``python bench/report_cost.py [--repeats N]``. A real DuckDB file in a temporary folder with
demo sessions (both conditions, two roles) of 12 and of 500 sorts, each with an analysis of two
viewpoints chosen for the room; medians over repeated calls:

- the session report as HTML and as PDF (the download buttons and ``python -m review export``),
  next to ``shown_summary`` alone, the aggregate every screen already computes, as the yardstick;
- the trajectory report (five meetings of 12: the intake and meetings 1-4) as HTML and PDF;
- the discussion view's starting points;
- deleting a session of 12 sorts with the compaction that scrubs it from the file, with 20 other
  sessions of 12 beside it (each repeat deletes a fresh session).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live_session import median_ms
from review.analysis.viewpoints import choose
from review.library.questions import default_questions
from review.report import session_report, trajectory_report
from review.room.demo import create_demo_session
from review.room.lifecycle import delete_session
from review.room.summaries import shown_summary
from review.store import Store
from review.trajectories.trajectory import create_trajectory, place_session
from review.views.discussion import starting_points

MIN_GROUP = 3
REPEATS = 5  # a PDF takes seconds: a few repeats give a stable median
MEETINGS = 5  # a trajectory's meetings: the intake and four more


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=REPEATS)
    repeats = parser.parse_args().repeats
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.duckdb")
        small = create_demo_session(store, participants=12, title="Bench 12")
        large = create_demo_session(store, participants=500, title="Bench 500")
        for session in (small, large):
            choose(store, session, "observed", "pca", "varimax", 2)
        small, large = store.session(small.id), store.session(large.id)
        trajectory = create_trajectory(store, "Bench org", "Bench trajectory", "Bench facilitator", "Groep A")
        place_session(store, trajectory, small, "Groep A", 0, "Intake")
        for meeting in range(1, MEETINGS):
            later = create_demo_session(store, participants=12, seed=9 + meeting, title=f"Bench 12, meeting {meeting}")
            place_session(store, trajectory, later, "Groep A", meeting, "Vervolg")
        questions = default_questions()
        for label, session in (("12 sorts", small), ("500 sorts", large)):
            rows.append(
                (
                    f"shown_summary, {label} (yardstick)",
                    median_ms(lambda s=session: shown_summary(store, s, "observed", MIN_GROUP), repeats),
                )
            )
            rows.append(
                (
                    f"session report HTML, {label}",
                    median_ms(lambda s=session: session_report(store, s, MIN_GROUP, "nl", "html"), repeats),
                )
            )
            rows.append(
                (
                    f"session report PDF, {label}",
                    median_ms(lambda s=session: session_report(store, s, MIN_GROUP, "nl", "pdf"), repeats),
                )
            )
            rows.append(
                (
                    f"starting points, {label}",
                    median_ms(lambda s=session: starting_points(store, s, MIN_GROUP, questions), repeats),
                )
            )
        for fmt in ("html", "pdf"):
            rows.append(
                (
                    f"trajectory report {fmt.upper()}, {MEETINGS} meetings of 12",
                    median_ms(lambda f=fmt: trajectory_report(store, trajectory.id, MIN_GROUP, "nl", f), repeats),
                )
            )
        for k in range(20):
            create_demo_session(store, participants=12, seed=100 + k, title=f"Beside {k}")
        victims = [
            create_demo_session(store, participants=12, seed=200 + k, title=f"Delete {k}") for k in range(repeats + 1)
        ]
        rows.append(
            (
                "delete a session of 12 + compaction, 23 sessions in the file",
                median_ms(lambda: _delete(store, victims), repeats),
            )
        )
        store.close()
    width = max(len(label) for label, _ in rows)
    print(f"{'median of ' + str(repeats):<{width}}  ms")
    for label, ms in rows:
        print(f"{label:<{width}}  {ms:9.1f}")
    yardstick = dict(rows)
    for label in ("12 sorts", "500 sorts"):
        base = yardstick[f"shown_summary, {label} (yardstick)"]
        print(f"PDF / shown_summary at {label}: {yardstick[f'session report PDF, {label}'] / base:.0f}x")


def _delete(store: Store, victims: list) -> None:
    session = victims.pop()
    delete_session(store, session, session.code)


if __name__ == "__main__":
    main()
