"""Which work goes first when a room of phones asks at once: their submits, then page runs.

Streamlit runs each visitor's page script in its own thread and starts every run it is asked
for; Python runs one thread at a time. When 100 phones submit within two seconds, each submit
is followed by that phone's page run (the "sent" page), and a hundred page runs took turns on
the interpreter with the submits still coming in: a submit's acknowledgement waited seconds
(submit p95 2.4 s, ``python bench/load.py --participants 100 --within 2 --burst``).

So page runs wait while a submit is on its way, for at most ``longest_wait`` seconds (a page
is never held longer than that), and only ``page_runs`` of them draw at once; the others sleep
until one ends. A phone's acknowledgement is what tells a participant their work is safe; the
page after it may come a moment later.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class SubmitsFirst:
    def __init__(self, page_runs: int = 2, longest_wait: float = 1.0) -> None:
        self._slots = threading.BoundedSemaphore(page_runs)
        self._quiet = threading.Condition()
        self._submits = 0
        self.longest_wait = longest_wait
        self.held = 0  # page runs waiting for a submit now (read by tests)

    @contextmanager
    def submit(self) -> Iterator[None]:
        """Hold while a submit is written; page runs wait for it."""
        with self._quiet:
            self._submits += 1
        try:
            yield
        finally:
            with self._quiet:
                self._submits -= 1
                if not self._submits:
                    self._quiet.notify_all()

    @contextmanager
    def page_run(self) -> Iterator[None]:
        """Hold while a page draws: after the submits on their way (or ``longest_wait``), in a free slot."""
        with self._quiet:
            self.held += 1
            try:
                self._quiet.wait_for(lambda: not self._submits, timeout=self.longest_wait)
            finally:
                self.held -= 1
        with self._slots:
            yield
