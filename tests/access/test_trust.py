"""Issue 9, unit level: rate limits, the login epoch, forged non-ASCII tokens and cookies,
request bodies, and drafts that arrive after a submit. The same protections are driven
through a real server in tests/e2e/test_hostile_requests.py."""

from __future__ import annotations

import json

import pytest

from review.access.login import (
    KEY_SETTING,
    SECRET_SETTING,
    cookie_ok,
    cookie_secret,
    key_ok,
    make_cookie,
    new_login_epoch,
    start_login_epoch,
)
from review.access.ratelimit import RateLimiter, client_address
from review.access.tokens import participant_of
from review.errors import DraftAfterSubmit, InvalidToken
from review.room.live import participant_view
from review.room.sessions import join, save_draft, submit_sort
from review.store import Store
from tests.conftest import columns_of
from tests.content.test_grid import valid_sort
from ui.http.api import MAX_DEPTH, parse_json_body


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_limiter_allows_a_burst_of_failures_then_one_per_interval() -> None:
    clock = Clock()
    limiter = RateLimiter(burst=3, every=10, clock=clock)
    assert [limiter.fail("a") for _ in range(3)] == [0, 0, 10]
    assert limiter.wait("a") == 10 and limiter.wait("b") == 0  # per address
    clock.now = 4
    assert limiter.wait("a") == 6  # counts down
    clock.now = 10
    assert limiter.wait("a") == 0 and limiter.fail("a") == 10  # one more try, then wait again


def test_hammering_on_while_blocked_does_not_dig_a_deeper_hole() -> None:
    clock = Clock()
    limiter = RateLimiter(burst=2, every=5, clock=clock)
    for _ in range(100):
        limiter.fail("a")
    assert limiter.wait("a") == 10  # at most two intervals, however often it was tried


def test_a_limiter_forgets_the_least_recently_seen_address_first() -> None:
    limiter = RateLimiter(burst=1, every=60, max_clients=100, clock=Clock())
    for k in range(1000):
        limiter.fail(f"10.0.{k // 256}.{k % 256}")
    assert limiter.tracked() == 100  # memory stays bounded under a spray of addresses
    assert limiter.wait("10.0.3.231") > 0 and limiter.wait("10.0.0.0") == 0


def test_forwarded_for_is_believed_only_from_the_trusted_proxy() -> None:
    assert client_address("10.0.0.9", "1.2.3.4", None) == "10.0.0.9"
    assert client_address("10.0.0.9", "6.6.6.6, 1.2.3.4", "10.0.0.9") == "1.2.3.4"  # the hop the proxy added
    assert client_address("7.7.7.7", "1.2.3.4", "10.0.0.9") == "7.7.7.7"  # a client cannot claim another address
    assert client_address(None, None, None) == client_address(object(), None, None) == "unknown"


def test_a_new_login_epoch_ends_every_cookie_and_the_old_key(store: Store) -> None:
    key = new_login_epoch(store, password_configured=False)
    cookie = make_cookie(cookie_secret(store))
    assert key_ok(store.setting(KEY_SETTING), key) and cookie_ok(cookie_secret(store), cookie)
    new_key = new_login_epoch(store, password_configured=False)  # "log everyone out", or a restart
    assert not cookie_ok(cookie_secret(store), cookie)
    assert not key_ok(store.setting(KEY_SETTING), key) and key_ok(store.setting(KEY_SETTING), new_key)


def test_a_process_starting_on_a_shared_database_keeps_the_facilitators_logged_in(store: Store) -> None:
    """Several processes on one PostgreSQL database with a password: one (re)starting logs nobody
    out. One process on a file, or without a password (a key to print), starts a new epoch."""
    start_login_epoch(store, password_configured=True, shared=store.shared)
    cookie = make_cookie(cookie_secret(store))
    assert start_login_epoch(store, password_configured=True, shared=store.shared) is None
    assert cookie_ok(cookie_secret(store), cookie) == store.shared
    assert not key_ok(store.setting(KEY_SETTING), "")
    key = start_login_epoch(store, password_configured=False, shared=store.shared)  # key mode: always new
    assert key and key_ok(store.setting(KEY_SETTING), key) and not cookie_ok(cookie_secret(store), cookie)
    new_login_epoch(store, password_configured=True)  # "log everyone out" ends it on any database
    assert not key_ok(store.setting(KEY_SETTING), key)


def test_processes_sharing_a_database_count_failed_guesses_together(store: Store) -> None:
    """Two processes' limiters on one store: five failures spread over both exhaust the one bucket,
    and it refills at the same pace for both. (On a DuckDB file the same rows work; the app uses
    them only for a shared database, and its own memory otherwise.)"""
    now = [1_000_000.0]
    one, two = (RateLimiter(5, 10.0, kind="login", shared=lambda: store, wall_clock=lambda: now[0]) for _ in range(2))
    for limiter in (one, two, one, two):
        assert limiter.fail("10.0.0.7") == 0
    assert one.fail("10.0.0.7") == 10 and two.wait("10.0.0.7") == 10  # the fifth: wait
    assert two.fail("10.0.0.7") == 20 and one.fail("10.0.0.7") == 20  # never deeper than -1
    assert one.wait("10.0.0.8") == 0 and store.guess_clients("login") == 1  # others untouched
    now[0] += 20
    assert one.wait("10.0.0.7") == 0 and two.fail("10.0.0.7") == 10  # one token back, spent again
    now[0] += 3600  # an hour on: full again, and the row is dropped at the next failure
    one.fail("10.0.0.9")
    assert store.guess_clients("login") == 1 and store.guess_clients("code") == 0


def test_with_a_password_configured_no_key_works(store: Store) -> None:
    key = new_login_epoch(store, password_configured=False)
    assert new_login_epoch(store, password_configured=True) is None
    assert not key_ok(store.setting(KEY_SETTING), key)
    assert not key_ok(store.setting(KEY_SETTING), "")


def test_cookies_are_not_signed_with_the_token_secret(store: Store) -> None:
    new_login_epoch(store, password_configured=True)
    assert store.setting(SECRET_SETTING) and cookie_secret(store) != store.secret()
    assert not cookie_ok(cookie_secret(store), make_cookie(store.secret()))


@pytest.mark.parametrize("forged", ["é.x", "abc.ü", "1234567890.ä" * 3, "٣٣٣٣٣٣٣٣٣٣.abc", "\udcff.x"])
def test_a_non_ascii_cookie_is_refused_not_an_error(store: Store, forged: str) -> None:
    assert cookie_ok(cookie_secret(store), forged) is False


@pytest.mark.parametrize("forged", ["abc.é", "é.abc", "ab\u202ec.def", "x" * 30 + ".ü" * 5])
def test_a_non_ascii_token_is_refused_not_an_error(store: Store, session, forged: str) -> None:
    with pytest.raises(InvalidToken):
        participant_of(store.secret(), session.id, forged)


def test_request_bodies_must_be_a_shallow_json_object() -> None:
    assert parse_json_body(b'{"s": "K7QX3M", "draft": {"placed": {"1": 2}}}') is not None
    assert parse_json_body(("[" * 1000 + "]" * 1000).encode()) is None  # too deep for json: RecursionError
    assert parse_json_body(json.dumps({"a": [[[[[[[[[[1]]]]]]]]]]}).encode()) is None
    assert parse_json_body(b"\xff\xfe\x00garbage") is None
    assert parse_json_body(b"[1, 2]") is None and parse_json_body(b"") is None
    nested: dict = {}
    node = nested
    for _ in range(MAX_DEPTH - 1):
        node["x"] = {}
        node = node["x"]
    assert parse_json_body(json.dumps(nested).encode()) == nested


DRAFT = {"rough": {"1": -1}, "placed": {}, "comments": {}, "stage": "rough", "updated": 1}


def test_a_draft_that_arrives_after_the_submit_is_refused(store: Store, session, grid) -> None:
    token = join(store, session)
    save_draft(store, session, token, "observed", DRAFT)  # autosaves while sorting
    sort = valid_sort(grid, session.statement_set.ids)
    submit_sort(store, session, token, "observed", columns_of(sort))
    with pytest.raises(DraftAfterSubmit):  # sent before the submit, landed after it
        save_draft(store, session, token, "observed", {**DRAFT, "updated": 2})
    pid = participant_of(store.secret(), session.id, token)
    assert store.draft_of(session.id, pid, "observed") is None
    [state] = store.participant_states(session.id)
    assert state.submitted == ("observed",)


def test_changing_a_submitted_sort_keeps_its_drafts_until_the_next_submit(store: Store, session, grid) -> None:
    token = join(store, session)
    sort = valid_sort(grid, session.statement_set.ids)
    submit_sort(store, session, token, "observed", columns_of(sort))
    view = participant_view(store, session, token, editing="observed")
    assert view.base is not None  # the board editing the sort knows which submit it started from
    save_draft(store, session, token, "observed", DRAFT, view.base)
    pid = participant_of(store.secret(), session.id, token)
    assert store.draft_of(session.id, pid, "observed")["rough"] == {"1": -1}
    submit_sort(store, session, token, "observed", columns_of(sort))
    with pytest.raises(DraftAfterSubmit):  # the same board's late autosave
        save_draft(store, session, token, "observed", DRAFT, view.base)
    with pytest.raises(DraftAfterSubmit):  # a forged or stale base is no better
        save_draft(store, session, token, "observed", DRAFT, "2020-01-01T00:00:00")


def _request(scheme: str, peer: str, headers: dict[str, str]):
    from starlette.requests import Request

    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    scope = {"type": "http", "scheme": scheme, "server": ("review.example", 443), "client": (peer, 1)}
    return Request({**scope, "headers": raw, "path": "/", "query_string": b""})


def test_the_cookie_is_secure_over_https_directly_or_as_the_trusted_proxy_says(monkeypatch) -> None:
    from ui.http.api import _https

    monkeypatch.setenv("REVIEW_TRUSTED_PROXY", "10.0.0.2")
    assert _https(_request("https", "1.2.3.4", {}))
    assert _https(_request("http", "10.0.0.2", {"X-Forwarded-Proto": "https"}))
    assert not _https(_request("http", "1.2.3.4", {"X-Forwarded-Proto": "https"}))  # anyone else's claim
    assert not _https(_request("http", "10.0.0.2", {}))
