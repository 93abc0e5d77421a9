"""Who is in the room: the group size the facilitator states, the phones' devices, and phones that
wait to be let in.

The threat is a participant who wants to read a colleague's sort off the group's screens by
adding sorts of their own (review.anonymity rule 3). Tabs on one device count as one person; a
new device beyond the stated group size waits until the facilitator lets it in; every screen
shows how many phones are in against the group size. docs/privacy.md states the threat model.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from review.errors import ReviewError
from review.sessions import participant_id
from review.store import Phones, Session, Store

DEVICE_COOKIE = "review_device"  # set by the app on every page a browser loads without it
MAX_GROUP = 200  # a group size beyond this is a typing slip, not a workshop
_COOKIE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def new_device_cookie() -> str:
    return secrets.token_urlsafe(18)


def device_key(secret: bytes, session_id: str, cookie: object) -> str:
    """The device a join comes from, as stored: keyed per session (rows of two sessions cannot be
    linked by it), and never the cookie itself. A browser without a well-formed cookie is a new
    device every time it joins: it counts, and shows, as an extra phone."""
    raw = cookie if isinstance(cookie, str) and _COOKIE.match(cookie) else new_device_cookie()
    return hmac.new(secret, f"{session_id}|{raw}".encode(), hashlib.sha256).hexdigest()[:32]


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


def phones(store: Store, session: Session) -> Phones:
    return store.phones(session.id)


def is_in(store: Store, session: Session, token: str) -> bool | None:
    """Whether the phone holding ``token`` is in the room (True), waits (False), or is unknown (None:
    its session was deleted meanwhile)."""
    return store.is_in(session.id, participant_id(store, session, token))


def admit_waiting(store: Store, session: Session) -> int:
    """Let every waiting phone in. Their sorts count toward the threshold only for batches that
    begin after now (review.anonymity rule 3)."""
    return store.admit_waiting(session.id)


def over(phones_now: Phones, session: Session) -> bool:
    """More phones in the room than the group has people: the room and the facilitator should see it."""
    return session.group_size is not None and phones_now.joined > session.group_size
