"""A cookie that tells one browser from another, so tabs on one phone count as one person.

Every page a browser loads without the cookie sets it (``HttpOnly``: no script reads it; ``Lax``:
it goes along when a phone opens the join link from a QR scanner). The join page reads it from
the websocket's request and stores only a per-session key of it (review.admission.device_key).
It says nothing about who someone is: it is a random value, kept for a day.
"""

from __future__ import annotations

from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any

from review.admission import DEVICE_COOKIE, new_device_cookie

MAX_AGE = 24 * 3600  # a workshop day; a later session may see the same phone as a new one


def _has_cookie(headers: list[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        if name == b"cookie":
            try:
                if DEVICE_COOKIE in SimpleCookie(value.decode("latin-1")):
                    return True
            except Exception:  # a malformed cookie header is no cookie
                continue
    return False


def set_cookie_header(https: bool) -> tuple[bytes, bytes]:
    flags = f"Path=/; Max-Age={MAX_AGE}; HttpOnly; SameSite=Lax" + ("; Secure" if https else "")
    return b"set-cookie", f"{DEVICE_COOKIE}={new_device_cookie()}; {flags}".encode()


class DeviceCookie:
    """ASGI middleware: an HTML response to a browser without the device cookie sets one."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or _has_cookie(scope.get("headers", [])):
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https" or (b"x-forwarded-proto", b"https") in scope.get("headers", [])

        async def sending(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                    message = {**message, "headers": [*headers, set_cookie_header(https)]}
            await send(message)

        await self.app(scope, receive, sending)
