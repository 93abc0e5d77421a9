"""Group commit: writes that queue for the write lock go into the database together.

A room of phones autosaves and submits at once. DuckDB spends about as long on a statement
for ten rows as for one, and a commit costs the same whatever it holds, so one write per
request makes the phones queue behind each other's fixed costs. Here every caller queues its
item and then takes the write lock; whoever gets it writes everything queued so far in one
transaction (:meth:`GroupCommit.write_batch`), and each caller returns its own outcome. With
nobody else waiting that is one item, written as before; the busier the room, the larger the
batches, and the cost per item falls. No thread of its own: the callers do the writing.
"""

from __future__ import annotations

import threading
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

    When a batch of several fails as a whole, each item is written again alone, so one bad item
    (or a constraint that only the batch broke) fails only its own caller."""

    def __init__(self, lock: threading.Lock, write_batch: Callable[[Sequence[T]], list[R]]) -> None:
        self._lock = lock
        self._write_batch = write_batch
        self._queue: list[_Entry[T, R]] = []
        self._queue_lock = threading.Lock()
        self.batches = 0  # how many transactions wrote how many items: read by tests and benchmarks
        self.items = 0

    def __call__(self, item: T) -> R:
        entry: _Entry[T, R] = _Entry(item)
        with self._queue_lock:
            self._queue.append(entry)
        with self._lock:
            with self._queue_lock:
                batch, self._queue = self._queue, []
            if batch:  # empty when an earlier holder already wrote this caller's item
                self._write(batch)
        if not entry.done:  # pragma: no cover - the holder writes every item it took
            raise RuntimeError("group commit lost an item")
        if entry.error is not None:
            raise entry.error
        return entry.result  # type: ignore[return-value]

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
