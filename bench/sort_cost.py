"""Benchmark: what one completed phone sort costs the server.

Run: ``python bench/sort_cost.py [--sorts N]``. Starts the app on a free port
with a fresh seeded database, drives N phones (Playwright, Pixel 7 emulation,
Debian's chromium) through join -> rough sort -> fine sort -> submit, and
reports per completed sort (one condition):

- page-script reruns, read from the app's /api/metrics counter;
- server CPU-seconds (user + system of the server process, from /proc), draft
  autosaves and submit included;
- bytes a phone downloads on its first visit (HTTP bodies + headers, until the
  board is on screen; websocket frames are not counted).

Ends with one line ``reruns_per_sort=X cpu_s_per_sort=X first_visit_bytes=X``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, seed  # noqa: E402
from tests.e2e.phone import fine_sort_all, rough_sort_all, submit  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.loads(r.read())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sorts", type=int, default=5, help="completed sorts to measure (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        sessions, _ = seed(db)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
            cwd=ROOT,
            env={**os.environ, "REVIEW_DB": str(db), "REVIEW_PUBLIC_URL": url},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(200):
                try:
                    get(url + "/api/health")
                    break
                except OSError:
                    time.sleep(0.2)
            reruns, cpu, first_bytes, wall = [], [], [], []
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for _ in range(args.sorts):
                    ctx = browser.new_context(**p.devices["Pixel 7"], locale="nl-NL")
                    page = ctx.new_page()
                    sizes: list[int] = []

                    def count(request, sizes=sizes):
                        s = request.sizes()
                        sizes.append(s["responseBodySize"] + s["responseHeadersSize"])

                    page.on("requestfinished", count)
                    runs0, cpu0, t0 = get(url + "/api/metrics")["script_runs"], cpu_seconds(server.pid), time.time()
                    page.goto(f"{url}/?s={sessions['plain'].code}")
                    rough_sort_all(page)
                    first_bytes.append(sum(sizes))
                    fine_sort_all(page)
                    submit(page)
                    page.get_by_text("Dank je! Je sortering is ingeleverd.").wait_for(timeout=20_000)
                    page.wait_for_timeout(500)  # let the last rerun finish on the server
                    reruns.append(get(url + "/api/metrics")["script_runs"] - runs0)
                    cpu.append(cpu_seconds(server.pid) - cpu0)
                    wall.append(time.time() - t0)
                    ctx.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)

    print(f"{'per completed sort':<34}{'median':>10}{'min':>10}{'max':>10}")
    for label, xs, f in [
        ("page-script reruns", reruns, "{:>10.0f}"),
        ("server CPU seconds", cpu, "{:>10.3f}"),
        ("first-visit bytes", first_bytes, "{:>10.0f}"),
        ("wall seconds (browser driven)", wall, "{:>10.1f}"),
    ]:
        print(f"{label:<34}" + "".join(f.format(v) for v in (statistics.median(xs), min(xs), max(xs))))
    print(
        f"reruns_per_sort={statistics.median(reruns):.0f} cpu_s_per_sort={statistics.median(cpu):.3f} "
        f"first_visit_bytes={statistics.median(first_bytes):.0f}"
    )


if __name__ == "__main__":
    main()
