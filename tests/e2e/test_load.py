"""The load generator in small, as CI runs it: 30 phones within 10 s and a real projector.

Sorting takes 2-4 s here (people take 40-80 s) so the test stays well under a minute. A
subprocess, not an import: the generator runs its own event loop and its own chromium, which
must not meet the session's sync Playwright browser in this process.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys

from tests.conftest import postgres_schema
from tests.e2e.conftest import ROOT

PHONES = 30
LAST_LINE = re.compile(
    r"participants=(?P<participants>\d+) acknowledged=(?P<acknowledged>\d+) stored=(?P<stored>\d+) "
    r"lost=(?P<lost>\d+) errors=(?P<errors>\d+) submit_p50_ms=\d+ submit_p95_ms=\d+ projector_p95_ms=\d+ "
    r"page_p95_ms=\d+ cpu_s_per_sort=\d+\.\d{3} peak_rss_mb=\d+"
)


def test_thirty_phones_within_ten_seconds_lose_nothing(app_backend: str) -> None:
    command = [sys.executable, "bench/load.py", "--participants", str(PHONES), "--within", "10", "--projectors", "1",
               "--sort-seconds", "2-4", "--timeout", "40"]  # fmt: skip
    with contextlib.ExitStack() as stack:
        if app_backend == "postgresql":
            command += ["--database-url", stack.enter_context(postgres_schema())]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=110)
    output = run.stdout + run.stderr
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
    found = LAST_LINE.fullmatch(last)
    assert found, output
    counts = {k: int(v) for k, v in found.groupdict().items()}
    assert counts == {"participants": PHONES, "acknowledged": PHONES, "stored": PHONES, "lost": 0, "errors": 0}, output
    assert run.returncode == 0, output
    assert re.search(r"^machine: a fixed piece of Python work took \d+\.\d ms of CPU", run.stdout, re.M), output
