"""Seeded demo sessions with plausible sorts, so a first run shows a full dashboard."""

from __future__ import annotations

import numpy as np

from review.content.grid import Grid, load_grid
from review.content.statements import StatementSet, load_statement_set
from review.room.sessions import CONDITIONS, create_session
from review.store import Session, Store

NOISE = 0.8  # person-to-person spread around the group's view, in sd of the shared view
SECOND_CAMP_SHARE = 0.3  # a minority that sees part of the culture the other way round
DEMO_ROLES = ("professional", "leidinggevende")


def forced_sort(scores: dict[int, float], grid: Grid) -> dict[int, int]:
    """Lay statements into the grid by score: the lowest fill the leftmost column first."""
    ranked = sorted(scores, key=lambda sid: (scores[sid], sid))
    return dict(zip(ranked, grid.slots, strict=True))


def demo_sorts(statement_set: StatementSet, grid: Grid, participants: int, seed: int = 7) -> list[dict[int, int]]:
    """``participants`` sorts drawn around a shared view, with a second camp."""
    return [observed for observed, _, _ in demo_people(statement_set, grid, participants, seed)]


def demo_people(
    statement_set: StatementSet, grid: Grid, participants: int, seed: int = 7
) -> list[tuple[dict[int, int], dict[int, int], str]]:
    """Per person: an observed sort, a desired sort and a role. The second camp (mostly
    managers) sees a fifth of the statements the other way round; the desired culture
    is one shared ideal, which differs from what is observed."""
    rng = np.random.default_rng(seed)
    ids = statement_set.ids
    shared = rng.normal(size=len(ids))
    camp = shared.copy()
    flipped = rng.choice(len(ids), size=len(ids) // 5, replace=False)
    camp[flipped] *= -1
    ideal = 0.4 * shared + rng.normal(size=len(ids))
    people = []
    for person in range(participants):
        second = rng.random() < SECOND_CAMP_SHARE and person > 0
        base = camp if second else shared
        observed = base + rng.normal(scale=NOISE, size=len(ids))
        desired = ideal + rng.normal(scale=NOISE, size=len(ids))
        role = DEMO_ROLES[1] if second or person % 5 == 4 else DEMO_ROLES[0]
        people.append(
            (
                forced_sort(dict(zip(ids, observed.tolist(), strict=True)), grid),
                forced_sort(dict(zip(ids, desired.tolist(), strict=True)), grid),
                role,
            )
        )
    return people


def create_demo_session(store: Store, participants: int = 12, seed: int = 7, title: str = "Demo") -> Session:
    statement_set, grid = load_statement_set(), load_grid()
    session = create_session(store, title, statement_set, grid, CONDITIONS, DEMO_ROLES, True)
    people = demo_people(statement_set, grid, participants, seed)
    pids = [f"demo-{k + 1:04d}" for k in range(len(people))]
    for pid in pids:  # everyone in the room before the first sort, as in a workshop
        store.add_participant(session.id, pid, "nl")
    for pid, (observed, desired, role) in zip(pids, people, strict=True):
        store.save_sort(session.id, pid, "observed", observed, role=role)
        store.save_sort(session.id, pid, "desired", desired)
    return session
