"""Trajectories: the rules for creating one and placing sessions in it, and the comparisons across
its meetings, checked by hand on a five-statement example (``review.trajectories.trajectory``)."""

from __future__ import annotations

import re

import pytest

from review.content.grid import Grid
from review.content.statements import Statement, StatementSet
from review.room.sessions import create_session
from review.store import Session, Store
from review.trajectories.charts import movement_figure
from review.trajectories.movement import comparison_table
from review.trajectories.trajectory import (
    DEFAULT_THEMES,
    NO_CONDITION,
    NOTHING_SHARED,
    TOO_FEW,
    InvalidTrajectory,
    count_text,
    create_trajectory,
    edit_trajectory,
    free_sessions,
    group_comparison,
    movement,
    overview,
    parse_groups,
    place_session,
    remove_session,
    shared_statements,
    shown_theme,
)

MIN = 3
FIVE = Grid(id="five", name={}, values=(-2, -1, 0, 1, 2), counts=(1, 1, 1, 1, 1))
TEXTS = {1: "Wij leren van fouten", 2: "Ik zeg wat ik denk", 3: "Regels gaan voor", 4: "Wij helpen elkaar", 5: "Tijd"}


def statements(texts: dict[int, str], set_id: str = "small") -> StatementSet:
    return StatementSet(
        set_id,
        {"nl": set_id, "en": set_id},
        tuple(Statement(i, "vakmanschap", {"nl": nl, "en": f"EN {nl}"}) for i, nl in texts.items()),
    )


SMALL = statements(TEXTS)


def seeded(store: Store, sorts: list[dict[int, int]], title: str = "S", sset: StatementSet = SMALL, **kw) -> Session:
    """A session whose observed sorts are ``sorts`` (one per participant), imported as submitted."""
    session = create_session(store, title, sset, FIVE, kw.get("conditions", ("observed", "desired")))
    rows = [{"participant": f"p{k}", "round": 1, "condition": "observed", "placements": s} for k, s in enumerate(sorts)]
    store.import_sorts(session.id, rows)
    return store.session(session.id)


# Before: two sorts put 1..5 at -2..+2, one swaps 1/2 and 4/5.
BEFORE = [{1: -2, 2: -1, 3: 0, 4: 1, 5: 2}] * 2 + [{1: -1, 2: -2, 3: 0, 4: 2, 5: 1}]
# After: all three turned statements 1 and 5 round.
AFTER = [{1: 2, 2: -1, 3: 0, 4: 1, 5: -2}] * 3


@pytest.fixture
def trajectory(store: Store):
    return create_trajectory(store, "Gemeente Utrecht", "Goed Werk Traject 2026", "Anna de Vries", "Groep A\nGroep B")


# -- validation -----------------------------------------------------------------------------


def test_a_trajectory_is_created_with_its_groups(store: Store, trajectory) -> None:
    assert trajectory.groups == ("Groep A", "Groep B")
    assert store.trajectory(trajectory.id) == trajectory
    assert parse_groups(" A , B\n\nC ") == ("A", "B", "C")


@pytest.mark.parametrize(
    ("organisation", "title", "facilitator", "groups", "key"),
    [
        ("", "T", "", "A", "traj.bad_organisation"),
        ("   ", "T", "", "A", "traj.bad_organisation"),
        ("x" * 121, "T", "", "A", "traj.bad_organisation"),
        ("Org", "", "", "A", "traj.bad_title"),
        ("Org", "x" * 121, "", "A", "traj.bad_title"),
        ("Org", "T", "x" * 81, "A", "traj.bad_facilitator"),
        ("Org", "T", "", " , \n", "traj.no_groups"),
        ("Org", "T", "", ",".join(f"G{k}" for k in range(9)), "traj.too_many_groups"),
        ("Org", "T", "", "A, A", "traj.repeated_group"),
        ("Org", "T", "", "Groep A\ngroep a", "traj.repeated_group"),
        ("Org", "T", "", "A, " + "x" * 41, "traj.long_group"),
    ],
)
def test_every_rule_of_a_trajectory_is_named(store: Store, organisation, title, facilitator, groups, key) -> None:
    with pytest.raises(InvalidTrajectory) as caught:
        create_trajectory(store, organisation, title, facilitator, groups)
    assert caught.value.key == key
    assert caught.value.message("nl") != caught.value.message("en")
    assert store.trajectories() == []


def test_the_limits_themselves_are_allowed(store: Store) -> None:
    made = create_trajectory(store, "x" * 120, "y" * 120, "z" * 80, ",".join("g" * 39 + str(k) for k in range(8)))
    assert len(made.groups) == 8 and made.facilitator == "z" * 80


def test_editing_checks_the_same_rules_and_keeps_groups_in_use(store: Store, trajectory) -> None:
    session = seeded(store, BEFORE)
    place_session(store, trajectory, session, "Groep B", 0, "Intake")
    with pytest.raises(InvalidTrajectory) as caught:
        edit_trajectory(store, trajectory.id, "Org", "T", "", "Groep A")
    assert caught.value.key == "traj.group_in_use" and caught.value.params["group"] == "Groep B"
    with pytest.raises(InvalidTrajectory, match="title"):
        edit_trajectory(store, trajectory.id, "Org", " ", "", "Groep B")
    changed = edit_trajectory(store, trajectory.id, "Gemeente Zeist", "T2", "Bob", "Groep B\nGroep C")
    assert changed.groups == ("Groep B", "Groep C") and changed.organisation == "Gemeente Zeist"
    cover = store.session(session.id)
    assert (cover.organisation, cover.facilitator) == ("Gemeente Zeist", "Bob")  # the report cover follows


def test_placing_a_session_sets_its_cover_and_takes_it_off_the_free_list(store: Store, trajectory) -> None:
    session = seeded(store, BEFORE, title="Intake A")
    assert [s.id for s in free_sessions(store)] == [session.id]
    place_session(store, trajectory, session, "Groep A", 0, DEFAULT_THEMES[0]["nl"])
    placed = store.session(session.id)
    assert (placed.organisation, placed.facilitator) == ("Gemeente Utrecht", "Anna de Vries")
    assert store.meeting_of(session.id).theme == "Intake"
    assert free_sessions(store) == []
    place_session(store, trajectory, session, "Groep A", 1, "  Vakmanschap  ")  # moved within the trajectory
    assert (store.meeting_of(session.id).meeting, store.meeting_of(session.id).theme) == (1, "Vakmanschap")
    remove_session(store, trajectory, session)
    assert store.meeting_of(session.id) is None and store.session(session.id).title == "Intake A"


@pytest.mark.parametrize(
    ("group", "meeting", "theme", "key"),
    [
        ("Groep C", 1, "", "traj.unknown_group"),
        ("Groep A", -1, "", "traj.bad_meeting"),
        ("Groep A", 13, "", "traj.bad_meeting"),
        ("Groep A", True, "", "traj.bad_meeting"),
        ("Groep A", 1, "x" * 121, "traj.long_theme"),
    ],
)
def test_every_rule_of_placing_a_session_is_named(store: Store, trajectory, group, meeting, theme, key) -> None:
    session = seeded(store, BEFORE)
    with pytest.raises(InvalidTrajectory) as caught:
        place_session(store, trajectory, session, group, meeting, theme)
    assert caught.value.key == key
    assert store.meeting_of(session.id) is None


def test_one_session_per_group_and_meeting_and_one_trajectory_per_session(store: Store, trajectory) -> None:
    first, second = seeded(store, BEFORE, title="Eerste"), seeded(store, AFTER, title="Tweede")
    place_session(store, trajectory, first, "Groep A", 2, "")
    place_session(store, trajectory, second, "Groep B", 2, "")  # another group: fine
    with pytest.raises(InvalidTrajectory) as caught:
        place_session(store, trajectory, second, "Groep A", 2, "")
    assert caught.value.key == "traj.meeting_taken"
    assert "Eerste" in caught.value.message("en") and "meeting 2" in caught.value.message("en")
    other = create_trajectory(store, "Ander", "T", "", "X")
    with pytest.raises(InvalidTrajectory) as caught:
        place_session(store, other, first, "X", 0, "")
    assert caught.value.key == "traj.session_elsewhere"
    with pytest.raises(InvalidTrajectory) as caught:
        remove_session(store, other, first)
    assert caught.value.key == "traj.not_placed"


# -- movement -------------------------------------------------------------------------------


def test_movement_by_hand(store: Store) -> None:
    before, after = seeded(store, BEFORE), seeded(store, AFTER)
    moved = movement(store, before, after, "observed", MIN)
    # before means: 1: (-2-2-1)/3 = -5/3; 2: (-1-1-2)/3 = -4/3; 3: 0; 4: (1+1+2)/3 = 4/3; 5: (2+2+1)/3 = 5/3
    # after means:  1: 2; 2: -1; 3: 0; 4: 1; 5: -2
    # change:       1: +11/3; 2: +1/3; 3: 0; 4: -1/3; 5: -11/3 -> by size, ties in set order: 1, 5, 2, 4, 3
    assert [r.statement_id for r in moved.rows] == [1, 5, 2, 4, 3]
    expected = {
        1: (-5 / 3, 2, 11 / 3),
        2: (-4 / 3, -1, 1 / 3),
        3: (0, 0, 0),
        4: (4 / 3, 1, -1 / 3),
        5: (5 / 3, -2, -11 / 3),
    }
    for r in moved.rows:
        assert (r.before, r.after, r.change) == pytest.approx(expected[r.statement_id])
    assert moved.rows[0].text == {"nl": TEXTS[1], "en": f"EN {TEXTS[1]}"}
    assert (moved.n_before, moved.n_after, moved.shared, moved.of) == (3, 3, 5, (5, 5))
    assert not moved.mixed_sets and moved.withheld_reason is None and moved.mixed_message("en") is None
    assert (moved.before_id, moved.after_id, moved.condition) == (before.id, after.id, "observed")


def test_group_comparison_is_b_minus_a(store: Store) -> None:
    a, b = seeded(store, BEFORE), seeded(store, AFTER)
    compared = group_comparison(store, a, b, "observed", MIN)
    assert compared.rows == movement(store, a, b, "observed", MIN).rows
    assert group_comparison(store, b, a, "observed", MIN).rows[0].change == pytest.approx(-11 / 3)


def test_fewer_sorts_than_the_threshold_withhold_every_number(store: Store) -> None:
    before, after = seeded(store, BEFORE), seeded(store, AFTER[:2])
    moved = movement(store, before, after, "observed", MIN)
    assert moved.withheld_reason == TOO_FEW and moved.rows == ()
    assert (moved.n_before, moved.n_after) == (3, None)  # the side with 2 sorts gives no count at all
    assert "fewer than 3" in moved.withheld_message("en")
    assert movement_figure(moved, "en", ("Intake", "Meeting 4")) is None
    # a published copy of 3 sorts, read with a threshold of 4: nothing of it shows either
    strict = movement(store, before, seeded(store, AFTER), "observed", 4)
    assert strict.withheld_reason == TOO_FEW and (strict.n_before, strict.n_after) == (None, None)


def test_a_condition_a_session_did_not_ask_is_withheld(store: Store) -> None:
    before, after = seeded(store, BEFORE), seeded(store, AFTER, conditions=("observed",))
    moved = movement(store, before, after, "desired", MIN)
    assert moved.withheld_reason == NO_CONDITION and moved.rows == ()


def test_mixed_sets_are_compared_on_the_statements_they_share(store: Store) -> None:
    # 1 and 2 are the same (2 with other spacing), 3 kept its id but changed its text, 4 and 5 gone, 6 and 7 new
    other = statements({1: TEXTS[1], 2: "  Ik zeg  wat\nik denk ", 3: "Regels gaan altijd voor", 6: "Nieuw", 7: "Ook"})
    shared = shared_statements(SMALL, other)
    assert (shared.ids, shared.shared, shared.of, shared.mixed_sets) == ((1, 2), 2, (5, 5), True)
    before = seeded(store, BEFORE)
    after = seeded(store, [{1: 2, 2: -1, 3: 0, 6: 1, 7: -2}] * 3, sset=other)
    moved = movement(store, before, after, "observed", MIN)
    assert [r.statement_id for r in moved.rows] == [1, 2]
    assert [r.change for r in moved.rows] == pytest.approx([11 / 3, 1 / 3])
    assert moved.mixed_message("en") == (
        "The sessions use different statements: compared on 2 shared statements of 5 and 5."
    )
    unrelated = statements({k: f"Anders {k}" for k in range(1, 6)})
    nothing = movement(store, before, seeded(store, AFTER, sset=unrelated), "observed", MIN)
    assert nothing.withheld_reason == NOTHING_SHARED and nothing.shared == 0


def test_the_figure_escapes_statement_texts_and_shows_the_top_movers(store: Store) -> None:
    hostile = statements({**TEXTS, 1: "<b>Vet</b> & <a href='x'>link</a>"})
    before, after = seeded(store, BEFORE, sset=hostile), seeded(store, AFTER, sset=hostile)
    moved = movement(store, before, after, "observed", MIN)
    fig = movement_figure(moved, "nl", ("<i>Intake</i>", "Bijeenkomst 4"), dark=True, k=3)
    labels = list(fig.data[0].y)
    assert len(labels) == 3 and "&lt;b&gt;Vet&lt;/b&gt; &amp;" in labels[0] and "<b>" not in labels[0]
    assert fig.data[0].name == "&lt;i&gt;Intake&lt;/i&gt;"
    assert list(fig.data[1].x) == pytest.approx([2, -2, -1])
    assert len(fig.layout.annotations) == 3  # an arrow per statement that moved
    phone = movement_figure(moved, "en", ("Intake", "Meeting 4"), compact=True)
    assert phone.layout.font.size == 13 and all(len(line) <= 40 for y in phone.data[0].y for line in y.split("<br>"))


def test_two_groups_are_a_difference_not_a_movement(store: Store) -> None:
    """Group A against group B: nothing moved from one to the other, so no arrows and no "movement";
    the same meeting's group over time keeps its arrows."""
    a, b = seeded(store, BEFORE), seeded(store, AFTER)
    compared, moved = group_comparison(store, a, b, "observed", MIN), movement(store, a, b, "observed", MIN)
    assert compared.across_groups and not moved.across_groups
    fig = movement_figure(compared, "nl", ("Groep A", "Groep B"))
    assert len(fig.layout.annotations) == 0  # no arrow from one group to the other
    lines = [tr for tr in fig.data if tr.mode == "lines"]
    dots = [tr for tr in fig.data if tr.mode == "markers"]
    assert len(lines) == len(compared.rows) and [d.name for d in dots] == ["Groep A", "Groep B"]
    assert all(len(line.x) == 2 and line.line.dash is None for line in lines)  # a plain line between the dots
    assert len(movement_figure(moved, "nl", ("Intake", "Bijeenkomst 4")).layout.annotations) == 4
    headers = list(comparison_table(compared, ("Groep A", "Groep B"), "nl").data.columns)
    assert headers[-1] == "Verschil (Groep B - Groep A)"
    assert list(comparison_table(moved, ("Intake", "Bijeenkomst 4"), "en").data.columns)[-1] == "Change"


@pytest.mark.parametrize(
    ("lang", "row"),
    [
        ("nl", ["1", "Wij leren van fouten", "-1,67", "+2,00", "+3,67"]),
        ("en", ["1", "EN Wij leren van fouten", "-1.67", "+2.00", "+3.67"]),
    ],
)
def test_the_comparison_table_writes_numbers_as_its_language_does(store: Store, lang, row) -> None:
    moved = movement(store, seeded(store, BEFORE), seeded(store, AFTER), "observed", MIN)
    table = comparison_table(moved, ("Intake", "Intake"), lang)
    assert list(table.data.columns)[2:4] == ["Intake (1)", "Intake (2)"]  # two equal names told apart
    assert table.data.iloc[0, 4] == pytest.approx(11 / 3)  # numbers stay numbers underneath
    html = table.hide(axis="index").to_html()
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html)
    assert cells[:5] == row
    assert cells[-3:] == (["0,00"] * 3 if lang == "nl" else ["0.00"] * 3)  # statement 3: zero, no sign
    assert "\u2212" not in html


def test_an_offered_theme_shows_in_the_reader_language_and_a_typed_one_as_typed() -> None:
    assert shown_theme("Verantwoordelijkheid", "en") == "Responsibility"
    assert shown_theme("  goed werk en   Vakmanschap ", "en") == "Good work and craftsmanship"
    assert shown_theme("Personal engagement", "nl") == "Persoonlijke betrokkenheid"
    assert shown_theme("Opbrengst", "en") == "Opbrengst"  # typed by the facilitator: left alone
    assert shown_theme("", "en") == "" and shown_theme("Intake", "en") == "Intake"


# -- the overview ---------------------------------------------------------------------------


def test_overview_of_two_groups_within_the_threshold(store: Store, trajectory) -> None:
    intake_a, last_a = seeded(store, BEFORE, "Intake A"), seeded(store, AFTER, "Slot A")
    last_b = seeded(store, AFTER[:2], "Slot B")  # two sorts: never a number
    place_session(store, trajectory, intake_a, "Groep A", 0, "Intake")
    place_session(store, trajectory, last_a, "Groep A", 4, DEFAULT_THEMES[4]["nl"])
    place_session(store, trajectory, last_b, "Groep B", 4, DEFAULT_THEMES[4]["nl"])
    view = overview(store, trajectory.id, MIN)
    assert [(m.meeting.group, m.meeting.meeting) for m in view.meetings] == [
        ("Groep A", 0),
        ("Groep A", 4),
        ("Groep B", 4),
    ]
    assert [m.submitted for m in view.meetings] == [
        {"observed": 3, "desired": None},
        {"observed": 3, "desired": None},
        {"observed": None, "desired": None},
    ]
    (group_a,) = view.movements
    assert (group_a.group, group_a.first.meeting, group_a.last.meeting) == ("Groep A", 0, 4)
    assert group_a.movements["observed"].rows[0].change == pytest.approx(11 / 3)
    assert group_a.movements["desired"].withheld_reason == TOO_FEW
    comparison = view.comparison
    assert (comparison.meeting, comparison.group_a, comparison.group_b) == (4, "Groep A", "Groep B")
    assert all(m.withheld_reason == TOO_FEW for m in comparison.movements.values())
    assert count_text(None, MIN, "en") == "fewer than 3" and count_text(2, MIN, "nl") == "minder dan 3"
    # no count below the threshold anywhere in the overview: every one is a number >= 3 or None
    movements = [*group_a.movements.values(), *comparison.movements.values()]
    counts = [n for m in view.meetings for n in m.submitted.values()]
    counts += [n for mv in movements for n in (mv.n_before, mv.n_after)]
    assert all(n is None or n >= MIN for n in counts) and 3 in counts
    assert all(mv.rows == () for mv in movements if mv.withheld)


def test_an_overview_without_sessions_or_shared_meetings(store: Store, trajectory) -> None:
    view = overview(store, trajectory.id, MIN)
    assert (view.meetings, view.movements, view.comparison) == ([], [], None)
    place_session(store, trajectory, seeded(store, BEFORE), "Groep A", 1, "")
    place_session(store, trajectory, seeded(store, AFTER), "Groep B", 2, "")
    view = overview(store, trajectory.id, MIN)
    assert view.movements == [] and view.comparison is None  # one meeting per group, none in common


def test_control_characters_never_reach_the_cover(store: Store, session) -> None:
    """A name pasted with a stray control character (a form feed, a bell) keeps its letters only,
    in the trajectory and on the report cover of the sessions placed in it."""
    made = create_trajectory(store, "Gemeente\x0c Utrecht\x07", "Traject\x00 2026", "Anna\x1b de Vries", "Groep\x08 A")
    assert (made.organisation, made.title, made.facilitator, made.groups) == (
        "Gemeente Utrecht",
        "Traject 2026",
        "Anna de Vries",
        ("Groep A",),
    )
    place_session(store, made, session, "Groep A", 0, "")
    cover = store.session(session.id)
    assert (cover.organisation, cover.facilitator) == ("Gemeente Utrecht", "Anna de Vries")
    with pytest.raises(InvalidTrajectory):
        create_trajectory(store, "\x07\x07", "T", "", "A")  # nothing left: no organisation
