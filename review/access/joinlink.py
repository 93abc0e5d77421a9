"""Join links and their QR codes."""

from __future__ import annotations

import hashlib
import hmac
import io
import ipaddress
from urllib.parse import urlencode, urlsplit

import segno

QR_SCALE = 12  # pixels per module: crisp on a projector, scannable from the back row
QR_BORDER = 2  # quiet-zone modules; 4 is the standard, 2 scans fine on a white page


def base_url(public_url: str | None, seen_url: str | None) -> str:
    """The URL phones should use: the configured public one (path kept, for a proxy
    prefix), else the scheme and host the facilitator's browser used."""
    if public_url and public_url.strip():
        parts = urlsplit(public_url.strip())
        return f"{parts.scheme or 'http'}://{parts.netloc}{parts.path.rstrip('/')}"
    parts = urlsplit((seen_url or "").strip() or "http://localhost:8501")
    return f"{parts.scheme or 'http'}://{parts.netloc}"


def phones_join_at(public_url: str | None, listening: str | None, lan_ip: str | None, port: int) -> str:
    """What the start-up banner promises phones: the configured public URL, else this laptop's
    address on the network; and when the server only listens on a loopback address, the truth
    that phones cannot reach it and how to change that."""
    if public_url:
        return public_url
    if listening and _listens_on_loopback(listening):
        return f"nowhere: the app listens on {listening} only; start it with --server.address 0.0.0.0"
    return f"http://{lan_ip or '<this-laptop>'}:{port}"


def _listens_on_loopback(address: str) -> bool:
    """A listening address only this machine reaches (0.0.0.0 and :: mean every interface)."""
    if address == "localhost" or address.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def join_url(base: str, code: str, tag: str | None = None) -> str:
    """The default page answers at ``/`` only, so the code goes in the query string; with the
    link's ``tag`` (:func:`link_tag`) when the link comes from the QR code."""
    return f"{base.rstrip('/')}/?{urlencode({'s': code, **({'k': tag} if tag else {})})}"


def link_tag(secret: bytes, code: str) -> str:
    """A short signature of a join code: a phone that opens the QR code's link has seen the code on
    the projector, so its join is no guess and is never held up by the guessing limit (a guesser
    behind the same venue address drains that limit for typed codes only)."""
    return hmac.new(secret, f"join|{code}".encode(), hashlib.sha256).hexdigest()[:12]


def tag_ok(secret: bytes, code: str, tag: object) -> bool:
    return isinstance(tag, str) and hmac.compare_digest(tag.encode(), link_tag(secret, code).encode())


def is_loopback(url: str) -> bool:
    """True when phones in the room cannot reach ``url`` (localhost, 127.x, ::1)."""
    host = urlsplit(url).hostname or ""
    if host in ("localhost", "") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def qr_png(url: str) -> bytes:
    """A black-on-white PNG of ``url`` with error correction M."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return out.getvalue()
