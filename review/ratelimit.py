"""Rate limits on guessing: login passwords, login keys and session codes.

Only failures count, per client address, in a token bucket: a client may fail
``burst`` times in a row, then once per ``every`` seconds. Someone who types the
right thing is never slowed down, and a room of phones behind one Wi-Fi address
shares a generous bucket. Memory is bounded: the least recently seen addresses
are forgotten first once ``max_clients`` are tracked.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

MAX_CLIENTS = 10_000  # about 1 MB of state at most


@dataclass
class _Bucket:
    tokens: float
    seen: float


class RateLimiter:
    def __init__(
        self,
        burst: int,
        every: float,
        max_clients: int = MAX_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst = burst
        self.every = every
        self.max_clients = max_clients
        self._clock = clock
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
        with self._lock:
            tokens = self._bucket(client).tokens
        return 0 if tokens >= 1 else math.ceil((1 - tokens) * self.every)

    def fail(self, client: str) -> int:
        """Count one failed try; returns :meth:`wait` after it."""
        with self._lock:
            bucket = self._bucket(client)
            bucket.tokens = max(bucket.tokens - 1, -1.0)  # hammering on does not dig a deeper hole
        return self.wait(client)

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
