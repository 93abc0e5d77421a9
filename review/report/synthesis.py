"""The first section of a trajectory report: per group, what changed from its first to its last
meeting, in words (review.report.trajectory prints it before the tables, which follow as its appendix).

Per group: the statements that moved most, as it is and as it should be; whether the distance
between the two closed; the themes at the first and the last meeting; the viewpoints of each meeting
where an analysis was chosen; the agreements and what became of them. Then the facilitator's own
recommendations. Every number comes from the published copies and passes the anonymity threshold
(a withheld side says so and gives no number).
"""

from __future__ import annotations

from review.analysis.viewpoints import room_viewpoints
from review.content.text import quoted
from review.i18n import t
from review.numbers import number
from review.room.aggregates import theme_means
from review.room.anonymity import may_show
from review.room.sessions import has_choice
from review.room.summaries import condition_summary
from review.store import Store
from review.trajectories import agreements as agr
from review.trajectories.movement import Movement
from review.trajectories.trajectory import GroupMovement, MeetingRow, TrajectoryOverview, meeting_label

STILL = 0.1  # a change in mean distance smaller than this is "about the same"


def _moved(move: Movement, lang: str) -> str:
    """The statement that rose most and the one that fell most, or why there are no numbers."""
    label = t(f"chart.{move.condition}", lang)
    if move.withheld or not move.rows:
        return t("synth.withheld", lang, condition=label)
    up = max(move.rows, key=lambda r: r.change)
    down = min(move.rows, key=lambda r: r.change)
    text = {r.statement_id: r.text.get(lang) or next(iter(r.text.values())) for r in (up, down)}
    return t(
        "synth.moved",
        lang,
        condition=label,
        up=quoted(text[up.statement_id], lang),
        up_by=number(up.change, lang, signed=True),
        down=quoted(text[down.statement_id], lang),
        down_by=number(down.change, lang, signed=True),
    )


def _gap(group: GroupMovement, lang: str) -> str:
    """Whether the mean distance between as it is and as it should be closed between the two meetings."""
    observed, desired = group.movements.get("observed"), group.movements.get("desired")
    if not observed or not desired or observed.withheld or desired.withheld:
        return ""
    wanted = {r.statement_id: r for r in desired.rows}
    pairs = [(r, wanted[r.statement_id]) for r in observed.rows if r.statement_id in wanted]
    if not pairs:
        return ""
    before = sum(abs(o.before - d.before) for o, d in pairs) / len(pairs)
    after = sum(abs(o.after - d.after) for o, d in pairs) / len(pairs)
    key = (
        "synth.gap_same"
        if abs(after - before) < STILL
        else ("synth.gap_closed" if after < before else "synth.gap_wider")
    )
    return t(key, lang, before=number(before, lang), after=number(after, lang))


def _themes(store: Store, first: MeetingRow, last: MeetingRow, k: int, lang: str) -> str:
    """Each theme's mean position as it is at the first and the last meeting (both shown, same themes)."""
    summaries = {}
    for name, row in (("first", first), ("last", last)):
        summary = condition_summary(store, row.session, "observed")
        if not may_show(summary.n_sorts, k):
            return ""
        summaries[name] = summary
    themes = first.session.statement_set.themes
    if not themes or themes != last.session.statement_set.themes:
        return ""
    table = theme_means(summaries, themes).dropna()
    if table.empty:
        return ""
    said = [
        f"{first.session.statement_set.theme_name(theme, lang)} {number(r['first'], lang, signed=True)} → "
        f"{number(r['last'], lang, signed=True)}"
        for theme, r in table.iterrows()
    ]
    return t("synth.themes", lang, themes="; ".join(said))


def _viewpoints(store: Store, rows: list[MeetingRow], k: int, lang: str) -> str:
    said = []
    for row in rows:
        if not has_choice(row.session):
            continue
        shown = room_viewpoints(store, row.session, k).shown
        if shown:
            said.append(f"{meeting_label(row.meeting.meeting, lang)}: {', '.join(v.title(lang) for v in shown)}")
    return t("synth.viewpoints", lang, viewpoints="; ".join(said)) if said else ""


def _agreements(store: Store, rows: list[MeetingRow], lang: str) -> str:
    made = store.agreements([r.session.id for r in rows])
    if not made:
        return t("synth.no_agreements", lang)
    counts = {s: sum(a.status == s for a in made) for s in agr.STATUSES}
    return t("synth.agreements", lang, n=len(made), **counts)


def synthesis(store: Store, view: TrajectoryOverview, lang: str) -> list[tuple[str, list[str]]]:
    """Per group (in the trajectory's order): its heading and paragraphs."""
    k = view.min_group
    moves = {m.group: m for m in view.movements}
    groups: dict[str, list[MeetingRow]] = {}
    for row in view.meetings:
        groups.setdefault(row.meeting.group, []).append(row)
    out = []
    for group, rows in groups.items():
        first, last = rows[0], rows[-1]
        span = meeting_label(first.meeting.meeting, lang)
        if len(rows) > 1:
            span += f" → {meeting_label(last.meeting.meeting, lang)}"
        paragraphs = []
        if group in moves:
            paragraphs += [_moved(m, lang) for c, m in moves[group].movements.items() if c in last.session.conditions]
            paragraphs.append(_gap(moves[group], lang))
            paragraphs.append(_themes(store, first, last, k, lang))
        else:
            paragraphs.append(t("synth.one_meeting", lang))
        paragraphs.append(_viewpoints(store, rows, k, lang))
        paragraphs.append(_agreements(store, rows, lang))
        out.append((f"{group}: {span}", [p for p in paragraphs if p]))
    return out
