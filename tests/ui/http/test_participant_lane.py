"""The phones' short lane (ui/http/api.py ParticipantLane): only POST /api/draft and /api/submit take it."""

from __future__ import annotations

import json

import pytest

from tests.conftest import receive_once, run_async
from ui.http.api import ParticipantLane


async def streamlit(scope, receive, send) -> None:
    await send({"type": "http.response.start", "status": 299, "headers": []})
    await send({"type": "http.response.body", "body": b"streamlit"})


def call(path: str, method: str = "POST", body: bytes = b"not json", kind: str = "http") -> tuple[int, bytes]:
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": kind,
        "method": method,
        "path": path,
        "headers": [(b"content-type", b"application/json")],
        "query_string": b"",
        "client": ("203.0.113.9", 1),
    }
    run_async(ParticipantLane(streamlit)(scope, receive_once(body), send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


@pytest.mark.parametrize("path", ["/api/draft", "/api/submit"])
def test_a_phone_call_is_answered_by_its_endpoint(path: str):
    status, body = call(path)
    assert status == 400 and json.loads(body)["error"] == "request.invalid"  # the endpoint's own answer


@pytest.mark.parametrize(
    ("path", "method"),
    [("/api/draft", "GET"), ("/api/submit", "PUT"), ("/api/health", "POST"), ("/api/draft/", "POST"), ("/", "POST")],
)
def test_everything_else_goes_on_to_streamlit(path: str, method: str):
    assert call(path, method) == (299, b"streamlit")


def test_the_lane_and_the_routes_share_the_endpoints():
    from ui.http.api import ROUTES

    routed = {route.path: route.endpoint for route in ROUTES}
    assert routed["/api/draft"] is ParticipantLane.LANE["/api/draft"]
    assert routed["/api/submit"] is ParticipantLane.LANE["/api/submit"]


def test_the_apps_autosaves_share_transactions(shared_store, statement_set, grid):
    """The app's store lingers (review.store.phones.DRAFT_LINGER): autosaves of phones that arrive one after
    another, none waiting for another, are written together, each acknowledged and stored."""
    import threading

    from review.room.sessions import create_session, join, participant_id
    from ui import state

    session = create_session(shared_store, "Lane", statement_set, grid)
    tokens = [join(shared_store, session) for _ in range(5)]
    draft = {"rough": {"1": 1}, "placed": {}, "comments": {}, "role": None, "stage": "rough", "updated": 0}
    answers: list[tuple[int, bytes]] = []

    def autosave(token: str) -> None:
        body = json.dumps({"s": session.code, "p": token, "condition": "observed", "draft": draft}).encode()
        answers.append(call("/api/draft", body=body))

    threads = [threading.Thread(target=autosave, args=(token,)) for token in tokens]
    for k, th in enumerate(threads):  # one phone after another: each alone would find the lock free
        th.start()
        tick = threading.Event()
        for _ in range(60_000):  # until its autosave waits in the queue (or is answered), not for a time
            if len(shared_store._draft_writes._queue) > k or len(answers) > k:
                break
            tick.wait(0.001)
    for th in threads:
        th.join()
    assert [status for status, _ in answers] == [200] * 5
    writes = shared_store._draft_writes
    assert (writes.items, writes.batches) == (5, 1) and state.DRAFT_LINGER > 0.1
    assert all(
        shared_store.draft_of(session.id, participant_id(shared_store, session, t), "observed") == draft for t in tokens
    )
