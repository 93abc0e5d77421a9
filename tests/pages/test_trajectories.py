"""The trajectories page (/trajectories, ?t=ID) driven with AppTest against a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from review.store import Store
from review.trajectories.trajectory import create_trajectory, place_session
from tests.conftest import app_page
from tests.trajectories.test_trajectory import AFTER, BEFORE, SMALL, TEXTS, seeded, statements

ROOT = Path(__file__).resolve().parents[2]


def page(**params: str) -> AppTest:
    return app_page("pages/trajectories.py", **params)


def texts(at: AppTest) -> str:
    elements = [*at.markdown, *at.error, *at.info, *at.warning, *at.title, *at.header, *at.subheader, *at.caption]
    return " ".join(str(e.value) for e in elements)


def timeline(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.get("html") if "traj-timeline" in h.proto.body)


@pytest.fixture
def facilitator(monkeypatch) -> None:
    monkeypatch.setattr("ui.auth.is_facilitator", lambda: True)


def test_the_page_is_for_the_facilitator_only(shared_store: Store) -> None:
    made = create_trajectory(shared_store, "Geheime BV", "Traject", "", "A")
    at = page(lang="en", t=made.id)
    assert "For the facilitator only" in texts(at)
    assert "Geheime BV" not in texts(at)


def test_a_new_trajectory_is_validated_then_created_and_opened(shared_store: Store, facilitator) -> None:
    at = page(lang="en")
    assert "No trajectories yet" in texts(at)
    at.text_input(key="new_org").input("   ")
    at.button(key="create_trajectory").click().run()
    assert "Give the organisation's name" in texts(at)
    assert shared_store.trajectories() == []
    at.text_input(key="new_org").input("Gemeente <b>Utrecht</b>")
    at.text_area(key="new_groups").input("Groep A\nGroep B")
    at.button(key="create_trajectory").click().run()
    assert not at.exception
    (made,) = shared_store.trajectories()
    assert at.query_params["t"] == [made.id] or at.query_params["t"] == made.id
    assert made.groups == ("Groep A", "Groep B")
    assert "Good Work trajectory" in [x.value for x in at.title]
    assert r"Gemeente \<b\>Utrecht\</b\>" in texts(at)  # shown as typed
    assert "No sessions in this trajectory yet" in texts(at)


def test_an_unknown_trajectory_says_so_and_lists_the_others(shared_store: Store, facilitator) -> None:
    at = page(lang="nl", t="nope")
    assert "Dit traject bestaat niet (meer)" in texts(at)
    assert "Trajecten" in [x.value for x in at.title]


def test_a_session_is_added_with_the_default_theme_of_its_meeting(shared_store: Store, facilitator) -> None:
    made = create_trajectory(shared_store, "Org", "Traject", "Anna", "Groep A, Groep B")
    session = seeded(shared_store, BEFORE, title="Bijeenkomst twee")
    at = page(lang="nl", t=made.id)
    at.selectbox(key="add_group").select("Groep B").run()
    at.selectbox(key="add_meeting").select(2).run()
    assert at.text_input(key="add_theme_2").value == "Verantwoordelijkheid"
    at.button(key="add_button").click().run()
    assert not at.exception
    placed = shared_store.meeting_of(session.id)
    assert (placed.group, placed.meeting, placed.theme) == ("Groep B", 2, "Verantwoordelijkheid")
    assert shared_store.session(session.id).organisation == "Org"
    assert "Bijeenkomst twee" in timeline(at) and "Bijeenkomst 2" in timeline(at)
    assert "Alle sessies horen al bij een traject" in texts(at)  # nothing left to add
    at.button(key="remove_button").click().run()
    assert shared_store.meeting_of(session.id) is None


def test_the_timeline_and_comparisons_stay_within_the_threshold(shared_store: Store, facilitator) -> None:
    made = create_trajectory(shared_store, "Org", "Traject", "", "Groep A\nGroep B")
    place_session(shared_store, made, seeded(shared_store, BEFORE, "Intake A"), "Groep A", 0, "Intake")
    place_session(shared_store, made, seeded(shared_store, AFTER, "Slot A"), "Groep A", 4, "Slot")
    place_session(shared_store, made, seeded(shared_store, AFTER[:2], "Slot B"), "Groep B", 4, "Slot")
    at = page(lang="en", t=made.id)
    assert not at.exception
    table = timeline(at)
    assert "As it is: 3" in table and "As it is: fewer than 3" in table and ": 2" not in table
    assert "Intake" in table and "Meeting 4" in table
    # movement of group A, intake to meeting 4: statement 1 moved +3.67
    assert "Sorts: 3 (Intake) and 3 (Meeting 4)." in texts(at)
    frame = at.dataframe[0].value
    # full precision underneath (a click on the header sorts numbers), shown as the language writes it
    assert list(frame["#"]) == [1, 5, 2, 4, 3] and list(frame["Change"])[:2] == pytest.approx([11 / 3, -11 / 3])
    assert frame["Statement"][0] == f"EN {TEXTS[1]}"
    # group A against group B at meeting 4: group B has two sorts, so nothing but a notice
    assert "Not shown: at least one side has fewer than 3 sorts" in texts(at)
    assert len(at.dataframe) == 1


def test_mixed_statement_sets_say_what_they_are_compared_on(shared_store: Store, facilitator) -> None:
    other = statements({1: TEXTS[1], 2: TEXTS[2], 3: "Anders", 6: "Nieuw", 7: "Ook"}, "other")
    made = create_trajectory(shared_store, "Org", "Traject", "", "Groep A")
    place_session(shared_store, made, seeded(shared_store, BEFORE, sset=SMALL), "Groep A", 0, "")
    after = seeded(shared_store, [{1: 2, 2: -1, 3: 0, 6: 1, 7: -2}] * 3, sset=other)
    place_session(shared_store, made, after, "Groep A", 1, "")
    at = page(lang="en", t=made.id)
    assert "compared on 2 shared statements of 5 and 5" in texts(at)
    assert list(at.dataframe[0].value["#"]) == [1, 2]


def test_the_recommendations_are_kept_for_the_report(shared_store: Store, facilitator) -> None:
    made = create_trajectory(shared_store, "Org", "Traject", "Anna", "Groep A")
    at = page(lang="en", t=made.id)
    box = next(a for a in at.text_area if a.label == "Recommendations for the report")
    box.input("Keep the weekly meeting.")
    next(b for b in at.button if b.key and "FormSubmitter:recommendations_" in b.key).click().run()
    assert not at.exception and not at.error
    assert shared_store.trajectory(made.id).recommendations == "Keep the weekly meeting."
    box = next(a for a in at.text_area if a.label == "Recommendations for the report")
    assert box.value == "Keep the weekly meeting."
