"""Short session codes a person can read off a projector and type on a phone."""

from __future__ import annotations

import secrets

from review.errors import BadSessionCode, LookalikeInCode, MissingSessionCode

# No look-alikes: 0/O, 1/I/L are left out, so nothing a person types is ambiguous.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6  # 31**6 ~ 887 million codes: guessing an open one is hopeless
LOOKALIKES = "0O1IL"  # left out of the alphabet: each is easily read as another character


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """The code in canonical form: upper case, spaces and dashes removed.

    Raises :class:`BadSessionCode` when it cannot be a code, so the page can say
    so before looking it up (:class:`MissingSessionCode` when there is none at all).
    """
    code = "".join(ch for ch in str(text).upper() if ch not in " -\t")
    if not code:
        raise MissingSessionCode()
    lookalikes = sorted({ch for ch in code if ch in LOOKALIKES})
    if len(code) == CODE_LENGTH and lookalikes:
        raise LookalikeInCode(code=str(text)[:20], chars=", ".join(lookalikes))
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        raise BadSessionCode(code=str(text)[:20])
    return code
