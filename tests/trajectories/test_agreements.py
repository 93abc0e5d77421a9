"""Agreements: made at a meeting, carried to the group's later meetings until done or dropped, with
their history; every rule on their words has a clear message (review.trajectories.agreements, on
both databases)."""

from __future__ import annotations

import pytest

from review.errors import ReviewError
from review.room.demo import create_demo_session
from review.store import Store
from review.trajectories.agreements import (
    OWNER_LIMIT,
    TEAM,
    TEXT_LIMIT,
    WHY_LIMIT,
    carried_over,
    edit_agreement,
    made_at,
    make_agreement,
    remove_agreement,
    set_status,
)
from review.trajectories.trajectory import create_trajectory, place_session


def group_meetings(store: Store):
    """Group A meets three times; group B once, at the same time as A's second meeting."""
    trajectory = create_trajectory(store, "Zorggroep", "Traject", "", "Groep A, Groep B")
    a1, a2, a3, b1 = (create_demo_session(store, 3, seed, title) for seed, title in enumerate(("A1", "A2", "A3", "B1")))
    for session, group, meeting in ((a1, "Groep A", 1), (a2, "Groep A", 2), (a3, "Groep A", 3), (b1, "Groep B", 2)):
        place_session(store, trajectory, session, group, meeting, "")
    return a1, a2, a3, b1


def test_an_open_agreement_comes_back_at_the_groups_next_meetings_until_it_is_done(store: Store) -> None:
    a1, a2, a3, b1 = group_meetings(store)
    first = make_agreement(store, a1, "  We bespreken fouten\nin het overleg ", "teamleider", "next")
    second = make_agreement(store, a1, "Nieuwe collega's lopen mee", "", "2027-03-01")
    [made] = [p.agreement for p in made_at(store, a1) if p.agreement.id == first]
    assert (made.text, made.owner, made.review, made.status) == (
        "We bespreken fouten in het overleg",
        "teamleider",
        "next",
        "open",
    )
    assert [p.agreement.owner for p in made_at(store, a1)] == ["teamleider", TEAM]  # no owner: the team
    assert carried_over(store, a1) == []  # its own meeting makes them, it does not look back on them
    assert [(p.agreement.id, p.meeting, p.title) for p in carried_over(store, a2)] == [
        (first, 1, "A1"),
        (second, 1, "A1"),
    ]
    assert carried_over(store, b1) == []  # another group never sees them

    set_status(store, a2, first, "done", "Staat elke week op de agenda")
    assert [p.agreement.id for p in carried_over(store, a2)] == [first, second]  # set here: stays in view here
    assert [p.agreement.id for p in carried_over(store, a3)] == [second]  # done: not carried further
    set_status(store, a3, second, "dropped", "Geen nieuwe collega's dit jaar")
    assert [p.agreement.id for p in carried_over(store, a3)] == [second]
    [done, dropped] = [p.agreement for p in made_at(store, a1)]
    assert [(e.status, e.note, e.set_in) for e in done.history] == [
        ("open", "", a1.id),
        ("done", "Staat elke week op de agenda", a2.id),
    ]
    assert (dropped.status, dropped.why) == ("dropped", "Geen nieuwe collega's dit jaar")


def test_a_later_meeting_cannot_reach_back_into_another_group_or_forward(store: Store) -> None:
    a1, a2, a3, b1 = group_meetings(store)
    later = make_agreement(store, a3, "Iets voor later", TEAM)
    for session in (a1, a2, b1):
        with pytest.raises(ReviewError) as err:
            set_status(store, session, later, "done")
        assert err.value.key == "agr.unknown"
    with pytest.raises(ReviewError):  # words change only at the meeting that made it
        edit_agreement(store, a2, make_agreement(store, a1, "Van A1", TEAM), "Anders", TEAM, "next")


def test_a_session_outside_a_trajectory_keeps_its_agreements_to_itself(store: Store) -> None:
    alone = create_demo_session(store, 3)
    made = make_agreement(store, alone, "Wij vragen feedback", TEAM)
    set_status(store, alone, made, "done", "Meteen gedaan")
    assert [p.meeting for p in made_at(store, alone)] == [None] and carried_over(store, alone) == []


def test_words_are_edited_and_a_slip_is_taken_back_with_its_history(store: Store) -> None:
    a1, a2, *_ = group_meetings(store)
    made = make_agreement(store, a1, "Eerste versie", TEAM)
    set_status(store, a1, made, "done", "")
    edit_agreement(store, a1, made, "Tweede versie", "aandachtsfunctionaris", "2027-01-15")
    [kept] = [p.agreement for p in made_at(store, a1)]
    assert (kept.text, kept.owner, kept.review, len(kept.history)) == (
        "Tweede versie",
        "aandachtsfunctionaris",
        "2027-01-15",
        2,
    )
    remove_agreement(store, a1, made)
    assert made_at(store, a1) == [] and carried_over(store, a2) == []


@pytest.mark.parametrize(
    ("text", "owner", "review", "key"),
    [
        ("", TEAM, "next", "agr.text_empty"),
        (" \n\u202e ", TEAM, "next", "agr.text_empty"),
        ("x" * (TEXT_LIMIT + 1), TEAM, "next", "agr.text_too_long"),
        ("Afspraak", "x" * (OWNER_LIMIT + 1), "next", "agr.owner_too_long"),
        ("Afspraak", TEAM, "volgende week", "agr.bad_review"),
        ("Afspraak", TEAM, "2027-02-30", "agr.bad_review"),
    ],
)
def test_each_rule_on_a_new_agreement_has_a_clear_message(store: Store, text, owner, review, key) -> None:
    session = create_demo_session(store, 3)
    with pytest.raises(ReviewError) as err:
        make_agreement(store, session, text, owner, review)
    assert err.value.key == key
    assert err.value.message("nl") != err.value.message("en") and "{" not in err.value.message("nl")
    assert made_at(store, session) == []  # nothing half-kept


def test_each_rule_on_a_status_has_a_clear_message(store: Store) -> None:
    session = create_demo_session(store, 3)
    made = make_agreement(store, session, "Afspraak", TEAM)
    for status, why, key in (("klaar", "", "agr.bad_status"), ("done", "x" * (WHY_LIMIT + 1), "agr.why_too_long")):
        with pytest.raises(ReviewError) as err:
            set_status(store, session, made, status, why)
        assert err.value.key == key
    with pytest.raises(ReviewError) as err:
        set_status(store, session, "nothere", "done")
    assert err.value.key == "agr.unknown"
    assert [len(p.agreement.history) for p in made_at(store, session)] == [1]
    set_status(store, session, made, "done", "x" * WHY_LIMIT)  # the limit itself passes


def test_deleting_the_meeting_removes_its_agreements_and_their_history(store: Store) -> None:
    a1, a2, *_ = group_meetings(store)
    made = make_agreement(store, a1, "Afspraak", TEAM)
    set_status(store, a2, made, "done", "ja")
    store.delete_sessions([a1.id])
    assert store.agreements([a1.id]) == [] and carried_over(store, a2) == []
