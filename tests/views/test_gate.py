"""The anonymity gate, tested once over every place that shows what the sorts say: the projector's
nine views (the facilitator's preview draws the same ones), the discussion's starting points,
``/api/summary``, the session report, the group export and the facilitator's comment list.

Below the threshold none of them carries anything made of the sorts; from it on each shows what it
is for. A condition below the threshold is left out of every one of them, comments included, while
the other condition shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.errors import ReviewError
from review.i18n import t
from review.library.questions import default_questions
from review.report.content import session_content
from review.room.anonymity import MIN_GROUP
from review.room.demo import demo_people
from review.room.live import VIEWS, comments, feature_comment, featured_comments, refresh
from review.room.sessions import create_session, join, submit_sort
from review.room.summaries import condition_split, shown_summary
from review.store import Session, Store
from review.studies.group_export import group_export
from review.views.discussion import plan
from review.views.results import BUILDERS, build_view, per_condition
from tests.pages.room_states import columns_of
from tests.views.conftest import COUNTS, drawn_from_sorts

QUESTIONS = default_questions()
Surface = Callable[[Store, Session, int], bool]  # does it carry anything made of the sorts?


def _projector(name: str) -> Surface:
    return lambda store, session, k: drawn_from_sorts(build_view(store, session, name, "en", min_group=k))


def _api_summary(store: Store, session: Session, k: int) -> bool:
    shown = []
    for condition in session.conditions:
        try:
            shown.append(shown_summary(store, session, condition, k))
        except ReviewError as error:
            assert error.key == "results.too_few"
    return bool(shown)


def _report(store: Store, session: Session, k: int) -> bool:
    content = session_content(store, session, k, "en")
    rows = any(part.most or part.least or part.agree or part.disagree for part in content.conditions)
    subgroups = content.subgroups is not None and bool(content.subgroups.rows)
    return rows or subgroups or bool(content.gaps or content.themes or content.viewpoints or content.comments)


def _group_export(store: Store, session: Session, k: int) -> bool:
    export = group_export(store, session, k, "en")
    return bool(export.groups or export.comments)


SURFACES: dict[str, Surface] = {
    **{f"projector:{name}": _projector(name) for name in VIEWS},
    "discussion": lambda store, session, k: bool(plan(store, session, k, QUESTIONS).points),
    "api-summary": _api_summary,
    "report": _report,
    "group-export": _group_export,
    "comment-list": lambda store, session, k: bool(comments(store, session, k)),
}


def _subgroups_stay_hidden(store: Store, session: Session, surface: str) -> bool:
    """The subgroup view shows nothing when no two roles have the threshold (or the rest would not)."""
    return surface == "projector:subgroups" and len(condition_split(store, session, "observed", MIN_GROUP).shown) < 2


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize("surface", SURFACES)
def test_nothing_from_sorts_below_the_threshold(rooms, surface: str, n: int) -> None:
    store, session = rooms[n]
    carries = SURFACES[surface](store, session, MIN_GROUP)
    if n < MIN_GROUP or _subgroups_stay_hidden(store, session, surface):
        assert not carries, (surface, n)
    else:
        assert carries, (surface, n)


@pytest.mark.parametrize("surface", SURFACES)
def test_a_higher_threshold_holds_everything_back(rooms, surface: str) -> None:
    """REVIEW_MIN_GROUP=9: eight sorts are too few for every place."""
    store, session = rooms[8]
    assert SURFACES[surface](store, session, MIN_GROUP), surface  # what the threshold of 9 takes away
    assert not SURFACES[surface](store, session, 9), surface


@pytest.mark.parametrize("n", [n for n in COUNTS if n < MIN_GROUP])
@pytest.mark.parametrize("name", VIEWS)
def test_a_view_held_back_says_why(rooms, name: str, n: int) -> None:
    """Never a blank: a view without figure says so, and a view gated by the whole group's count
    says how many sorts are in and from how many it appears."""
    store, session = rooms[n]
    for lang in ("nl", "en"):
        view = build_view(store, session, name, lang, min_group=MIN_GROUP)
        assert view.notices or view.messages or view.empty, (name, n)
        if BUILDERS[name][1]:
            assert view.notices == [t("results.too_few", lang, n=n, min=MIN_GROUP)]


@pytest.fixture(scope="module")
def halfway(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Session]:
    """Four observed sorts and three desired ones, each with a comment at the top end, all published
    and all chosen for the projector; then the threshold is four."""
    store = Store.open(Path(tmp_path_factory.mktemp("halfway")) / "review.duckdb")
    session = create_session(
        store, "Halfway", load_statement_set(), load_grid(), ("observed", "desired"), (), ask_comments=True
    )
    people = demo_people(session.statement_set, session.grid, 4)
    tokens = [join(store, session) for _ in people]  # all in the room before anyone submits
    for k, (token, (observed, desired, _)) in enumerate(zip(tokens, people, strict=True)):
        for condition, placements in (("observed", observed), ("desired", desired))[: 2 if k < 3 else 1]:
            top = next(sid for sid, v in placements.items() if v == max(session.grid.values))
            submit_sort(store, session, token, condition, columns_of(placements), {str(top): f"{condition} {k}"})
    refresh(store, session, MIN_GROUP)
    for notes in comments(store, session, MIN_GROUP).values():
        for note in notes:
            feature_comment(store, session, note.key, True)
    yield store, store.session(session.id)
    store.close()


@pytest.mark.parametrize("k", [MIN_GROUP, 4])
def test_a_condition_below_the_threshold_is_left_out_everywhere(halfway, k: int) -> None:
    """At four, the three desired sorts are withheld in every place, their comments too; at three
    (the control) they show in every one."""
    store, session = halfway
    expected = {"observed", "desired"} if k == MIN_GROUP else {"observed"}
    listed = [note for notes in comments(store, session, k).values() for note in notes]
    assert {note.condition for note in listed} == expected
    assert {note.condition for note in featured_comments(store, session, k)} == expected

    content = session_content(store, session, k, "en")
    assert {part.condition for part in content.conditions if part.shown} == expected
    assert {comment.condition for comment in content.comments} == expected
    assert bool(content.gaps) == ("desired" in expected)

    export = group_export(store, session, k, "en")
    assert {group.condition for group in export.groups} == expected
    assert {comment["condition"] for comment in export.comments} == expected

    discussion = plan(store, session, k, QUESTIONS)
    assert any(point.kind == "gap" for point in discussion.points) == ("desired" in expected)
    said = {note.condition for point in discussion.points for note in point.comments}
    assert said <= expected

    cards = build_view(store, session, "comments", "en", min_group=k).cards
    assert {card.quote.split()[0] for card in cards} == expected
    gap = build_view(store, session, "gap", "en", min_group=k)
    assert (gap.figure is not None) == ("desired" in expected)
    shown, _ = per_condition(store, session, "en", k)
    assert set(shown) == {t(f"chart.{c}", "en") for c in expected}
    assert all(shown_summary(store, session, c, k) for c in expected)
    if "desired" not in expected:
        with pytest.raises(ReviewError):
            shown_summary(store, session, "desired", k)
