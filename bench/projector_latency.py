"""Benchmark: from a participant's submit to the projector showing the new count, and from the
facilitator's reveal to the projector's first chart.

Run: ``python bench/projector_latency.py [--submits N] [--reveals N]``. Starts the app with a
fresh database, logs a real browser (Debian's chromium, 1920x1080) in as the
facilitator and opens the projector; then N times submits a sort exactly as a
phone's board does (POST /api/submit) and measures until the projector's
"n of N submitted" shows the new number. Then the facilitator's page (1366x768, a laptop)
reveals a view N times, alternating the heatmap and the agreement view, and each time the time
until the projector shows that view's chart is measured (the click included). Prints medians
and spreads.
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

from review.content.grid import load_grid  # noqa: E402
from review.content.statements import load_statement_set  # noqa: E402
from review.i18n import t  # noqa: E402
from review.room.demo import demo_sorts  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PASSWORD, Server, free_port, seed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submits", type=int, default=15)
    parser.add_argument("--reveals", type=int, default=10)
    args = parser.parse_args()
    sorts = demo_sorts(load_statement_set(), load_grid(), args.submits, seed=5)
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        sessions, secret = seed(db)
        port = free_port()
        server = Server(db, port, sessions, secret, Path(tmp) / "server.log")
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
                reveals = reveal_latencies(browser, server, sessions["plain"].code, page, args.reveals)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    q = statistics.quantiles(latencies, n=10)
    print(f"submit-to-projector seconds over {len(latencies)} submits: median {statistics.median(latencies):.2f}, "
          f"p10 {q[0]:.2f}, p90 {q[-1]:.2f}, max {max(latencies):.2f}")  # fmt: skip
    print(f"projector_latency_median_s={statistics.median(latencies):.2f}")
    if reveals:
        print(f"reveal-to-first-chart seconds over {len(reveals)} reveals: median {statistics.median(reveals):.2f}, "
              f"min {min(reveals):.2f}, max {max(reveals):.2f}")  # fmt: skip
        print(f"first reveal (the browser's first chart): {reveals[0]:.2f} s")
        print(f"reveal_to_chart_median_s={statistics.median(reveals):.2f}")


def reveal_latencies(browser, server: Server, code: str, projector, n: int) -> list[float]:
    """The facilitator clicks a view on the laptop; the seconds until the projector draws its chart."""
    if n <= 0:
        return []
    fac = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB").new_page()
    server.login(fac)
    fac.goto(f"{server.url}/facilitator?session={code}&lang=en")
    steps = fac.get_by_role("radiogroup", name=t("fac.reveal", "en")).first
    steps.wait_for(timeout=30_000)
    out = []
    for i in range(n):
        view = ("heatmap", "agreement")[i % 2]
        start = time.perf_counter()
        steps.get_by_role("radio", name=t(f"view.{view}", "en"), exact=True).click()
        drawn = (
            f"document.querySelector('[data-view={view}]') && document.querySelector('.st-key-proj_{view} .main-svg')"
        )
        projector.wait_for_function(
            f"() => {drawn}",
            polling=20,
            timeout=30_000,
        )
        out.append(time.perf_counter() - start)
        time.sleep(0.5)
    steps.get_by_role("radio", name=t("view.hidden", "en"), exact=True).click()
    return out


if __name__ == "__main__":
    main()
