"""Who may open the facilitator's pages: a password, or a key made at start-up.

With a password configured, the facilitator types it once. Without one, the
server makes a random key at every start, keeps only its hash, and prints a
login URL with the key in the terminal (as Jupyter does with its token).
Either way the browser then holds a signed, expiring cookie; participants hold
none, so facilitator pages and results stay out of their reach.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

COOKIE = "review_facilitator"
COOKIE_HOURS = 12  # one workshop day; then log in again
KEY_BYTES = 24


def new_key() -> str:
    return secrets.token_urlsafe(KEY_BYTES)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_ok(stored_hash: str | None, key: str | None) -> bool:
    return bool(stored_hash and key) and hmac.compare_digest(stored_hash, key_hash(str(key)))


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
    if not expires.isdigit() or not mac:
        return False
    if int(expires) < (now if now is not None else time.time()):
        return False
    return hmac.compare_digest(mac, _mac(secret, int(expires)))
