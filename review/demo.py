"""Seeded demo sessions with plausible sorts, so a first run shows a full dashboard."""

from __future__ import annotations

import numpy as np

from review.grid import Grid, load_grid
from review.sessions import create_session
from review.statements import StatementSet, load_statement_set
from review.store import Session, Store

NOISE = 0.8  # person-to-person spread around the group's view, in sd of the shared view
SECOND_CAMP_SHARE = 0.3  # a minority that sees autonomy vs. alignment the other way round


def forced_sort(scores: dict[int, float], grid: Grid) -> dict[int, int]:
    """Lay statements into the grid by score: the lowest fill the leftmost column first."""
    ranked = sorted(scores, key=lambda sid: (scores[sid], sid))
    values = [v for v, n in zip(grid.values, grid.counts, strict=True) for _ in range(n)]
    return dict(zip(ranked, values, strict=True))


def demo_sorts(statement_set: StatementSet, grid: Grid, participants: int, seed: int = 7) -> list[dict[int, int]]:
    """``participants`` sorts drawn around a shared view, with a second camp."""
    rng = np.random.default_rng(seed)
    ids = statement_set.ids
    shared = rng.normal(size=len(ids))
    camp = shared.copy()
    flipped = rng.choice(len(ids), size=len(ids) // 5, replace=False)
    camp[flipped] *= -1
    sorts = []
    for k in range(participants):
        base = camp if rng.random() < SECOND_CAMP_SHARE and k > 0 else shared
        scores = base + rng.normal(scale=NOISE, size=len(ids))
        sorts.append(forced_sort(dict(zip(ids, scores.tolist(), strict=True)), grid))
    return sorts


def create_demo_session(store: Store, participants: int = 12, seed: int = 7, title: str = "Demo") -> Session:
    statement_set, grid = load_statement_set(), load_grid()
    session = create_session(store, title, statement_set, grid)
    for k, sort in enumerate(demo_sorts(statement_set, grid, participants, seed)):
        store.save_sort(session.id, f"demo-{k + 1:04d}", "observed", sort)
    return session
