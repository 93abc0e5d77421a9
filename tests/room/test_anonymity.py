"""The anonymity rules: the threshold, and screens that change only in steps that cannot
isolate one sort (the published copy of review/room/anonymity.py and review/room/live.py)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.errors import StatusChangeRefused
from review.room.anonymity import (
    MIN_GROUP,
    complement_too_small,
    may_show,
    publishable,
    separate_groups,
    shown_count,
    threshold,
)
from review.room.demo import demo_people
from review.room.live import next_view, participant_view, refresh, reveal, room_state
from review.room.sessions import (
    create_session,
    join,
    next_statuses,
    replace_code,
    save_draft,
    set_status,
    submit_sort,
)
from review.room.summaries import shown_summary
from review.store import Change, Store
from review.views.results import available_views, build_view
from tests.pages.room_states import columns_of


@pytest.mark.parametrize(
    ("configured", "expected"), [(None, 3), ("", 3), ("2", 3), ("0", 3), ("-5", 3), ("5", 5), (7, 7), ("x", 3)]
)
def test_the_threshold_is_never_below_three(configured, expected) -> None:
    assert threshold(configured) == expected
    assert may_show(expected, configured) and not may_show(expected - 1, configured)


@pytest.mark.parametrize(
    ("n", "configured", "shown"), [(0, None, None), (2, None, None), (3, None, 3), (4, "5", None), (5, 5, 5)]
)
def test_a_count_is_shown_from_the_threshold_on(n: int, configured, shown) -> None:
    assert shown_count(n, configured) == shown


def test_separate_groups_are_those_of_the_threshold_and_never_the_left_out_one() -> None:
    sizes = {"manager": 2, "professional": 5, "": 4, "intern": 3}
    assert separate_groups(sizes) == ["", "intern", "professional"]
    assert separate_groups(sizes, leave_out="") == ["intern", "professional"]
    assert separate_groups(sizes, 4) == ["", "professional"]
    assert separate_groups(sizes, 4, leave_out="") == ["professional"]
    assert separate_groups({}) == []


@pytest.mark.parametrize(
    ("shown", "total", "too_small"),
    [
        (0, 2, False),  # nothing shown beside the whole: no complement to read
        (3, 3, False),  # the whole is the shown groups: nobody is left
        (3, 4, True),  # one person is the whole minus the shown group
        (3, 5, True),
        (3, 6, False),  # the rest is a group of three
        (6, 9, False),
    ],
)
def test_the_complement_of_shown_groups_is_nobody_or_enough(shown: int, total: int, too_small: bool) -> None:
    assert complement_too_small(shown, total) is too_small
    assert complement_too_small(shown, total + 2, 5) is (0 < total + 2 - shown < 5 and shown > 0)


def change(pid: str, condition: str = "observed", role: str | None = None, shown_role=None, new=True) -> Change:
    return Change(pid, condition, role, shown_role, new)


def test_a_batch_waits_until_it_has_company() -> None:
    two = [change("a"), change("b")]
    assert publishable(two) == []  # 2 new sorts: wait
    three = [*two, change("c")]
    assert publishable(three) == three
    # per condition: 3 observed go, 1 desired waits
    mixed = [*three, change("a", "desired")]
    assert publishable(mixed) == three


def test_subgroups_publish_per_role_and_no_role_counts_as_a_group() -> None:
    pros = [change(p, role="pro") for p in "abc"]
    boss = [change("d", role="boss")]
    none = [change("e"), change("f")]
    # 3 professionals go; the manager and the two without a role wait (by role)
    assert publishable(pros + boss + none, by_role=True) == pros
    # a resubmission that changed role touches both groups: with the old group short, it waits,
    # and then the new group is short too, so nothing goes (the loop settles)
    moved = change("g", role="pro", shown_role="boss", new=False)
    assert publishable([*pros[:2], moved], by_role=True) == []


def published(store: Store, session_id: str, condition: str, scope: str = "all") -> dict[str, object]:
    rows = (
        store._cursor()
        .execute(
            "SELECT participant_id, submitted_at FROM shown_sorts WHERE session_id = ? AND condition = ? AND scope = ?",
            [session_id, condition, scope],
        )
        .fetchall()
    )
    return dict(rows)


def test_replaying_submits_one_by_one_never_shows_a_step_smaller_than_the_threshold(store) -> None:
    """The differencing test: 14 people submit one at a time (some change their sort later);
    after each submit the screens refresh. Any two consecutive shown states differ by no sort or
    by at least the threshold of sorts, in the summary /api/summary serves and in the heatmap."""
    sset, grid = load_statement_set(), load_grid()
    session = create_session(store, "Replay", sset, grid)
    people = demo_people(sset, grid, 14, seed=5)
    tokens = [join(store, session) for _ in people]
    order = [*range(14), 2, 5, 9, 11]  # four resubmissions at the end
    rng = random.Random(1)
    previous_versions: dict[str, object] = {}
    previous_counts = None
    steps = []
    for k, who in enumerate(order):
        sort = people[who][0] if k < 14 else people[rng.randrange(14)][0]  # a changed sort on resubmission
        submit_sort(store, session, tokens[who], "observed", columns_of(sort))
        refresh(store, session)
        versions = published(store, session.id, "observed")
        changed = {p for p in versions.keys() | previous_versions.keys() if versions.get(p) != previous_versions.get(p)}
        assert len(changed) == 0 or len(changed) >= MIN_GROUP, (k, len(changed))
        try:
            counts = shown_summary(store, session, "observed").counts
        except Exception:
            counts = None
        if counts is not None and previous_counts is not None and not counts.equals(previous_counts):
            moved = int((counts - previous_counts).abs().to_numpy().sum()) // 2  # placements that moved
            assert len(changed) >= MIN_GROUP and moved > 0
        steps.append(len(versions))
        previous_versions, previous_counts = versions, counts
    # the shown count jumps in threes; the 13th and 14th sort wait and go in with the first
    # change of mind; the next two changes wait for a third
    assert steps == [0, 0, 3, 3, 3, 6, 6, 6, 9, 9, 9, 12, 12, 12, 14, 14, 14, 14]


def test_the_api_summary_is_refused_below_the_threshold(store) -> None:
    from review.errors import ReviewError

    sset, grid = load_statement_set(), load_grid()
    session = create_session(store, "Small", sset, grid)
    people = demo_people(sset, grid, 3)
    tokens = [join(store, session) for _ in people]
    for (observed, _, _), token in zip(people[:2], tokens, strict=False):
        submit_sort(store, session, token, "observed", columns_of(observed))
    with pytest.raises(ReviewError, match="Results appear from 3 sorts"):
        shown_summary(store, session, "observed")
    submit_sort(store, session, tokens[2], "observed", columns_of(people[2][0]))
    assert shown_summary(store, session, "observed").n_sorts == 3


def test_scripted_joins_do_not_move_the_projector_count(store) -> None:
    sset, grid = load_statement_set(), load_grid()
    session = create_session(store, "Burst", sset, grid)
    for _ in range(200):
        join(store, session)
    token = join(store, session)
    assert room_state(store, session.code).started == 0
    save_draft(store, session, token, "observed", {"stage": "rough", "rough": {}, "placed": {}})
    assert room_state(store, session.code).started == 0  # an empty board is not a start
    save_draft(store, session, token, "observed", {"stage": "rough", "rough": {"1": 1}, "placed": {}})
    now = room_state(store, session.code)
    assert now.started == 1 and now.progress.joined == 201


class RoomWalk(RuleBasedStateMachine):
    """People and a facilitator doing anything in any order; the room's rules hold throughout:
    nothing raises, every participant has a next step, every view builds, and the published
    copy only ever moves in steps of 0 or at least the threshold."""

    @initialize(both=st.booleans(), roles=st.booleans())
    def start(self, both: bool, roles: bool) -> None:
        self.store = Store.open(":memory:")
        sset, grid = load_statement_set(), load_grid()
        conditions = ("observed", "desired") if both else ("observed",)
        self.session = create_session(
            self.store, "Walk", sset, grid, conditions, ("pro", "boss") if roles else (), ask_comments=True
        )
        self.people = demo_people(sset, grid, 6, seed=3)
        self.tokens: list[str] = []
        self.shown = {c: {} for c in conditions}

    def teardown(self) -> None:
        self.store.close()

    def _open(self) -> bool:
        return self.store.status(self.session.id) == "open"

    @precondition(lambda self: self._open())
    @rule()
    def someone_joins(self) -> None:
        self.tokens.append(join(self.store, self.session))

    @precondition(lambda self: self.tokens and self._open())
    @rule(who=st.integers(0, 50), which=st.integers(0, 5), role=st.sampled_from([None, "pro", "boss"]))
    def someone_submits(self, who: int, which: int, role: str | None) -> None:
        session = self.store.session(self.session.id)
        token = self.tokens[who % len(self.tokens)]
        view = participant_view(self.store, session, token)
        condition = view.current or session.conditions[0]
        sort = self.people[which][0 if condition == "observed" else 1]
        submit_sort(self.store, session, token, condition, columns_of(sort), role=role if session.roles else None)

    @precondition(lambda self: self.tokens and self._open())
    @rule(who=st.integers(0, 50))
    def someone_places_a_card(self, who: int) -> None:
        token = self.tokens[who % len(self.tokens)]
        condition = participant_view(self.store, self.session, token).current
        if condition:
            save_draft(self.store, self.session, token, condition, {"stage": "rough", "rough": {"3": -1}})

    @rule(status=st.sampled_from(["open", "paused", "closed"]))
    def facilitator_sets_status(self, status: str) -> None:
        """A change the page offers happens (review.room.sessions.TRANSITIONS); any other is refused."""
        before = self.store.status(self.session.id)
        if status == before or status in next_statuses(before):
            set_status(self.store, self.session, status)
        else:
            with pytest.raises(StatusChangeRefused):
                set_status(self.store, self.session, status)
            assert self.store.status(self.session.id) == before

    @rule()
    def facilitator_shows_the_next_view(self) -> None:
        session = self.store.session(self.session.id)
        reveal(self.store, session, next_view(session))

    @rule()
    def facilitator_replaces_the_code(self) -> None:
        replace_code(self.store, self.session)

    @invariant()
    def the_room_holds(self) -> None:
        if not hasattr(self, "store"):
            return
        session = self.store.session(self.session.id)
        now = room_state(self.store, session.code)
        assert now.progress.submitted <= now.started <= now.progress.joined
        for token in self.tokens:
            view = participant_view(self.store, session, token)
            assert view.current is None or view.current in session.conditions
        for condition in session.conditions:
            versions = published(self.store, session.id, condition)
            before = self.shown[condition]
            changed = {p for p in versions.keys() | before.keys() if versions.get(p) != before.get(p)}
            assert len(changed) == 0 or len(changed) >= MIN_GROUP
            self.shown[condition] = versions
        for name in available_views(session):
            if name not in ("pins", "comments"):
                build_view(self.store, session, name, "en")


TestRoomWalk = RoomWalk.TestCase
TestRoomWalk.settings = settings(max_examples=12, stateful_step_count=20, deadline=None)


@given(st.lists(st.tuples(st.sampled_from("abcdefgh"), st.sampled_from(["o", "d"]), st.sampled_from([None, "x"]))))
def test_a_published_batch_gives_every_group_none_or_enough(rows) -> None:
    changes = list({(p, c): change(p, c, r) for p, c, r in rows}.values())
    for by_role in (False, True):
        batch = publishable(changes, by_role=by_role)
        groups: dict[object, int] = {}
        for c in batch:
            key = (c.condition, c.role) if by_role else c.condition
            groups[key] = groups.get(key, 0) + 1
        assert all(n >= MIN_GROUP for n in groups.values())
        # and nothing that could go was held back: every held group is short on its own
        held = [c for c in changes if c not in batch]
        for c in held:
            key = (c.condition, c.role) if by_role else c.condition
            assert sum(1 for x in changes if ((x.condition, x.role) if by_role else x.condition) == key) < MIN_GROUP


def test_subgroups_are_withheld_when_the_whole_group_minus_them_is_small(store) -> None:
    """Three roles: 5 professionals and 3 managers are published per role, 2 trainees wait for
    company. The whole-group views show all 10, so showing the two roles would give away the
    trainees' aggregate (10 - 5 - 3): the subgroups are withheld until the trainees are enough."""
    from review.room.summaries import condition_split

    sset, grid = load_statement_set(), load_grid()
    session = create_session(store, "Roles", sset, grid, roles=("pro", "boss", "trainee"))
    people = demo_people(sset, grid, 13, seed=2)
    roles = ["pro"] * 5 + ["boss"] * 3 + ["trainee"] * 2
    tokens = [join(store, session) for _ in people]  # everyone in the room before the first sort
    for (observed, _, _), role, token in zip(people, roles, tokens, strict=False):
        submit_sort(store, session, token, "observed", columns_of(observed), role=role)
    refresh(store, session)
    split = condition_split(store, session, "observed")
    assert store.sort_count(session.id, "observed", scope="all") == 10
    assert split.withheld and not split.shown
    for (observed, _, _), token in zip(people[10:13], tokens[10:13], strict=True):
        submit_sort(store, session, token, "observed", columns_of(observed), role="trainee")
    refresh(store, session)
    split = condition_split(store, session, "observed")
    assert not split.withheld and sorted(split.shown) == ["boss", "pro", "trainee"]
