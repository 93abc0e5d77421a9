"""Issue 9 against a real server: what a hostile client sends over HTTP.

A server of its own (module scope): the rate-limit tests use up this client address's
allowance of failed guesses, which would slow every other test on the shared server.
The rate-limit tests therefore run last in this file."""

from __future__ import annotations

import http.client
import json
import re
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from review.access.ratelimit import CODE_BURST, LOGIN_BURST
from tests.conftest import columns_of
from tests.content.test_grid import valid_sort
from tests.e2e.conftest import PASSWORD, Server, running_app, seed, send_until_answered

JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("hostile") / "review.duckdb"
    sessions, secret = seed(db)
    with running_app(db, sessions, secret) as srv:
        yield srv


def call(
    url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One request, redirects not followed; returns status, headers and body."""
    parts = urlsplit(url)
    con = http.client.HTTPConnection(parts.hostname, parts.port, timeout=15)
    con.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=body, headers=headers or {})
    response = con.getresponse()
    out = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    con.close()
    return out


def sort_body(server: Server, kind: str, token: str, lang: str = "en") -> dict:
    session = server.sessions[kind]
    sort = valid_sort(session.grid, session.statement_set.ids)
    return {"s": session.code, "p": token, "condition": "observed", "lang": lang, "columns": columns_of(sort)}


def test_a_chunked_body_is_refused_while_it_streams(hostile: Server) -> None:
    """1 GB with no length header once took the server to 2.3 GB: now it answers 413 as soon
    as the body passes the cap, without waiting for the rest."""
    with socket.create_connection(("127.0.0.1", hostile.port), timeout=15) as sock:
        sock.sendall(
            b"POST /api/submit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"10000\r\n" + b"[" * 0x10000 + b"\r\n"  # 64 KiB per chunk
        sent = send_until_answered(sock, chunk)
        ready, _, _ = select.select([sock], [], [], 10)
        assert ready, "no answer while the body was still streaming"
        head = b""
        while b"}" not in head:  # the status line and headers may come before the JSON body
            part = sock.recv(65536)
            if not part:
                break
            head += part
        head = head.decode("latin-1")
    assert head.startswith("HTTP/1.1 413"), head[:200]
    # a few MB sit in the two sockets' kernel buffers; without the cap the server reads all 50 MB first
    assert sent < 10_000_000, f"{sent} bytes went out before the server refused"
    assert '"error":"request.too_large"' in head


def test_a_declared_length_over_the_cap_is_refused_unread(hostile: Server) -> None:
    status, _, body = call(
        hostile.url + "/api/draft", "POST", b"{}", {"Content-Type": "application/json", "Content-Length": "999999999"}
    )
    assert status == 413 and json.loads(body)["error"] == "request.too_large"


@pytest.mark.parametrize("lang, words", [("en", "too large"), ("nl", "te groot")])
def test_an_oversized_login_form_is_refused(hostile: Server, lang: str, words: str) -> None:
    status, _, body = call(
        hostile.url + "/api/login",
        "POST",
        b"password=" + b"x" * 10_000,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept-Language": lang},
    )
    assert status == 413 and words in body.decode()


def test_deeply_nested_json_gets_a_clear_400_in_the_participants_language(hostile: Server) -> None:
    for body in (b"[" * 30_000 + b"]" * 30_000, b'{"lang": "nl", "a": ' + b"[" * 1000 + b"]" * 1000 + b"}"):
        status, _, raw = call(hostile.url + "/api/submit", "POST", body, {"Accept-Language": "nl", **JSON})
        answer = json.loads(raw)
        assert status == 400 and answer["error"] == "request.invalid"
        assert answer["message"] == "Het verzoek is niet leesbaar."


@pytest.mark.parametrize("token", ["abc.é", "é.abc", "x" * 20 + "\u202e.def"])
def test_a_non_ascii_token_is_an_ordinary_refusal(hostile: Server, token: str) -> None:
    status, answer = hostile.post("submit", sort_body(hostile, "plain", token))
    assert status == 404 and answer["error"] == "error.unknown_session"
    status, answer = hostile.post("draft", {**sort_body(hostile, "plain", token), "draft": {}})
    assert status == 404


def test_a_non_ascii_cookie_is_an_ordinary_refusal(hostile: Server) -> None:
    code = hostile.sessions["demo"].code
    for path in (f"/api/summary/{code}", f"/api/export/{code}.csv", f"/api/export/{code}/research.csv"):
        status, _, _ = call(hostile.url + path, headers={"Cookie": "review_facilitator=1999999999.\u00e9\u00e9"})
        assert status == 403


def test_unknown_closed_and_forged_get_one_answer(hostile: Server) -> None:
    """A guesser cannot tell a code that exists from one that does not."""
    forged = "AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB"
    answers = []
    for code in ("ZZZZZZ", hostile.sessions["closed"].code, hostile.sessions["plain"].code, "no code!"):
        status, answer = hostile.post("submit", {**sort_body(hostile, "plain", forged), "s": code})
        answers.append((status, answer["error"], answer["message"].replace(code[:20], "CODE")))
    assert len(set(answers)) == 1, answers
    assert answers[0][:2] == (404, "error.unknown_session")


def test_a_draft_that_lands_after_the_submit_is_refused(hostile: Server) -> None:
    token = hostile.token("plain")
    body = sort_body(hostile, "plain", token)
    draft = {"rough": {"1": 1}, "placed": {}, "comments": {}, "stage": "rough", "updated": 1}
    assert hostile.post("draft", {**body, "draft": draft, "base": None})[0] == 200
    assert hostile.post("submit", body)[0] == 200
    status, answer = hostile.post("draft", {**body, "draft": draft, "base": None})  # was in flight
    assert status == 409 and answer["error"] == "draft.after_submit"


# --- rate limits: these use up the allowance of this client address, so they come last -----


def test_guessing_codes_is_rate_limited_but_a_real_participant_is_not(hostile: Server) -> None:
    forged = "AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB"
    statuses = [hostile.post("submit", {**sort_body(hostile, "plain", forged), "s": "ZZZZZZ"})[0] for _ in range(40)]
    # earlier tests here used part of the allowance; a token trickles back every CODE_EVERY seconds
    assert statuses[0] == 404 and 429 in statuses[:CODE_BURST] and statuses[-1] == 429
    assert statuses.count(404) <= CODE_BURST + 2
    status, headers, raw = call(
        hostile.url + "/api/submit",
        "POST",
        json.dumps({**sort_body(hostile, "plain", forged, lang="nl"), "s": hostile.sessions["plain"].code}).encode(),
        JSON,
    )
    answer = json.loads(raw)  # a real code with a forged token: the same 429, so nothing is learnt
    assert status == 429 and int(headers["retry-after"]) == answer["retry_after"] > 0
    assert re.fullmatch(
        r"Te veel mislukte pogingen vanaf dit netwerk\. Probeer het over \d+ s opnieuw\.", answer["message"]
    )
    status, _ = hostile.post("submit", sort_body(hostile, "plain", hostile.token("plain")))
    assert status == 200  # someone with a real link is never slowed down by a guesser on the same Wi-Fi


def test_login_guessing_is_rate_limited(hostile: Server) -> None:
    def login(password: str) -> tuple[int, str]:
        status, _, body = call(
            hostile.url + "/api/login",
            "POST",
            f"password={password}".encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en"},
        )
        return status, body.decode()

    results = [login(f"guess{k}") for k in range(LOGIN_BURST + 3)]
    assert [s for s, _ in results[: LOGIN_BURST - 1]] == [403] * (LOGIN_BURST - 1)
    assert results[-1][0] == 429 and re.search(r"Try again in \d+ s", results[-1][1])
    assert login(PASSWORD)[0] == 429  # while waiting, even the right password is refused
    status, _, body = call(hostile.url + "/api/login?key=guess", headers={"Accept-Language": "en"})
    assert status == 429 and b"Try again in" in body  # the key shares the allowance


def _printed_key(db: Path) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"/api/login\?key=(\S+)", (db.parent / "server.log").read_text())
        if found:
            return found.group(1)
        time.sleep(0.2)
    raise AssertionError("no key printed")


def test_keys_and_cookies_end_at_every_start_and_with_a_password(tmp_path: Path) -> None:
    db = tmp_path / "review.duckdb"
    sessions, secret = seed(db)
    code = sessions["demo"].code
    with running_app(db, sessions, secret, password=None) as srv:
        key = _printed_key(db)
        status, headers, _ = call(f"{srv.url}/api/login?key={key}")
        assert status == 303
        cookie = headers["set-cookie"].split(";")[0]
        assert call(f"{srv.url}/api/summary/{code}", headers={"Cookie": cookie})[0] == 200
    with running_app(db, sessions, secret) as srv:  # restarted with a password
        assert call(f"{srv.url}/api/login?key={key}")[0] == 403
        assert call(f"{srv.url}/api/summary/{code}", headers={"Cookie": cookie})[0] == 403
    with running_app(db, sessions, secret, password=None) as srv:  # and without again: a new key
        assert _printed_key(db) != key
        assert call(f"{srv.url}/api/login?key={key}")[0] == 403
        assert call(f"{srv.url}/api/summary/{code}", headers={"Cookie": cookie})[0] == 403
