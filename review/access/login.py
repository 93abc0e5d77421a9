"""Who may open the facilitator's pages: a password, or a key made at start-up.

With a password configured, the facilitator types it once. Without one, the
server makes a random key at every start, keeps only its hash, and prints a
login URL with the key in the terminal (as Jupyter does with its token).
Either way the browser then holds a signed, expiring cookie; participants hold
none, so facilitator pages and results stay out of their reach.

Cookies are signed with a facilitator secret kept in the database and replaced
at every start and when the facilitator chooses "log everyone out"
(:func:`new_login_epoch`): every cookie signed before stops working at once, and
so does the previous key. With a password configured no key works at all.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Protocol

COOKIE = "review_facilitator"
COOKIE_HOURS = 12  # one workshop day; then log in again
KEY_BYTES = 24
KEY_SETTING = "facilitator_key_hash"
SECRET_SETTING = "facilitator_secret"


class Settings(Protocol):
    """The part of the store this module needs."""

    def setting(self, key: str) -> str | None: ...
    def set_setting(self, key: str, value: str) -> None: ...


def new_login_epoch(store: Settings, password_configured: bool) -> str | None:
    """Log everyone out: a new cookie secret, and a new key (returned, to print) unless a
    password is configured, in which case any earlier key is wiped."""
    store.set_setting(SECRET_SETTING, secrets.token_hex(32))
    if password_configured:
        store.set_setting(KEY_SETTING, "")
        return None
    key = new_key()
    store.set_setting(KEY_SETTING, key_hash(key))
    return key


def start_login_epoch(store: Settings, password_configured: bool, shared: bool) -> str | None:
    """At a process's start: a new epoch (:func:`new_login_epoch`), as a restart should end every
    earlier cookie and key. Except for one of several processes on a shared database with a
    password configured: there one process (re)starting would log every facilitator and projector
    out of all of them, so the epoch stays (and still no key works); "log everyone out" ends it."""
    if shared and password_configured and store.setting(SECRET_SETTING):
        store.set_setting(KEY_SETTING, "")
        return None
    return new_login_epoch(store, password_configured)


def cookie_secret(store: Settings) -> bytes:
    """The current cookie secret; made on first use if the app has not started an epoch."""
    value = store.setting(SECRET_SETTING)
    if not value:
        value = secrets.token_hex(32)
        store.set_setting(SECRET_SETTING, value)
    return value.encode()


def new_key() -> str:
    return secrets.token_urlsafe(KEY_BYTES)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_ok(stored_hash: str | None, key: str | None) -> bool:
    return bool(stored_hash and key) and hmac.compare_digest(stored_hash.encode(), key_hash(str(key)).encode())


def password_ok(configured: str | None, given: str | None) -> bool:
    return bool(configured and given) and hmac.compare_digest(configured.encode(), str(given).encode())


def _mac(secret: bytes, expires: int) -> str:
    return hmac.new(secret, f"facilitator:{expires}".encode(), hashlib.sha256).hexdigest()


def make_cookie(secret: bytes, now: float | None = None) -> str:
    expires = int((now if now is not None else time.time()) + COOKIE_HOURS * 3600)
    return f"{expires}.{_mac(secret, expires)}"


def cookie_ok(secret: bytes, value: str | None, now: float | None = None) -> bool:
    """A cookie this server signed and that has not expired."""
    expires, _, mac = str(value or "").partition(".")
    if not (expires.isascii() and expires.isdigit() and len(expires) < 12) or not mac:
        return False
    if int(expires) < (now if now is not None else time.time()):
        return False
    # bytes, not str: compare_digest refuses non-ASCII text with a TypeError (a forged cookie did that)
    return hmac.compare_digest(mac.encode(), _mac(secret, int(expires)).encode())
