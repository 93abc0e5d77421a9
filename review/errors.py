"""Named exceptions of the domain; each knows its message in both languages."""

from __future__ import annotations

from review.i18n import t


class ReviewError(Exception):
    """Base class: ``key`` names the message in :mod:`review.i18n`."""

    key = "error"

    def __init__(self, key: str | None = None, **params: object) -> None:
        if key is not None:
            self.key = key
        self.params = params
        super().__init__(t(self.key, "en", **params))

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


class UnknownSession(ReviewError):
    key = "error.unknown_session"


class UnknownTrajectory(ReviewError):
    key = "error.unknown_trajectory"


class BadSessionCode(ReviewError):
    key = "error.bad_code"


class LookalikeInCode(BadSessionCode):
    """A code typed with a character codes never contain because it looks like another (O for Q, 1 for I)."""

    key = "error.code_lookalike"


class MissingSessionCode(BadSessionCode):
    """No code at all (an empty box, an address without one): there is nothing to echo back."""

    key = "error.no_code"


class SessionClosed(ReviewError):
    key = "error.session_closed"


class SessionPaused(ReviewError):
    key = "error.session_paused"


class StatusChangeRefused(ReviewError, ValueError):
    """A status a session cannot have (``error.status_unknown``), or a change of status that
    :data:`review.room.sessions.TRANSITIONS` does not allow from where the session is
    (``error.status_<from>_to_<to>``). A ``ValueError`` too, as it was before it had words."""


class InvalidToken(ReviewError):
    key = "error.bad_token"


class DraftAfterSubmit(ReviewError):
    """A draft that left the phone before a submit and arrived after it: not stored."""

    key = "draft.after_submit"


class InvalidSort(ReviewError):
    """A sort that breaks the grid; ``key`` is ``sort.<rule>``."""


class InvalidGrid(ReviewError):
    key = "grid.invalid"


class InvalidStatementSet(ReviewError):
    key = "statements.invalid"


class InvalidSession(ReviewError):
    """Session settings that cannot work (title, grid vs. statement set)."""


class StoreLocked(ReviewError):
    key = "error.store_locked"


class StoreUnavailable(ReviewError):
    """The database cannot be opened, written or read: ``key`` is ``error.store_readonly``,
    ``error.store_full``, ``error.store_corrupt`` or ``error.store_failed``; ``path`` names the file."""

    key = "error.store_failed"
