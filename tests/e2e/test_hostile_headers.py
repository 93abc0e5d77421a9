"""A hostile client on the same machine (loopback), against a real server: forwarded addresses,
other origins, frames, aborted and stalled bodies (ui/http/edge.py, ui/http/api.py).

Two servers of their own (module scope): one behind nothing (``REVIEW_TRUSTED_PROXY`` unset),
one that trusts 127.0.0.1 as its reverse proxy. Both give a body two seconds
(``REVIEW_BODY_SECONDS``), so the stalled-body tests are quick.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import http.server
import json
import os
import re
import select
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from review.access.ratelimit import CODE_BURST, LOGIN_BURST
from tests.e2e.conftest import PASSWORD, Server, running_app, seed
from tests.e2e.test_hostile_requests import call
from ui.http.edge import HEADER_FLOOR

BODY_SECONDS = 2.0
HEADERS = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}
FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en"}


def _server(tmp_path_factory: pytest.TempPathFactory, name: str, **env: str) -> Iterator[Server]:
    db = tmp_path_factory.mktemp(name) / "review.duckdb"
    sessions, secret = seed(db)
    with running_app(db, sessions, secret, extra_env={"REVIEW_BODY_SECONDS": str(BODY_SECONDS), **env}) as srv:
        yield srv


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Behind nothing: no forwarded header is believed."""
    yield from _server(tmp_path_factory, "bare")


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Behind a reverse proxy on 127.0.0.1 (as deploy/cluster.py runs it)."""
    yield from _server(tmp_path_factory, "proxied", REVIEW_TRUSTED_PROXY="127.0.0.1")


def wrong_password(server: Server, forwarded_for: str) -> int:
    headers = {**FORM, "X-Forwarded-For": forwarded_for}
    return call(server.url + "/api/login", "POST", b"password=wrong", headers)[0]


def unknown_code(server: Server, forwarded_for: str) -> int:
    body = json.dumps({"s": "ZZZZZZ", "p": "x.y", "condition": "observed", "draft": {}}).encode()
    headers = {"Content-Type": "application/json", "X-Forwarded-For": forwarded_for}
    return call(server.url + "/api/draft", "POST", body, headers)[0]


def static_name(server: Server) -> str:
    _, _, html = call(server.url + "/")
    names = re.findall(r'(?:src|href)="\./(static/[^"]+\.js)"', html.decode())
    assert names, html[:500]
    return names[0]


def test_every_response_carries_the_security_headers(bare: Server) -> None:
    """Streamlit's index.html and files, our routes, refusals and a 404 alike."""
    cases = [
        ("GET", "/", None, {}),
        ("GET", "/facilitator", None, {}),
        ("GET", "/" + static_name(bare), None, {}),
        ("GET", "/static/js/not-there.js", None, {}),
        ("GET", "/api/health", None, {}),
        ("GET", "/api/login", None, {}),
        ("POST", "/api/submit", b"{}", {"Content-Type": "application/json"}),
        ("GET", "/api/export/NOPE.csv", None, {}),
        ("GET", "/_stcore/health", None, {}),
    ]
    for method, path, body, headers in cases:
        status, got, _ = call(bare.url + path, method, body, headers)
        assert {name: got.get(name) for name in HEADERS} == HEADERS, (path, status, got)


def handshake(server: Server, origin: str | None) -> str:
    """The status line the server answers a websocket upgrade on /_stcore/stream with."""
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: 127.0.0.1:{server.port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Protocol: streamlit",
        *([f"Origin: {origin}"] if origin else []),
    ]
    with socket.create_connection(("127.0.0.1", server.port), timeout=15) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return sock.recv(4096).decode("latin-1").split("\r\n")[0]


def test_a_page_on_another_port_cannot_open_the_websocket(bare: Server) -> None:
    """Streamlit's own check compares hosts only: localhost:OTHER passed it."""
    assert handshake(bare, f"http://127.0.0.1:{bare.port}").startswith("HTTP/1.1 101"), "same origin"
    for origin in (f"http://127.0.0.1:{bare.port + 1}", f"http://localhost:{bare.port + 1}", "null"):
        assert handshake(bare, origin).startswith("HTTP/1.1 403"), origin
    assert handshake(bare, f"https://127.0.0.1:{bare.port}").startswith("HTTP/1.1 403"), "another scheme"


def facilitator_cookie(server: Server) -> str:
    status, headers, _ = call(server.url + "/api/login", "POST", f"password={PASSWORD}".encode(), FORM)
    assert status == 303, status
    return headers["set-cookie"].split(";")[0]


def test_a_page_on_another_port_cannot_write_the_facilitators_notes(bare: Server) -> None:
    code = bare.sessions["plain"].code
    cookie = facilitator_cookie(bare)
    url = f"{bare.url}/api/notes/{code}"
    note = json.dumps({"point": "", "kind": "next", "body": "planted"}).encode()
    # A form with enctype text/plain: no CORS preflight; the browser sends the cookie (same site).
    plain = {"Cookie": cookie, "Content-Type": "text/plain"}
    assert call(url, "POST", note, {**plain, "Origin": f"http://127.0.0.1:{bare.port + 1}"})[0] == 403
    assert call(url, "POST", note, plain)[0] == 415  # without an Origin (an older browser)
    status, _, body = call(url, "POST", note, {**plain, "Content-Type": "application/json"})
    assert status == 200, body  # the facilitator's own page
    login = call(bare.url + "/api/login", "POST", b"password=x", {**FORM, "Origin": "http://127.0.0.1:1"})
    assert login[0] == 403


@contextlib.contextmanager
def page_on_another_port(html: str) -> Iterator[str]:
    """A web page served from another port of the same host (the probe's attacker): its URL."""
    handler = type("Page", (http.server.BaseHTTPRequestHandler,), {})

    def do_get(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(html.encode())

    handler.do_GET = do_get
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def test_in_a_browser_the_app_works_and_a_page_on_another_port_gets_nowhere(bare: Server, browser: Browser) -> None:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    bare.login(page)  # the form's POST carries the page's own Origin (not "null")
    code = bare.sessions["plain"].code
    saved = page.evaluate(
        """async (code) => (await fetch("api/notes/" + code, {method: "POST", credentials: "same-origin",
            headers: {"Content-Type": "application/json"},
            body: JSON.stringify({point: "", kind: "next", body: "ours"})})).status""",
        code,
    )
    assert saved == 200  # the page's own fetch passes the origin check
    kept = page.evaluate(  # a websocket outlives the header deadline (its connection is no longer HTTP)
        """async (seconds) => {
          const ws = new WebSocket(location.origin.replace("http", "ws") + "/_stcore/stream", "streamlit");
          let closed = false;
          ws.onclose = () => { closed = true; };
          await new Promise((r) => { ws.onopen = r; });
          await new Promise((r) => setTimeout(r, seconds * 1000));
          const open = ws.readyState === WebSocket.OPEN && !closed;
          ws.close();
          return open;
        }""",
        HEADER_FLOOR + 1,
    )
    assert kept
    attacker = f"""<iframe src="{bare.url}/facilitator"></iframe><script>
      window.socket = "pending";
      const ws = new WebSocket("ws://127.0.0.1:{bare.port}/_stcore/stream", "streamlit");
      ws.onopen = () => window.socket = "open";
      ws.onclose = () => {{ if (window.socket === "pending") window.socket = "refused"; }};
    </script>"""
    with page_on_another_port(attacker) as url:
        other = context.new_page()
        other.goto(url)
        other.wait_for_function("window.socket !== 'pending'")
        assert other.evaluate("window.socket") == "refused"
        framed = other.frames[1]
        framed.wait_for_load_state()
        assert framed.url.startswith("chrome-error://"), framed.url  # chromium's page for a refused frame
    context.close()


def test_an_aborted_submit_is_one_line_in_the_log_not_a_traceback(bare: Server) -> None:
    with socket.create_connection(("127.0.0.1", bare.port), timeout=15) as sock:
        sock.sendall(
            b"POST /api/submit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b'Content-Length: 5000\r\n\r\n{"s": "ABC'
        )
    line = "a client left before sending the whole request (POST /api/submit)"
    deadline = time.monotonic() + 30
    while line not in bare.log.read_text():
        assert time.monotonic() < deadline, bare.log.read_text()[-3000:]
        time.sleep(0.1)
    assert "Traceback" not in bare.log.read_text(), bare.log.read_text()[-3000:]


def stalled_post(server: Server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    sock.sendall(
        b"POST /api/submit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b'Content-Length: 5000\r\n\r\n{"s": '
    )
    return sock


def read_to_close(sock: socket.socket) -> bytes:
    answer = b""
    while part := sock.recv(4096):
        answer += part
    return answer


def read_to_close_or_reset(sock: socket.socket) -> tuple[bytes, bool]:
    """The answer, and whether the connection ended in a reset rather than a close: TCP's answer to
    a byte that reaches a server after it closed, which a client that goes on trickling can send."""
    answer = b""
    try:
        while part := sock.recv(4096):
            answer += part
    except ConnectionResetError:
        return answer, True
    return answer, False


def test_stalled_and_trickled_bodies_get_408_and_lose_their_connection(bare: Server) -> None:
    """The probe held 400 connections for 40 s with bodies that never came."""
    start = time.monotonic()
    stalled = [stalled_post(bare) for _ in range(100)]
    trickled = stalled_post(bare)
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the server may close first
        # a byte every half second (too slow), until the server answers or gives no sign of it
        while not select.select([trickled], [], [], 0.5)[0] and time.monotonic() < start + BODY_SECONDS + 10:
            trickled.sendall(b" ")
    for sock in stalled:
        with sock:
            answer = read_to_close(sock)  # the server closes the connection after its answer
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    with trickled:  # its last byte may cross the server's close, and be answered with a reset
        answer, reset = read_to_close_or_reset(trickled)
    assert answer.startswith(b"HTTP/1.1 408") or reset, answer[:200]
    took = time.monotonic() - start
    assert BODY_SECONDS <= took < BODY_SECONDS + 10, took
    assert bare.health()["status"] == "ok"
    assert "Traceback" not in bare.log.read_text(), bare.log.read_text()[-3000:]


def test_trickled_and_stalled_headers_lose_their_connection(bare: Server) -> None:
    """The probe held 400 connections open for 40 s with headers that never ended; a websocket
    and a keep-alive connection that goes on asking are not touched by the deadline."""
    start = time.monotonic()
    stalled = [socket.create_connection(("127.0.0.1", bare.port), timeout=30) for _ in range(50)]
    for sock in stalled:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
    trickled = socket.create_connection(("127.0.0.1", bare.port), timeout=30)
    closed = False
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        # a header line every half second, never the end, until the server closes the connection
        for k in range(int((HEADER_FLOOR + 10) / 0.5)):
            if select.select([trickled], [], [], 0.5)[0] and not trickled.recv(4096):
                closed = True
                break
            trickled.sendall(b"GET / HTTP/1.1\r\n" if k == 0 else f"X-Slow-{k}: 1\r\n".encode())
    assert closed, "the trickled headers kept their connection"
    for sock in stalled:
        with sock:
            assert read_to_close(sock) == b""  # closed, no answer
    took = time.monotonic() - start
    assert HEADER_FLOOR <= took < HEADER_FLOOR + 10, took
    kept = http.client.HTTPConnection("127.0.0.1", bare.port, timeout=30)  # an ordinary browser's keep-alive
    sockets = set()
    for _ in range(4):  # gaps within uvicorn's 5 s keep-alive and the deadline, beyond it all together
        kept.request("GET", "/_stcore/health")
        assert kept.getresponse().read() == b"ok"
        sockets.add(kept.sock)
        time.sleep(HEADER_FLOOR * 0.35)
    assert len(sockets) == 1  # one connection throughout
    kept.close()
    assert bare.health()["status"] == "ok"


# The limit tests use up this client address's allowance of failed logins: they run last.
def test_behind_nothing_a_rotating_forwarded_for_does_not_escape_the_limits(bare: Server) -> None:
    """uvicorn believed X-Forwarded-For from any 127.0.0.1 peer: 40 of 40 guesses got through."""
    logins = [wrong_password(bare, f"198.51.100.{i}") for i in range(LOGIN_BURST + 1)]
    assert logins == [403] * (LOGIN_BURST - 1) + [429, 429], logins  # the last try of the burst waits
    codes = [unknown_code(bare, f"203.0.113.{i}") for i in range(CODE_BURST + 5)]
    # a token trickles back every CODE_EVERY seconds, so on a slow machine one more may pass
    assert codes[-1] == 429 and codes.count(404) <= CODE_BURST + 1, codes


def test_behind_the_trusted_proxy_each_forwarded_address_counts_alone(proxied: Server) -> None:
    rotating = [wrong_password(proxied, f"198.51.100.{i}") for i in range(2 * LOGIN_BURST)]
    assert rotating == [403] * (2 * LOGIN_BURST), rotating  # different people behind the proxy
    one = [wrong_password(proxied, "192.0.2.77") for _ in range(LOGIN_BURST + 1)]
    assert one == [403] * (LOGIN_BURST - 1) + [429, 429], one  # one of them guessing is still limited
    # The proxy's last address counts, not one the client put in front of it.
    assert wrong_password(proxied, "10.9.9.9, 192.0.2.77") == 429
