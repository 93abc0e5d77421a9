"""The machine's speed while a run lasts: one fixed piece of Python work, timed every second.

This host's speed drifts: on 2026-12-01 the same build measured 0.094-0.107 CPU-s per sort in one
hour and 0.132-0.161 in the next, and ten times this work took 58 to 109 ms of CPU within one
idle minute. That moves the figures more than most changes do, so each run reports the speed it met, and runs
are compared at like speeds.
"""

from __future__ import annotations

import json
import random
import threading
import time

from .stats import pct

ROUNDS = 100  # 2-11 ms of CPU on the hosts measured so far: at most about 1 % of a core, once a second


def work_ms() -> float:
    """CPU milliseconds (of this thread alone, so waiting for the interpreter does not count) of
    work like the server's: a sort to JSON and back, its placements ordered."""
    rng = random.Random(0)
    placements = {str(k): rng.randint(-4, 4) for k in range(50)}
    start = time.thread_time()
    for _ in range(ROUNDS):
        sorted(json.loads(json.dumps(placements)).items(), key=lambda kv: kv[1])
    return (time.thread_time() - start) * 1000


class SpeedProbe:
    """``with SpeedProbe() as speed:`` times :func:`work_ms` every ``every`` seconds in a thread."""

    def __init__(self, every: float = 1.0) -> None:
        self.every = every
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._probe, name="speed-probe", daemon=True)

    def _probe(self) -> None:
        while True:
            self.samples.append(work_ms())
            if self._stop.wait(self.every):
                return

    def __enter__(self) -> SpeedProbe:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> str:
        """Median, p10 and p90 by the report's own rule (:func:`pct`: each one a measured sample)."""
        s = self.samples
        if not s:
            return "machine: speed not measured"
        return (
            f"machine: a fixed piece of Python work took {pct(s, 50):.1f} ms of CPU "
            f"(p10 {pct(s, 10):.1f}, p90 {pct(s, 90):.1f}, {len(s)} times during the run; lower is faster: "
            "compare runs at like speeds)"
        )
