"""What a session report says, as plain data read from the store through the domain.

Everything here comes from the *published copy* of the sorts (:mod:`review.views.results`), and every
aggregate rests on at least the anonymity threshold of sorts: below it a condition is marked
``shown=False`` and carries no statement rows at all, a subgroup below it is only a count
"fewer than N", and the viewpoints are the room's (:func:`review.analysis.viewpoints.room_viewpoints`),
which leave out any viewpoint fewer than N sorts define. No individual's sort and no pseudonym
ever reaches this module's output. Words (headings, notices) are added by
:mod:`review.report.document`; here only the statement texts are picked in the report language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from review.analysis.crib import LISTS
from review.analysis.number import session_evidence
from review.analysis.viewpoints import RoomViewpoint, log_lines, room_viewpoints
from review.content.grid import column_label
from review.i18n import t
from review.library.questions import load_questions
from review.room.aggregates import (
    NO_ROLE,
    Summary,
    disagreement_and_consensus,
    gaps,
    largest_gaps,
    most_and_least,
    role_differences,
    theme_means,
)
from review.room.anonymity import may_show, shown_count, threshold
from review.room.live import end_of, featured_comments, refresh
from review.room.sessions import has_choice
from review.room.summaries import condition_split, condition_summary
from review.store import AnalysisChoice, Session, Store
from review.trajectories import agreements as agr
from review.views.discussion import plan

TOP = 5  # statements per end or per table: what a group talks through in one sitting
GAP_ROWS = 10  # gap rows: the projector's gap view shows as many
SUBGROUP_ROWS = 8  # the subgroup view's rows
Message = tuple[str, dict[str, object]]  # an i18n key and its parameters


@dataclass(frozen=True)
class Row:
    """One statement with its numbers (which numbers depends on the table: mean and spread, ...)."""

    statement_id: int
    text: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ConditionPart:
    """One condition's aggregates; ``shown`` False: fewer sorts than the threshold, so no rows."""

    condition: str
    n_sorts: int
    shown: bool
    most: list[Row] = field(default_factory=list)  # values: (mean, sd)
    least: list[Row] = field(default_factory=list)
    disagree: list[Row] = field(default_factory=list)
    agree: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class SubgroupPart:
    """Sorts per role (None: below the threshold, said as "fewer than N"), and the shown roles' means."""

    counts: list[tuple[str, int | None]]
    roles: list[str]  # the shown roles, in the order of ``rows``' values
    rows: list[Row]  # values: mean per shown role
    notices: list[Message]


@dataclass(frozen=True)
class ViewpointPart:
    """One of the room's viewpoints in the report's language: its title (with the facilitator's name),
    its paragraph, and its crib sheet as rows of [statement, column here, columns in the others, mark]."""

    shared_by: int
    title: str
    text: str
    others: list[str]  # the other viewpoints' titles, the crib rows' middle columns
    crib: list[tuple[str, list[list[str]]]]  # (list name: highest, higher, lower, lowest; its rows)
    explained: float = 0.0  # percent of the variance among the sorts


@dataclass(frozen=True)
class CommentPart:
    statement: str
    condition: str
    end: str  # "most" or "least"
    text: str


@dataclass(frozen=True)
class NotePart:
    """A note or next step; ``about`` is the discussion point's statement text ("" for the session)."""

    about: str
    kind: str
    body: str


@dataclass(frozen=True)
class AgreementPart:
    """An agreement in the report's language: its text, who takes it up, when it is reviewed, its
    status (with the line of why), where it was made, and each status it was given since."""

    text: str
    owner: str
    review: str
    status: str
    made: str
    history: list[str]
    status_key: str = "open"  # open, done or dropped: what the words in ``status`` say


@dataclass(frozen=True)
class SessionContent:
    session: Session
    lang: str
    min_group: int
    group: str
    meeting: int | None
    theme: str
    conditions: list[ConditionPart]
    subgroups: SubgroupPart | None  # None: the session did not ask for roles
    gaps: list[Row]  # values: (observed, desired, shift); empty when either condition is below the threshold
    themes: list[Row]  # statement_id 0, text the theme's name, values per ``theme_columns``
    theme_columns: list[str]
    viewpoints: list[ViewpointPart]
    viewpoint_notes: list[Message]
    analysis: AnalysisChoice | None  # the room's, when one was chosen and a condition is shown
    comments: list[CommentPart]
    notes: list[NotePart]
    pinned: list[tuple[str, str, list[str]]] = field(default_factory=list)  # pinned: statement, question, notes
    keeps: dict[str, int] | None = None  # how many factors each rule for the number keeps (number_evidence)
    log: list[str] = field(default_factory=list)  # the analysis log of this round, a line per step
    agreements: list[AgreementPart] = field(default_factory=list)  # made at this meeting
    reviewed: list[AgreementPart] = field(default_factory=list)  # of earlier meetings, looked back on here

    @property
    def any_shown(self) -> bool:
        return any(c.shown for c in self.conditions)

    @property
    def reason(self) -> str:
        """Why the room's analysis has its number of viewpoints, in the facilitator's words."""
        return self.analysis.reason if self.analysis else ""

    @property
    def date(self) -> datetime:
        return self.session.created_at


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _rows(summary: Summary, ids: list[int], texts: dict[int, str], columns: tuple[str, ...]) -> list[Row]:
    stats = summary.stats
    return [Row(sid, texts[sid], tuple(_num(stats.at[sid, c]) for c in columns)) for sid in ids]


def _condition(summary: Summary, shown: bool, texts: dict[int, str]) -> ConditionPart:
    if not shown:
        return ConditionPart(summary.condition, summary.n_sorts, False)
    most, least = most_and_least(summary, TOP)
    split, agree = disagreement_and_consensus(summary, TOP)
    columns = ("mean", "sd")
    return ConditionPart(
        summary.condition,
        summary.n_sorts,
        True,
        _rows(summary, most, texts, columns),
        _rows(summary, least, texts, columns),
        _rows(summary, split, texts, columns),
        _rows(summary, agree, texts, columns),
    )


def session_content(
    store: Store, session: Session, min_group: int | str | None, lang: str, condensed: bool = False
) -> SessionContent:
    """Read one session's report data (current round) from the published copy, refreshed first.
    ``condensed`` (a meeting in a trajectory report, which prints only the conditions and the notes)
    leaves the gaps, subgroups, themes, viewpoints and comments empty rather than computing them."""
    k = threshold(min_group)
    refresh(store, session, k)
    texts = {s.id: s.in_language(lang) for s in session.statement_set.statements}
    summaries = {c: condition_summary(store, session, c) for c in session.conditions}
    shown = {c: may_show(s.n_sorts, k) for c, s in summaries.items()}
    conditions = [_condition(summaries[c], shown[c], texts) for c in session.conditions]
    gap_rows: list[Row] = []
    if condensed:
        return SessionContent(
            session=session, lang=lang, min_group=k, group="", meeting=None, theme="", conditions=conditions,
            subgroups=None, gaps=[], themes=[], theme_columns=[], viewpoints=[], viewpoint_notes=[],
            analysis=None, comments=[], notes=_notes(store, session, texts),
        )  # fmt: skip
    if shown.get("observed") and shown.get("desired"):
        table = largest_gaps(gaps(summaries["observed"], summaries["desired"]), GAP_ROWS)
        gap_rows = [Row(int(sid), texts[int(sid)], tuple(float(v) for v in r)) for sid, r in table.iterrows()]
    subgroups = _subgroups(store, session, k, texts) if session.roles else None
    theme_columns, themes = _themes(summaries, shown, subgroups, lang, session)
    meeting = store.meeting_of(session.id)
    views, view_notes, analysis, keeps = [], [], None, None
    if has_choice(session) and any(shown.values()):
        room = room_viewpoints(store, session, k)
        analysis = session.analysis
        keeps = session_evidence(store, session, analysis, published=True).counts()  # the panel's figures
        views = [_viewpoint(v, texts, lang) for v in room.shown]
        view_notes = ([room.problem] if room.problem else []) + list(room.notes)
    notes = _notes(store, session, texts)
    made, looked_back = agr.of_meeting(store, session)
    return SessionContent(
        session=session,
        lang=lang,
        min_group=k,
        group=meeting.group if meeting else "",
        meeting=meeting.meeting if meeting else None,
        theme=meeting.theme if meeting else "",  # free text, as the facilitator typed it
        conditions=conditions,
        subgroups=subgroups,
        gaps=gap_rows,
        themes=themes,
        theme_columns=theme_columns,
        viewpoints=views,
        viewpoint_notes=view_notes,
        analysis=analysis,
        keeps=keeps,
        log=log_lines(store, session, lang),
        comments=_comments(store, session, k, texts),
        notes=notes,
        pinned=_pinned(store, session, k, summaries, notes, texts, lang),
        agreements=[agreement_part(store, p, lang) for p in made],
        reviewed=[agreement_part(store, p, lang) for p in looked_back],
    )


def _viewpoint(view: RoomViewpoint, texts: dict[int, str], lang: str) -> ViewpointPart:
    crib = view.crib
    others = [t("crib.col.other", lang, n=f[1:]) for f in crib.others] if crib else []
    lists = [
        (name, [[texts[i.statement_id], column_label(i.position), *map(column_label, i.others), i.mark] for i in items])
        for name in LISTS
        if crib and (items := getattr(crib, name))
    ]
    return ViewpointPart(view.shared_by, view.title(lang), view.text(texts, lang), others, lists, view.explained)


def _subgroups(store: Store, session: Session, k: int, texts: dict[int, str]) -> SubgroupPart:
    """Counts per role for the first condition; means only for shown roles, and none at all when
    withheld (the complement rule of :func:`review.room.aggregates.subgroups`)."""
    split = condition_split(store, session, session.conditions[0], k)
    # every answer the question offered, so a role whose sorts never reached the published copy is
    # listed too (as "fewer than N"), not silently missing
    roles = sorted(set(session.roles) | set(split.sizes) - {NO_ROLE}) + ([NO_ROLE] if NO_ROLE in split.sizes else [])
    counts = [(role, shown_count(split.sizes.get(role, 0), k)) for role in roles]
    notices: list[Message] = []
    if split.withheld:
        notices.append(("results.withheld", {"min": k}))
    hidden = sorted(r for r in split.hidden if r)
    if hidden and not split.withheld:
        notices.append(("results.hidden_groups", {"roles": ", ".join(hidden), "min": k}))
    if len(split.shown) < 2:
        if not notices:
            notices.append(("results.no_roles", {}))
        return SubgroupPart(counts, [], [], notices)
    roles = list(split.shown)
    means = role_differences(split, SUBGROUP_ROWS)
    ids = [int(s) for s in means.index]
    rows = [Row(sid, texts[sid], tuple(_num(means.at[sid, r]) for r in roles)) for sid in ids]
    return SubgroupPart(counts, roles, rows, notices)


def _themes(
    summaries: dict[str, Summary], shown: dict[str, bool], subgroups: SubgroupPart | None, lang: str, session: Session
) -> tuple[list[str], list[Row]]:
    """Mean per theme for each shown condition (and the shown subgroups of the first one).
    Statements without a theme (imported studies): no table."""
    columns = {c: s for c, s in summaries.items() if shown[c]}
    if not columns or all(not s.theme for s in session.statement_set.statements):
        return [], []
    statement_set = session.statement_set
    table = theme_means(columns, statement_set.themes).dropna(how="all")
    rows = [Row(0, statement_set.theme_name(theme, lang), tuple(_num(v) for v in r)) for theme, r in table.iterrows()]
    return list(table.columns), rows


def _comments(store: Store, session: Session, k: int, texts: dict[int, str]) -> list[CommentPart]:
    return [
        CommentPart(texts.get(c.statement_id, str(c.statement_id)), c.condition, end_of(session, c.position), c.text)
        for c in featured_comments(store, session, k)
    ]


def point_statement(point: str, texts: dict[int, str]) -> str:
    """The statement a discussion point is about ("disputed:12" -> statement 12), or ""."""
    _, _, tail = point.partition(":")
    return texts.get(int(tail), "") if tail.isascii() and tail.isdigit() else ""


def agreement_part(store: Store, placed: agr.Placed, lang: str) -> AgreementPart:
    a = placed.agreement
    status = t(f"agr.status.{a.status}", lang) + (f": {a.why}" if a.why else "")
    return AgreementPart(
        a.text,
        agr.owner_text(a.owner, lang),
        agr.review_text(a.review, lang),
        status,
        agr.where_text(placed.meeting, placed.title, lang),
        agr.history(store, a, lang),
        a.status,
    )


def _pinned(
    store: Store,
    session: Session,
    k: int,
    summaries: dict[str, Summary],
    notes: list[NotePart],
    texts: dict[int, str],
    lang: str,
) -> list[tuple[str, str, list[str]]]:
    """The statements pinned for the talk, each with its question and the notes typed on a point
    about it. The question is the discussion page's where the pin is one of its starting points;
    otherwise one the group's spread on it suggests (a divided group's question when the spread is
    above the middle, a shared picture's when below), not one the page already asked."""
    pins = [p for p in session.pins if p in texts]
    if not pins:
        return []
    questions = load_questions(store)
    points = plan(store, session, k, questions).points
    asked = {p.statement_id: p.question for p in points}
    used = Counter(p.kind for p in points)
    observed = summaries.get("observed") or condition_summary(store, session, "observed")  # the plan's condition
    spread = observed.stats["sd"]
    pinned = []
    for sid in pins:
        question = asked.get(sid)
        if question is None:
            kind = "disputed" if sid in spread.index and spread[sid] >= spread.median() else "consensus"
            question = questions.pick(kind, used[kind], session.id)
            used[kind] += 1
        pinned.append((texts[sid], question.in_language(lang), [n.body for n in notes if n.about == texts[sid]]))
    return pinned


def _notes(store: Store, session: Session, texts: dict[int, str]) -> list[NotePart]:
    """Session notes first, then per point in the order saved; empty ones are not in the store."""
    notes = [n for n in store.notes(session.id) if n.body.strip()]
    notes.sort(key=lambda n: (n.point != "", n.saved_at))
    return [NotePart(point_statement(n.point, texts) if n.point else "", n.kind, n.body) for n in notes]
