"""Submits before page runs: a page waits while a submit is on its way, never longer than the
longest wait, and only so many pages draw at once."""

from __future__ import annotations

import threading
import time

from ui.priority import SubmitsFirst


def _run_page(priority: SubmitsFirst, log: list, name: str, hold: float = 0.0) -> threading.Thread:
    def page() -> None:
        with priority.page_run():
            log.append((name, time.monotonic()))
            time.sleep(hold)

    th = threading.Thread(target=page)
    th.start()
    return th


def test_a_page_with_no_submit_on_its_way_draws_at_once() -> None:
    priority, log = SubmitsFirst(page_runs=2, longest_wait=5.0), []
    start = time.monotonic()
    _run_page(priority, log, "page").join()
    assert log[0][1] - start < 0.5


def test_a_page_waits_for_the_submit_on_its_way() -> None:
    priority, log = SubmitsFirst(page_runs=2, longest_wait=5.0), []
    with priority.submit():
        page = _run_page(priority, log, "page")
        time.sleep(0.2)
        assert log == []  # still waiting
        submitted = time.monotonic()
    page.join()
    assert log and log[0][1] >= submitted


def test_a_page_never_waits_longer_than_the_longest_wait() -> None:
    priority, log = SubmitsFirst(page_runs=2, longest_wait=0.3), []
    with priority.submit():  # a submit that takes far too long, or one after another
        start = time.monotonic()
        _run_page(priority, log, "page").join(timeout=3)
        assert log, "the page was held past its longest wait"
        assert 0.25 <= log[0][1] - start < 2.0


def test_only_so_many_pages_draw_at_once_and_the_rest_follow() -> None:
    priority, log = SubmitsFirst(page_runs=2, longest_wait=1.0), []
    pages = [_run_page(priority, log, f"p{k}", hold=0.3) for k in range(4)]
    time.sleep(0.15)
    assert len(log) == 2  # two draw, two sleep
    for page in pages:
        page.join()
    assert len(log) == 4
    first, later = sorted(t for _, t in log)[:2], sorted(t for _, t in log)[2:]
    assert min(later) - max(first) >= 0.2  # the others began once a slot was free


def test_a_page_that_fails_gives_its_slot_back() -> None:
    priority = SubmitsFirst(page_runs=1, longest_wait=1.0)
    try:
        with priority.page_run():
            raise RuntimeError("a page that breaks")
    except RuntimeError:
        pass
    log: list = []
    _run_page(priority, log, "next").join(timeout=2)
    assert log
