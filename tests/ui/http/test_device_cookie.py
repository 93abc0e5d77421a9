"""ui/http/device_cookie.py: an HTML page sets a signed device cookie for a browser without one of the
app's own, and an address gets only so many new ones (a script that drops its cookie to be a new
device every time soon gets none). The real ASGI middleware, the app's store, a real limiter."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest

from review.access.ratelimit import RateLimiter
from review.room.admission import DEVICE_COOKIE, device_cookie, issued_device
from review.store import Store
from tests.conftest import run_async
from ui import state
from ui.http.device_cookie import DeviceCookie


async def page(scope, receive, send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
    await send({"type": "http.response.body", "body": b"<html></html>"})


def get(address: str, cookie: str | None = None, path: str = "/") -> str | None:
    """The device cookie a GET of ``path`` from ``address`` sets, if any."""
    headers = [(b"cookie", f"{DEVICE_COOKIE}={cookie}".encode())] if cookie else []
    scope = {"type": "http", "method": "GET", "path": path, "headers": headers, "client": (address, 40000)}
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.disconnect"}

    run_async(DeviceCookie(page)(scope, receive, send))
    for name, value in sent[0].get("headers", []):
        if name == b"set-cookie":
            return SimpleCookie(value.decode())[DEVICE_COOKIE].value
    return None


@pytest.fixture
def few_devices(shared_store: Store, monkeypatch) -> Store:
    """Three new devices per address, then one per hour (the app's own: 1000, then one per 10 s)."""
    clock = [0.0]
    limiter = RateLimiter(3, 3600.0, clock=lambda: clock[0], kind="device")
    monkeypatch.setattr(state, "DEVICES", limiter)
    return shared_store


def test_a_page_sets_a_cookie_the_app_can_tell_as_its_own(few_devices: Store) -> None:
    cookie = get("10.0.0.1")
    assert cookie and issued_device(few_devices.secret(), cookie)
    assert get("10.0.0.1", cookie) is None  # kept: nothing new is set


def test_a_made_up_or_foreign_cookie_is_replaced(few_devices: Store) -> None:
    for made_up in ("abcdefghijklmnop1234.0123456789abcdef0123", device_cookie(b"x" * 32, "abcdefghijklmnop1234")):
        fresh = get("10.0.0.1", made_up)
        assert fresh and fresh != made_up and issued_device(few_devices.secret(), fresh)


def test_an_address_gets_only_so_many_new_devices_and_others_are_not_touched(few_devices: Store) -> None:
    given = [get("10.0.0.1") for _ in range(5)]  # a script that drops its cookie every time
    assert all(given[:3]) and given[3:] == [None, None]
    assert get("10.0.0.2")  # another address has its own share
    assert get("10.0.0.1", given[0]) is None  # a phone that kept its cookie goes on as it was
