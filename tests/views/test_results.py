"""The views' table (review.views.results): one builder per reveal step, each handed what it asks.
The gate before them is tested with every other place that shows sorts, in tests/views/test_gate.py."""

from __future__ import annotations

import pytest

from review.room.anonymity import MIN_GROUP
from review.room.live import VIEWS, available_views, shown_conditions
from review.room.summaries import by_condition, condition_split
from review.views.results import BUILDERS, WORDS, View, build_view
from tests.pages.room_states import ROLES
from tests.views.conftest import COUNTS


def test_the_table_has_every_view() -> None:
    assert list(BUILDERS) == list(VIEWS)


def test_every_view_is_on_the_dressed_session(rooms) -> None:
    _, session = rooms[8]
    assert available_views(session) == VIEWS
    assert session.pins and session.analysis


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
