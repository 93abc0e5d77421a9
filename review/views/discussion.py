"""The discussion's starting points: what the data proposes to talk about, each with a reflective question.

Everything here reads the published copy (as the projector does) and says nothing below the
anonymity threshold: the figures are group aggregates, the comments are the published ones without
who wrote them, and the viewpoints are the room's (only those enough sorts define). Also the rules
for the facilitator's notes on the points (:func:`check_note`), which the notes endpoint applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from review.analysis.viewpoints import RoomViewpoint, RoomViewpoints, room_viewpoints
from review.errors import ReviewError
from review.library.questions import Question, QuestionSet
from review.room.aggregates import Summary, disagreement_and_consensus, gaps
from review.room.anonymity import may_show, threshold
from review.room.live import comments, refresh
from review.room.sessions import CONDITIONS, has_choice
from review.room.summaries import condition_summary
from review.store import Session, ShownComment, Store
from review.store.trajectories import NOTE_KINDS, SESSION_POINT

POINT_KINDS = ("disputed", "gap", "split", "consensus")  # in the order the page shows them
CONSENSUS_POINTS = 2  # one or two things the group agrees on: a discussion also needs solid ground
CONSENSUS_POOL = 5  # ... chosen among this many tightest-spread statements, the most outspoken first
SESSION_QUESTIONS = 2  # prompts above the session's own notes: enough to start, few enough to read
POINT_KEY_MAX = 40  # characters; "consensus:" plus any statement id fits with room to spare
NOTE_MAX = 5000  # characters per note: a long page of minutes; more belongs in the report
_POINT_KEY = re.compile(rf"^({'|'.join(POINT_KINDS)}):\d{{1,9}}$")

Note = tuple[str, dict[str, object]]  # a message key and its parameters, said in the screen's language


@dataclass(frozen=True)
class Figure:
    """One key figure of a point. ``name``: mean, sd, observed, desired, gap, higher or lower (a
    viewpoint that places the statement higher or lower than every other one; ``value`` is the
    z-score distance to the nearest other, ``viewpoint`` its number)."""

    name: str
    value: float
    viewpoint: int | None = None
    called: str = ""  # the name the facilitator gave the viewpoint; "": none


@dataclass(frozen=True)
class StartingPoint:
    key: str  # "disputed:12": stable across reruns and sessions, the key of its notes
    kind: str
    statement_id: int
    texts: dict[str, str]  # the statement, per language
    figures: tuple[Figure, ...]
    comments: tuple[ShownComment, ...]  # published, anonymous
    question: Question

    def text(self, lang: str) -> str:
        return self.texts.get(lang) or next(iter(self.texts.values()))


@dataclass(frozen=True)
class Discussion:
    """The starting points, and why some kinds are missing (calm notes, in the screen's language)."""

    points: list[StartingPoint]
    notes: list[Note] = field(default_factory=list)
    n_sorts: int = 0
    viewpoints: list[RoomViewpoint] = field(default_factory=list)  # the room's, each with its name and paragraph


def plan(store: Store, session: Session, min_group: int | str | None, questions: QuestionSet, k: int = 3) -> Discussion:
    """Starting points of every kind, from the published copy (refreshed first).

    - disputed: the ``k`` statements with the widest spread in the observed condition (disagreement rank);
    - gap: the ``k`` largest observed-desired shifts, when both conditions are asked and both shown;
    - split: statements that set one of the room's viewpoints apart (an analysis must be chosen);
      significant ones first, then the largest z-score distance; at most ``k``;
    - consensus: of the :data:`CONSENSUS_POOL` tightest-spread statements, the
      :data:`CONSENSUS_POINTS` furthest from the middle (strong agreement, not shared indifference).

    Below the threshold there are no points at all, only the ``results.too_few`` note."""
    k_min = threshold(min_group)
    refresh(store, session, k_min)
    observed = condition_summary(store, session, "observed")
    if not may_show(observed.n_sorts, k_min):
        return Discussion([], [("results.too_few", {"n": observed.n_sorts, "min": k_min})], observed.n_sorts)
    said = comments(store, session, k_min)
    texts = {s.id: dict(s.text) for s in session.statement_set.statements}
    notes: list[Note] = []

    def point(kind: str, sid: int, index: int, figures: tuple[Figure, ...]) -> StartingPoint:
        return StartingPoint(
            f"{kind}:{sid}",
            kind,
            sid,
            texts[sid],
            figures,
            tuple(said.get(sid, ())),
            questions.pick(kind, index, session.id),
        )

    disputed_ids, _ = disagreement_and_consensus(observed, k)
    points = [point("disputed", sid, i, _spread(observed, sid)) for i, sid in enumerate(disputed_ids)]
    points += _gap_points(store, session, observed, k_min, k, point, notes)
    room = room_viewpoints(store, session, k_min) if has_choice(session) else None
    points += _split_points(room, k_min, k, point, notes)
    _, calm = disagreement_and_consensus(observed, CONSENSUS_POOL)
    strong = sorted(calm, key=lambda sid: -abs(float(observed.stats.loc[sid, "mean"])))[:CONSENSUS_POINTS]
    points += [point("consensus", sid, i, _spread(observed, sid)) for i, sid in enumerate(strong)]
    return Discussion(points, notes, observed.n_sorts, room.shown if room else [])


def starting_points(
    store: Store, session: Session, min_group: int | str | None, questions: QuestionSet, k: int = 3
) -> list[StartingPoint]:
    """The points of :func:`plan` alone: an empty list below the anonymity threshold."""
    return plan(store, session, min_group, questions, k).points


def _spread(summary: Summary, sid: int) -> tuple[Figure, ...]:
    row = summary.stats.loc[sid]
    return (Figure("mean", float(row["mean"])), Figure("sd", float(row["sd"])))


def _gap_points(store, session, observed, k_min, k, point, notes) -> list[StartingPoint]:
    if "desired" not in session.conditions:
        return []
    desired = condition_summary(store, session, "desired")
    if not may_show(desired.n_sorts, k_min):
        notes.append(("disc.no_gap", {"n": desired.n_sorts, "min": k_min}))
        return []
    table = gaps(observed, desired).head(k)
    return [
        point("gap", int(sid), i, tuple(Figure(name, float(row[name])) for name in (*CONDITIONS, "gap")))
        for i, (sid, row) in enumerate(table.iterrows())
    ]


def _split_points(room: RoomViewpoints | None, k_min, k, point, notes) -> list[StartingPoint]:
    if room is None:
        notes.append(("disc.no_split", {}))
        return []
    if room.problem:
        notes.append(room.problem)
        return []
    if not room.shown:  # every viewpoint is shared by too few: say that, not that they do not differ
        notes.append(("disc.no_viewpoint_shown", {"min": threshold(k_min)}))
        return []
    found: dict[int, list[tuple[bool, Figure]]] = {}  # statement -> (significant, figure) per viewpoint
    for view in room.shown:
        for d in view.apart:
            figure = Figure("higher" if d.higher else "lower", d.gap, view.number, view.name)
            found.setdefault(d.statement_id, []).append((d.significant, figure))
    if not found:
        notes.append(("disc.no_split_found", {}))
    ranked = sorted(found, key=lambda sid: (not any(s for s, _ in found[sid]), -max(f.value for _, f in found[sid])))
    return [
        point("split", sid, i, tuple(sorted((f for _, f in found[sid]), key=lambda f: f.viewpoint)))
        for i, sid in enumerate(ranked[:k])
    ]


def session_questions(questions: QuestionSet, session: Session, n: int = SESSION_QUESTIONS) -> list[Question]:
    """Prompts for the session's own notes and next steps, rotated like the points' questions."""
    pool = questions.of_kind("session")
    return [questions.pick("session", i, session.id) for i in range(min(n, len(pool)))]


def check_note(point: object, kind: object, body: object) -> tuple[str, str, str]:
    """A note as the notes endpoint receives it, or the rule it breaks: the point is the session
    (``""``) or a starting point's key; the kind is a note or a next step; the body is text of at
    most :data:`NOTE_MAX` characters (``notes.too_long``, which the endpoint answers with 413)."""
    known = isinstance(point, str) and (point == SESSION_POINT or _POINT_KEY.match(point))
    if not known or len(point) > POINT_KEY_MAX:
        raise ReviewError("notes.bad_point", max=POINT_KEY_MAX)
    if kind not in NOTE_KINDS:
        raise ReviewError("notes.bad_kind", kinds=", ".join(NOTE_KINDS))
    if not isinstance(body, str):
        raise ReviewError("notes.bad_body")
    if len(body) > NOTE_MAX:
        raise ReviewError("notes.too_long", n=len(body), max=NOTE_MAX)
    return point, kind, body


def save_note(store: Store, session: Session, point: object, kind: object, body: object) -> None:
    """Check and store one note as typed (an empty body removes it)."""
    point, kind, body = check_note(point, kind, body)
    store.save_note(session.id, point, kind, body)


def notes_of(store: Store, session: Session) -> dict[tuple[str, str], str]:
    """The session's notes by (point key, kind)."""
    return {(n.point, n.kind): n.body for n in store.notes(session.id)}
