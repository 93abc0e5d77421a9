"""Sessions that have every reveal step (both conditions, two roles, comments chosen, pins, an
analysis), one per count of sorts, in one database: what the views and the gate are tried on."""

from __future__ import annotations

from pathlib import Path

import pytest

from review.store import Session, Store
from review.views.results import View
from tests.pages.room_states import Built, _people, _session, dress_for_every_view

COUNTS = [0, 1, 2, 3, 8]  # sorts per condition; eight: two roles of three or more, so the subgroups show too


@pytest.fixture(scope="module")
def rooms(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Store, Session]]:
    """One database, a session per count of sorts, each dressed for every view."""
    store = Store.open(Path(tmp_path_factory.mktemp("views")) / "review.duckdb")
    out = {}
    for n in COUNTS:
        built = _people(store, Built(_session(store, f"{n} sorts", both=True, roles=True)), submitted=n, seed=5)
        out[n] = (store, dress_for_every_view(store, built.session))
    yield out
    store.close()


def drawn_from_sorts(view: View) -> bool:
    """Whether the view shows anything made of the sorts: a figure, comments, viewpoints. (The pins'
    figure without bars shows only the pinned statements' words.)"""
    figure = view.figure is not None and (view.name != "pins" or bool(view.figure.data))
    return figure or bool(view.cards) or view.viewpoints is not None
