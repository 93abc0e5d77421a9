"""Who is in the room: the group size the facilitator states, the phones' devices, and phones that
wait to be let in.

The threat is a participant who wants to read a colleague's sort off the group's screens by
adding sorts of their own (review.room.anonymity rule 3). Tabs on one device count as one person; a
new device beyond the stated group size waits until the facilitator lets it in; every screen
shows how many phones are in against the group size. docs/operations.md ("Extra phones") states the threat model.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from review.errors import ReviewError
from review.room.sessions import participant_id
from review.store import Phones, Session, Store

DEVICE_COOKIE = "review_device"  # set by the app on the pages a browser loads without one of its own
MAX_GROUP = 200  # a group size beyond this is a typing slip, not a workshop
_COOKIE = re.compile(r"^([A-Za-z0-9_-]{16,64})\.([0-9a-f]{20})$")


def new_device_cookie(secret: bytes) -> str:
    """A device cookie this server will recognise as its own: a random value and its signature."""
    return device_cookie(secret, secrets.token_urlsafe(18))


def device_cookie(secret: bytes, raw: str) -> str:
    """The cookie for the device ``raw`` (16-64 letters, digits, ``-`` or ``_``): value and signature."""
    return f"{raw}.{_signature(secret, raw)}"


def _signature(secret: bytes, raw: str) -> str:
    return hmac.new(secret, f"device|{raw}".encode(), hashlib.sha256).hexdigest()[:20]


def issued_device(secret: bytes, cookie: object) -> str | None:
    """The cookie's random part when this server issued it; None when it is absent, made up or
    malformed (a made-up value would let a script be a new device at will)."""
    found = _COOKIE.match(cookie) if isinstance(cookie, str) else None
    if found and hmac.compare_digest(found.group(2), _signature(secret, found.group(1))):
        return found.group(1)
    return None


def device_key(secret: bytes, session_id: str, cookie: object, address: str) -> str:
    """The device a join comes from, as stored: keyed per session (rows of two sessions cannot be
    linked by it), and never the cookie or the address itself. A browser without a cookie this
    server issued (a script that drops it) is its address: however often it joins, one phone."""
    device = issued_device(secret, cookie)
    who = f"device:{device}" if device else f"address:{address}"
    return hmac.new(secret, f"{session_id}|{who}".encode(), hashlib.sha256).hexdigest()[:32]


def device_of(store: Store, session: Session, cookie: object, address: str) -> str:
    """:func:`device_key` with the store's secret: the device a phone joins ``session`` from."""
    return device_key(store.secret(), session.id, cookie, address)


def guesser(secret: bytes, cookie: object, address: str) -> str | None:
    """Whom a wrong session code counts against when it comes from a device this server issued a
    cookie to (that device alone, so a guesser behind the room's Wi-Fi address cannot lock out a
    newcomer who types the right code); None for anything else, which counts against its address."""
    device = issued_device(secret, cookie)
    return "device:" + hmac.new(secret, f"guess|{device}".encode(), hashlib.sha256).hexdigest()[:24] if device else None


def check_group_size(value: object) -> int | None:
    """A stated group size: a whole number from 2 to :data:`MAX_GROUP`; 0, empty or None: not stated."""
    if value in (None, "", 0, "0"):
        return None
    try:
        size = int(str(value).strip())
    except ValueError:
        raise ReviewError("admission.size_bad", max=MAX_GROUP) from None
    if not 2 <= size <= MAX_GROUP:
        raise ReviewError("admission.size_bad", max=MAX_GROUP)
    return size


def set_group_size(store: Store, session: Session, value: object) -> int | None:
    size = check_group_size(value)
    store.set_group_size(session.id, size)
    return size


def is_in(store: Store, session: Session, token: str) -> bool | None:
    """Whether the phone holding ``token`` is in the room (True), waits (False), or is unknown (None:
    its session was deleted meanwhile)."""
    return store.is_in(session.id, participant_id(store, session, token))


def admit_waiting(store: Store, session: Session) -> int:
    """Let every waiting phone in. Their sorts count toward the threshold only for batches that
    begin after now (review.room.anonymity rule 3)."""
    return store.admit_waiting(session.id)


def over(phones_now: Phones, session: Session) -> bool:
    """More phones in the room than the group has people: the room and the facilitator should see it."""
    return session.group_size is not None and phones_now.joined > session.group_size
