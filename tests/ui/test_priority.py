"""Submits before page runs: a page waits while a submit is on its way, never longer than the
longest wait, and only so many pages draw at once. Each test waits for states (a page held, a
page drawing), never for a time, and reads the order of events, not their clock."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ui.priority import SubmitsFirst


def wait_until(condition: Callable[[], bool], limit: float = 60.0) -> None:
    """Wait for a state (``limit`` only ends a test that would hang)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "the state never came"
        threading.Event().wait(0.001)


def _run_page(priority: SubmitsFirst, log: list, name: str, hold: threading.Event | None = None) -> threading.Thread:
    def page() -> None:
        with priority.page_run():
            log.append(f"{name} draws")
            if hold is not None:
                hold.wait(60)
            log.append(f"{name} done")

    th = threading.Thread(target=page)
    th.start()
    return th


def test_a_page_with_no_submit_on_its_way_draws_at_once() -> None:
    priority, log = SubmitsFirst(page_runs=2, longest_wait=3600.0), []  # any wait would be an hour
    page = _run_page(priority, log, "page")
    page.join(60)
    assert log == ["page draws", "page done"]


def test_a_page_waits_for_the_submit_on_its_way() -> None:
    priority, log = SubmitsFirst(page_runs=2, longest_wait=3600.0), []
    with priority.submit():
        page = _run_page(priority, log, "page")
        wait_until(lambda: priority.held == 1)  # the page is waiting
        assert log == []  # still waiting
        log.append("submitted")
    page.join(60)
    assert log == ["submitted", "page draws", "page done"]


def test_a_page_never_waits_longer_than_the_longest_wait() -> None:
    priority, log = SubmitsFirst(page_runs=2, longest_wait=0.3), []
    with priority.submit():  # a submit that takes far too long, or one after another
        page = _run_page(priority, log, "page")
        page.join(60)
        assert log == ["page draws", "page done"], "the page was held past its longest wait"
        log.append("still submitting")
    assert log[-1] == "still submitting"


def test_only_so_many_pages_draw_at_once_and_the_rest_follow() -> None:
    priority, log = SubmitsFirst(page_runs=2, longest_wait=1.0), []
    holds = [threading.Event() for _ in range(4)]
    pages = [_run_page(priority, log, f"p{k}", hold) for k, hold in enumerate(holds)]
    wait_until(lambda: sum(entry.endswith("draws") for entry in log) == 2)
    drawing = [entry.split()[0] for entry in log if entry.endswith("draws")]
    first = int(drawing[0][1:])
    holds[first].set()  # one page ends: one slot is free
    wait_until(lambda: sum(entry.endswith("draws") for entry in log) == 3)
    assert log.index(f"p{first} done") < [i for i, e in enumerate(log) if e.endswith("draws")][2]
    for hold in holds:
        hold.set()
    for page in pages:
        page.join(60)
    assert sum(entry.endswith("draws") for entry in log) == 4  # the others began once a slot was free


def test_a_page_that_fails_gives_its_slot_back() -> None:
    priority = SubmitsFirst(page_runs=1, longest_wait=1.0)
    try:
        with priority.page_run():
            raise RuntimeError("a page that breaks")
    except RuntimeError:
        pass
    log: list = []
    _run_page(priority, log, "next").join(timeout=60)
    assert log
