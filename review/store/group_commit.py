"""Group commit: writes that queue for the write lock go into the database together.

A room of phones autosaves and submits at once. DuckDB spends about as long on a statement
for ten rows as for one, and a commit costs the same whatever it holds, so one write per
request makes the phones queue behind each other's fixed costs. Here every caller queues its
item; one caller at a time takes the write lock and writes everything queued so far in one
transaction (``write_batch``), and each caller returns its own outcome as soon as its batch is
written. With nobody else waiting that is one item, written as before; the busier the room, the
larger the batches, and the cost per item falls. No thread of its own: the callers write.

Measured with ``bench/load.py --participants 100 --within 2 --burst``: callers that waited for
the lock itself (not for their item) waited up to 0.7 s behind batches written after theirs.

A room that is busy but not crowded (300 phones in a minute: 65 autosaves a second, each
written in a few milliseconds) rarely has two callers waiting together, so every autosave paid
the fixed costs alone. ``linger`` lets the caller whose turn it is wait that long (or until
``full`` items are queued) before it writes, as PostgreSQL's ``commit_delay`` does: for
autosaves, which nobody waits for on screen, 0.2 s gathered 8 per transaction there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class _Entry(Generic[T, R]):
    __slots__ = ("done", "error", "item", "result")

    def __init__(self, item: T) -> None:
        self.item = item
        self.result: R | None = None
        self.error: BaseException | None = None
        self.done = False


class GroupCommit(Generic[T, R]):
    """``write_batch(items)`` returns one outcome per item, in order, and runs with ``lock`` held.

    One caller at a time writes; the others wait for their own item, not for the lock: a caller
    whose item is in the batch being written returns as soon as that batch is, and the next
    batch (everything queued meanwhile) is written by one of the callers still waiting.
    When a batch of several fails as a whole, each item is written again alone, so one bad item
    (or a constraint that only the batch broke) fails only its own caller.

    With ``linger`` (seconds) the caller whose turn it is first waits that long for company,
    or until ``full`` items are queued, then writes them all."""

    def __init__(
        self,
        lock: threading.Lock,
        write_batch: Callable[[Sequence[T]], list[R]],
        linger: float = 0.0,
        full: int = 24,
    ) -> None:
        self._lock = lock
        self._write_batch = write_batch
        self._linger = linger
        self._full = full
        self._queue: list[_Entry[T, R]] = []
        self._turn = threading.Condition()  # guards the queue and ``_writing``
        self._writing = False
        self.batches = 0  # how many transactions wrote how many items: read by tests and benchmarks
        self.items = 0

    def __call__(self, item: T) -> R:
        entry: _Entry[T, R] = _Entry(item)
        with self._turn:
            self._queue.append(entry)
            if len(self._queue) >= self._full:
                self._turn.notify_all()  # a lingering writer need not wait any longer
            while self._writing and not entry.done:
                self._turn.wait()
            if not entry.done:  # nobody is writing: write everything queued, this item with it
                self._writing = True
                self._gather()
                batch, self._queue = self._queue, []
        if not entry.done:
            try:
                with self._lock:
                    self._write(batch)
            finally:
                for taken in batch:  # only an interrupt (BaseException) leaves one unwritten
                    if not taken.done:
                        taken.error, taken.done = RuntimeError("the write was interrupted"), True
                with self._turn:
                    self._writing = False
                    self._turn.notify_all()
        if entry.error is not None:
            raise entry.error
        return entry.result  # type: ignore[return-value]

    def _gather(self) -> None:
        """With ``_turn`` held: wait up to ``linger`` for more items (others queue meanwhile)."""
        deadline = time.monotonic() + self._linger
        while len(self._queue) < self._full and (left := deadline - time.monotonic()) > 0:
            self._turn.wait(left)

    def _write(self, batch: list[_Entry[T, R]]) -> None:
        try:
            outcomes = self._write_batch([e.item for e in batch])
        except Exception as exc:
            if len(batch) == 1:
                batch[0].error, batch[0].done = exc, True
                return
            for entry in batch:  # find the item that failed: each alone, in its own transaction
                self._write([entry])
            return
        self.batches += 1
        self.items += len(batch)
        for entry, outcome in zip(batch, outcomes, strict=True):
            entry.result, entry.done = outcome, True
