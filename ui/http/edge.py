"""What every request meets before Streamlit or our routes see it (app.py's middleware list).

- :class:`SecurityHeaders`: no page of ours may be framed, sniffed into another type or leak its
  URL (participants' tokens and the login key ride in query strings) as a referrer.
- :class:`SameOrigin`: a websocket or a state-changing request whose ``Origin`` is not this
  server's own scheme, host *and port* is refused. Streamlit's websocket check compares hosts
  only, so a page on another port of the same host (same site: cookies go along) could drive a
  logged-in facilitator's session.
- :class:`BodyDeadline`: a request body must arrive within a deadline; a client that opens a
  request and trickles or stalls its body gets 408 and its connection closed.
- :func:`bound_header_time`: a connection whose request headers have not all arrived within the
  same deadline is closed (uvicorn itself waits as long as a client trickles them).
- :func:`trust_forwarded_headers_only_from`: uvicorn believes ``X-Forwarded-For`` only from
  ``REVIEW_TRUSTED_PROXY``, not from every loopback peer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from review.config import DEFAULT_BODY_SECONDS

# same-origin: the URLs carry participants' tokens (?p=) and the printed login key (?key=), which
# must not leave the site. Not no-referrer: under it browsers send `Origin: null` on their own
# same-origin POSTs (the Fetch standard), which SameOrigin must refuse: no phone could submit.
HEADERS = [
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_PORTS = {"http": 80, "https": 443}

App = Callable[..., Any]


class SecurityHeaders:
    """Adds :data:`HEADERS` to every HTTP response: Streamlit's pages and files, ours, errors."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: App, send: App) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS if name not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def own_origin(scope: dict[str, Any]) -> tuple[str, str, int] | None:
    """(scheme, host, port) the browser used to reach this server: the scope's scheme (set from
    X-Forwarded-Proto by uvicorn for the trusted proxy only) and the Host header."""
    scheme = {"ws": "http", "wss": "https"}.get(scope.get("scheme", "http"), scope.get("scheme", "http"))
    host = next((value.decode("latin-1") for name, value in scope.get("headers", []) if name == b"host"), None)
    return _origin_parts(f"{scheme}://{host}") if host else None


def _origin_parts(origin: str) -> tuple[str, str, int] | None:
    try:
        parts = urlsplit(origin.strip())
        scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:  # a port that is not a number
        return None
    return (scheme, host, port) if scheme in DEFAULT_PORTS and host and port else None


def same_origin(origin: str | None, scope: dict[str, Any]) -> bool:
    """No ``Origin`` (a program, not a page) passes; a page's must match scheme, host and port."""
    if origin is None:
        return True
    mine = own_origin(scope)
    return mine is not None and _origin_parts(origin) == mine


class SameOrigin:
    """Refuses websockets (403 at the handshake) and POST/PUT/PATCH/DELETE (403) from another origin."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: App, send: App) -> None:
        checked = scope["type"] == "websocket" or (scope["type"] == "http" and scope["method"] not in SAFE_METHODS)
        origin = next((v.decode("latin-1") for n, v in scope.get("headers", []) if n == b"origin"), None)
        if not checked or same_origin(origin, scope):
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # before accept: uvicorn answers 403
        else:
            body = b'{"ok": false, "error": "origin"}'
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 403, "headers": headers})
            await send({"type": "http.response.body", "body": body})


class BodyDeadline:
    """Answers 408 and closes the connection when a request's body has not fully arrived
    ``seconds`` after the request began. The endpoint waiting for it sees the client leave.
    Once the body is in, later reads (waiting for a disconnect) are not bounded."""

    def __init__(self, app: App, seconds: float = DEFAULT_BODY_SECONDS) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: dict[str, Any], receive: App, send: App) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = asyncio.get_running_loop().time() + self.seconds
        body_done = timed_out = started = False

        async def timed_receive() -> dict[str, Any]:
            nonlocal body_done, timed_out
            if body_done:
                return await receive()
            if timed_out:
                return {"type": "http.disconnect"}
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                timed_out = True
                if not started:
                    await _send_408(send)
                return {"type": "http.disconnect"}
            body_done = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        async def guarded_send(message: dict[str, Any]) -> None:
            nonlocal started
            if timed_out and not started:
                return  # our 408 went out instead
            started = True
            await send(message)

        await self.app(scope, timed_receive, guarded_send)


async def _send_408(send: App) -> None:
    body = b'{"ok": false, "error": "timeout"}'
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),  # uvicorn closes the connection after it
    ]
    await send({"type": "http.response.start", "status": 408, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def trust_forwarded_headers_only_from(proxy: str | None) -> None:
    """Make uvicorn believe ``X-Forwarded-For``/``-Proto`` only from ``proxy`` (None: from nobody).

    uvicorn wraps the app in its ProxyHeadersMiddleware trusting ``FORWARDED_ALLOW_IPS``, by
    default 127.0.0.1 and ::1, and rewrites ``request.client`` before our code sees it: any local
    process or tunnel could then rotate its apparent address past the guess limits. Streamlit
    passes uvicorn no option for it, and uvicorn reads that setting before it imports app.py, but
    wraps the app only after: so app.py, imported first, replaces the wrapper uvicorn will use."""
    import uvicorn.config
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    trusted = [proxy] if proxy else []

    def only_the_configured_proxy(app: App, trusted_hosts: object = None) -> ProxyHeadersMiddleware:
        return ProxyHeadersMiddleware(app, trusted_hosts=trusted)

    uvicorn.config.ProxyHeadersMiddleware = only_the_configured_proxy  # type: ignore[assignment,misc]


# The shortest header deadline: a loaded server may not have read headers that did arrive (the
# event loop busy), and a timer that fires first would cut off an ordinary request. A 2 s deadline
# did so once under a full test run; at 10 s the loop would have stalled for 10 s.
HEADER_FLOOR = 10.0


def bound_header_time(seconds: float = DEFAULT_BODY_SECONDS) -> None:
    """Close a connection whose request headers have not all arrived ``seconds`` (at least
    :data:`HEADER_FLOOR`) after it opened or after its previous response ended.

    uvicorn reads headers for as long as a client takes (the probe held 400 connections open for
    40 s with a byte now and then); an ASGI middleware cannot help, as it runs only once the headers
    are in. Streamlit passes uvicorn no protocol option, so the check goes into uvicorn's two HTTP
    protocols (httptools and h11): a timer per connection, disarmed by the request it waits for (a
    new request cycle) or by an upgrade to a websocket (the transport then has another protocol)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    seconds = max(seconds, HEADER_FLOOR)

    def expire(protocol: Any, cycle: object) -> None:
        transport = protocol.transport
        if transport.is_closing() or transport.get_protocol() is not protocol or protocol.cycle is not cycle:
            return  # gone, a websocket now, or its request came in
        if cycle is not None and not cycle.response_complete:
            return  # a pipelined request, read before, still being answered
        transport.close()

    def arm(protocol: Any) -> None:
        timer = getattr(protocol, "_header_timer", None)
        if timer is not None:
            timer.cancel()
        protocol._header_timer = protocol.loop.call_later(seconds, expire, protocol, protocol.cycle)

    for protocol_class in (HttpToolsProtocol, H11Protocol):
        if getattr(protocol_class, "_header_time_bounded", False):
            continue
        made, complete = protocol_class.connection_made, protocol_class.on_response_complete

        def connection_made(self: Any, transport: Any, _made: Callable[..., None] = made) -> None:
            _made(self, transport)
            arm(self)

        def on_response_complete(self: Any, _complete: Callable[..., None] = complete) -> None:
            _complete(self)
            if not self.transport.is_closing():
                arm(self)  # the next request on this keep-alive connection has its own deadline

        protocol_class.connection_made = connection_made  # type: ignore[method-assign]
        protocol_class.on_response_complete = on_response_complete  # type: ignore[method-assign]
        protocol_class._header_time_bounded = True  # type: ignore[attr-defined]
