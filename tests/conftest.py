"""Shared fixtures: an empty store, and one seeded workshop of 12 sorts."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from review.content.grid import Grid, load_grid
from review.content.statements import StatementSet, load_statement_set
from review.room.demo import create_demo_session
from review.room.sessions import create_session
from review.store import Session, Store
from tests.pages.room_states import BIG, STATES, Built, big
from ui import state


@pytest.fixture(autouse=True)
def _fresh_rate_limits(monkeypatch) -> None:
    """Each test starts with clean guessing counters (they are per process, like the app's)."""
    from review.access import ratelimit
    from ui import state

    monkeypatch.setattr(state, "LOGINS", ratelimit.RateLimiter(ratelimit.LOGIN_BURST, ratelimit.LOGIN_EVERY))
    monkeypatch.setattr(state, "CODES", ratelimit.RateLimiter(ratelimit.CODE_BURST, ratelimit.CODE_EVERY))


@pytest.fixture(scope="session")
def statement_set() -> StatementSet:
    return load_statement_set()


@pytest.fixture(scope="session")
def grid() -> Grid:
    return load_grid()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "review.duckdb"


# The PostgreSQL server the tests use: scripts/test.sh installs and starts one on loopback and sets
# this; a schema of its own per test keeps tests apart (and from the workers running beside them).
POSTGRES = "REVIEW_TEST_DATABASE_URL"


def postgres_url() -> str:
    url = os.environ.get(POSTGRES)
    if not url:
        pytest.fail(f"{POSTGRES} is not set: run `bash scripts/test.sh`, which starts PostgreSQL on loopback", False)
    return url


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL of the test server whose connections live in a fresh, empty schema, dropped after."""
    import psycopg

    url = postgres_url()
    name = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {name}")
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f"DROP SCHEMA {name} CASCADE")


@contextmanager
def fresh_database(backend: str, file: Path) -> Iterator[str]:
    """Where a new store lives: the DuckDB ``file``, or a fresh PostgreSQL schema."""
    if backend == "duckdb":
        yield str(file)
    else:
        with postgres_schema() as url:
            yield url


@pytest.fixture(params=["duckdb", "postgresql"])
def store_target(request, db_path: Path) -> Iterator[str]:
    """Where a store lives, once per backend: a DuckDB file, or a PostgreSQL schema."""
    with fresh_database(request.param, db_path) as target:
        yield target


@pytest.fixture
def store(store_target: str) -> Iterator[Store]:
    """An empty, migrated store: a real DuckDB file, and a real PostgreSQL database."""
    s = Store.open(store_target)
    yield s
    s.close()


@pytest.fixture
def session(store: Store, statement_set: StatementSet, grid: Grid) -> Session:
    return create_session(store, "Teamoverleg", statement_set, grid)


@pytest.fixture
def workshop(store: Store) -> Session:
    """The canonical seeded workshop: 12 plausible sorts."""
    return create_demo_session(store, participants=12, seed=7, title="Workshop")


def columns_of(placements: dict[int, int]) -> dict[str, list[int]]:
    """A sort as the board sends it: ``{"-4": [ids], ...}`` with JSON string keys."""
    out: dict[str, list[int]] = {}
    for sid, value in placements.items():
        out.setdefault(str(value), []).append(sid)
    return out


@pytest.fixture
def workshop_factory():
    """Create the seeded workshop in a file and close it; returns the session code."""

    def make(path: Path) -> str:
        s = Store.open(path)
        code = create_demo_session(s, participants=12, seed=7, title="Workshop").code
        s.close()
        return code

    return make


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("REVIEW_DB", str(path))
    monkeypatch.delenv("REVIEW_PUBLIC_URL", raising=False)
    state.close_store()
    yield path
    state.close_store()


@pytest.fixture
def shared_store(app_db: Path) -> Store:
    """The app's own store (one DuckDB connection per process, as in production)."""
    return state.store()


def run_async(coroutine):
    """Run an endpoint's coroutine to its end, in a thread of its own: after the Playwright tests
    an event loop is still running in the main thread, where ``asyncio.run`` refuses to start."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def receive_once(body: bytes):
    """An ASGI ``receive`` that gives the request's whole body once, then a disconnect."""
    given = False

    async def receive() -> dict:
        nonlocal given
        if given:
            return {"type": "http.disconnect"}
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def call_endpoint(
    endpoint, path: str, body: bytes, headers: list[tuple[bytes, bytes]] | None = None, **path_params: str
) -> tuple[int, dict]:
    """A POST endpoint as Starlette calls it, on an in-memory request from one client address:
    its status and JSON answer."""
    import json

    from starlette.requests import Request

    scope = {
        "type": "http",
        "method": "POST",
        "path": path,
        "path_params": path_params,
        "headers": headers or [(b"content-type", b"application/json")],
        "client": ("203.0.113.7", 5000),
        "query_string": b"",
    }
    response = run_async(endpoint(Request(scope, receive_once(body))))
    return response.status_code, json.loads(response.body)


def app_page(page: str, **params: str):
    """The app's script (main.py) switched to ``page`` (e.g. "pages/discussion.py") with the
    query parameters given, run once under AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "main.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(page)
    return at.run()


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, Built]]]:
    """Every state of tests/pages/room_states.py in a database of the module's own, behind the app's store;
    the facilitator logged in."""
    mp = pytest.MonkeyPatch()
    mp.setenv("REVIEW_DB", str(tmp_path_factory.mktemp("states") / "states.duckdb"))
    mp.delenv("REVIEW_PUBLIC_URL", raising=False)
    mp.setattr("ui.auth.is_facilitator", lambda: True)  # the cookie itself is tested in e2e and test_room
    state.close_store()
    store = state.store()
    built = {name: make(store) for name, make in STATES.items()}
    built[BIG] = big(store)
    yield store, built
    state.close_store()
    mp.undo()
