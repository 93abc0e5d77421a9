"""What a facilitator and a participant do with a session: the rules around the store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from review.codes import new_code, normalise_code
from review.errors import InvalidSession, ReviewError, SessionClosed
from review.grid import Grid
from review.statements import StatementSet
from review.store import Session, Store
from review.tokens import new_token, participant_of

# Conditions of instruction: the same set sorted as the culture is, and as it should be.
CONDITIONS = ("observed", "desired")
TITLE_LIMIT = 120  # fits one line on the projector


def create_session(
    store: Store,
    title: str,
    statement_set: StatementSet,
    grid: Grid,
    conditions: Iterable[str] = ("observed",),
) -> Session:
    """A new open session with a fresh code; the grid must hold exactly the set."""
    title = (title or "").strip()
    if not title or len(title) > TITLE_LIMIT:
        raise InvalidSession("session.bad_title", limit=TITLE_LIMIT)
    if grid.size != len(statement_set.statements):
        raise InvalidSession("session.grid_mismatch", cells=grid.size, statements=len(statement_set.statements))
    chosen = tuple(c for c in CONDITIONS if c in set(conditions)) or ("observed",)
    code = new_code()
    while store.code_exists(code):  # a clash is one in hundreds of millions; retry anyway
        code = new_code()
    return store.insert_session(code, title, statement_set, grid, chosen)


def find_session(store: Store, code_text: str) -> Session:
    """The session for a code as typed or scanned; a clear error when there is none."""
    return store.session_by_code(normalise_code(code_text))


def join(store: Store, session: Session, lang: str | None = None) -> str:
    """Register a new participant and return their signed token for the URL."""
    if not session.is_open:
        raise SessionClosed()
    token = new_token(store.secret(), session.id)
    store.add_participant(session.id, participant_of(store.secret(), session.id, token), lang)
    return token


def participant_id(store: Store, session: Session, token: str) -> str:
    """Check the token belongs to this session; :class:`InvalidToken` if not."""
    return participant_of(store.secret(), session.id, token)


def check_condition(session: Session, condition: str) -> None:
    if condition not in session.conditions:
        raise ReviewError("error.unknown_condition", condition=str(condition)[:40])


def submit_sort(store: Store, session: Session, token: str, condition: str, columns: Any) -> dict[int, int]:
    """Validate a sort as the client sent it and store it, replacing an earlier one.

    Every check runs before anything is written, so a rejected sort stores nothing.
    """
    pid = participant_id(store, session, token)
    check_condition(session, condition)
    current = store.session(session.id)  # the facilitator may have closed it meanwhile
    if not current.is_open:
        raise SessionClosed()
    placements = session.grid.validate_columns(columns, session.statement_set.ids)
    store.save_sort(session.id, pid, condition, placements)
    return placements


def own_sort(store: Store, session: Session, token: str, condition: str) -> dict[int, int] | None:
    return store.sort_of(session.id, participant_id(store, session, token), condition)
