"""The trajectory report's first section (review.report.synthesis): per group what changed from its
first to its last meeting, in words, within the anonymity threshold; the facilitator's recommendations."""

from __future__ import annotations

from pathlib import Path

import pytest

from review.analysis.viewpoints import choose, name_viewpoints
from review.report import trajectory_report
from review.report.content import session_content
from review.report.synthesis import synthesis
from review.room.demo import create_demo_session
from review.store import Store
from review.trajectories.agreements import make_agreement, set_status
from review.trajectories.trajectory import (
    RECOMMENDATIONS_LIMIT,
    InvalidTrajectory,
    create_trajectory,
    overview,
    place_session,
    set_recommendations,
)

MIN = 3


@pytest.fixture
def trajectory(tmp_path: Path):
    store = Store.open(tmp_path / "synthesis.duckdb")
    made = create_trajectory(store, "Zorggroep Noord", "Traject", "Anna", "Groep A, Groep B, Groep C")
    meetings = {}
    for seed, (group, meeting, people) in enumerate(
        [("Groep A", 0, 12), ("Groep A", 2, 12), ("Groep B", 1, 12), ("Groep C", 0, 12), ("Groep C", 1, 2)]
    ):
        session = create_demo_session(store, people, seed + 1, f"{group} {meeting}")
        place_session(store, made, session, group, meeting, "")
        meetings[(group, meeting)] = session
    yield store, made, meetings
    store.close()


def said(store: Store, trajectory_id: str, lang: str = "en") -> dict[str, list[str]]:
    return dict(synthesis(store, overview(store, trajectory_id, MIN), lang))


def test_each_group_is_told_from_its_first_to_its_last_meeting(trajectory) -> None:
    store, made, meetings = trajectory
    a0, a2 = meetings[("Groep A", 0)], meetings[("Groep A", 2)]
    choose(store, a2, "observed", "pca", "varimax", 2)
    session_content(store, store.session(a2.id), MIN, "en")  # publishes
    name_viewpoints(store, store.session(a2.id), {1: ("The careful ones", "")}, MIN)
    kept = make_agreement(store, a0, "We discuss mistakes", "team lead")
    make_agreement(store, a0, "New colleagues shadow us", "")
    set_status(store, a2, kept, "done", "Every week")
    told = said(store, made.id)
    assert list(told) == ["Groep A: Intake → Meeting 2", "Groep B: Meeting 1", "Groep C: Intake → Meeting 1"]
    a = told["Groep A: Intake → Meeting 2"]
    move = overview(store, made.id, MIN).movements[0].movements["observed"]
    up = max(move.rows, key=lambda r: r.change)
    assert a[0].startswith(f"As it is: “{up.text['en'].rstrip('.')}” rose most (+")
    assert a[1].startswith("As it should be: “")
    assert a[2].startswith("The distance between how it is and how it should be ")
    assert a[3].startswith("The themes as it is, first → last meeting: Craftsmanship ")
    assert a[4] == "Viewpoints: Meeting 2: Viewpoint 1: The careful ones, Viewpoint 2."
    assert a[5] == "2 agreements: 1 done, 0 dropped, 1 still open."
    assert told["Groep B: Meeting 1"] == [
        "This group had one meeting; there is nothing to compare yet.",
        "No agreements were recorded.",
    ]
    # two sorts at Groep C's last meeting: no figures, and no theme line that could rest on them
    assert told["Groep C: Intake → Meeting 1"][:2] == [
        "As it is: no comparison, one of the two meetings has too few sorts.",
        "As it should be: no comparison, one of the two meetings has too few sorts.",
    ]
    assert not any("themes" in p or "distance" in p for p in told["Groep C: Intake → Meeting 1"])
    nl = said(store, made.id, "nl")
    assert nl["Groep A: Intake → Bijeenkomst 2"][5] == "2 afspraken: 1 gedaan, 0 vervallen, 1 nog open."


def test_the_report_opens_with_the_synthesis_and_the_recommendations(trajectory) -> None:
    store, made, _ = trajectory
    html = trajectory_report(store, made.id, MIN, "en", "html").decode()
    assert html.index("In brief: what changed") < html.index("How to read this report") < html.index("Overview of")
    assert "The facilitator has not written recommendations (yet)." in html
    set_recommendations(
        store, store.trajectory(made.id), "Keep the weekly meeting.\n\nInvite\u202e the new colleagues."
    )
    assert store.trajectory(made.id).recommendations == "Keep the weekly meeting.\n\nInvite the new colleagues."
    html = trajectory_report(store, made.id, MIN, "en", "html").decode()
    assert "Keep the weekly meeting." in html and "Invite the new colleagues." in html


def test_recommendations_too_long_are_refused_and_the_kept_ones_stay(trajectory) -> None:
    store, made, _ = trajectory
    set_recommendations(store, made, "Ours.")
    with pytest.raises(InvalidTrajectory) as err:
        set_recommendations(store, made, "x" * (RECOMMENDATIONS_LIMIT + 1))
    assert err.value.message("en") == f"The recommendations may have at most {RECOMMENDATIONS_LIMIT} characters."
    assert store.trajectory(made.id).recommendations == "Ours."
