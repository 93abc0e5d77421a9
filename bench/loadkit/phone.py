"""One phone: the first visit, the page run over the websocket, the autosaves, the submit and
the rerun after it, timed; every failure becomes this phone's error with the stage it was in."""

from __future__ import annotations

import asyncio
import time
import urllib.parse
from dataclasses import dataclass, field

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect as ws_connect

from loadkit.plan import Plan, trigger_bytes
from loadkit.wire import BROWSER_CONNECTIONS, Connection, Traffic, cookie_line, fetch_all

SMALL_FRAME = 2048  # ForwardMsgs up to this size are parsed; bigger ones are deltas, only counted
CACHED_FRAME = 10_000  # the browser caches ForwardMsgs from this size on and lists their hashes


@dataclass
class PhoneResult:
    page_s: float | None = None
    drafts_s: list[float] = field(default_factory=list)
    submit_s: float | None = None
    sent_at: float | None = None  # wall clock, to compare with the projector's Date.now()
    acked_at: float | None = None
    runs: int = 0
    first_visit: Traffic = field(default_factory=Traffic)
    ws_bytes: int = 0
    error: str | None = None


@dataclass
class Crowd:
    """What the phones share: the plan, the burst barrier and the end of the run."""

    plan: Plan
    burst: bool
    expected: int = 0
    ready: int = 0  # phones sorted and waiting for the burst (or failed before it)
    settled: int = 0  # phones done with their sort, or failed
    acknowledged: int = 0  # submits the server answered ok
    all_ready: asyncio.Event = field(default_factory=asyncio.Event)
    ready_at: float = 0.0  # when the last phone reached the burst: the submits start from here
    all_settled: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def arrived_at_barrier(self) -> None:
        self.ready += 1
        if self.ready >= self.expected and not self.all_ready.is_set():
            self.ready_at = time.monotonic()
            self.all_ready.set()

    def settle(self) -> None:
        self.settled += 1
        if self.settled >= self.expected:
            self.all_settled.set()


async def read_run(ws, result: PhoneResult, cached: list[str]) -> tuple[str, str]:
    """ForwardMsgs until the run's ``script_finished`` (runs ended early for a rerun do not count);
    returns the token from ``page_info_changed`` and the page's script hash from ``new_session``."""
    token = page_hash = ""
    while True:
        frame = await ws.recv()
        result.ws_bytes += len(frame)
        if len(frame) > SMALL_FRAME:
            if len(frame) >= CACHED_FRAME and frame[0] == 0x0A:  # field 1, the message hash, comes first
                cached.append(frame[2 : 2 + frame[1]].decode())
            continue
        msg = ForwardMsg.FromString(frame)
        kind = msg.WhichOneof("type")
        if kind == "page_info_changed":
            token = urllib.parse.parse_qs(msg.page_info_changed.query_string).get("p", [""])[0]
        elif kind == "new_session":
            page_hash = msg.new_session.page_script_hash
        elif kind == "script_finished" and msg.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY,):
            result.runs += 1
            return token, page_hash
        elif kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
            raise RuntimeError("the page script failed to compile")


async def post(conn: Connection, origin: str, name: str, body: str) -> float:
    """POST /api/<name> as the board's fetch does; seconds until the answer, which must be ok."""
    start = time.perf_counter()
    status, content, _ = await conn.request("POST", f"/api/{name}", body.encode(), f"Origin: {origin}\r\n")
    if status != 200 or b'"ok":true' not in content:
        raise RuntimeError(f"/api/{name}: {status} {content[:120]!r}")
    return time.perf_counter() - start


async def phone(crowd: Crowd, start_at: float, sort_s: float, submit_at: float | None) -> PhoneResult:
    """One participant's phone, from scanning the QR code to the page after the submit; with a
    burst, ``submit_at`` is seconds after the last phone has sorted."""
    result, stage = PhoneResult(), "arrive"
    plan = crowd.plan
    host, port = plan.app.host_port
    jar: dict[str, str] = {}
    conns = [Connection(host, port, plan.head, jar) for _ in range(BROWSER_CONNECTIONS)]
    ws = lazy = None
    try:
        await asyncio.sleep(max(0.0, start_at - time.monotonic()))
        stage, t0 = "first visit", time.perf_counter()
        status, _, wire = await conns[0].request("GET", f"/?s={plan.app.code}")
        if status != 200:
            raise RuntimeError(f"GET /: {status}")
        result.first_visit.requests, result.first_visit.wire = 1, wire
        await fetch_all(conns, plan.before_ws, result.first_visit)
        stage = "page run"
        ws = await ws_connect(
            f"ws://{host}:{port}/_stcore/stream", subprotocols=["streamlit"], origin=plan.app.url,
            user_agent_header=plan.user_agent, max_size=None, ping_interval=None, open_timeout=120,
            additional_headers={"Cookie": cookie_line(jar)[8:-2]} if jar else None,
        )  # fmt: skip
        lazy = asyncio.ensure_future(fetch_all(conns, plan.after_ws, result.first_visit))
        await ws.send(plan.first_rerun)
        result.ws_bytes += len(plan.first_rerun)
        cached: list[str] = []
        token, page_hash = await read_run(ws, result, cached)
        result.page_s = time.perf_counter() - t0
        await lazy
        if not token:
            raise RuntimeError("no participant token in page_info_changed")
        stage, sort_start = "autosave", time.monotonic()
        api = conns[0]
        for at, body in plan.drafts:
            await asyncio.sleep(max(0.0, sort_start + at * sort_s - time.monotonic()))
            result.drafts_s.append(await post(api, plan.app.url, "draft", personal(body, plan.app.code, token)))
        await asyncio.sleep(max(0.0, sort_start + plan.submit[0] * sort_s - time.monotonic()))
        if crowd.burst:
            stage = "waiting for the burst"
            crowd.arrived_at_barrier()
            await crowd.all_ready.wait()
            await asyncio.sleep(max(0.0, crowd.ready_at + submit_at - time.monotonic()))
        stage, result.sent_at = "submit", time.time()
        result.submit_s = await post(api, plan.app.url, "submit", personal(plan.submit[1], plan.app.code, token))
        result.acked_at = time.time()
        crowd.acknowledged += 1
        stage = "rerun after submit"
        message = trigger_bytes(plan, token, page_hash, cached)
        await ws.send(message)
        result.ws_bytes += len(message)
        await read_run(ws, result, [])
        for c in conns:
            await c.close()
        stage = "done"
        crowd.settle()
        await crowd.done.wait()  # the phone keeps showing its page (and its websocket) until the end
    except asyncio.CancelledError:
        result.error = result.error or f"{stage}: still running at the global timeout"
    except Exception as exc:  # any failure is this phone's error, reported with its stage
        result.error = f"{stage}: {type(exc).__name__}: {str(exc)[:160]}"
    finally:
        if lazy is not None and not lazy.done():
            lazy.cancel()
        if stage != "done":
            crowd.settle()
            if crowd.burst and result.sent_at is None and stage != "waiting for the burst":
                crowd.arrived_at_barrier()  # a phone that failed before the burst must not hold it up
        for c in conns:
            await c.close()
        if ws is not None:
            await ws.close()
    return result


def personal(body: str, code: str, token: str) -> str:
    return body.replace("@CODE@", code).replace("@TOKEN@", token)
