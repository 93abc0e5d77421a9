"""Load generator: phones through the real protocol, real projector tabs, one report.

Run: ``python bench/load.py --participants 300 --within 60 [--projectors 1] [--burst]``;
``--url URL --code CODE --password PW`` targets a running app instead of starting one;
``--record`` sorts once with a real phone (chromium, Pixel 7 emulation, taps), rewrites
``bench/load_replay.json`` from it and prints the emulation next to the recording.

Each emulated phone repeats what the recorded phone did: the first visit's static files over six
keep-alive connections with an empty cache (the list re-derived from the server's index.html and
its entry script and stylesheet, so new hashed file names are followed), ``/_stcore/health`` and
``host-config``, the websocket ``/_stcore/stream`` with the browser's ``rerun_script`` until
``script_finished``, the participant token from ``page_info_changed``, the board's recorded
autosaves at their recorded moments (stretched to the sort time), the submit, and the board's
trigger rerun after it. The projectors are real chromium tabs with a MutationObserver on the
"n of N submitted" count.

Measured against the recording (``--record``, 2026-11-30, streamlit 1.67, nothing compressed):
first visit 73 requests and 2,922,338 bytes both ways; websocket payload per sort 51.5 kB real,
51.5 kB emulated (the 314-byte trigger rerun byte for byte, cached-message hash included).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from websockets.asyncio.client import connect as ws_connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

REPLAY = Path(__file__).with_name("load_replay.json")
CHROMIUM = os.environ.get("REVIEW_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
PASSWORD = "load-facilitator-password"
BROWSER_CONNECTIONS = 6  # chromium's HTTP/1.1 connections per host
IDLE_REUSE_S = 4.0  # uvicorn closes idle keep-alive connections after 5 s: a browser would find them gone
SMALL_FRAME = 2048  # ForwardMsgs up to this size are parsed; bigger ones are deltas we only count
CACHED_FRAME = 10_000  # the browser caches ForwardMsgs from this size on and lists their hashes
FIELD_SORT_S = (40.0, 80.0)  # how long a person sorts 50 cards (field notes)
FIELD_WINDOW_S = 60.0  # the arrival window those sort times go with; shorter windows scale them down
UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/141.0.0.0 Mobile Safari/537.36")  # fmt: skip
HEADERS = {"User-Agent": UA, "Accept": "*/*", "Accept-Encoding": "gzip, deflate, br", "Accept-Language": "en-GB"}


# ---- the app under load ---------------------------------------------------------------------


@dataclass
class App:
    url: str
    code: str
    password: str
    pid: int | None = None
    db: Path | None = None

    @property
    def host_port(self) -> tuple[str, int]:
        parts = urllib.parse.urlsplit(self.url)
        return parts.hostname or "127.0.0.1", parts.port or 80


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(db: Path) -> str:
    """One open session on a fresh database, made before the server starts (one process per file)."""
    from review.grid import load_grid
    from review.sessions import create_session
    from review.statements import load_statement_set
    from review.store import Store

    store = Store.open(db)
    session = create_session(store, "Load", load_statement_set(), load_grid())
    store.close()
    return session.code


@contextmanager
def started_app(folder: Path) -> Iterator[App]:
    """``streamlit run app.py`` on a free loopback port over a fresh database; stopped afterwards."""
    db = folder / "load.duckdb"
    code = seed(db)
    port = free_port()
    env = {**os.environ, "REVIEW_DB": str(db), "REVIEW_FACILITATOR_PASSWORD": PASSWORD,
           "REVIEW_PUBLIC_URL": f"http://127.0.0.1:{port}"}  # fmt: skip
    log = open(folder / "server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    app = App(f"http://127.0.0.1:{port}", code, PASSWORD, proc.pid, db)
    try:
        deadline = time.monotonic() + 60
        while not healthy(app.url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the app did not start: " + (folder / "server.log").read_text()[-2000:])
            time.sleep(0.2)
        yield app
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/api/health", timeout=5) as r:
            return json.loads(r.read()).get("status") == "ok"
    except (OSError, ValueError):
        return False


def get_json(url: str, cookie: str = "") -> dict:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.loads(r.read())


def stored_in_file(db: Path, code: str) -> int:
    """Participants with a submitted sort, read from the database file opened read-only."""
    import duckdb

    from review.store import Store

    store = Store(duckdb.connect(str(db), read_only=True), str(db))
    try:
        return store.progress(store.session_by_code(code).id).submitted
    finally:
        store.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # the login's 303 carries the cookie we want
        return None


def stored_via_api(app: App) -> int | None:
    """With --url: the session's submitted count from /api/summary (facilitator login); None if refused."""
    form = urllib.parse.urlencode({"password": app.password}).encode()
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(urllib.request.Request(app.url + "/api/login", data=form), timeout=10)
        return None
    except urllib.error.HTTPError as err:
        cookie = (err.headers.get("Set-Cookie") or "").split(";")[0]
    try:
        return int(get_json(f"{app.url}/api/summary/{app.code}", cookie)["n_submitted"])
    except (OSError, ValueError, KeyError):
        return None


def process_cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def descendants_cpu_s(exclude: int | None) -> float:
    """CPU of this process's descendants (the Playwright driver and chromium), the server left out."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0.0, list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        if pid == exclude:
            continue
        try:
            total += process_cpu_s(pid)
        except OSError:
            continue
        todo.extend(children.get(pid, []))
    return total


# ---- HTTP/1.1 as a browser speaks it ----------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection; counts the bytes received as they came (compressed)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.last_used = 0.0

    async def request(self, method: str, path: str, body: bytes = b"", extra: str = "") -> tuple[int, bytes, int]:
        """(status, body if small, wire bytes received); reconnects when the server has let it go."""
        if self.writer is None or time.monotonic() - self.last_used > IDLE_REUSE_S:
            await self.close()
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nConnection: keep-alive\r\n{HEAD}{extra}"
        if body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        try:
            status, content, wire, keep = await self._response()
        except Exception:
            await self.close()
            raise
        self.last_used = time.monotonic()
        if not keep:
            await self.close()
        return status, content, wire

    async def _response(self) -> tuple[int, bytes, int, bool]:
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        wire, keep_small = len(raw), headers.get("content-type", "").startswith(("application/json", "text/html"))
        chunks: list[bytes] = []
        if headers.get("transfer-encoding") == "chunked":
            while True:
                size_line = await self.reader.readuntil(b"\r\n")
                size = int(size_line.split(b";")[0], 16)
                data = await self.reader.readexactly(size + 2)
                wire += len(size_line) + len(data)
                if keep_small:
                    chunks.append(data[:-2])
                if size == 0:
                    break
        else:
            left = int(headers.get("content-length", "0"))
            while left:
                data = await self.reader.read(min(left, 1 << 16))
                if not data:
                    raise ConnectionError("the server closed the connection mid-response")
                left -= len(data)
                wire += len(data)
                if keep_small:
                    chunks.append(data)
        return status, b"".join(chunks), wire, headers.get("connection", "").lower() != "close"

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


HEAD = "".join(f"{k}: {v}\r\n" for k, v in HEADERS.items())


@dataclass
class Traffic:
    requests: int = 0
    wire: int = 0


async def fetch_all(conns: list[Connection], paths: list[str], traffic: Traffic) -> None:
    """GET every path over the connections (each one a queue worker, as a browser's pool)."""
    queue = list(reversed(paths))

    async def worker(conn: Connection) -> None:
        while queue:
            path = queue.pop()
            status, _, wire = await conn.request("GET", path)
            traffic.requests += 1
            traffic.wire += wire
            if status != 200:
                raise RuntimeError(f"GET {path}: {status}")

    await asyncio.gather(*(worker(c) for c in conns))


# ---- what a phone fetches: the recorded visit, re-derived from the server ------------------


HASHED = re.compile(r"([\w.-]+?)\.([\w-]{8})\.(js|css|woff2|woff|ttf|svg|png)\b")


@dataclass
class Plan:
    """Everything a phone sends, prepared once: paths, protobuf bytes, request bodies."""

    app: App
    before_ws: list[str]  # static files and probes fetched before the websocket opens
    after_ws: list[str]  # chunks the page imports once the first deltas arrive
    first_rerun: bytes
    trigger: BackMsg
    drafts: list[tuple[float, str]]  # (fraction of the sort time, body with CODE/TOKEN placeholders)
    submit: tuple[float, str]
    replay: dict


def index_files(html: str) -> list[str]:
    """The files index.html makes a browser fetch at once: module script, modulepreloads,
    stylesheets, preloaded fonts and the icon (not ``service-desc`` or the PWA manifest)."""
    out = []
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", html):
        rel = re.search(r'rel="([^"]+)"', tag)
        ref = re.search(r'(?:src|href)="\./([^"]+)"', tag)
        if ref and (tag.startswith("<script") or (rel and rel.group(1) in FETCHED_RELS)):
            out.append("/" + ref.group(1))
    return out


FETCHED_RELS = {"modulepreload", "stylesheet", "preload", "shortcut icon", "icon"}


def current_name(recorded: str, names: set[str]) -> str:
    """A recorded hashed path under today's hash (Streamlit may have been upgraded): kept when the
    entry script still names it, else renamed when exactly one file of that stem exists now."""
    folder, _, name = recorded.rpartition("/")
    m = HASHED.fullmatch(name)
    if not m or name in names:
        return recorded
    same = [n for n in names if (HASHED.fullmatch(n) or m).group(1, 3) == m.group(1, 3)]
    return f"{folder}/{same[0]}" if len(same) == 1 else recorded


def plan_visit(app: App, replay: dict) -> tuple[list[str], list[str]]:
    """Today's first-visit file list: index.html's own files, then the recorded lazy chunks renamed
    to the hashes the entry script and stylesheet name now; the probes in their recorded place."""
    html = identity_get(app.url + "/")
    entry = index_files(html)
    text = html + "".join(identity_get(app.url + p) for p in entry if p.endswith((".js", ".css")) and "/index." in p)
    names = {m.group(0) for m in HASHED.finditer(text)}
    before, after = [], []
    for item in replay["visit"]:
        path = item["path"]
        if path.startswith("/?"):
            continue  # the page itself, fetched first with the phone's own query string
        if path.startswith("/static/") or path == "/favicon.png":
            path = current_name(path, names)
            if path in entry:
                continue
        (after if item["after_ws"] else before).append(path)
    return entry + before, after


def identity_get(url: str) -> str:
    """A file as plain text (asked uncompressed: this is only for reading names, and not counted)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return r.read().decode("utf-8", "replace")


def make_plan(app: App, replay: dict) -> Plan:
    before, after = plan_visit(app, replay)
    first = BackMsg.FromString(bytes.fromhex(replay["first_rerun"]))
    first.rerun_script.query_string = f"s={app.code}"
    first.rerun_script.context_info.url = app.url + "/"
    trigger = BackMsg.FromString(bytes.fromhex(replay["trigger_rerun"]))
    trigger.rerun_script.context_info.url = app.url + "/"
    drafts = [(d["at"], d["body"]) for d in replay["drafts"]]
    return Plan(app, before, after, first.SerializeToString(), trigger, drafts,
                (replay["submit"]["at"], replay["submit"]["body"]), replay)  # fmt: skip


def trigger_bytes(plan: Plan, token: str, page_hash: str, cached: list[str]) -> bytes:
    """The board's ``setTriggerValue("submitted", Date.now())`` rerun, as this phone's browser sends it."""
    msg = BackMsg()
    msg.CopyFrom(plan.trigger)
    rerun = msg.rerun_script
    rerun.query_string = urllib.parse.urlencode({"s": plan.app.code, "p": token})
    rerun.widget_states.widgets[0].json_trigger_value = json.dumps(
        [{"event": "submitted", "value": int(time.time() * 1000)}], separators=(",", ":")
    )
    rerun.page_script_hash = page_hash or rerun.page_script_hash
    del rerun.cached_message_hashes[:]
    rerun.cached_message_hashes.extend(cached)
    return msg.SerializeToString()


# ---- one phone ---------------------------------------------------------------------------


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
    all_ready: asyncio.Event = field(default_factory=asyncio.Event)
    all_settled: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def arrived_at_barrier(self) -> None:
        self.ready += 1
        if self.ready >= self.expected:
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


async def post(conn: Connection, name: str, body: str) -> float:
    """POST /api/<name> as the board's fetch does; seconds until the answer, which must be ok."""
    start = time.perf_counter()
    status, content, _ = await conn.request("POST", f"/api/{name}", body.encode(), ORIGIN_HEADER[0])
    if status != 200 or b'"ok":true' not in content:
        raise RuntimeError(f"/api/{name}: {status} {content[:120]!r}")
    return time.perf_counter() - start


ORIGIN_HEADER = [""]  # set once the app's URL is known: "Origin: http://127.0.0.1:PORT\r\n"


async def phone(crowd: Crowd, start_at: float, sort_s: float, submit_at: float | None) -> PhoneResult:
    """One participant's phone, from scanning the QR code to the page after the submit."""
    result, stage = PhoneResult(), "arrive"
    plan = crowd.plan
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    host, port = plan.app.host_port
    conns = [Connection(host, port) for _ in range(BROWSER_CONNECTIONS)]
    ws = None
    try:
        stage, t0 = "first visit", time.perf_counter()
        status, _, wire = await conns[0].request("GET", f"/?s={plan.app.code}")
        if status != 200:
            raise RuntimeError(f"GET /: {status}")
        result.first_visit.requests, result.first_visit.wire = 1, wire
        await fetch_all(conns, plan.before_ws, result.first_visit)
        stage = "page run"
        ws = await ws_connect(
            f"ws://{host}:{port}/_stcore/stream", subprotocols=["streamlit"], origin=plan.app.url,
            user_agent_header=UA, max_size=None, ping_interval=None, open_timeout=120,
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
            result.drafts_s.append(await post(api, "draft", personal(body, plan.app.code, token)))
        await asyncio.sleep(max(0.0, sort_start + plan.submit[0] * sort_s - time.monotonic()))
        if crowd.burst:
            stage = "waiting for the burst"
            crowd.arrived_at_barrier()
            await crowd.all_ready.wait()
            await asyncio.sleep(max(0.0, submit_at - time.monotonic()))
        stage, result.sent_at = "submit", time.time()
        result.submit_s = await post(api, "submit", personal(plan.submit[1], plan.app.code, token))
        result.acked_at = time.time()
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


# ---- projectors: real chromium tabs -----------------------------------------------------------


OBSERVER_JS = """() => {
  window.__counts = [];
  let last = -1;
  const read = () => {
    const el = document.querySelector('[data-testid=proj-count]');
    const m = el && el.textContent.match(/\\d+/);
    if (m && +m[0] !== last) { last = +m[0]; window.__counts.push([Date.now(), last]); }
  };
  new MutationObserver(read).observe(document.body, {subtree: true, childList: true, characterData: true});
  read();
}"""


async def open_projector(browser, app: App):
    """A facilitator's projector tab, logged in through the real form, watching its count."""
    ctx = await browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    page = await ctx.new_page()
    await page.goto(app.url + "/api/login")
    await page.get_by_label("Password").fill(app.password)
    await page.get_by_role("button", name="Log in").click()
    await page.wait_for_url(app.url + "/facilitator")
    await page.goto(f"{app.url}/projector?session={app.code}")
    await page.get_by_test_id("proj-count").wait_for(timeout=60_000)
    await page.evaluate(OBSERVER_JS)
    return page


def projector_latencies(results: list[PhoneResult], counts: list[list[tuple[float, int]]]) -> list[float]:
    """For the k-th acknowledged submit: from its sending until a projector first shows >= k
    (more than the count it showed at the start); the earliest of the projectors counts."""
    acked = sorted((r for r in results if r.acked_at is not None), key=lambda r: r.acked_at)
    out = []
    for k, r in enumerate(acked, start=1):
        seen = [t / 1000 for series in counts for t, n in series if n - series[0][1] >= k] if counts else []
        if seen:
            out.append(max(0.0, min(seen) - r.sent_at))
    return out


# ---- the run -------------------------------------------------------------------------------


@dataclass
class Outcome:
    results: list[PhoneResult]
    projector_s: list[float]
    projector_missing: int
    server_cpu_s: float | None
    peak_rss: float | None
    client_cpu_s: float
    browser_cpu_s: float
    script_runs: int | None
    stored: int | None
    seconds: float


def sort_range(args: argparse.Namespace) -> tuple[float, float]:
    if args.sort_seconds:
        lo, _, hi = args.sort_seconds.partition("-")
        return float(lo), float(hi or lo)
    scale = min(1.0, args.within / FIELD_WINDOW_S) if not args.burst else min(1.0, args.ramp / FIELD_WINDOW_S)
    return FIELD_SORT_S[0] * scale, FIELD_SORT_S[1] * scale


async def drive(app: App, args: argparse.Namespace, replay: dict) -> Outcome:
    from playwright.async_api import async_playwright

    plan = make_plan(app, replay)
    ORIGIN_HEADER[0] = f"Origin: {app.url}\r\n"
    rng = random.Random(args.seed)
    lo, hi = sort_range(args)
    n = args.participants
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS) if args.projectors else None
        projectors = [await open_projector(browser, app) for _ in range(args.projectors)]
        runs_before = script_runs(app)
        cpu_before = process_cpu_s(app.pid) if app.pid else None
        client_before = sum(os.times()[:2])
        browser_before = descendants_cpu_s(app.pid)
        crowd = Crowd(plan, args.burst, expected=n)
        arrive_over = args.ramp if args.burst else args.within
        start = time.monotonic() + 0.5
        burst_at = None
        tasks = []
        for i in range(n):
            arrive = start + arrive_over * (i + 0.5) / n  # evenly spread: the same load every run
            submit_at = None
            if args.burst:
                burst_at = burst_at or start + arrive_over + hi + 5
                submit_at = burst_at + args.within * rng.random()
            tasks.append(asyncio.ensure_future(phone(crowd, arrive, rng.uniform(lo, hi), submit_at)))
        timeout = args.timeout or (arrive_over + hi + (args.within if args.burst else 0) + 120)
        with suppress(TimeoutError):
            await asyncio.wait_for(crowd.all_settled.wait(), timeout)
        await asyncio.sleep(args.settle if args.projectors else 0)  # the projectors catch up
        crowd.done.set()
        await asyncio.wait(tasks, timeout=10)
        for t in tasks:
            t.cancel()  # those still running at the global timeout: each reports where it was
        results = list(await asyncio.gather(*tasks))
        seconds = time.monotonic() - start
        counts = [[tuple(x) for x in await p.evaluate("window.__counts")] for p in projectors]
        server_cpu = process_cpu_s(app.pid) - cpu_before if app.pid else None
        rss = peak_rss_mb(app.pid) if app.pid else None
        runs_after = script_runs(app)
        browser_cpu = descendants_cpu_s(app.pid) - browser_before
        if browser:
            await browser.close()
    client_cpu = sum(os.times()[:2]) - client_before
    latencies = projector_latencies(results, counts)
    acked = sum(r.acked_at is not None for r in results)
    runs = None if runs_before is None or runs_after is None else runs_after - runs_before
    return Outcome(results, latencies, acked - len(latencies) if counts else 0, server_cpu, rss,
                   client_cpu, browser_cpu, runs, None, seconds)  # fmt: skip


def script_runs(app: App) -> int | None:
    try:
        return int(get_json(app.url + "/api/metrics")["script_runs"])
    except (OSError, ValueError, KeyError):
        return None


def run(args: argparse.Namespace, replay: dict) -> Outcome:
    """Start the app on a fresh database (or use --url), drive the crowd, count what was stored."""
    if args.url:
        app = App(args.url.rstrip("/"), args.code, args.password, args.server_pid)
        outcome = asyncio.run(drive(app, args, replay))
        outcome.stored = stored_via_api(app)
        return outcome
    with tempfile.TemporaryDirectory() as tmp:
        with started_app(Path(tmp)) as app:
            outcome = asyncio.run(drive(app, args, replay))
        outcome.stored = stored_in_file(app.db, app.code)  # after the server stopped: one process per file
    return outcome


# ---- the report ----------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    """The q-th percentile by nearest rank (no interpolation: a reported p95 is a measured value)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def spread(name: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return (f"{name:<22} p50 {pct(ms, 50):8.0f}  p95 {pct(ms, 95):8.0f}  max {max(ms, default=float('nan')):8.0f} ms"
            f"  (n={len(ms)})")  # fmt: skip


def report(args: argparse.Namespace, outcome: Outcome, replay: dict, load_avg: float) -> tuple[list[str], int]:
    """The report's lines, the last one machine-readable, and the exit status."""
    results = outcome.results
    n = len(results)
    acked = sum(r.acked_at is not None for r in results)
    errors = [r.error for r in results if r.error]
    stored = outcome.stored
    lost = max(0, acked - stored) if stored is not None else 0
    visits = [r.first_visit for r in results if r.page_s is not None]
    ws = [r.ws_bytes for r in results if r.acked_at is not None and r.runs >= 2]
    rec = replay["recorded"]
    lo, hi = sort_range(args)
    cpu_per_sort = outcome.server_cpu_s / acked if outcome.server_cpu_s is not None and acked else float("nan")
    page = [r.page_s for r in results if r.page_s is not None]
    submit = [r.submit_s for r in results if r.submit_s is not None]
    lines = [
        f"load: {n} phones {'sorting, then submitting' if args.burst else 'arriving'} within {args.within:g} s"
        f"{f' (arriving over {args.ramp:g} s)' if args.burst else ''}, sorting {lo:.0f}-{hi:.0f} s, "
        f"{args.projectors} projector(s); 1-minute load average {load_avg:.2f} at start; {outcome.seconds:.0f} s",
        f"first visit per phone: {mean([v.requests for v in visits]):.1f} requests, "
        f"{mean([v.wire for v in visits]) / 1e6:.3f} MB as received (recorded chromium: {rec['requests']}, "
        f"{rec['wire'] / 1e6:.3f} MB)",
        f"websocket payload per sort: {mean(ws) / 1e3:.1f} kB (recorded {rec['ws_bytes'] / 1e3:.1f} kB); "
        f"page runs per sort {mean([r.runs for r in results if r.acked_at]):.2f}"
        + (f", server counted {outcome.script_runs} script runs" if outcome.script_runs is not None else ""),
        spread("page load", page),
        spread("autosave", [d for r in results for d in r.drafts_s]),
        spread("submit", submit),
        spread("submit to projector", outcome.projector_s)
        + (f"; {outcome.projector_missing} never shown" if outcome.projector_missing else ""),
        (f"server: {outcome.server_cpu_s:.1f} CPU-s ({cpu_per_sort:.3f} per sort), peak RSS {outcome.peak_rss:.0f} MB"
         if outcome.server_cpu_s is not None else "server: CPU and memory unknown (give --server-pid)"),
        f"client: {outcome.client_cpu_s:.1f} CPU-s in this process, {outcome.browser_cpu_s:.1f} CPU-s in the "
        "projectors' chromium (same machine: both compete with the server)",
        f"acknowledged {acked}, stored {stored if stored is not None else 'unknown (the summary API refused)'}",
    ]  # fmt: skip
    for text in sorted(set(errors))[:8]:
        lines.append(f"error ({errors.count(text)}x): {text}")
    if outcome.projector_missing:
        errors.append("a projector never showed an acknowledged submit")
    lines.append(
        f"participants={n} acknowledged={acked} stored={stored if stored is not None else -1} lost={lost} "
        f"errors={len(errors)} submit_p50_ms={fmt(pct(submit, 50))} submit_p95_ms={fmt(pct(submit, 95))} "
        f"projector_p95_ms={fmt(pct(outcome.projector_s, 95))} page_p95_ms={fmt(pct(page, 95))} "
        f"cpu_s_per_sort={cpu_per_sort:.3f} peak_rss_mb={outcome.peak_rss or float('nan'):.0f}"
    )
    bad = lost or errors or acked < n or (stored is not None and stored < acked)
    return lines, 1 if bad else 0


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


# ---- recording one real phone ---------------------------------------------------------------


def decode(raw: bytes, sent: bool) -> dict:
    """A websocket frame as what matters here: direction, type, size, and a rerun's bytes."""
    msg = BackMsg.FromString(raw) if sent else ForwardMsg.FromString(raw)
    out = {"sent": sent, "type": msg.WhichOneof("type"), "bytes": len(raw)}
    if sent and out["type"] == "rerun_script":
        out["hex"] = raw.hex()
    if not sent and out["type"] == "script_finished":
        out["status"] = msg.script_finished
    return out


async def record_phone(app: App) -> dict:
    """Sort once with a real phone (Pixel 7 emulation, taps) and keep every request and frame."""
    from playwright.async_api import async_playwright

    requests: list[dict] = []
    frames: list[dict] = []
    start = time.monotonic()
    pending: list[asyncio.Future] = []

    async def finished(request) -> None:
        sizes = await request.sizes()
        path = request.url.replace(app.url, "")
        item = {"t": time.monotonic() - start, "method": request.method, "path": path,
                "wire": sizes["responseBodySize"] + sizes["responseHeadersSize"]}  # fmt: skip
        if request.method == "POST":
            item["body"] = request.post_data
        requests.append(item)

    def frame(payload: bytes | str, sent: bool) -> None:
        raw = payload.encode("latin-1") if isinstance(payload, str) else payload
        frames.append({"t": time.monotonic() - start, **decode(raw, sent)})

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ctx = await browser.new_context(**{**pw.devices["Pixel 7"], "locale": "en-GB"})
        page = await ctx.new_page()
        page.on("requestfinished", lambda r: pending.append(asyncio.ensure_future(finished(r))))
        page.on("websocket", lambda ws: (ws.on("framesent", lambda p: frame(p, True)),
                                         ws.on("framereceived", lambda p: frame(p, False))))  # fmt: skip
        await page.goto(f"{app.url}/?s={app.code}")
        await sort_with_taps(page)
        await page.wait_for_timeout(3000)  # the rerun after the submit
        await asyncio.gather(*pending)
        await browser.close()
    return {"requests": sorted(requests, key=lambda r: r["t"]), "frames": frames}


async def sort_with_taps(page) -> None:
    """tests/e2e/phone.py's whole sort with the async API: rough piles, the grid, submit."""
    from playwright.async_api import expect

    from tests.e2e.phone import GRID_COUNTS, ROUGH_PATTERN

    await expect(page.locator(".qs-pile-btn")).to_have_count(3, timeout=30_000)
    for pile in ROUGH_PATTERN:
        await page.locator(f'.qs-pile-btn[data-pile="{pile}"]').tap()
    targets = page.locator("button.qs-target")
    await expect(targets).to_have_count(9, timeout=15_000)
    for i, count in enumerate(GRID_COUNTS):
        for _ in range(count):
            await targets.nth(i).tap()
    await page.locator("button.qs-submit").tap()
    await expect(page.locator(".qs-root")).to_have_count(0, timeout=20_000)


def replay_from(recording: dict, code: str) -> dict:
    """The small replay list: the visit in order, the two reruns, the autosaves and the submit
    (bodies with @CODE@/@TOKEN@), and the recorded totals the emulation is checked against."""
    frames, requests = recording["frames"], recording["requests"]
    ws_open = frames[0]["t"]
    board = next(f["t"] for f in frames if f.get("status") == 0)
    posts = [r for r in requests if r["method"] == "POST"]
    submit = next(r for r in posts if r["path"] == "/api/submit")
    token = json.loads(submit["body"])["p"]
    sort_s = submit["t"] - board
    visit = [r for r in requests if r["method"] == "GET" and not r["path"].startswith("blob:")]

    def body(r: dict) -> str:
        return r["body"].replace(token, "@TOKEN@").replace(f'"s":"{code}"', '"s":"@CODE@"')

    reruns = [f for f in frames if f["sent"] and f["type"] == "rerun_script"]
    return {
        "recorded": {
            "with": "chromium, Pixel 7 emulation, taps (tests/e2e/phone.py's sort)",
            "requests": len(visit), "wire": sum(r["wire"] for r in visit),
            "ws_bytes": sum(f["bytes"] for f in frames), "drafts": len(posts) - 1,
        },
        "visit": [{"path": r["path"].replace(code, "@CODE@"), "after_ws": r["t"] > ws_open, "wire": r["wire"]}
                  for r in visit],
        "first_rerun": reruns[0]["hex"],
        "trigger_rerun": reruns[-1]["hex"],
        "drafts": [{"at": round((r["t"] - board) / sort_s, 4), "body": body(r)}
                   for r in posts if r["path"] == "/api/draft"],
        "submit": {"at": 1.0, "body": body(submit)},
    }  # fmt: skip


def record(args: argparse.Namespace) -> int:
    """Record a real phone, rewrite the replay list, then emulate one phone on the same server."""
    with tempfile.TemporaryDirectory() as tmp, started_app(Path(tmp)) as app:
        recording = asyncio.run(record_phone(app))
        Path(tempfile.gettempdir(), "load_recording.json").write_text(json.dumps(recording))  # to inspect
        replay = replay_from(recording, app.code)
        REPLAY.write_text(json.dumps(replay, indent=1) + "\n")
        rec = replay["recorded"]
        args.participants, args.within, args.projectors, args.sort_seconds = 1, 1, 0, "5"
        outcome = asyncio.run(drive(app, args, replay))
    phone_ = outcome.results[0]
    print(
        f"recorded: {rec['requests']} requests, {rec['wire']:,} bytes on the first visit; "
        f"websocket {rec['ws_bytes']:,} bytes per sort; {rec['drafts']} autosaves"
    )
    print(f"emulated: {phone_.first_visit.requests} requests, {phone_.first_visit.wire:,} bytes on the first visit; "
          f"websocket {phone_.ws_bytes:,} bytes per sort; {len(phone_.drafts_s)} autosaves; "
          f"error: {phone_.error}")  # fmt: skip
    return 1 if phone_.error else 0


# ---- command line ----------------------------------------------------------------------------


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--within", type=float, default=60.0, help="seconds over which phones arrive (--burst: submit)")
    parser.add_argument("--projectors", type=int, default=1)
    parser.add_argument("--burst", action="store_true", help="all phones load and sort first, then submit together")
    parser.add_argument("--ramp", type=float, default=20.0, help="with --burst: seconds over which phones arrive")
    parser.add_argument("--sort-seconds", help="LO-HI seconds a phone sorts (default 40-80, scaled to the window)")
    parser.add_argument("--timeout", type=float, help="global limit in seconds (default: window + sort + 120)")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds for the projectors to catch up")
    parser.add_argument("--url", help="a running app instead of starting one (loopback only)")
    parser.add_argument("--code", help="with --url: the session's code")
    parser.add_argument("--password", default=os.environ.get("REVIEW_FACILITATOR_PASSWORD", ""))
    parser.add_argument("--server-pid", type=int, help="with --url: the server's process, for CPU and memory")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--record", action="store_true", help="record a real phone and compare the emulation")
    args = parser.parse_args(argv)
    if args.participants < 1 or args.participants > MAX_PHONES:
        parser.error(f"--participants must be 1 to {MAX_PHONES}")
    if args.url:
        host = urllib.parse.urlsplit(args.url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            parser.error("--url must be a loopback address: this generator loads one machine, not a network")
        if not args.code:
            parser.error("--url needs --code")
    return args


MAX_PHONES = 2000  # one client process; beyond this the client, not the app, would be measured


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.record:
        return record(args)
    replay = json.loads(REPLAY.read_text())
    load_avg = os.getloadavg()[0]
    outcome = run(args, replay)
    lines, status = report(args, outcome, replay, load_avg)
    print("\n".join(lines), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
