"""A trajectory report: cover, the meetings at a glance, the movement per group, the groups compared,
the agreements and what became of them, and each meeting in brief, from
:func:`review.trajectories.trajectory.overview` (which already keeps every number at or above the
anonymity threshold) and :func:`review.report.content.session_content`."""

from __future__ import annotations

from review.i18n import t
from review.report.content import Row, agreement_part, session_content
from review.report.document import Cover, Document, Heading, how_to_read, long_date, made_line, number, or_not_given
from review.report.figures import dot_figure
from review.report.session import condition_label, session_body
from review.report.synthesis import synthesis
from review.room.sessions import CONDITIONS
from review.store import Store
from review.trajectories import agreements as agr
from review.trajectories.movement import TOP_MOVERS
from review.trajectories.trajectory import Movement, count_text, meeting_label, overview, shown_theme


def trajectory_document(store: Store, trajectory_id: str, min_group: int, lang: str) -> Document:
    view = overview(store, trajectory_id, min_group)
    trajectory, rows = view.trajectory, view.meetings
    dates = sorted(r.session.created_at for r in rows)
    when = ""
    if dates:
        first, last = long_date(dates[0], lang), long_date(dates[-1], lang)
        when = first if first == last else f"{first} – {last}"
    facts = [
        (t("report.cover.organisation", lang), or_not_given(trajectory.organisation, lang)),
        (t("report.cover.group", lang), ", ".join(trajectory.groups)),
        *([(t("report.cover.date", lang), when)] if when else []),
        (t("report.cover.facilitator", lang), or_not_given(trajectory.facilitator, lang)),
    ]
    cover = Cover(
        t("report.title.trajectory", lang), trajectory.title, facts, t("report.tagline", lang), made_line(lang)
    )
    doc = Document(lang, cover, " · ".join(x for x in (trajectory.organisation.strip(), trajectory.title) if x))
    if rows:
        _synthesis(doc, store, view, lang)
        first_session = rows[0].session
        values = first_session.grid.values
        how_to_read(doc, len(first_session.statement_set.ids), min(values), max(values), view.min_group)
    doc.section(t("report.sec.overview", lang))
    if not rows:
        doc.para(t("report.no_meetings", lang), "notice")
        return doc
    headers = [t("report.col.group", lang), t("report.col.meeting", lang), t("report.col.date", lang)]
    headers += [condition_label(c, lang) for c in CONDITIONS]
    table = []
    for r in rows:
        label = meeting_label(r.meeting.meeting, lang)
        theme = shown_theme(r.meeting.theme.strip(), lang)
        table.append(
            [
                r.meeting.group,
                f"{label}: {theme}" if theme and theme != label else label,
                long_date(r.session.created_at, lang),
                *(count_text(r.submitted[c], view.min_group, lang) if c in r.submitted else "–" for c in CONDITIONS),
            ]
        )
    doc.table(headers, table, (18, 36, 18, 14, 14), (False, False, False, True, True))
    if view.movements:
        doc.section(t("report.sec.movement", lang))
        for move in view.movements:
            first, last = meeting_label(move.first.meeting, lang), meeting_label(move.last.meeting, lang)
            doc.subsection(f"{move.group}: {first} → {last}")
            for condition in CONDITIONS:
                _movement(doc, move.movements[condition], move.group, first, last)
    if view.comparison:
        comp = view.comparison
        doc.section(t("report.sec.compare", lang))
        doc.para(f"{meeting_label(comp.meeting, lang)}: {comp.group_a} / {comp.group_b}", "muted")
        for condition in CONDITIONS:
            _movement(doc, comp.movements[condition], f"{comp.group_a} / {comp.group_b}", comp.group_a, comp.group_b)
    _agreements(doc, store, rows, lang)
    doc.section(t("report.sec.meetings", lang))
    for r in rows:
        label = meeting_label(r.meeting.meeting, lang)
        theme = shown_theme(r.meeting.theme.strip(), lang)
        doc.subsection(f"{r.meeting.group} · {label}" + (f": {theme}" if theme and theme != label else ""))
        content = session_content(store, r.session, view.min_group, lang, condensed=True)
        doc.para(f"{r.session.title} · {long_date(r.session.created_at, lang)}", "muted")
        session_body(doc, content, condensed=True)
    return doc


def _movement(doc: Document, move: Movement, group: str, first: str, last: str) -> None:
    """One condition's movement (or two groups' difference): a note why it is withheld, or a figure and
    the statements that moved (or differ) most."""
    lang = doc.lang
    label = condition_label(move.condition, lang)
    doc.para(label, "label")
    if move.withheld:
        doc.para(move.withheld_message(lang) or "", "notice")
        return
    if move.mixed_sets:
        doc.para(move.mixed_message(lang) or "", "notice")
    rows = [
        Row(r.statement_id, r.text.get(lang) or next(iter(r.text.values())), (r.before, r.after, r.change))
        for r in move.rows[:TOP_MOVERS]
    ]
    if not rows:
        return
    lo, hi = move.grid_range
    across = move.across_groups  # two groups: a difference, drawn without arrows
    caption = (
        t("report.cap.difference", lang, condition=label, first=first, last=last)
        if across
        else t("report.cap.movement", lang, group=group, condition=label, first=first, last=last)
    )
    doc.chart(
        dot_figure(
            [Row(r.statement_id, r.text, r.values[:2]) for r in rows],
            [first, last],
            lo,
            hi,
            t("chart.axis", lang),
            connect=True,
            arrows=not across,
        ),
        caption,
        len(rows),
        [first, last],
    )
    doc.table(
        [
            t("report.col.statement", lang),
            first,
            last,
            t("report.col.difference" if across else "report.col.change", lang),
        ],
        [[r.text, *(number(v, lang) for v in r.values)] for r in rows],
        (46, 18, 18, 18),
        (False, True, True, True),
    )


def _agreements(doc: Document, store: Store, rows: list, lang: str) -> None:
    """Per group, every agreement of its meetings and what became of it (each status, where, and why)."""
    placed = {r.session.id: (r.meeting.group, r.meeting.meeting, r.session.title) for r in rows}
    made = store.agreements(list(placed))
    doc.section(t("report.sec.agreements", lang))
    if not made:
        doc.para(t("report.agr.none", lang), "muted")
        return
    doc.para(t("report.intro.agreements", lang), "muted")
    headers = [
        t("agr.text", lang),
        t("report.agr.made", lang),
        t("report.agr.owner", lang),
        t("report.agr.became", lang),
    ]
    for group in dict.fromkeys(g for g, _, _ in placed.values()):
        parts = [
            agreement_part(store, agr.Placed(a, placed[a.session_id][1], placed[a.session_id][2]), lang)
            for a in made
            if placed[a.session_id][0] == group
        ]
        if parts:
            doc.subsection(group)
            doc.table(
                headers, [[p.text, p.made, p.owner, "; ".join(p.history) or p.status] for p in parts], (40, 18, 16, 26)
            )


def _synthesis(doc: Document, store: Store, view, lang: str) -> None:
    """What changed per group, in words, then the facilitator's recommendations; the tables follow."""
    doc.blocks.append(Heading(t("synth.title", lang), 1))  # before the numbered sections, as a summary
    doc.para(t("synth.intro", lang), "muted")
    for heading, paragraphs in synthesis(store, view, lang):
        doc.blocks.append(Heading(heading, 2))
        for paragraph in paragraphs:
            doc.para(paragraph)
    doc.blocks.append(Heading(t("synth.recommendations", lang), 2))
    said = [p for p in view.trajectory.recommendations.split("\n\n") if p.strip()]
    for paragraph in said or [t("synth.no_recommendations", lang)]:
        doc.para(paragraph, "body" if said else "muted")
