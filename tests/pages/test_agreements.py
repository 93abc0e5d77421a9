"""Agreements on the discussion page (AppTest against a real DuckDB file): made at meeting 1, carried to
meeting 2 of the same group, given a status there; a refused agreement keeps what was typed. The same
walk in a real browser is tests/e2e/test_agreements.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from review.room.demo import create_demo_session
from review.store import Store
from review.trajectories import agreements as agr
from review.trajectories.trajectory import create_trajectory, place_session
from tests.conftest import app_page
from tests.pages.test_discussion import texts


@pytest.fixture
def facilitator(monkeypatch) -> None:
    monkeypatch.setattr("ui.auth.is_facilitator", lambda: True)


def meetings(store: Store):
    trajectory = create_trajectory(store, "Zorggroep", "Traject", "", "Groep A")
    first, second = create_demo_session(store, 6, 1, "Bijeenkomst 1"), create_demo_session(store, 6, 2, "Bijeenkomst 2")
    place_session(store, trajectory, first, "Groep A", 1, "")
    place_session(store, trajectory, second, "Groep A", 2, "")
    return first, second


def submit(at: AppTest, prefix: str) -> AppTest:
    return next(b for b in at.button if b.key and f"FormSubmitter:{prefix}" in b.key).click().run()


def test_an_agreement_made_at_one_meeting_is_reviewed_at_the_next(shared_store: Store, facilitator) -> None:
    first, second = meetings(shared_store)
    at = app_page("pages/discussion.py", session=first.code, lang="nl")
    assert not at.exception
    assert "Nog geen afspraken gemaakt in deze bijeenkomst." in texts(at)
    at.text_area[-1].input("We bespreken fouten in het wekelijkse overleg")
    at.text_input[-1].input("teamleider")
    at = submit(at, "agr_new")
    assert not at.exception and not at.error
    [made] = agr.made_at(shared_store, first)
    assert (made.agreement.text, made.agreement.owner, made.agreement.review) == (
        "We bespreken fouten in het wekelijkse overleg",
        "teamleider",
        "next",
    )
    assert "teamleider · terugkijken bij de volgende bijeenkomst · open" in texts(at)
    assert at.text_area[-1].value == ""  # a fresh form for the next one

    at = app_page("pages/discussion.py", session=second.code, lang="en")
    said = texts(at)
    assert "Agreements from earlier meetings" in said and "agreed at meeting 1" in said
    assert "teamleider · review at the next meeting · open" in said
    status = next(r for r in at.radio if r.label == "Status")
    status.set_value("done")
    next(w for w in at.text_input if w.label == "Why (one line)").input("On the agenda every week")
    at = submit(at, "agr_status_")
    assert not at.exception and not at.error
    [placed] = agr.carried_over(shared_store, second)
    assert (placed.agreement.status, placed.agreement.why) == ("done", "On the agenda every week")
    assert "done at meeting 2: On the agenda every week" in texts(at)


def test_a_refused_agreement_says_why_and_keeps_what_was_typed(shared_store: Store, facilitator) -> None:
    first, _ = meetings(shared_store)
    at = app_page("pages/discussion.py", session=first.code, lang="en")
    at.text_input[-1].input("teamleider")
    at = submit(at, "agr_new")  # no text
    assert [e.value for e in at.error] == ["Write the agreement down before you add it."]
    assert at.text_input[-1].value == "teamleider" and agr.made_at(shared_store, first) == []


def test_a_session_outside_a_trajectory_says_its_agreements_stay_with_it(shared_store: Store, facilitator) -> None:
    alone = create_demo_session(shared_store, 6)
    at = app_page("pages/discussion.py", session=alone.code, lang="en")
    assert "This session is not in a trajectory" in texts(at)
    agr.make_agreement(shared_store, alone, "We ask for feedback", agr.TEAM)
    at = app_page("pages/discussion.py", session=alone.code, lang="en")
    assert "the team · review at the next meeting · open" in texts(at)
    at.button(key=f"agr_remove_{agr.made_at(shared_store, alone)[0].agreement.id}").click().run()
    assert agr.made_at(shared_store, alone) == []
