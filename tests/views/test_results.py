"""The views' table (review.views.results): one builder per reveal step, and one gate. From 0 to 3
sorts and on to 6, every view of a session that has every step (both conditions, two roles,
comments chosen, pins, an analysis) shows nothing drawn from sorts below the anonymity threshold,
and from it on shows what it is for."""

from __future__ import annotations

from pathlib import Path

import pytest

from review.i18n import t
from review.room.anonymity import MIN_GROUP
from review.room.live import VIEWS, available_views
from review.room.summaries import by_condition, condition_split, shown_conditions
from review.store import Session, Store
from review.views.results import BUILDERS, WORDS, View, build_view
from tests.pages.room_states import ROLES, Built, _people, _session, dress_for_every_view

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


def test_the_table_has_every_view() -> None:
    assert list(BUILDERS) == list(VIEWS)


def test_every_view_is_on_the_dressed_session(rooms) -> None:
    _, session = rooms[8]
    assert available_views(session) == VIEWS
    assert session.pins and session.analysis


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize("name", VIEWS)
def test_nothing_from_sorts_below_the_threshold(rooms, name: str, n: int) -> None:
    store, session = rooms[n]
    for lang in ("nl", "en"):
        view = build_view(store, session, name, lang, min_group=MIN_GROUP)
        if n < MIN_GROUP:
            assert not drawn_from_sorts(view), (name, n)
            assert view.notices or view.messages or view.empty, (name, n)  # a sentence says why, never a blank
            if BUILDERS[name][1]:  # gated by the whole group: "appear from 3 sorts (now n)"
                assert view.notices == [t("results.too_few", lang, n=n, min=MIN_GROUP)]
        elif name != "subgroups" or len(condition_split(store, session, "observed", MIN_GROUP).shown) >= 2:
            assert drawn_from_sorts(view), (name, n, view.notices, view.messages)
        else:  # no two roles of three (or the rest would be fewer than three): no subgroup is shown
            assert not drawn_from_sorts(view) and view.notices


@pytest.mark.parametrize("name", VIEWS)
def test_a_higher_threshold_holds_every_view_back(rooms, name: str) -> None:
    """REVIEW_MIN_GROUP=9: eight sorts are too few for every view."""
    store, session = rooms[8]
    view = build_view(store, session, name, "en", min_group=9)
    assert not drawn_from_sorts(view), name
    assert view.notices or view.messages or view.empty


def test_an_unknown_view_shows_nothing(rooms) -> None:
    store, session = rooms[8]
    assert build_view(store, session, "nonsense", "en") == View("nonsense")


def test_the_largest_session_shows_its_subgroups(rooms) -> None:
    store, session = rooms[8]
    assert session.roles == ROLES
    assert len(condition_split(store, session, "observed", MIN_GROUP).shown) == 2


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize("min_group", [MIN_GROUP, 9])
def test_the_counts_alone_tell_which_conditions_show(rooms, n: int, min_group: int) -> None:
    store, session = rooms[n]
    shown, withheld = by_condition(store, session, min_group)
    assert shown_conditions(store, session, min_group) == list(shown)
    assert sorted([*shown, *withheld]) == sorted(session.conditions)


@pytest.mark.parametrize("name", sorted(WORDS))
def test_a_view_in_words_is_the_same_in_every_theme_and_size(rooms, name: str) -> None:
    """What lets a screen build it once per language: the theme and the size change nothing."""
    store, session = rooms[8]
    for lang in ("nl", "en"):
        plain = build_view(store, session, name, lang)
        assert plain.figure is None and (plain.cards or plain.viewpoints), (name, lang)
        for dark, compact in ((True, False), (False, True), (True, True)):
            assert build_view(store, session, name, lang, dark=dark, compact=compact) == plain, (name, dark, compact)
