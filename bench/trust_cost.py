"""Benchmark: what the issue-9 guards cost on the hot paths, side by side in one run.

Run: ``python bench/trust_cost.py``. A real DuckDB file in a temporary folder, a session of
the default 50 statements; medians over repeated calls:

- autosave: ``save_draft`` as the phone's ``/api/draft`` calls it (token, checks, and the
  store's refusal of a draft older than the latest submit, in the write transaction), timed in
  turns with the same steps without that read, as it used to be;
- request body: reading a 6 kB draft body as the endpoint does (streamed with the size cap, JSON
  parsed, depth checked) next to a plain ``json.loads``;
- rate limit: one failed guess counted (``RateLimiter.fail``) with 10,000 addresses tracked;
- health: ``/api/health``'s write probe plus the read of every table, on a file holding a
  session of 500 sorts;
- device cookie: a page request through ``ui.http.device_cookie.DeviceCookie`` carrying the app's own
  signed cookie (parsed, its signature checked), timed in turns with the same request to the page
  alone.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live_session import median_ms
from review.access.ratelimit import RateLimiter
from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.room.admission import DEVICE_COOKIE, new_device_cookie
from review.room.demo import create_demo_session
from review.room.sessions import (
    _open_now,
    check_condition,
    check_draft,
    create_session,
    join,
    participant_id,
    save_draft,
)
from review.store import Store
from ui import state
from ui.http.api import BODY_LIMIT, _read_body, parse_json_body
from ui.http.device_cookie import DeviceCookie

REPEATS = 200  # calls of a few ms: more repeats than live_session's default


def paired_medians(a: Callable[[], object], b: Callable[[], object]) -> tuple[float, float]:
    """Medians of ``a`` and ``b`` timed in turns, so both see the same moments of a noisy machine."""
    times: tuple[list[float], list[float]] = ([], [])
    for k in range(2 * REPEATS + 2):
        fn, out = (a, times[0]) if k % 2 == 0 else (b, times[1])
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[0][1:]), statistics.median(times[1][1:])  # the first of each warms up


class _Body:
    """Just enough of a Starlette request for ``_read_body``: headers and a chunked stream."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.headers: dict[str, str] = {}

    async def stream(self):
        for k in range(0, len(self.raw), 4096):
            yield self.raw[k : k + 4096]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.duckdb")
        session = create_session(store, "Bench", load_statement_set(), load_grid())
        token = join(store, session)
        draft = {
            "rough": {str(i): (i % 3) - 1 for i in range(1, 51)},
            "placed": {str(i): (i % 9) - 4 for i in range(1, 19)},
            "comments": {},
            "stage": "fine",
            "updated": 1,
        }

        def before() -> None:  # the autosave as it was before the guard: the same steps, no read of the sort
            who = participant_id(store, session, token)
            check_condition(session, "observed")
            _open_now(store, session)
            checked = check_draft(session, draft)
            with store._transaction() as tx:
                key = [session.id, store._round(session.id), who, "observed"]
                tx.execute(
                    "INSERT INTO drafts VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, round, participant_id, "
                    "condition) DO UPDATE SET draft = excluded.draft, saved_at = excluded.saved_at",
                    [*key, json.dumps(checked, ensure_ascii=False), datetime.now(UTC).replace(tzinfo=None)],
                )

        guarded, bare = paired_medians(lambda: save_draft(store, session, token, "observed", draft), before)
        raw = json.dumps({"s": session.code, "p": token, "condition": "observed", "draft": draft}).encode()
        loop = asyncio.new_event_loop()
        capped = median_ms(
            lambda: parse_json_body(loop.run_until_complete(_read_body(_Body(raw), BODY_LIMIT))), REPEATS
        )
        plain = median_ms(lambda: json.loads(raw), REPEATS)
        limiter = RateLimiter(20, 2.0)
        for k in range(10_000):
            limiter.fail(f"10.{k // 65536}.{(k // 256) % 256}.{k % 256}")
        counter = iter(range(10**9))
        fail = median_ms(lambda: limiter.fail(f"192.168.{next(counter) % 256}.1"), repeats=2000)
        cookie_ms, page_ms = device_cookie_cost(store, loop)
        create_demo_session(store, participants=500, title="Large")
        health = median_ms(store.health, repeats=30)
        store.close()
    print(f"{'median ms':34} {'guarded':>9} {'before':>9} {'ratio':>7}")
    print(f"{'autosave (save_draft)':34} {guarded:9.3f} {bare:9.3f} {guarded / bare:7.2f}")
    print(f"{'request body (6 kB draft)':34} {capped:9.3f} {plain:9.3f} {capped / plain:7.2f}")
    print(f"{'one failed guess counted':34} {fail:9.4f}")
    print(f"{'health with 500 sorts stored':34} {health:9.2f}")
    print(f"{'page request, device cookie check':34} {cookie_ms:9.4f} {page_ms:9.4f} {cookie_ms / page_ms:7.2f}")
    print(
        f"draft_ms={guarded:.3f} draft_before_ms={bare:.3f} body_ms={capped:.3f} body_before_ms={plain:.3f} "
        f"fail_ms={fail:.4f} health_ms={health:.2f} cookie_ms={cookie_ms:.4f} page_ms={page_ms:.4f}"
    )


def device_cookie_cost(store: Store, loop: asyncio.AbstractEventLoop) -> tuple[float, float]:
    """A page GET with the app's own device cookie, through the middleware and to the page alone."""
    state._store = store  # the middleware reads the secret from the process's store
    cookie = f"{DEVICE_COOKIE}={new_device_cookie(store.secret())}; _streamlit_xsrf=x".encode()
    scope = {"type": "http", "method": "GET", "path": "/", "headers": [(b"cookie", cookie)], "client": ("10.0.0.1", 1)}

    async def page(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"<html></html>"})

    async def receive() -> dict:
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        pass

    wrapped = DeviceCookie(page)
    return paired_medians(
        lambda: loop.run_until_complete(wrapped(scope, receive, send)),
        lambda: loop.run_until_complete(page(scope, receive, send)),
    )


if __name__ == "__main__":
    main()
