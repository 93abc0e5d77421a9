"""The load generator's speed probe: it times its fixed work while a run lasts and says so."""

from __future__ import annotations

import re
import time

from bench.loadkit.speed import SpeedProbe, work_ms


def test_the_fixed_work_takes_measurable_cpu_time() -> None:
    assert 0.1 < work_ms() < 1000


def test_the_probe_samples_during_the_run_and_stops_with_it() -> None:
    with SpeedProbe(every=0.05) as speed:
        deadline = time.monotonic() + 60
        while len(speed.samples) < 3:  # wait for the samples, not for a time
            assert time.monotonic() < deadline, "the probe never sampled three times"
            time.sleep(0.01)
    taken = len(speed.samples)
    assert taken >= 3 and all(ms > 0 for ms in speed.samples)
    assert not speed._thread.is_alive()  # the thread ended with the block: no sample comes after it
    assert len(speed.samples) == taken
    line = speed.summary()
    expected = (
        r"machine: a fixed piece of Python work took \d+\.\d ms of CPU \(p10 \d+\.\d, p90 \d+\.\d, "
        rf"{taken} times during the run; lower is faster: compare runs at like speeds\)"
    )
    assert re.fullmatch(expected, line), line


def test_a_probe_that_never_ran_says_so() -> None:
    assert SpeedProbe().summary() == "machine: speed not measured"
