"""The library: the sets a new session can be made from (the facilitator's saved sets and the shipped
ones), saving an edited set as its next version, and a session made from a chosen set."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from review.content.grid import Grid, available_grids, proposed_grid
from review.content.sets import set_ref
from review.content.statements import StatementSet, available_statement_sets
from review.room.sessions import create_session
from review.store import Session, Store


@dataclass(frozen=True)
class SetChoice:
    """A set the new-session form offers: a library set (``ref`` "id@version") or a shipped file."""

    statement_set: StatementSet
    grid: Grid
    ref: str | None  # None: a shipped file, not a library set


@functools.cache  # the shipped files do not change while the app runs; read once, not at every page rerun
def builtin_choices() -> tuple[SetChoice, ...]:
    """The shipped sets under data/ (the Goed Werk 50 by default), each with the shipped grid that fits
    it, or a proposed one."""
    grids = available_grids()
    out = []
    for s in available_statement_sets():
        grid = next((g for g in grids if g.size == len(s.statements)), None) or proposed_grid(len(s.statements))
        out.append(SetChoice(s, grid, None))
    return tuple(out)


def choices(store: Store) -> list[SetChoice]:
    """What a new session can be made from: the latest version of every library set still in use
    (not archived), then the shipped sets."""
    library = [SetChoice(e.statement_set, e.grid, set_ref(e.id, e.version)) for e in store.library_sets()]
    return [*library, *builtin_choices()]


def save_set(store: Store, statement_set: StatementSet, grid: Grid, version: int | None) -> tuple[int, bool]:
    """Save the edited set as its next version, unless nothing changed since ``version`` (the one the
    editor opened, when it is still the latest): then that version stays, and no empty new version
    fills the list. Returns the version now current and whether it is new."""
    if version is not None:
        old_set, old_grid, latest = store.library_set(statement_set.id)
        unchanged = old_set.to_dict() == statement_set.to_dict() and old_grid.counts == grid.counts
        if latest == version and unchanged:
            return version, False
    return store.save_statement_set(statement_set, grid), True


def taken_ids(store: Store) -> set[str]:
    return {e.id for e in store.library_sets(include_archived=True)} | {c.statement_set.id for c in builtin_choices()}


def session_from_choice(
    store: Store, title: str, choice: SetChoice, grid: Grid | None = None, **options: Any
) -> Session:
    """A new session from a library set (or a shipped one): the set's own grid unless another is
    given; a library set's ``set_ref`` is recorded so the library can count its sessions."""
    session = create_session(store, title, choice.statement_set, grid or choice.grid, **options)
    if choice.ref:
        store.set_set_ref(session.id, choice.ref)
    return session
