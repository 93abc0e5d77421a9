"""A Goed Werk Traject: one organisation's sessions placed by group and meeting, and its overview.

A trajectory is an intake (meeting 0) and numbered half-day meetings for one or more groups of one
organisation. The overview puts together what a facilitator and the trajectory report show: the
meetings with their sort counts, per group the movement from its first to its last meeting, and
group A against group B at the latest meeting both had (:mod:`review.trajectories.movement`), never
a figure or a count from fewer sorts than the anonymity threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from review.content.text import TITLE_LIMIT
from review.errors import ReviewError
from review.i18n import t
from review.room.anonymity import shown_count, threshold
from review.room.live import refresh
from review.room.sessions import CONDITIONS, COVER_LIMIT, without_control
from review.store import Session, Store
from review.store.trajectories import Meeting, Trajectory
from review.trajectories.movement import (
    NO_CONDITION,
    NOTHING_SHARED,
    TOO_FEW,
    Movement,
    MovementRow,
    SharedStatements,
    count_text,
    group_comparison,
    movement,
    shared_statements,
)

__all__ = [
    "DEFAULT_THEMES",
    "NOTHING_SHARED",
    "NO_CONDITION",
    "TOO_FEW",
    "GroupComparison",
    "GroupMovement",
    "InvalidTrajectory",
    "MeetingRow",
    "Movement",
    "MovementRow",
    "SharedStatements",
    "TrajectoryOverview",
    "count_text",
    "create_trajectory",
    "default_theme",
    "edit_trajectory",
    "free_sessions",
    "group_comparison",
    "meeting_label",
    "movement",
    "overview",
    "parse_groups",
    "place_session",
    "remove_session",
    "shared_statements",
    "shown_theme",
]

ORGANISATION_LIMIT = COVER_LIMIT  # one line on a report's cover, as a session's (a trajectory's title: TITLE_LIMIT)
FACILITATOR_LIMIT = 80  # a person's name (or two)
GROUP_LIMIT = 40  # "Groep A", "Leidinggevenden", "Team Noord"
MAX_GROUPS = 8  # groups of 8-12 people; more groups than this is a different engagement
GROUPS_TEXT_LIMIT = 400  # the groups as typed: MAX_GROUPS of GROUP_LIMIT characters with their separators fit
THEME_LIMIT = 120  # one line in the timeline and on the report
INTAKE = 0  # meeting number of the intake
MAX_MEETING = 12  # the Traject has four meetings; room for a longer engagement, not for a typo of 40

# The Goed Werk Traject's meetings as offered; a meeting's theme is free text the facilitator may change.
DEFAULT_THEMES: dict[int, dict[str, str]] = {
    0: {"nl": "Intake", "en": "Intake"},
    1: {"nl": "Goed Werk en vakmanschap", "en": "Good work and craftsmanship"},
    2: {"nl": "Verantwoordelijkheid", "en": "Responsibility"},
    3: {"nl": "Persoonlijke betrokkenheid", "en": "Personal engagement"},
    4: {"nl": "Opbrengst, evaluatie en vervolg", "en": "Yield, evaluation and follow-up"},
}


class InvalidTrajectory(ReviewError):
    """A trajectory or a session's place in it that breaks a rule; ``key`` names the rule."""

    key = "traj.invalid"


def default_theme(meeting: int, lang: str) -> str:
    """The offered theme of a meeting number; later meetings have none."""
    return DEFAULT_THEMES.get(meeting, {}).get(lang, "")


def shown_theme(theme: str, lang: str) -> str:
    """A meeting's theme as a ``lang`` page or report shows it: an offered theme left as it was (in
    either language, spacing and case aside) in ``lang``, so an English report of a trajectory set
    up in Dutch says "Responsibility"; a theme the facilitator typed stays exactly as typed."""
    key = " ".join(theme.split()).casefold()
    for texts in DEFAULT_THEMES.values():
        if key and key in {" ".join(text.split()).casefold() for text in texts.values()}:
            return texts.get(lang, theme)
    return theme


def meeting_label(meeting: int, lang: str) -> str:
    """ "Intake" or "Meeting 3", for tables and figure legends."""
    return t("traj.intake", lang) if meeting == INTAKE else t("traj.meeting_n", lang, n=meeting)


# -- the trajectory itself ------------------------------------------------------------------


def parse_groups(text: str) -> tuple[str, ...]:
    """Groups as a facilitator types them: one per line or separated by commas."""
    groups = tuple(g for g in (without_control(part) for part in re.split(r"[,\n]", text or "")) if g)
    if not groups:
        raise InvalidTrajectory("traj.no_groups")
    if len(groups) > MAX_GROUPS:
        raise InvalidTrajectory("traj.too_many_groups", max=MAX_GROUPS, n=len(groups))
    long = next((g for g in groups if len(g) > GROUP_LIMIT), None)
    if long is not None:
        raise InvalidTrajectory("traj.long_group", group=long, limit=GROUP_LIMIT)
    seen: set[str] = set()
    for g in groups:  # "Groep A" and "groep a" would be one group to a reader of the report
        if g.casefold() in seen:
            raise InvalidTrajectory("traj.repeated_group", group=g)
        seen.add(g.casefold())
    return groups


def _checked(organisation: str, title: str, facilitator: str, groups_text: str) -> tuple[str, str, str, tuple]:
    organisation, title, facilitator = (without_control(v) for v in (organisation, title, facilitator))
    if not organisation or len(organisation) > ORGANISATION_LIMIT:
        raise InvalidTrajectory("traj.bad_organisation", limit=ORGANISATION_LIMIT)
    if not title or len(title) > TITLE_LIMIT:
        raise InvalidTrajectory("traj.bad_title", limit=TITLE_LIMIT)
    if len(facilitator) > FACILITATOR_LIMIT:
        raise InvalidTrajectory("traj.bad_facilitator", limit=FACILITATOR_LIMIT)
    return organisation, title, facilitator, parse_groups(groups_text)


def create_trajectory(store: Store, organisation: str, title: str, facilitator: str, groups_text: str) -> Trajectory:
    """A new trajectory, checked: organisation and title given, names within their limits, 1-8 groups."""
    return store.insert_trajectory(*_checked(organisation, title, facilitator, groups_text))


def edit_trajectory(
    store: Store, trajectory_id: str, organisation: str, title: str, facilitator: str, groups_text: str
) -> Trajectory:
    """Change a trajectory's details. A group that still has sessions cannot be dropped (its meetings
    would lose their group); the placed sessions' report covers follow the new names."""
    checked = _checked(organisation, title, facilitator, groups_text)
    store.trajectory(trajectory_id)  # UnknownTrajectory before anything changes
    in_use = sorted({m.group for m in store.meetings(trajectory_id)} - set(checked[3]))
    if in_use:
        raise InvalidTrajectory("traj.group_in_use", group=in_use[0])
    store.update_trajectory(trajectory_id, *checked)
    for m in store.meetings(trajectory_id):
        store.set_cover(m.session_id, checked[0], checked[2])
    return store.trajectory(trajectory_id)


RECOMMENDATIONS_LIMIT = 3000  # about half an A4 page


def set_recommendations(store: Store, trajectory: Trajectory, text: str) -> None:
    """The facilitator's recommendations for the organisation, for the report's first section."""
    cleaned = without_control(text)
    if len(cleaned) > RECOMMENDATIONS_LIMIT:
        raise InvalidTrajectory("traj.recommendations_too_long", limit=RECOMMENDATIONS_LIMIT)
    store.trajectory(trajectory.id)  # UnknownTrajectory before anything changes
    store.set_recommendations(trajectory.id, cleaned)


def place_session(store: Store, trajectory: Trajectory, session: Session, group: str, meeting: int, theme: str) -> None:
    """Put a session in the trajectory as one group's meeting (0: the intake), with its theme; the
    session's report cover takes the trajectory's organisation and facilitator. One session per
    group and meeting; a session belongs to one trajectory at most."""
    if group not in trajectory.groups:
        raise InvalidTrajectory("traj.unknown_group", group=group)
    if isinstance(meeting, bool) or not isinstance(meeting, int) or not INTAKE <= meeting <= MAX_MEETING:
        raise InvalidTrajectory("traj.bad_meeting", max=MAX_MEETING)
    theme = (theme or "").strip()
    if len(theme) > THEME_LIMIT:
        raise InvalidTrajectory("traj.long_theme", limit=THEME_LIMIT)
    current = store.meeting_of(session.id)
    if current is not None and current.trajectory_id != trajectory.id:
        raise InvalidTrajectory("traj.session_elsewhere", title=session.title)
    for m in store.meetings(trajectory.id):
        if m.group == group and m.meeting == meeting and m.session_id != session.id:
            taken = store.session(m.session_id)
            raise InvalidTrajectory("traj.meeting_taken", group=group, meeting=meeting, title=taken.title)
    store.place_session(session.id, trajectory.id, group, meeting, theme)
    store.set_cover(session.id, trajectory.organisation, trajectory.facilitator)


def remove_session(store: Store, trajectory: Trajectory, session: Session) -> None:
    """Take a session out of the trajectory; the session and its sorts stay."""
    current = store.meeting_of(session.id)
    if current is None or current.trajectory_id != trajectory.id:
        raise InvalidTrajectory("traj.not_placed", title=session.title)
    store.remove_from_trajectory(session.id)


def find_trajectory(store: Store, trajectory_id: str) -> Trajectory:
    """The trajectory with this id; :class:`ReviewError` when there is none (any more)."""
    return store.trajectory(trajectory_id)


def trajectory_of(store: Store, session: Session) -> Trajectory | None:
    """The trajectory the session is a meeting of, if any (a session belongs to at most one)."""
    meeting = store.meeting_of(session.id)
    return None if meeting is None else store.trajectory(meeting.trajectory_id)


def free_sessions(store: Store) -> list[Session]:
    """Sessions in no trajectory yet: the ones a facilitator can add (newest first)."""
    placed = store.placed_sessions()
    return [s for s in store.sessions() if s.id not in placed]


# -- the overview ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingRow:
    """One placed session with what may be said of its sorts."""

    meeting: Meeting  # group, meeting number (0: intake), theme
    session: Session
    submitted: dict[str, int | None]  # per asked condition: sorts in the published copy; None: fewer than min_group


@dataclass(frozen=True)
class GroupMovement:
    """One group from its first to its last meeting."""

    group: str
    first: Meeting
    last: Meeting
    movements: dict[str, Movement]  # "observed" and "desired" (withheld when a session did not ask it)


@dataclass(frozen=True)
class GroupComparison:
    """Two groups at the same meeting."""

    meeting: int
    group_a: str
    group_b: str
    movements: dict[str, Movement]  # "observed" and "desired"; change is group B - group A


@dataclass(frozen=True)
class TrajectoryOverview:
    trajectory: Trajectory
    min_group: int  # the anonymity threshold everything here respects
    meetings: list[MeetingRow]  # by group (in the trajectory's order), then meeting number
    movements: list[GroupMovement]  # per group with at least two meetings
    comparison: GroupComparison | None  # the latest meeting two groups both had; None: no such meeting


def overview(store: Store, trajectory_id: str, min_group: int, comparisons: bool = True) -> TrajectoryOverview:
    """Everything a trajectory's report shows, within the anonymity threshold. ``comparisons``
    False leaves ``movements`` and ``comparison`` empty: the page computes only the comparison the
    facilitator picks, so it need not compute every group's at each rerun."""
    min_group = threshold(min_group)
    trajectory = store.trajectory(trajectory_id)
    rank = {g: k for k, g in enumerate(trajectory.groups)}
    placed = sorted(store.meetings(trajectory_id), key=lambda m: (rank.get(m.group, len(rank)), m.meeting))
    rows = []
    for m in placed:
        session = store.session(m.session_id)
        shown = {c: shown_count(f.shown, min_group) for c, f in refresh(store, session, min_group).items()}
        rows.append(MeetingRow(m, session, shown))
    if not comparisons:
        return TrajectoryOverview(trajectory, min_group, rows, [], None)
    by_group: dict[str, list[MeetingRow]] = {}
    for row in rows:
        by_group.setdefault(row.meeting.group, []).append(row)
    movements = [
        GroupMovement(
            group,
            first.meeting,
            last.meeting,
            {c: movement(store, first.session, last.session, c, min_group) for c in CONDITIONS},
        )
        for group, (first, *_, last) in ((g, r) for g, r in by_group.items() if len(r) >= 2)
    ]
    return TrajectoryOverview(trajectory, min_group, rows, movements, _latest_comparison(store, by_group, min_group))


def _latest_comparison(store: Store, by_group: dict[str, list[MeetingRow]], min_group: int) -> GroupComparison | None:
    """The first two groups (in the trajectory's order) at the highest meeting number both had."""
    at: dict[int, list[MeetingRow]] = {}
    for group_rows in by_group.values():
        for row in group_rows:
            at.setdefault(row.meeting.meeting, []).append(row)
    shared = [n for n, r in at.items() if len(r) >= 2]
    if not shared:
        return None
    a, b = at[max(shared)][:2]
    return GroupComparison(
        a.meeting.meeting,
        a.meeting.group,
        b.meeting.group,
        {c: group_comparison(store, a.session, b.session, c, min_group) for c in CONDITIONS},
    )
