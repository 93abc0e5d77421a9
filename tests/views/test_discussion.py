"""The discussion's starting points from the published copy, and the rules for notes."""

from __future__ import annotations

import pytest

from review.analysis.viewpoints import choose, room_viewpoints
from review.errors import ReviewError
from review.library.questions import default_questions
from review.room.aggregates import disagreement_and_consensus, gaps
from review.room.demo import demo_people
from review.room.live import refresh
from review.room.sessions import create_session
from review.room.summaries import condition_summary
from review.store import Session, Store
from review.views.discussion import (
    CONSENSUS_POINTS,
    NOTE_MAX,
    POINT_KEY_MAX,
    check_note,
    notes_of,
    plan,
    save_note,
    session_questions,
    starting_points,
)

QUESTIONS = default_questions()


def of_kind(points, kind: str) -> list:
    return [p for p in points if p.kind == kind]


def people_session(store: Store, statement_set, grid, conditions, observed: int, desired: int = 0) -> Session:
    """A session with ``observed`` observed sorts and the first ``desired`` of those people's desired sorts."""
    session = create_session(store, "Team", statement_set, grid, conditions, ask_comments=True)
    for k, (obs, des, _role) in enumerate(demo_people(statement_set, grid, max(observed, desired), seed=3)):
        if k < observed:
            store.save_sort(session.id, f"p{k}", "observed", obs)
        if k < desired:
            store.save_sort(session.id, f"p{k}", "desired", des)
    return session


def test_the_seeded_workshop_gives_disputed_gap_and_consensus_points(store: Store, workshop: Session) -> None:
    found = plan(store, workshop, 3, QUESTIONS)
    assert found.n_sorts == 12 and found.notes == [("disc.no_split", {})]  # no analysis chosen yet
    observed = condition_summary(store, workshop, "observed")  # the published copy, refreshed by plan
    desired = condition_summary(store, workshop, "desired")
    disputed, _ = disagreement_and_consensus(observed, 3)
    assert [p.key for p in of_kind(found.points, "disputed")] == [f"disputed:{s}" for s in disputed]
    top_gaps = gaps(observed, desired).head(3)
    assert [p.statement_id for p in of_kind(found.points, "gap")] == list(top_gaps.index)
    first = of_kind(found.points, "disputed")[0]
    assert {f.name: f.value for f in first.figures} == pytest.approx(
        {"mean": observed.stats.loc[disputed[0], "mean"], "sd": observed.stats.loc[disputed[0], "sd"]}
    )
    gap = of_kind(found.points, "gap")[0]
    assert {f.name: f.value for f in gap.figures}["gap"] == pytest.approx(top_gaps.iloc[0]["gap"])
    agreed = of_kind(found.points, "consensus")
    assert 1 <= len(agreed) <= CONSENSUS_POINTS
    assert all(abs(p.figures[0].value) >= 2 for p in agreed), "strong agreement, not shared indifference"
    texts = workshop.statement_set.by_id()
    assert first.text("en") == texts[first.statement_id].in_language("en")
    assert first.texts["nl"] == texts[first.statement_id].in_language("nl")


def test_points_of_one_kind_get_different_questions_and_the_same_on_every_call(store: Store, workshop) -> None:
    points = starting_points(store, workshop, 3, QUESTIONS)
    for kind in ("disputed", "gap"):
        questions = [p.question for p in of_kind(points, kind)]
        assert len(set(questions)) == len(questions) == 3
        assert all(q.kind == kind for q in questions)
    assert points == starting_points(store, workshop, 3, QUESTIONS)
    assert len({p.key for p in points}) == len(points)
    assert all(len(p.key) <= POINT_KEY_MAX for p in points)


def test_below_the_threshold_there_are_no_points_only_the_notice(store: Store, statement_set, grid) -> None:
    session = people_session(store, statement_set, grid, ("observed", "desired"), observed=2, desired=2)
    found = plan(store, session, 3, QUESTIONS)
    assert found.points == []
    assert found.notes == [("results.too_few", {"n": 0, "min": 3})]  # nothing published of 2 sorts
    assert starting_points(store, session, 3, QUESTIONS) == []


def test_a_configured_threshold_above_the_group_hides_the_points(store: Store, workshop: Session) -> None:
    found = plan(store, workshop, 13, QUESTIONS)
    assert found.points == [] and found.notes[0][0] == "results.too_few"


def test_gaps_only_when_both_conditions_are_asked(store: Store, statement_set, grid) -> None:
    session = people_session(store, statement_set, grid, ("observed",), observed=4)
    found = plan(store, session, 3, QUESTIONS)
    assert of_kind(found.points, "disputed") and not of_kind(found.points, "gap")
    assert not any(key == "disc.no_gap" for key, _ in found.notes)  # not asked: nothing to explain


def test_gaps_only_when_the_desired_sorts_reach_the_threshold(store: Store, statement_set, grid) -> None:
    session = people_session(store, statement_set, grid, ("observed", "desired"), observed=4, desired=2)
    found = plan(store, session, 3, QUESTIONS)
    assert of_kind(found.points, "disputed") and not of_kind(found.points, "gap")
    assert ("disc.no_gap", {"n": 0, "min": 3}) in found.notes
    for k, (_obs, des, _role) in enumerate(demo_people(statement_set, grid, 3, seed=3)):
        store.save_sort(session.id, f"p{k}", "desired", des)  # a third desired sort: the gap may show
    assert len(of_kind(starting_points(store, session, 3, QUESTIONS), "gap")) == 3


def test_split_points_come_from_the_rooms_viewpoints(store: Store, workshop: Session) -> None:
    choose(store, workshop, "observed", "pca", "varimax", 2)
    session = store.session(workshop.id)
    found = plan(store, session, 3, QUESTIONS)
    split = of_kind(found.points, "split")
    assert 1 <= len(split) <= 3 and not any(k == "disc.no_split" for k, _ in found.notes)
    room = room_viewpoints(store, session, 3)
    apart = {d.statement_id: v.number for v in room.shown for d in v.apart}
    for point in split:
        assert point.statement_id in apart
        assert all(f.name in ("higher", "lower") for f in point.figures)
        assert {f.viewpoint for f in point.figures} <= {v.number for v in room.shown}
        assert point.key == f"split:{point.statement_id}"


def test_split_points_never_rest_on_a_viewpoint_below_the_threshold(store: Store, workshop: Session) -> None:
    refresh(store, workshop, 3)
    choose(store, workshop, "observed", "pca", "varimax", 3)
    session = store.session(workshop.id)
    room = room_viewpoints(store, session, 3)
    shown = {v.number for v in room.shown}
    assert shown == {1, 2} and ("vp.few", {"n": 3, "min": 3}) in room.notes  # viewpoint 3: too few sorts
    split = of_kind(starting_points(store, session, 3, QUESTIONS), "split")
    assert split
    for point in split:
        assert {f.viewpoint for f in point.figures} <= shown


def test_when_no_viewpoint_can_be_shown_the_note_says_so(store: Store, workshop: Session) -> None:
    """A threshold above every viewpoint's share: the discussion does not claim the viewpoints agree
    on everything ("no split found"); it says none is shared by enough people."""
    refresh(store, workshop, 8)
    choose(store, workshop, "observed", "pca", "varimax", 3)
    session = store.session(workshop.id)
    assert room_viewpoints(store, session, 8).shown == []
    found = plan(store, session, 8, QUESTIONS)
    assert ("disc.no_viewpoint_shown", {"min": 8}) in found.notes
    assert not any(key == "disc.no_split_found" for key, _ in found.notes)
    assert of_kind(found.points, "split") == []


def test_points_carry_the_published_comments_without_who(store: Store, statement_set, grid) -> None:
    session = people_session(store, statement_set, grid, ("observed",), observed=3)
    refresh(store, session, 3)
    disputed = starting_points(store, session, 3, QUESTIONS)[0]
    sort = store.sort_of(session.id, "p0", "observed")
    store.save_sort(session.id, "p0", "observed", sort, comments={disputed.statement_id: "Bij ons <b>nooit</b>"})
    # a changed sort waits until enough others change too: its comment is not shown yet
    assert starting_points(store, session, 3, QUESTIONS)[0].comments == ()
    for pid in ("p1", "p2"):
        store.save_sort(session.id, pid, "observed", store.sort_of(session.id, pid, "observed"))
    point = next(p for p in starting_points(store, session, 3, QUESTIONS) if p.statement_id == disputed.statement_id)
    (comment,) = point.comments
    assert comment.text == "Bij ons <b>nooit</b>"
    assert "p0" not in repr(comment)


def test_session_questions_are_the_session_kind(workshop: Session) -> None:
    prompts = session_questions(QUESTIONS, workshop)
    assert len(prompts) == 2 and len(set(prompts)) == 2 and all(q.kind == "session" for q in prompts)


@pytest.mark.parametrize(
    ("point", "kind", "body", "key"),
    [
        ("disputed:12" + "0" * 40, "note", "x", "notes.bad_point"),  # too long
        ("whatever:12", "note", "x", "notes.bad_point"),  # not a kind of starting point
        ("disputed:", "note", "x", "notes.bad_point"),
        (12, "note", "x", "notes.bad_point"),
        ("disputed:12", "minutes", "x", "notes.bad_kind"),
        ("disputed:12", None, "x", "notes.bad_kind"),
        ("disputed:12", "note", 42, "notes.bad_body"),
        ("disputed:12", "next", None, "notes.bad_body"),
        ("", "next", "x" * (NOTE_MAX + 1), "notes.too_long"),
    ],
)
def test_a_note_that_breaks_a_rule_is_refused(point, kind, body, key: str) -> None:
    with pytest.raises(ReviewError) as caught:
        check_note(point, kind, body)
    assert caught.value.key == key
    assert caught.value.message("nl") and caught.value.message("en")


def test_notes_are_stored_as_typed_and_an_empty_one_is_removed(store: Store, session: Session) -> None:
    save_note(store, session, "", "next", "x" * NOTE_MAX)  # the limit itself is fine
    typed = "  <script>alert(1)</script>\nline two "
    save_note(store, session, "gap:7", "note", typed)
    assert notes_of(store, session) == {("", "next"): "x" * NOTE_MAX, ("gap:7", "note"): typed}
    save_note(store, session, "gap:7", "note", "")
    assert ("gap:7", "note") not in notes_of(store, session)
