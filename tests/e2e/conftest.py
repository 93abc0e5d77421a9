"""A real Streamlit server on a free port and Debian's chromium driven by Playwright."""

from __future__ import annotations

import json
import os
import re
import select
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, WebSocket, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from review.access.tokens import new_token
from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.room.demo import create_demo_session
from review.room.sessions import create_session
from review.store import Session, Store
from review.store.backend_postgres import is_url
from tests.conftest import fresh_database

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("REVIEW_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = ROOT / "screenshots"
# How long a test waits for a state before it fails. Generous on purpose: on two busy cores (two
# test workers, each with servers and a browser) a state that comes within a second alone can take
# ten; a test that passes fast waits no longer. How fast things are is measured in bench/.
STATE_TIMEOUT = 30_000
expect.set_options(timeout=STATE_TIMEOUT)
PASSWORD = "test-facilitator-password"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The running app, and the sessions seeded into its database before it started
    (only one process may open the DuckDB file, so tests cannot add rows later)."""

    def __init__(
        self, db: Path | str, port: int, sessions: dict[str, Session], secret: bytes, log: Path, pid: int = 0
    ) -> None:
        self.db = db  # a DuckDB file, or a PostgreSQL URL
        self.log = log
        self.pid = pid  # the server's process: its memory is in /proc/<pid>/status
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.sessions = sessions
        self.secret = secret

    def health(self) -> dict:
        with urllib.request.urlopen(self.url + "/api/health", timeout=5) as r:
            return json.loads(r.read())

    def token(self, kind: str) -> str:
        """A new participant's signed token, as the join page would hand out."""
        return new_token(self.secret, self.sessions[kind].id)

    def join_url(self, kind: str, token: str | None = None, **params: str) -> str:
        query = {"s": self.sessions[kind].code, **({"p": token} if token else {}), **params}
        return self.url + "/?" + urllib.parse.urlencode(query)

    def login(self, page) -> None:
        """Log the page's browser in as the facilitator, through the real login form."""
        page.goto(self.url + "/api/login")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(self.url + "/facilitator")

    def submit(
        self,
        kind: str,
        sort: dict[int, int],
        role: str | None = None,
        condition: str = "observed",
        token: str | None = None,
    ) -> str:
        """Submit a sort as a phone's board does (POST /api/submit), as a new participant or as the
        phone holding ``token``; returns the token."""
        token = token or self.token(kind)
        columns: dict[str, list[int]] = {}
        for sid, value in sort.items():
            columns.setdefault(str(value), []).append(sid)
        status, body = self.post(
            "submit",
            {"s": self.sessions[kind].code, "p": token, "condition": condition, "columns": columns, "role": role},
        )
        assert status == 200, body
        return token

    def post(self, name: str, body: bytes | dict) -> tuple[int, dict]:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}/api/{name}", data=data, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"{}")


def seed(db: Path | str) -> tuple[dict[str, Session], bytes]:
    store = Store.open(db)
    statement_set, grid = load_statement_set(), load_grid()
    sessions = {
        "demo": create_demo_session(store, participants=12, title="Demo"),
        # the facilitator's laptop tests change what these show (the reveal) and their status (close,
        # reopen): sessions of their own, so that a test stopped half-way leaves "demo" as it was
        "laptop": create_demo_session(store, participants=12, title="Demo"),
        "closing": create_demo_session(store, participants=12, title="Demo"),
        "plain": create_session(store, "Plain", statement_set, grid),
        "rich": create_session(
            store, "Rich", statement_set, grid, ("observed", "desired"), ("professional", "leidinggevende"), True
        ),
        "closed": create_session(store, "Closed", statement_set, grid),
        "room": create_session(
            store, "Room", statement_set, grid, ("observed", "desired"), ("professional", "leidinggevende"), True
        ),
    }
    store.set_status(sessions["closed"].id, "closed")
    secret = store.secret()
    store.close()
    return sessions, secret


@contextmanager
def running_app(
    db: Path | str,
    sessions: dict[str, Session] | None = None,
    secret: bytes = b"",
    password: str | None = PASSWORD,
    folder: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """``streamlit run app.py`` on a free loopback port over the database ``db`` (a DuckDB file,
    seeded before: only one process may open it; or a PostgreSQL URL), with the facilitator
    password set (None: the app prints a login key instead) and ``extra_env``; stopped afterwards.
    Its output goes to ``server.log`` in ``folder`` (by default the file's folder)."""
    port = free_port()
    own = ("REVIEW_FACILITATOR_PASSWORD", "REVIEW_DATABASE_URL", "REVIEW_TRUSTED_PROXY", "FORWARDED_ALLOW_IPS")
    env = {k: v for k, v in os.environ.items() if k not in own}  # set below, or unset
    env.update(extra_env or {})
    env["REVIEW_PUBLIC_URL"] = f"http://127.0.0.1:{port}"
    if is_url(db):
        env["REVIEW_DATABASE_URL"] = str(db)
    else:
        env["REVIEW_DB"] = str(db)
        folder = folder or Path(db).parent
    if password:
        env["REVIEW_FACILITATOR_PASSWORD"] = password
    log_path = folder / "server.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    srv = Server(db, port, sessions or {}, secret, log_path, proc.pid)
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if srv.health()["status"] == "ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the app did not start: " + log_path.read_text())
            time.sleep(0.3)
        yield srv
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


# Streamlit marks a fragment's elements stale while it reruns and fades them after a moment; a
# colour read during that fade is not the colour a person reads. This waits, inside the page, for a
# moment when nothing is stale, fading, drawing or scrolling (at most 15 s, then reads anyway):
# - no element marked stale, no CSS transition or other animation running that ends (an expander
#   opening, a toast sliding in; a spinner's endless one does not count);
# - every plotly chart on screen drawn (its layout computed) and idle: not drawing, which includes
#   plotly's second pass for its automatic margins, not waiting for an image or a font, not
#   animating;
# - no scroll event for 200 ms (a smooth scroll sends one every frame until it stops; a scroll that
#   began just before the call counts as running, and scroll events stay inside a shadow root, so
#   the board's are heard there).
SETTLED_JS = """async () => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const e of roots[i].querySelectorAll("*")) if (e.shadowRoot) roots.push(e.shadowRoot);
  }
  let scrolled = performance.now();
  const onScroll = () => { scrolled = performance.now(); };
  for (const root of roots) root.addEventListener("scroll", onScroll, { capture: true, passive: true });
  const moving = (a) => a.playState === "running" && a.effect?.getComputedTiming().endTime !== Infinity;
  const drawing = (chart) => {
    const plot = chart.querySelector(".js-plotly-plot");
    const layout = plot && plot._fullLayout;
    return !layout || layout._replotting || plot._transitioning || (plot._promises || []).length
      || plot._fontLoadToken;
  };
  const busy = () => document.querySelector('[data-stale="true"]')
    || document.getAnimations().some(moving)
    || Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
      .some((chart) => chart.checkVisibility() && drawing(chart))
    || performance.now() - scrolled < 200;
  try {
    for (let i = 0; i < 150 && busy(); i++) await new Promise((r) => setTimeout(r, 100));
  } finally {
    for (const root of roots) root.removeEventListener("scroll", onScroll, { capture: true });
  }
}"""


def wait_settled(page: Page) -> None:
    """Wait until nothing on the page is stale, fading, drawing or scrolling (see SETTLED_JS)."""
    page.evaluate(SETTLED_JS)


SMALL_FRAME = 2048  # Streamlit's messages about a run are small; a bigger frame is a delta (bench/loadkit)


def _run_finished(payload: bytes | str, status: int) -> bool:
    """Whether a websocket frame is Streamlit's message that a run ended with ``status``."""
    if isinstance(payload, str) or len(payload) > SMALL_FRAME:
        return False
    msg = ForwardMsg.FromString(payload)
    return msg.WhichOneof("type") == "script_finished" and msg.script_finished == status


def _refresh_finished(payload: bytes | str) -> bool:
    return _run_finished(payload, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


def _page_run_finished(payload: bytes | str) -> bool:
    return _run_finished(payload, ForwardMsg.FINISHED_SUCCESSFULLY)


class Reruns:
    """A page's Streamlit runs, read from the messages its connection receives: the server says when
    a run of the whole page ends, and when a run of a part that refreshes by itself (a fragment with
    ``run_every``: the facilitator's live panel, the projector) ends. A test waits for "the page
    refreshed" instead of for a time. Watch a page before it opens (``goto``): each page it opens
    has a connection of its own, and the latest is the one watched.

    ``with Reruns(page) as runs:`` stops watching at the end of the block."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.socket: WebSocket | None = None
        self._fragments: set[str] = set()
        page.on("websocket", self._opened)

    @property
    def live(self) -> bool:
        """Whether the page open now has a part that refreshes by itself."""
        return bool(self._fragments)

    def _opened(self, socket: WebSocket) -> None:
        if socket.url.endswith("/_stcore/stream"):
            self.socket = socket
            self._fragments = set()
            socket.on("framereceived", lambda payload: self._received(socket, payload))

    def _received(self, socket: WebSocket, payload: bytes | str) -> None:
        if socket is not self.socket or isinstance(payload, str) or len(payload) > SMALL_FRAME:
            return
        msg = ForwardMsg.FromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "auto_rerun":
            self._fragments.add(msg.auto_rerun.fragment_id)
        elif kind == "stop_auto_rerun":
            self._fragments.difference_update(msg.stop_auto_rerun.fragment_ids)

    def refreshes(self, n: int = 1, timeout: float = STATE_TIMEOUT) -> None:
        """Wait until the page's self-refreshing part has run ``n`` more times, to its end."""
        assert self.socket is not None, "no Streamlit page opened since the watching began"
        assert self.live, f"nothing on {self.page.url} refreshes by itself"
        for _ in range(n):
            self.socket.wait_for_event("framereceived", predicate=_refresh_finished, timeout=timeout)

    @contextmanager
    def page_run(self, timeout: float = STATE_TIMEOUT) -> Iterator[None]:
        """Wait, after the block, until a run of the whole page has ended since the block began: the
        one the block starts (a click on a widget, say) when the page was idle before it. A run
        ended early for another one does not count; nor does a refresh of a fragment."""
        assert self.socket is not None, "no Streamlit page opened since the watching began"
        with self.socket.expect_event("framereceived", predicate=_page_run_finished, timeout=timeout):
            yield

    def close(self) -> None:
        self.page.remove_listener("websocket", self._opened)
        self.socket = None

    def __enter__(self) -> Reruns:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def send_until_answered(sock: socket.socket, chunk: bytes, limit: int = 50_000_000) -> int:
    """Send ``chunk`` after chunk until the server answers, refuses more, or ``limit`` bytes went;
    returns how many bytes went out."""
    sent = 0
    while sent < limit and not select.select([sock], [], [], 0)[0]:
        try:
            sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            break
        sent += len(chunk)
    return sent


def server_log(server: Server) -> str:
    return server.log.read_text()


# Every test on the shared server (and the load generator's) runs on both backends, except those
# marked browser_only: the browser's own work (layout, taps, drags, the board offline, the static
# files), where the store answers the same few requests as in the tests that run on both, so they
# run on the first backend only. The tests that start an app of their own are about one DuckDB
# file (its faults, a restart, a seeded room). REVIEW_E2E_BACKENDS=postgresql (or duckdb) runs
# them on the backends named only.
BACKENDS = [name for name in os.environ.get("REVIEW_E2E_BACKENDS", "").split(",") if name]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "app_backend" in metafunc.fixturenames:
        backends = BACKENDS or ["duckdb", "postgresql"]
        if metafunc.definition.get_closest_marker("browser_only"):
            backends = backends[:1]
        metafunc.parametrize("app_backend", backends, scope="session")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, app_backend: str) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("e2e")
    with fresh_database(app_backend, folder / "review.duckdb") as db:
        sessions, secret = seed(db)
        with running_app(db, sessions, secret, folder=folder) as srv:
            yield srv


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


FAILED = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def _close_pages(request: pytest.FixtureRequest) -> Iterator[None]:
    """Close every browser context a test opened, pass or fail: a projector or facilitator tab
    left open refreshes every second and slows every later test. When the test failed, every page
    still open is kept as a screenshot first (screenshots/failures/), to show what each screen showed."""
    yield
    if "browser" not in request.fixturenames:
        return
    contexts = list(request.getfixturevalue("browser").contexts)
    if request.node.stash.get(FAILED, False):
        failures = SHOTS / "failures"
        failures.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)[:120]
        pages = [page for ctx in contexts for page in ctx.pages]
        for k, page in enumerate(pages):
            with suppress(PlaywrightError):  # a page that crashed or closed: the others still count
                page.screenshot(path=str(failures / f"{name}-{k}.png"), full_page=True, timeout=10_000)
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(exist_ok=True)
    return SHOTS
