"""A cookie that tells one browser from another, so tabs on one phone count as one person.

Every page a browser loads without a device cookie of the app's own sets one (``HttpOnly``: no
script reads it; ``Lax``: it goes along when a phone opens the join link from a QR scanner). The
value is random and signed with the app's secret (review.room.admission.new_device_cookie), so a made-up
value counts as no cookie. New cookies per address are limited (state.DEVICES): a venue's phones all
get one, while a script that throws its cookie away to be a new device every time soon gets none,
and a browser without one counts as its address (review.room.admission.device_key).

The join page reads the cookie from the websocket's request and stores only a per-session key of
it. It says nothing about who someone is, and is kept for a day.
"""

from __future__ import annotations

from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any

from starlette.concurrency import run_in_threadpool

from review.room.admission import DEVICE_COOKIE, issued_device, new_device_cookie
from ui import state

MAX_AGE = 24 * 3600  # a workshop day; a later session may see the same phone as a new one


def _cookie(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name == b"cookie":
            try:
                morsel = SimpleCookie(value.decode("latin-1")).get(DEVICE_COOKIE)
            except Exception:  # a malformed cookie header is no cookie
                continue
            if morsel is not None:
                return morsel.value
    return None


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    return next((v.decode("latin-1") for k, v in headers if k == name), None)


def set_cookie_header(value: str, https: bool) -> tuple[bytes, bytes]:
    flags = f"Path=/; Max-Age={MAX_AGE}; HttpOnly; SameSite=Lax" + ("; Secure" if https else "")
    return b"set-cookie", f"{DEVICE_COOKIE}={value}; {flags}".encode()


def issue(address: str) -> str | None:
    """A new device cookie for a browser at ``address``, or None once the address has had its share."""
    if state.DEVICES.wait(address):
        return None
    state.DEVICES.fail(address)  # one of the address's new devices spent
    return new_device_cookie(state.store().secret())


class DeviceCookie:
    """ASGI middleware: an HTML page for a browser without the app's own device cookie sets one."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        headers = scope.get("headers", [])
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return

        async def sending(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                sent = list(message.get("headers", []))
                html = any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in sent)
                # only a page needs the check (not the ~30 files it loads): has it the app's own cookie?
                if html and not issued_device(state.store().secret(), _cookie(headers)):
                    peer = (scope.get("client") or (None,))[0]
                    address = state.client(peer, _header(headers, b"x-forwarded-for"))
                    https = scope.get("scheme") == "https" or _header(headers, b"x-forwarded-proto") == "https"
                    value = await run_in_threadpool(issue, address)  # shared processes count in the database
                    if value is not None:
                        message = {**message, "headers": [*sent, set_cookie_header(value, https)]}
            await send(message)

        await self.app(scope, receive, sending)
