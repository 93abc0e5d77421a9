"""Participant tokens: unguessable, and signed so a URL cannot be forged.

A token is ``<participant id>.<signature>``; the signature is an HMAC-SHA256 of
the session id and participant id under the server secret, so a token copied
from one session does not open another, and editing the id breaks it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from review.errors import InvalidToken

ID_BYTES = 12  # 96 random bits per participant
SIGNATURE_CHARS = 22  # 132 bits of the HMAC, in URL-safe base64


def _sign(secret: bytes, session_id: str, participant_id: str) -> str:
    mac = hmac.new(secret, f"{session_id}:{participant_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")[:SIGNATURE_CHARS]


def new_token(secret: bytes, session_id: str) -> str:
    participant_id = secrets.token_urlsafe(ID_BYTES)
    return f"{participant_id}.{_sign(secret, session_id, participant_id)}"


def participant_of(secret: bytes, session_id: str, token: str) -> str:
    """The participant id inside ``token``; :class:`InvalidToken` if forged."""
    participant_id, _, signature = str(token).partition(".")
    if not participant_id or not signature or len(str(token)) > 100 or not str(token).isascii():
        raise InvalidToken()
    # bytes, not str: compare_digest refuses non-ASCII text with a TypeError (a forged token did that)
    if not hmac.compare_digest(signature.encode(), _sign(secret, session_id, participant_id).encode()):
        raise InvalidToken()
    return participant_id
