"""The gate in front of Streamlit's upload route (ui/http/upload_gate.py): who may upload, how much it
reads before it refuses. Against a real server: tests/e2e/test_hostile_uploads.py."""

from __future__ import annotations

import json

import pytest

from review.access.login import COOKIE as NAME
from tests.conftest import run_async
from ui.http.upload_gate import FRAMING_BYTES, UploadGate

LIMIT = 1_000
COOKIE = "good-cookie"
PATH = "/_stcore/upload_file/session-1/file-1"


class Streamlit:
    """Stands in for Streamlit: reads the whole body, answers 204, remembers what it got."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def __call__(self, scope, receive, send) -> None:
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        self.bodies.append(body)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


class Client:
    """A body sent in chunks; counts how many the server asked for."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks, self.read = chunks, 0

    async def receive(self) -> dict:
        if self.read == len(self.chunks):
            return {"type": "http.disconnect"}
        self.read += 1
        return {"type": "http.request", "body": self.chunks[self.read - 1], "more_body": self.read < len(self.chunks)}


def call(
    chunks: list[bytes],
    cookie: str | None = COOKIE,
    method: str = "PUT",
    path: str = PATH,
    length: int | str | None = "auto",
    lang: str = "en",
) -> tuple[int, dict | None, Streamlit, Client]:
    app, client, sent = Streamlit(), Client(chunks), []
    headers = [(b"accept-language", lang.encode())]
    if cookie:
        headers.append((b"cookie", f"{NAME}={cookie}".encode()))
    if length is not None:
        headers.append((b"content-length", str(sum(map(len, chunks)) if length == "auto" else length).encode()))

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": headers, "query_string": b""}
    gate = UploadGate(app, LIMIT, allowed=lambda value: value == COOKIE)
    run_async(gate(scope, client.receive, send))
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return sent[0]["status"], json.loads(body) if body else None, app, client


@pytest.mark.parametrize("cookie", [None, "forged"])
@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_an_upload_without_the_facilitator_s_login_is_refused_unread(cookie: str | None, method: str):
    status, body, app, client = call([b"x" * 100], cookie=cookie, method=method)
    assert status == 403 and body["error"] == "upload.forbidden"
    assert body["message"] == "Only the facilitator can upload files; log in first."
    assert client.read == 0 and app.bodies == []


def test_the_refusal_speaks_the_browser_s_language():
    assert call([b"x"], cookie=None, lang="nl")[1]["message"] == (
        "Alleen de begeleider kan bestanden uploaden; log eerst in."
    )


def test_a_declared_length_over_the_limit_is_refused_before_reading():
    status, body, app, client = call([b"x"], length=LIMIT + FRAMING_BYTES + 1)
    assert status == 413 and body["error"] == "request.too_large"
    assert client.read == 0 and app.bodies == []


def test_a_length_that_is_not_a_number_is_refused():
    assert call([b"x"], length="12, 13")[0] == 413


def test_a_body_without_a_length_is_refused_as_soon_as_it_passes_the_limit():
    chunk = b"x" * 10_000
    status, body, app, client = call([chunk] * 100, length=None)
    assert status == 413 and body["error"] == "request.too_large"
    assert client.read == (LIMIT + FRAMING_BYTES) // len(chunk) + 1 < 100  # one chunk past the limit, no more
    assert app.bodies == []


def test_a_body_longer_than_its_declared_length_is_refused_too():
    status, _, app, _ = call([b"x" * 30_000] * 3, length=10)
    assert status == 413 and app.bodies == []


def test_the_facilitator_s_upload_within_the_limit_reaches_streamlit_whole():
    chunks = [b"a" * 400, b"b" * 400, b"c" * (LIMIT + FRAMING_BYTES - 800)]
    status, _, app, _ = call(chunks)
    assert status == 204 and app.bodies == [b"".join(chunks)]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", PATH),  # removing a file costs nothing
        ("GET", "/_stcore/health"),
        ("PUT", "/api/upload_file/x/y"),
    ],
)
def test_other_requests_go_on_unchecked(method: str, path: str):
    status, _, app, _ = call([b"x" * 5_000], cookie=None, method=method, path=path)
    assert status == 204 and app.bodies == [b"x" * 5_000]


def test_the_route_behind_a_base_path_is_gated_too():
    assert call([b"x"], cookie=None, path="/review/_stcore/upload_file/s/f")[0] == 403
