"""POST /api/notes/{code}: the facilitator's notes, saved as typed (ui/http/api_notes.py)."""

from __future__ import annotations

import json

import pytest

from review.access.login import COOKIE, cookie_secret, make_cookie
from review.store import Session, Store
from review.views.discussion import NOTE_MAX, notes_of
from tests.conftest import call_endpoint
from ui.http.api_notes import NOTES_BODY_LIMIT, notes


def post(code: str, body: bytes, cookie: str | None, lang: str = "en") -> tuple[int, dict]:
    """The endpoint as Starlette calls it, on an in-memory request."""
    headers = [(b"content-type", b"application/json"), (b"accept-language", lang.encode())]
    if cookie is not None:
        headers.append((b"cookie", f"{COOKIE}={cookie}".encode()))
    return call_endpoint(notes, f"/api/notes/{code}", body, headers, code=code)


def note(point: str = "disputed:12", kind: str = "note", body: object = "Wat we zagen", **extra) -> bytes:
    return json.dumps({"point": point, "kind": kind, "body": body, **extra}).encode()


@pytest.fixture
def room(shared_store: Store, statement_set, grid) -> tuple[Session, str]:
    from review.room.sessions import create_session

    session = create_session(shared_store, "Team", statement_set, grid)
    return session, make_cookie(cookie_secret(shared_store))


def test_a_note_is_stored_as_typed(shared_store: Store, room) -> None:
    session, cookie = room
    assert post(session.code, note(body="<b>eerst</b> dit\nen dat"), cookie) == (200, {"ok": True})
    assert post(session.code, note("", "next", "Jan belt de teamleider"), cookie)[0] == 200
    assert notes_of(shared_store, session) == {
        ("disputed:12", "note"): "<b>eerst</b> dit\nen dat",
        ("", "next"): "Jan belt de teamleider",
    }
    assert post(session.code.lower(), note(body="later"), cookie)[0] == 200  # a code as typed
    assert post(session.code, note(body=""), cookie)[0] == 200  # emptied: removed
    assert ("disputed:12", "note") not in notes_of(shared_store, session)


@pytest.mark.parametrize("cookie", [None, "", "1700000000.forged", "é"])
def test_without_the_facilitators_cookie_nothing_is_stored(shared_store: Store, room, cookie) -> None:
    session, _ = room
    status, answer = post(session.code, note(), cookie)
    assert status == 403 and answer["error"] == "notes.forbidden" and "facilitator" in answer["message"]
    assert notes_of(shared_store, session) == {}


@pytest.mark.parametrize(
    ("body", "key"),
    [
        (note(kind="minutes"), "notes.bad_kind"),
        (note(point="x" * 41), "notes.bad_point"),
        (note(point="<script>:1"), "notes.bad_point"),
        (note(body=["a list"]), "notes.bad_body"),
        (json.dumps({"point": "gap:1", "kind": "note"}).encode(), "notes.bad_body"),
        (b"not json", "request.invalid"),
        (b"[1, 2]", "request.invalid"),
    ],
)
def test_a_note_that_breaks_a_rule_is_answered_400_with_the_message(shared_store: Store, room, body, key) -> None:
    session, cookie = room
    status, answer = post(session.code, body, cookie)
    assert status == 400 and answer["error"] == key and answer["message"]
    assert notes_of(shared_store, session) == {}


def test_the_message_comes_in_the_language_asked_for(room) -> None:
    session, cookie = room
    assert "Onbekende soort notitie" in post(session.code, note(kind="x", lang="nl"), cookie)[1]["message"]
    assert "Unknown kind of note" in post(session.code, note(kind="x"), cookie, lang="en")[1]["message"]


def test_an_oversize_note_or_request_is_answered_413(shared_store: Store, room) -> None:
    session, cookie = room
    status, answer = post(session.code, note(body="x" * (NOTE_MAX + 1)), cookie)
    assert status == 413 and answer["error"] == "notes.too_long" and str(NOTE_MAX) in answer["message"]
    status, answer = post(session.code, b'{"body": "' + b"x" * NOTES_BODY_LIMIT + b'"}', cookie)
    assert status == 413 and answer["error"] == "request.too_large"
    assert post(session.code, note(body="é" * NOTE_MAX), cookie)[0] == 200  # the limit, in any script
    assert notes_of(shared_store, session) == {("disputed:12", "note"): "é" * NOTE_MAX}


def test_an_unknown_session_is_answered_404(room) -> None:
    _session, cookie = room
    status, answer = post("ZZZZZZ", note(), cookie)
    assert status == 404 and answer["error"] == "error.unknown_session"
    assert post("not a code at all", note(), cookie)[0] == 404


def test_the_route_is_served_by_the_app() -> None:
    from ui.http.api_notes import ROUTES

    assert [(r.path, r.methods) for r in ROUTES] == [("/api/notes/{code}", {"POST"})]
