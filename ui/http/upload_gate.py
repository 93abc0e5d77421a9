"""Who may send a file to Streamlit's upload route, and how large.

Streamlit takes ``PUT /_stcore/upload_file/<session>/<file>`` from any browser session, whether
or not its page shows an uploader, and keeps each file in memory until minutes after the socket
closes: three anonymous 150 MB files took a process from 272 to 723 MB. Only the facilitator's
pages upload (the library's and the study import's files), so :class:`UploadGate` refuses an
upload without the facilitator's cookie (403) before reading any of it, and one larger than
``server.maxUploadSize`` (413) from its ``Content-Length`` or, without one, as soon as the
streamed body passes the limit. What it lets through it has read (at most the limit) and hands
on to Streamlit unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from review.access.login import COOKIE, cookie_ok, cookie_secret
from review.i18n import pick_language, t

UPLOAD_ROUTE = "/_stcore/upload_file/"  # anywhere in the path: behind server.baseUrlPath too
# A multipart body is a little larger than the file it carries (boundary lines, part headers,
# the file name); without this margin a file of exactly the limit would be refused.
FRAMING_BYTES = 64 * 1024


def facilitator_cookie_ok(value: str | None) -> bool:
    """The facilitator's signed cookie, as the pages and ``/api/...`` routes check it."""
    from ui import state

    return cookie_ok(cookie_secret(state.store()), value)


class UploadGate:
    """ASGI middleware in front of Streamlit's upload route; see the module docstring."""

    def __init__(
        self, app: Callable[..., Any], limit: int, allowed: Callable[[str | None], bool] = facilitator_cookie_ok
    ) -> None:
        self.app = app
        self.limit = limit + FRAMING_BYTES
        self.allowed = allowed

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http" or scope["method"] not in ("PUT", "POST") or UPLOAD_ROUTE not in scope["path"]:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        lang = pick_language(request.headers.get("accept-language", "").split(",")[0].strip() or None)
        if not await run_in_threadpool(self.allowed, request.cookies.get(COOKIE)):
            await _refuse(scope, receive, send, 403, "upload.forbidden", lang)
            return
        declared = request.headers.get("content-length")
        if declared is not None and not (declared.isascii() and declared.isdigit() and int(declared) <= self.limit):
            await _refuse(scope, receive, send, 413, "request.too_large", lang)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the browser went away: nothing to answer
            body += message.get("body", b"")
            if len(body) > self.limit:
                await _refuse(scope, receive, send, 413, "request.too_large", lang)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(bytes(body), receive), send)


def _replay(body: bytes, receive: Callable[..., Any]) -> Callable[..., Any]:
    """A ``receive`` that gives the body read here once, then whatever the connection says next."""
    given = False

    async def replay() -> dict[str, Any]:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _refuse(
    scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any], status: int, key: str, lang: str
) -> None:
    response = JSONResponse({"ok": False, "error": key, "message": t(key, lang)}, status_code=status)
    response.headers["Connection"] = "close"  # the unread body is not ours to drain
    await response(scope, receive, send)
