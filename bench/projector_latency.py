"""Benchmark: from a participant's submit to the projector showing the new count.

Run: ``python bench/projector_latency.py [--submits N]``. Starts the app with a
fresh database, logs a real browser (Debian's chromium, 1920x1080) in as the
facilitator and opens the projector; then N times submits a sort exactly as a
phone's board does (POST /api/submit) and measures until the projector's
"n of N submitted" shows the new number. Prints the median and spread.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from review.demo import demo_sorts  # noqa: E402
from review.grid import load_grid  # noqa: E402
from review.statements import load_statement_set  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PASSWORD, Server, free_port, seed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submits", type=int, default=15)
    args = parser.parse_args()
    sorts = demo_sorts(load_statement_set(), load_grid(), args.submits, seed=5)
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        sessions, secret = seed(db)
        port = free_port()
        server = Server(db, port, sessions, secret)
        env = {**os.environ, "REVIEW_DB": str(db), "REVIEW_FACILITATOR_PASSWORD": PASSWORD}
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        latencies = []
        try:
            for _ in range(200):
                try:
                    server.health()
                    break
                except OSError:
                    time.sleep(0.2)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB").new_page()
                server.login(page)
                page.goto(f"{server.url}/projector?session={sessions['plain'].code}")
                count = page.get_by_test_id("proj-count")
                count.wait_for(timeout=30_000)
                for k, sort in enumerate(sorts, start=1):
                    time.sleep(rng.uniform(0.2, 1.4))  # land at random moments of the projector's 1 s tick
                    start = time.perf_counter()
                    server.submit("plain", sort)
                    page.wait_for_function(
                        f"() => document.querySelector('[data-testid=proj-count]').textContent.startsWith('{k} of')",
                        polling=20,
                        timeout=10_000,
                    )
                    latencies.append(time.perf_counter() - start)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    q = statistics.quantiles(latencies, n=10)
    print(f"submit-to-projector seconds over {len(latencies)} submits: median {statistics.median(latencies):.2f}, "
          f"p10 {q[0]:.2f}, p90 {q[-1]:.2f}, max {max(latencies):.2f}")  # fmt: skip
    print(f"projector_latency_median_s={statistics.median(latencies):.2f}")


if __name__ == "__main__":
    main()
