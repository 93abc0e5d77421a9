"""A session report: cover, how to read it, and the numbered sections, from :class:`SessionContent`."""

from __future__ import annotations

import tomllib
from pathlib import Path

from review import numbers
from review.content.grid import column_label
from review.i18n import t
from review.report.content import Row, SessionContent
from review.report.document import (
    Bullets,
    Cover,
    Document,
    Heading,
    how_to_read,
    long_date,
    made_line,
    number,
    or_not_given,
    spread,
)
from review.report.figures import bar_figure, dot_figure
from review.room.sessions import CONDITIONS

VERSION = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8"))["project"][
    "version"
]
VIEWPOINT_NOTES = {"vp.few": "report.vp.few", "vp.undefined": "report.vp.undefined"}  # the room's words say "screen"
STATEMENT_WIDTHS = (70, 15, 15)


def condition_label(condition: str, lang: str) -> str:
    return t(f"chart.{condition}", lang)


def session_document(content: SessionContent, story: list[str] | None = None) -> Document:
    """The report of one session; ``story``: the first page's paragraphs (:mod:`review.report.story`)."""
    session, lang = content.session, content.lang
    facts = [
        (t("report.cover.organisation", lang), or_not_given(session.organisation, lang)),
        *([(t("report.cover.group", lang), content.group)] if content.group else []),
        *([(t("report.cover.meeting", lang), _meeting(content))] if content.meeting is not None else []),
        (t("report.cover.date", lang), long_date(content.date, lang)),
        (t("report.cover.facilitator", lang), or_not_given(session.facilitator, lang)),
    ]
    cover = Cover(t("report.title.session", lang), session.title, facts, t("report.tagline", lang), made_line(lang))
    footer = " · ".join(x for x in (session.organisation.strip(), session.title) if x)
    doc = Document(lang, cover, footer)
    if story:
        doc.blocks.append(Heading(t("story.title", lang), 1))
        for paragraph in story:
            doc.para(paragraph)
    values = session.grid.values
    how_to_read(doc, len(session.statement_set.ids), min(values), max(values), content.min_group)
    doc.section(t("report.sec.context", lang))
    _context(doc, content, facts)
    session_body(doc, content)
    _methods(doc, content)
    return doc


def _methods(doc: Document, content: SessionContent) -> None:
    """What a Q study report states, in one box at the end: set, grid, sorts, analysis, rules, software."""
    lang, session = doc.lang, content.session
    doc.section(t("report.sec.methods", lang))
    grid = session.grid
    columns = ", ".join(f"{column_label(v)}: {c}" for v, c in zip(grid.values, grid.counts, strict=True))
    name = session.statement_set.name.get(lang) or session.statement_set.id
    version = f" ({t('report.method.version', lang, ref=session.set_ref)})" if session.set_ref else ""
    fewer = t("report.fewer_than", lang, min=content.min_group)
    sorts = "; ".join(
        f"{condition_label(c.condition, lang)}: {c.n_sorts if c.shown else fewer}" for c in content.conditions
    )
    rows = [
        [t("report.method.set", lang), f"{name}{version}, {len(session.statement_set.ids)}"],
        [t("report.method.grid", lang), columns],
        [t("report.method.sorts", lang), sorts],
        [t("report.method.anonymity", lang), t("report.method.anonymity_rule", lang, min=content.min_group)],
    ]
    if content.analysis is not None:
        choice = content.analysis
        explained = "; ".join(f"{v.title}: {numbers.number(v.explained, lang)} %" for v in content.viewpoints) or t(
            "report.method.none_shown", lang
        )
        rows += [
            [
                t("report.method.analysis", lang),
                t(
                    "report.method.analysis_was",
                    lang,
                    condition=condition_label(choice.condition, lang),
                    n=choice.nfactors,
                    extraction=choice.extraction.upper(),
                    rotation=choice.rotation,
                    correlation=t(f"q.correlation.{choice.correlation}", lang),
                ),
            ],
            [t("report.method.number", lang), _number(content)],
            [t("report.method.explained", lang), explained],
            [t("report.method.flagging", lang), t("report.method.flagging_rule", lang)],
        ]
    if content.log:
        rows.append([t("report.method.log", lang), "\n".join(content.log)])
    rows.append([t("report.method.software", lang), t("report.method.software_was", lang, version=VERSION)])
    doc.table(["", ""], rows, (28, 72))


def _number(content: SessionContent) -> str:
    """How the number of viewpoints was chosen: by the facilitator (with their reason), beside what
    the rules for the number say of these sorts."""
    lang = content.lang
    said = t("report.method.number_rule", lang, n=content.analysis.nfactors)
    if content.reason:
        said += " " + t("report.method.number_reason", lang, reason=content.reason)
    if content.keeps:
        said += " " + t("report.method.number_keeps", lang, **content.keeps)
    return said


def _meeting(content: SessionContent) -> str:
    from review.trajectories.trajectory import (  # a session outside a trajectory never needs it
        meeting_label,
        shown_theme,
    )

    label = meeting_label(content.meeting, content.lang)
    theme = shown_theme(content.theme, content.lang)
    return f"{label}: {theme}" if theme and theme != label else label


def _context(doc: Document, content: SessionContent, facts: list[tuple[str, str]]) -> None:
    lang, session = doc.lang, content.session
    statements = (
        f"{session.statement_set.name.get(lang) or session.statement_set.id} ({len(session.statement_set.ids)})"
    )
    rows = [[label, value] for label, value in facts]
    rows += [[t("report.cover.code", lang), session.code], [t("report.cover.set", lang), statements]]
    if session.current_round > 1:
        rows.append([t("report.cover.round", lang), str(session.current_round)])
    doc.table(["", ""], rows, (30, 70))
    fewer = t("report.fewer_than", lang, min=content.min_group)  # the published copy holds none below it
    counts = [[condition_label(c.condition, lang), str(c.n_sorts) if c.shown else fewer] for c in content.conditions]
    doc.table([t("report.col.condition", lang), t("report.col.sorts", lang)], counts, (70, 30), (False, True))
    if content.subgroups is not None:
        rows = [
            [role or t("report.no_role", lang), fewer if n is None else str(n)] for role, n in content.subgroups.counts
        ]
        doc.table([t("report.col.subgroup", lang), t("report.col.sorts", lang)], rows, (70, 30), (False, True))


def _statement_table(doc: Document, header: str, rows: list[Row]) -> None:
    lang = doc.lang
    doc.table(
        [header, t("report.col.mean", lang), t("report.col.sd", lang)],
        [[r.text, number(r.values[0], lang), spread(r.values[1], lang)] for r in rows],
        STATEMENT_WIDTHS,
        (False, True, True),
    )


def session_body(doc: Document, content: SessionContent, condensed: bool = False) -> None:
    """The sections after the context. ``condensed`` (a meeting inside a trajectory report): only
    what the group recognises, as tables, and the notes and next steps, as subsections."""
    lang, session = doc.lang, content.session
    lo, hi = min(session.grid.values), max(session.grid.values)
    axis = t("chart.axis", lang)
    heading = doc.subsection if condensed else doc.section
    if not condensed:
        doc.section(t("report.sec.characteristic", lang))
        doc.para(t("report.intro.characteristic", lang), "muted")
    for part in content.conditions:
        label = condition_label(part.condition, lang)
        if condensed:
            doc.para(label, "label")
        elif len(content.conditions) > 1:
            doc.subsection(label)
        if not part.shown:
            doc.para(t("report.too_few", lang, condition=label, min=content.min_group), "notice")
            continue
        if not condensed:
            rows = part.most + part.least[::-1]
            doc.chart(
                dot_figure(rows, [label], lo, hi, axis),
                t("report.cap.characteristic", lang, condition=label, n=part.n_sorts),
                len(rows),
                [label],
            )
        _statement_table(doc, t("chart.most", lang), part.most)
        _statement_table(doc, t("chart.least", lang), part.least)
    if condensed:
        _notes(doc, content, lambda text: doc.para(text, "label"))
        return
    if content.any_shown:
        _agreement(doc, content)
        _gaps(doc, content, lo, hi, axis)
        _subgroups(doc, content, lo, hi, axis)
        _themes(doc, content)
        _viewpoints(doc, content)
        _comments(doc, content)
    _notes(doc, content, heading)
    _agreements(doc, content)
    if content.any_shown:
        _crib_sheets(doc, content)


def _agreement(doc: Document, content: SessionContent) -> None:
    lang = doc.lang
    doc.section(t("report.sec.agreement", lang))
    doc.para(t("report.intro.agreement", lang), "muted")
    for part in content.conditions:
        if not part.shown:
            continue
        if len(content.conditions) > 1:
            doc.subsection(condition_label(part.condition, lang))
        _statement_table(doc, t("chart.disagree", lang), part.disagree)
        _statement_table(doc, t("chart.agree", lang), part.agree)


def _gaps(doc: Document, content: SessionContent, lo: int, hi: int, axis: str) -> None:
    lang = doc.lang
    if any(c not in content.session.conditions for c in CONDITIONS):  # a gap needs both
        return
    doc.section(t("report.sec.gaps", lang))
    if not content.gaps:
        shown = {c.condition: c for c in content.conditions}
        for c in shown.values():
            if not c.shown:
                label = condition_label(c.condition, lang)
                doc.para(t("report.too_few", lang, condition=label, min=content.min_group), "notice")
        return
    doc.para(t("report.intro.gaps", lang), "muted")
    observed, desired = (condition_label(c, lang) for c in CONDITIONS)
    doc.chart(
        dot_figure(content.gaps, [observed, desired], lo, hi, axis, connect=True),
        t("report.cap.gaps", lang),
        len(content.gaps),
        [observed, desired],
    )
    doc.table(
        [t("report.col.statement", lang), observed, desired, t("report.col.gap", lang)],
        [[r.text, *(number(v, lang) for v in r.values)] for r in content.gaps],
        (46, 18, 18, 18),
        (False, True, True, True),
    )


def _subgroups(doc: Document, content: SessionContent, lo: int, hi: int, axis: str) -> None:
    part = content.subgroups
    if part is None:
        return
    lang = doc.lang
    doc.section(t("report.sec.subgroups", lang))
    for key, params in part.notices:
        doc.para(t(key, lang, **params), "notice")
    if part.rows:
        doc.para(t("report.intro.subgroups", lang), "muted")
        doc.chart(
            dot_figure(part.rows, part.roles, lo, hi, axis),
            t("report.cap.subgroups", lang),
            len(part.rows),
            list(part.roles),
        )
        width = max(10, 50 // len(part.roles))
        doc.table(
            [t("report.col.statement", lang), *part.roles],
            [[r.text, *(number(v, lang) for v in r.values)] for r in part.rows],
            (100 - width * len(part.roles), *([width] * len(part.roles))),
            (False, *([True] * len(part.roles))),
        )


def _themes(doc: Document, content: SessionContent) -> None:
    if not content.themes:
        return
    lang = doc.lang
    names = [condition_label(c, lang) for c in content.theme_columns]
    doc.section(t("report.sec.themes", lang))
    doc.para(t("report.intro.themes", lang), "muted")
    doc.chart(
        bar_figure(content.themes, names, t("chart.theme_axis", lang), lang),
        t("report.cap.themes", lang),
        len(content.themes),
        names,
        "themes",
    )
    doc.table(
        [t("report.col.theme", lang), *names],
        [[r.text, *(number(v, lang) for v in r.values)] for r in content.themes],
        (50, *([50 // len(names)] * len(names))),
        (False, *([True] * len(names))),
    )


def _viewpoints(doc: Document, content: SessionContent) -> None:
    if content.analysis is None:
        return
    lang = doc.lang
    doc.section(t("report.sec.viewpoints", lang))
    doc.para(t("report.intro.viewpoints", lang), "muted")
    for key, params in content.viewpoint_notes:
        doc.para(t(VIEWPOINT_NOTES.get(key, key), lang, **params), "notice")
    for view in content.viewpoints:
        doc.subsection(t("report.vp.title", lang, title=view.title, k=view.shared_by))
        doc.para(view.text)
    if content.viewpoints:
        doc.para(t("report.vp.crib_after", lang), "muted")


def _agreements(doc: Document, content: SessionContent) -> None:
    """What the group agreed here, and what became of the agreements of its earlier meetings."""
    lang = doc.lang
    doc.section(t("agr.heading", lang))
    if not content.agreements and not content.reviewed:
        doc.para(t("report.agr.none", lang), "muted")
        return
    if content.agreements:
        doc.para(t("agr.made_here", lang), "label")
        headers = [t("agr.text", lang), t("report.agr.owner", lang), t("agr.review", lang), t("agr.status", lang)]
        rows = [[a.text, a.owner, a.review, a.status] for a in content.agreements]
        doc.table(headers, rows, (46, 18, 18, 18))
    if content.reviewed:
        doc.para(t("agr.from_before", lang), "label")
        headers = [t("agr.text", lang), t("report.agr.made", lang), t("report.agr.became", lang)]
        rows = [[a.text, f"{a.made} · {a.owner}", "; ".join(a.history) or a.status] for a in content.reviewed]
        doc.table(headers, rows, (44, 22, 34))


def _crib_sheets(doc: Document, content: SessionContent) -> None:
    """An appendix for the reader who wants the viewpoints' statements in full: each crib sheet."""
    if not content.viewpoints:
        return
    lang = doc.lang
    doc.section(t("report.sec.crib", lang))
    doc.para(t("crib.legend", lang), "muted")
    for view in content.viewpoints:
        doc.subsection(view.title)
        n = len(view.others) + 2  # here, the others, the mark
        headers = [t("crib.col.statement", lang), t("crib.col.here", lang), *view.others, t("crib.col.mark", lang)]
        for name, rows in view.crib:
            doc.para(t(f"crib.{name}", lang), "label")
            doc.table(headers, rows, (100 - 9 * n, *[9] * n), (False, *[True] * n))


def _bullets(items: list[str], numbered: bool = False) -> Bullets:
    return Bullets(list(items), numbered)


def _comments(doc: Document, content: SessionContent) -> None:
    lang = doc.lang
    doc.section(t("report.sec.comments", lang))
    if not content.comments:
        doc.para(t("report.no_comments", lang), "muted")
        return
    doc.para(t("report.intro.comments", lang), "muted")
    doc.table(
        [t("report.col.statement", lang), t("report.col.end", lang), t("report.col.comment", lang)],
        [
            [c.statement, f"{condition_label(c.condition, lang)}: {t(f'chart.{c.end}', lang).lower()}", c.text]
            for c in content.comments
        ],
        (40, 20, 40),
    )


def _notes(doc: Document, content: SessionContent, heading) -> None:
    lang = doc.lang
    heading(t("report.sec.notes", lang))
    if not content.notes:
        doc.para(t("report.no_notes", lang), "muted")
        return
    steps = [n for n in content.notes if n.kind == "next"]
    notes = [n for n in content.notes if n.kind != "next"]
    if steps:
        doc.para(t("report.notes.next", lang), "label")
        doc.blocks.append(_bullets([f"{n.body} ({n.about})" if n.about else n.body for n in steps], numbered=True))
    if notes:
        doc.para(t("report.notes.notes", lang), "label")
        for n in notes:
            doc.para(n.about or t("report.notes.session", lang), "quote")
            doc.para(n.body)
