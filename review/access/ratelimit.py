"""Rate limits on guessing: login passwords, login keys and session codes.

Only failures count, per client address, in a token bucket: a client may fail
``burst`` times in a row, then once per ``every`` seconds. Someone who types the
right thing is never slowed down, and a room of phones behind one Wi-Fi address
shares a generous bucket. Memory is bounded: the least recently seen addresses
are forgotten first once ``max_clients`` are tracked.

Several app processes on one database count in it instead (``shared``), so a guesser gets
no more tries from N processes than from one (a row per client that failed lately, in
:mod:`review.store.guesses`; wall-clock seconds, as the processes share no monotonic clock).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

MAX_CLIENTS = 10_000  # about 1 MB of state at most


@dataclass
class _Bucket:
    tokens: float
    seen: float


class SharedCounts(Protocol):
    """The part of the store that keeps buckets for processes sharing a database."""

    def guess_tokens(self, kind: str, client: str, burst: int, every: float, now: float) -> float: ...
    def spend_guess(self, kind: str, client: str, burst: int, every: float, now: float) -> float: ...


class RateLimiter:
    def __init__(
        self,
        burst: int,
        every: float,
        max_clients: int = MAX_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
        kind: str = "",
        shared: Callable[[], SharedCounts | None] | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        """``shared`` gives the store to count in when other processes share it (else None: this
        process's memory); ``kind`` names this limiter's buckets there."""
        self.burst = burst
        self.every = every
        self.max_clients = max_clients
        self.kind = kind
        self._clock = clock
        self._shared = shared
        self._wall_clock = wall_clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def _bucket(self, client: str) -> _Bucket:
        now = self._clock()
        bucket = self._buckets.pop(client, None) or _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.seen) / self.every)
        bucket.seen = now
        self._buckets[client] = bucket  # most recently seen last
        while len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return bucket

    def wait(self, client: str) -> int:
        """Seconds before ``client`` may try again; 0 when it may try now."""
        if (counts := self._counts()) is not None:
            return self._seconds(counts.guess_tokens(self.kind, client, self.burst, self.every, self._wall_clock()))
        with self._lock:
            return self._seconds(self._bucket(client).tokens)

    def fail(self, client: str) -> int:
        """Count one failed try; returns :meth:`wait` after it."""
        if (counts := self._counts()) is not None:
            return self._seconds(counts.spend_guess(self.kind, client, self.burst, self.every, self._wall_clock()))
        with self._lock:
            bucket = self._bucket(client)
            bucket.tokens = max(bucket.tokens - 1, -1.0)  # hammering on does not dig a deeper hole
            return self._seconds(bucket.tokens)

    def _seconds(self, tokens: float) -> int:
        return 0 if tokens >= 1 else math.ceil((1 - tokens) * self.every)

    def _counts(self) -> SharedCounts | None:
        return self._shared() if self._shared is not None else None

    def tracked(self) -> int:
        return len(self._buckets)


def client_address(peer: object, forwarded_for: object, trusted_proxy: str | None) -> str:
    """The address to count against: the connecting peer, or, when that peer is the
    configured reverse proxy, the last address the proxy added to X-Forwarded-For.
    Anything that is not text (no address known) counts as one client, "unknown"."""
    peer = peer if isinstance(peer, str) and peer else "unknown"
    if trusted_proxy and peer == trusted_proxy and isinstance(forwarded_for, str) and forwarded_for:
        return forwarded_for.split(",")[-1].strip()[:64] or peer
    return peer


# Failed logins (password or key): five in a row, then one per ten seconds.
LOGIN_BURST, LOGIN_EVERY = 5, 10.0
# Wrong session codes or tokens: a room behind one address mistypes now and then.
CODE_BURST, CODE_EVERY = 20, 2.0
# Wrong codes from one device that carries the app's own cookie (review.room.admission.guesser) count in
# that device's bucket of the same size: others behind its address do not wait for its mistakes.
DEVICE_CODE_BURST, DEVICE_CODE_EVERY = CODE_BURST, CODE_EVERY
# New device cookies per address (ui/http/device_cookie.py): a venue's phones behind one Wi-Fi address
# all get one; a script that drops its cookie to guess as a new device gets one per 40 s once the
# burst is spent, so it guesses no faster (20 tries per 40 s) than the address limit above allows.
DEVICE_BURST, DEVICE_EVERY = 1000, 40.0
