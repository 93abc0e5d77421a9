"""Load generator: phones through the real protocol, real projector tabs, one report.

Run: ``python bench/load.py --participants 300 --within 60 [--projectors 1] [--burst]``;
``--url URL --code CODE --password PW`` targets a running app instead of starting one;
``--record`` sorts once with a real phone (chromium, Pixel 7 emulation, taps), rewrites
``bench/load_replay.json`` from it and prints the emulation next to the recording.

Each emulated phone repeats what the recorded phone did: the first visit's static files over six
keep-alive connections with an empty cache (the list re-derived from the server's index.html and
its entry script and stylesheet, so new hashed file names are followed), ``/_stcore/health`` and
``host-config``, the websocket ``/_stcore/stream`` with the browser's ``rerun_script`` until
``script_finished``, the participant token from ``page_info_changed``, the board's recorded
autosaves at their recorded moments (stretched to the sort time), the submit, and the board's
trigger rerun after it. The projectors are real chromium tabs with a MutationObserver on the
"n of N submitted" count. A thread of this client times one fixed piece of Python work every
second (``loadkit/speed.py``): the host's speed drifts by up to 1.7 times, so the report says
which speed each run met.

Checked against the recording (``--record``, 2026-11-30, streamlit 1.67, Debian chromium 159,
static files served precompressed, the board saving every 10 placements): first visit 73 requests
and 1,090,848 bytes as received, real and emulated alike, file for file; websocket payload per sort
59,697 bytes real, 59,695 emulated (8 autosaves, the submit, 2 page runs; the trigger rerun rebuilt
field for field); the server's CPU for that one phone 0.32 s real, 0.23 s emulated. The recording
before (the board saving every 5 placements) had 13 autosaves and 1,094,179 bytes.
Before the compression (commit 7413062) the same recording gave 73 requests and 2,922,338 bytes.
Playwright now and then misses chromium's favicon request: a recording of 72 requests is that.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loadkit.app import (  # noqa: E402
    App,
    descendants_cpu_s,
    log,
    peak_rss_mb,
    process_cpu_s,
    script_runs,
    started_app,
    stored_in_file,
    stored_via_api,
)
from loadkit.phone import Crowd, PhoneResult, phone  # noqa: E402
from loadkit.plan import make_plan  # noqa: E402
from loadkit.projector import CHROMIUM, CHROMIUM_ARGS, open_projector, projector_latencies  # noqa: E402
from loadkit.record import record_phone, replay_from  # noqa: E402
from loadkit.speed import SpeedProbe  # noqa: E402
from loadkit.stats import pct  # noqa: E402

REPLAY = Path(__file__).with_name("load_replay.json")
FIELD_SORT_S = (40.0, 80.0)  # how long a person sorts 50 cards (field notes)
FIELD_WINDOW_S = 60.0  # the arrival window those sort times go with; shorter windows scale them down
SLACK_S = 300  # the default global timeout's room for slow page loads beyond arrivals and sorting
MAX_PHONES = 2000  # one client process; beyond this the client, not the app, would be measured


@dataclass
class Outcome:
    results: list[PhoneResult]
    projector_s: list[float]
    projector_missing: int
    server_cpu_s: float | None
    peak_rss: float | None
    client_cpu_s: float
    browser_cpu_s: float
    script_runs: int | None
    stored: int | None
    seconds: float
    server_tracebacks: int | None = None  # in the started server's log; None with --url


def sort_range(args: argparse.Namespace) -> tuple[float, float]:
    if args.sort_seconds:
        lo, _, hi = args.sort_seconds.partition("-")
        return float(lo), float(hi or lo)
    scale = min(1.0, args.within / FIELD_WINDOW_S) if not args.burst else min(1.0, args.ramp / FIELD_WINDOW_S)
    return FIELD_SORT_S[0] * scale, FIELD_SORT_S[1] * scale


async def drive(app: App, args: argparse.Namespace, replay: dict) -> Outcome:
    """Open the projectors, release the phones at their arrival times, wait until every phone has
    submitted or failed (or the global timeout), then read the projectors' counts and the server's
    CPU and memory."""
    from playwright.async_api import async_playwright

    plan = make_plan(app, replay)
    rng = random.Random(args.seed)
    lo, hi = sort_range(args)
    n = args.participants
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS) if args.projectors else None
        projectors = await asyncio.gather(*(open_projector(browser, app) for _ in range(args.projectors)))
        log(f"{len(projectors)} projector(s) watching; {n} phones coming")
        runs_before = script_runs(app)
        cpu_before = process_cpu_s(app.pid) if app.pid else None
        client_before = sum(os.times()[:2])
        browser_before = descendants_cpu_s(app.pid)
        crowd = Crowd(plan, args.burst, expected=n)
        arrive_over = args.ramp if args.burst else args.within
        start = time.monotonic() + 0.5
        tasks = []
        for i in range(n):
            arrive = start + arrive_over * (i + 0.5) / n  # evenly spread: the same load every run
            submit_at = args.within * rng.random() if args.burst else None  # after the last phone is ready
            tasks.append(asyncio.ensure_future(phone(crowd, arrive, rng.uniform(lo, hi), submit_at)))
        timeout = args.timeout or (arrive_over + hi + (args.within if args.burst else 0) + SLACK_S)
        with suppress(TimeoutError):
            await asyncio.wait_for(crowd.all_settled.wait(), timeout)
        log(f"{crowd.settled} of {n} phones settled" + ("" if crowd.all_settled.is_set() else f" in {timeout:.0f} s"))
        await projectors_caught_up(projectors, crowd.acknowledged, args.settle)
        crowd.done.set()
        await asyncio.wait(tasks, timeout=10)
        for t in tasks:
            t.cancel()  # those still running at the global timeout: each reports where it was
        results = list(await asyncio.gather(*tasks))
        seconds = time.monotonic() - start
        counts = [[tuple(x) for x in await p.evaluate("window.__counts")] for p in projectors]
        server_cpu = process_cpu_s(app.pid) - cpu_before if app.pid else None
        rss = peak_rss_mb(app.pid) if app.pid else None
        runs_after = script_runs(app)
        browser_cpu = descendants_cpu_s(app.pid) - browser_before
        if browser:
            await browser.close()
    log("phones and projectors closed")
    client_cpu = sum(os.times()[:2]) - client_before
    latencies = projector_latencies(results, counts)
    acked = sum(r.acked_at is not None for r in results)
    runs = None if runs_before is None or runs_after is None else runs_after - runs_before
    return Outcome(results, latencies, acked - len(latencies) if counts else 0, server_cpu, rss,
                   client_cpu, browser_cpu, runs, None, seconds)  # fmt: skip


async def projectors_caught_up(projectors: list, acknowledged: int, limit: float) -> None:
    """Until every projector shows every acknowledged submit, or ``limit`` seconds have passed."""
    deadline = time.monotonic() + limit
    for page in projectors:
        while time.monotonic() < deadline:
            shown = await page.evaluate("window.__counts.at(-1)[1] - window.__counts[0][1]")
            if shown >= acknowledged:
                break
            await asyncio.sleep(0.2)


def run(args: argparse.Namespace, replay: dict) -> Outcome:
    """Start the app on a fresh database (or use --url), drive the crowd, count what was stored."""
    if args.url:
        app = App(args.url.rstrip("/"), args.code, args.password, args.server_pid)
        # A running session may hold sorts already: count only ours. With the app's database at
        # hand, from the sorts themselves; else from /api/summary, which counts the published
        # copy: it takes sorts in steps of the anonymity threshold, so it may lag by up to 2.
        count = (
            (lambda: stored_in_file(args.database_url, app.code))
            if args.database_url
            else (lambda: stored_via_api(app))
        )
        before = count()
        outcome = asyncio.run(drive(app, args, replay))
        after = count()
        outcome.stored = None if before is None or after is None else after - before
        return outcome
    with tempfile.TemporaryDirectory() as tmp:
        with started_app(Path(tmp), args.database_url) as app:
            outcome = asyncio.run(drive(app, args, replay))
        outcome.stored = stored_in_file(app.db, app.code)  # after the server stopped: one process per file
        outcome.server_tracebacks = app.log.read_text(errors="replace").count("Traceback (most recent call last)")
    return outcome


# ---- the report ----------------------------------------------------------------------------


def spread(name: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return (f"{name:<22} p50 {pct(ms, 50):8.0f}  p95 {pct(ms, 95):8.0f}  max {max(ms, default=float('nan')):8.0f} ms"
            f"  (n={len(ms)})")  # fmt: skip


def tree_state() -> str:
    """Which app was measured: the commit, and the files changed since (others edit the tree too)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--short", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                               text=True)  # fmt: skip
    except OSError:
        return "app: not a git checkout"
    changed = [line[3:] for line in dirty.stdout.splitlines()]
    return f"app: commit {head.stdout.strip()}" + (f", changed since: {', '.join(changed)}" if changed else "")


def report(
    args: argparse.Namespace, outcome: Outcome, replay: dict, load_avg: float, speed: str
) -> tuple[list[str], int]:
    """The report's lines, the last one machine-readable, and the exit status."""
    results = outcome.results
    n = len(results)
    acked = sum(r.acked_at is not None for r in results)
    errors = [r.error for r in results if r.error]
    stored = outcome.stored
    lost = max(0, acked - stored) if stored is not None else 0
    visits = [r.first_visit for r in results if r.page_s is not None]
    ws = [r.ws_bytes for r in results if r.acked_at is not None and r.runs >= 2]
    rec = replay["recorded"]
    lo, hi = sort_range(args)
    cpu_per_sort = outcome.server_cpu_s / acked if outcome.server_cpu_s is not None and acked else float("nan")
    page = [r.page_s for r in results if r.page_s is not None]
    submit = [r.submit_s for r in results if r.submit_s is not None]
    lines = [
        f"load: {n} phones {'sorting, then submitting' if args.burst else 'arriving'} within {args.within:g} s"
        f"{f' (arriving over {args.ramp:g} s)' if args.burst else ''}, sorting {lo:.0f}-{hi:.0f} s, "
        f"{args.projectors} projector(s); 1-minute load average {load_avg:.2f} at start; {outcome.seconds:.0f} s",
        tree_state() if not args.url else f"app: {args.url} (started elsewhere)",
        speed,
        f"first visit per phone: {mean([v.requests for v in visits]):.1f} requests, "
        f"{mean([v.wire for v in visits]) / 1e6:.3f} MB as received (recorded chromium: {rec['requests']}, "
        f"{rec['wire'] / 1e6:.3f} MB)",
        f"websocket payload per sort: {mean(ws) / 1e3:.1f} kB (recorded {rec['ws_bytes'] / 1e3:.1f} kB); "
        f"page runs per sort {mean([r.runs for r in results if r.acked_at]):.2f}"
        + (f", server counted {outcome.script_runs} script runs" if outcome.script_runs is not None else ""),
        spread("page load", page),
        spread("autosave", [d for r in results for d in r.drafts_s]),
        spread("submit", submit),
        spread("submit to projector", outcome.projector_s)
        + (f"; {outcome.projector_missing} never shown" if outcome.projector_missing else ""),
        (f"server: {outcome.server_cpu_s:.1f} CPU-s ({cpu_per_sort:.3f} per sort), peak RSS {outcome.peak_rss:.0f} MB"
         if outcome.server_cpu_s is not None else "server: CPU and memory unknown (give --server-pid)"),
        f"client: {outcome.client_cpu_s:.1f} CPU-s in this process, {outcome.browser_cpu_s:.1f} CPU-s in the "
        "projectors' chromium (same machine: both compete with the server)",
        f"acknowledged {acked}, stored {stored if stored is not None else 'unknown (the summary API refused)'}",
    ]  # fmt: skip
    for text in sorted(set(errors))[:8]:
        lines.append(f"error ({errors.count(text)}x): {text}")
    if outcome.projector_missing:
        errors.append("a projector never showed an acknowledged submit")
    if outcome.server_tracebacks:
        lines.append(f"error: {outcome.server_tracebacks} tracebacks in the server's log")
        errors.append("server tracebacks")
    lines.append(
        f"participants={n} acknowledged={acked} stored={stored if stored is not None else -1} lost={lost} "
        f"errors={len(errors)} submit_p50_ms={fmt(pct(submit, 50))} submit_p95_ms={fmt(pct(submit, 95))} "
        f"projector_p95_ms={fmt(pct(outcome.projector_s, 95))} page_p95_ms={fmt(pct(page, 95))} "
        f"cpu_s_per_sort={cpu_per_sort:.3f} peak_rss_mb={outcome.peak_rss or float('nan'):.0f}"
    )
    bad = lost or errors or acked < n or (stored is not None and stored < acked)
    return lines, 1 if bad else 0


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def record(args: argparse.Namespace) -> int:
    """Record a real phone, rewrite the replay list, then emulate one phone on the same server."""
    with tempfile.TemporaryDirectory() as tmp, started_app(Path(tmp)) as app:
        recording = asyncio.run(record_phone(app))
        Path(tempfile.gettempdir(), "load_recording.json").write_text(json.dumps(recording))  # to inspect
        replay = replay_from(recording, app.code)
        REPLAY.write_text(json.dumps(replay, indent=1) + "\n")
        rec = replay["recorded"]
        args.participants, args.within, args.projectors, args.sort_seconds = 1, 1, 0, "5"
        outcome = asyncio.run(drive(app, args, replay))
    phone_ = outcome.results[0]
    print(
        f"recorded: {rec['requests']} requests, {rec['wire']:,} bytes on the first visit; "
        f"websocket {rec['ws_bytes']:,} bytes per sort; {rec['drafts']} autosaves; "
        f"server CPU {recording['server_cpu_s']:.2f} s"
    )
    print(f"emulated: {phone_.first_visit.requests} requests, {phone_.first_visit.wire:,} bytes on the first visit; "
          f"websocket {phone_.ws_bytes:,} bytes per sort; {len(phone_.drafts_s)} autosaves; "
          f"server CPU {outcome.server_cpu_s:.2f} s; error: {phone_.error}")  # fmt: skip
    return 1 if phone_.error else 0


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--within", type=float, default=60.0, help="seconds over which phones arrive (--burst: submit)")
    parser.add_argument("--projectors", type=int, default=1)
    parser.add_argument("--burst", action="store_true", help="all phones load and sort first, then submit together")
    parser.add_argument("--ramp", type=float, default=20.0, help="with --burst: seconds over which phones arrive")
    parser.add_argument("--sort-seconds", help="LO-HI seconds a phone sorts (default 40-80, scaled to the window)")
    parser.add_argument("--timeout", type=float, help="global limit in seconds (default: window + sort + 300)")
    parser.add_argument("--settle", type=float, default=10.0, help="at most this long for the projectors to catch up")
    parser.add_argument("--url", help="a running app instead of starting one (loopback only)")
    parser.add_argument(
        "--database-url",
        help="start the app on this empty PostgreSQL database instead of DuckDB; with --url: the app's database, "
        "to count the sorts stored",
    )
    parser.add_argument("--code", help="with --url: the session's code")
    parser.add_argument("--password", default=os.environ.get("REVIEW_FACILITATOR_PASSWORD", ""))
    parser.add_argument("--server-pid", type=int, help="with --url: the server's process, for CPU and memory")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--record", action="store_true", help="record a real phone and compare the emulation")
    args = parser.parse_args(argv)
    if args.participants < 1 or args.participants > MAX_PHONES:
        parser.error(f"--participants must be 1 to {MAX_PHONES}")
    if args.url:
        host = urllib.parse.urlsplit(args.url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            parser.error("--url must be a loopback address: this generator loads one machine, not a network")
        if not args.code:
            parser.error("--url needs --code")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.record:
        return record(args)
    replay = json.loads(REPLAY.read_text())
    load_avg = os.getloadavg()[0]
    with SpeedProbe() as speed:
        outcome = run(args, replay)
    lines, status = report(args, outcome, replay, load_avg, speed.summary())
    print("\n".join(lines), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
