"""The room's state and its rules, in one place that a test can drive without a browser.

Pages ask this module what to show and tell it what people did; it asks the store. The rules:

- **Which sort comes next** for a participant: the conditions in order, the first one not yet
  submitted, unless they chose to change one (:func:`participant_view`).
- **The desired sort starts from the observed one** the participant submitted, and the board is
  told so, so it can say how many cards moved (:attr:`ParticipantView.starts_from`).
- **The reveal cycle**: the views this session has, in order; "next" wraps round
  (:func:`next_view`, :func:`reveal`). The viewpoints step exists once the facilitator chose a
  factor analysis for the room (:func:`review.analysis.viewpoints.choose`).
- **What screens show** is the published copy of the sorts (:mod:`review.room.anonymity`), refreshed
  here, before any screen reads it (:func:`refresh`).
- **Honest counts**: the projector counts people who placed at least one card, so a burst of
  scripted joins cannot move it (:class:`RoomState`).
"""

from __future__ import annotations

from dataclasses import dataclass

from review.errors import ReviewError
from review.room.anonymity import may_show, publishable, threshold, waiting
from review.room.sessions import find_session, has_choice, participant_id
from review.store import SCOPES, ParticipantState, Phones, Progress, Session, ShownComment, Store

VIEWS = ("heatmap", "extremes", "agreement", "gap", "subgroups", "themes", "viewpoints", "comments", "pins")
ENDS = ("least", "most")


def available_views(session: Session) -> tuple[str, ...]:
    """The reveal steps this session has, in order."""
    skip = set()
    if "desired" not in session.conditions:
        skip.add("gap")
    if not session.roles:
        skip.add("subgroups")
    if not session.ask_comments:
        skip.add("comments")
    if not has_choice(session):  # the facilitator has not chosen a factor analysis for the room
        skip.add("viewpoints")
    return tuple(v for v in VIEWS if v not in skip)


def next_view(session: Session) -> str:
    """The view after the one shown (the first when nothing or an unknown view is shown)."""
    views = available_views(session)
    return views[(views.index(session.reveal) + 1) % len(views)] if session.reveal in views else views[0]


def reveal(store: Store, session: Session, view: str) -> None:
    """Show ``view`` on the projector; ``""`` hides the results again."""
    if view and view not in available_views(session):
        raise ReviewError("room.unknown_view", view=str(view)[:20])
    store.set_reveal(session.id, view)


def new_round(store: Store, session: Session) -> int:
    """An empty round with the same questions; results hidden, earlier rounds kept."""
    return store.new_round(session.id)


# -- what the screens show -------------------------------------------------


@dataclass(frozen=True)
class Freshness:
    """One condition's published copy: how many sorts it shows, how many wait for company."""

    shown: int
    waiting: int


def refresh(
    store: Store, session: Session, configured: int | str | None = None, round_no: int | None = None
) -> dict[str, Freshness]:
    """Take every change that may be published into each scope's copy; say, per condition, what
    the group views show and what waits (fewer than the threshold of new sorts)."""
    left: list = []
    for scope in SCOPES:
        if scope == "roles" and not session.roles:
            continue
        pending = store.pending_changes(session.id, scope, round_no)
        batch = publishable(pending, configured, by_role=scope == "roles")
        store.publish(session.id, scope, batch, round_no)
        if scope == "all":
            left = [c for c in pending if c not in batch]  # what the group views still wait for
    shown = store.shown_counts(session.id, round_no)
    return {c: Freshness(shown=shown.get(c, 0), waiting=waiting(left, c)) for c in session.conditions}


@dataclass(frozen=True)
class RoomState:
    """What the facilitator's and the projector's screens need each second."""

    session: Session
    progress: Progress
    freshness: dict[str, Freshness]
    threshold: int
    phones: Phones  # devices in the room, and devices waiting to be let in

    @property
    def started(self) -> int:
        """People who placed at least one card (or submitted): the projector's denominator."""
        return max(self.progress.started, self.progress.submitted)

    @property
    def sorting_now(self) -> int:
        """People who placed a card and have not submitted anything yet in this round."""
        return max(0, self.started - self.progress.submitted)


def room_state(store: Store, code: str, configured: int | str | None = None) -> RoomState:
    """The session behind ``code`` with its counts, after refreshing the published copy."""
    session = find_session(store, code)
    freshness = refresh(store, session, configured)
    return RoomState(session, store.progress(session.id), freshness, threshold(configured), store.phones(session.id))


def sessions(store: Store) -> list[Session]:
    """The facilitator's working list, newest first: archived sessions are left out (they stay
    readable, and ``review.room.lifecycle.archived_sessions`` lists them)."""
    return store.sessions_by_archive(False)


def participants(store: Store, session: Session) -> list[ParticipantState]:
    return store.participant_states(session.id)


def shown_conditions(
    store: Store, session: Session, configured: int | str | None, round_no: int | None = None
) -> list[str]:
    """The conditions whose published copy rests on at least the threshold of sorts (what
    :func:`review.room.summaries.by_condition` shows), from the counts alone: the only ones whose
    comments a screen, the report or an export may carry."""
    counts = store.shown_counts(session.id, round_no)  # one query for every condition
    return [c for c in session.conditions if may_show(counts.get(c, 0), configured)]


def comments(store: Store, session: Session, configured: int | str | None) -> dict[int, list[ShownComment]]:
    """Published post-sort comments per statement (statement-set order), never with who wrote them,
    of the conditions that may be shown. Refresh first: comments travel with their sort into the
    published copy."""
    shown = shown_conditions(store, session, configured)
    by_statement: dict[int, list[ShownComment]] = {}
    for c in store.shown_comments(session.id):
        if c.condition in shown:
            by_statement.setdefault(c.statement_id, []).append(c)
    return {sid: by_statement[sid] for sid in session.statement_set.ids if sid in by_statement}


def end_of(session: Session, position: int) -> str:
    """Which end of the grid a comment's card sits at."""
    return "most" if position == max(session.grid.values) else "least"


def featured_comments(
    store: Store, session: Session, configured: int | str | None, round_no: int | None = None
) -> list[ShownComment]:
    """The comments the facilitator chose for the projector (in a round: the current one by
    default), in the order chosen, of the conditions that may be shown. A comment whose sort is no
    longer published (it changed and waits) drops out until it is."""
    conditions = shown_conditions(store, session, configured, round_no)
    published = store.shown_comments(session.id, round_no)
    shown = {c.key: c for c in published if c.condition in conditions}
    return [shown[k] for k in store.featured(session.id, round_no) if k in shown]


def featured_keys(store: Store, session: Session) -> set[str]:
    return set(store.featured(session.id))


def feature_comment(store: Store, session: Session, key: str, on: bool) -> None:
    """Show a published comment on the projector, or take it off. Only ever by the facilitator."""
    if on and key not in {c.key for c in store.shown_comments(session.id)}:
        raise ReviewError("room.unknown_comment")
    store.set_featured(session.id, key, on)


# -- the participant -------------------------------------------------------


@dataclass(frozen=True)
class ParticipantView:
    """Where one participant is: their sorts so far and the board to show next (if any)."""

    session: Session
    participant_id: str
    sorts: dict[str, dict[int, int] | None]
    current: str | None  # the condition to sort now; None: all done
    initial: dict[int, int] | None  # what the board starts from
    starts_from: str | None  # "observed" when the desired sort starts as a copy of it
    draft: dict | None
    role: str | None
    base: str | None = None  # when the sort being changed was submitted; its drafts carry it

    @property
    def done(self) -> bool:
        return self.current is None

    @property
    def baseline(self) -> dict[int, int] | None:
        """What the desired sort is compared with ("3 cards moved"): the observed sort."""
        return self.sorts.get("observed") if self.current == "desired" else None


def next_condition(session: Session, sorts: dict[str, dict[int, int] | None], editing: str | None) -> str | None:
    """The condition to sort now: the one being changed, else the first not submitted, else none."""
    if editing in session.conditions:
        return editing
    return next((c for c in session.conditions if not sorts.get(c)), None)


def participant_view(store: Store, session: Session, token: str, editing: str | None = None) -> ParticipantView:
    pid = participant_id(store, session, token)
    own = store.sorts_of(session.id, pid)
    sorts = {c: own.get(c) for c in session.conditions}
    current = next_condition(session, sorts, editing)
    initial, starts_from = (sorts[current], None) if current else (None, None)
    if current == "desired" and not sorts["desired"] and sorts.get("observed"):
        initial, starts_from = sorts["observed"], "observed"
    return ParticipantView(
        session=session,
        participant_id=pid,
        sorts=sorts,
        current=current,
        initial=initial,
        starts_from=starts_from,
        draft=store.draft_of(session.id, pid, current) if current else None,
        role=store.role_of(session.id, pid) if session.roles else None,  # no roles asked, none to show
        base=store.sort_stamp(session.id, pid, current) if current else None,
    )


def joined_view(store: Store, session: Session, token: str) -> ParticipantView:
    """:func:`participant_view` for someone who joined this moment (:func:`review.room.sessions.join`):
    nothing sorted, drafted or chosen yet, so nothing to read. Every phone's first page run
    takes this path, once per phone in the room."""
    sorts: dict[str, dict[int, int] | None] = dict.fromkeys(session.conditions)
    return ParticipantView(
        session=session,
        participant_id=participant_id(store, session, token),
        sorts=sorts,
        current=next_condition(session, sorts, None),
        initial=None,
        starts_from=None,
        draft=None,
        role=None,
    )


def own_comments(store: Store, view: ParticipantView) -> dict[str, dict[int, str]]:
    """A participant's own comments by condition, shown back to that participant only (a session
    that asks for none has none: :func:`review.room.sessions.submit_sort` ignores them)."""
    if not view.session.ask_comments:
        return {}
    return store.comments_of(view.session.id, view.participant_id)
