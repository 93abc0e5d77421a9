"""The facilitator's look at the viewpoints in the group (by-person factor analysis), in statements,
and the choice of the analysis the projector's viewpoints view shows."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from review.analysis.crib import LISTS, CribSheet, crib_sheets
from review.analysis.number import MIN_LOADERS, NumberEvidence, session_evidence
from review.analysis.qmethod import CORRELATIONS, EXTRACTIONS, ROTATIONS, all_eigenvalues
from review.analysis.viewpoints import (
    MAX_FACTORS,
    NAME_LIMIT,
    REASON_LIMIT,
    ROOM_MAX,
    TEXT_LIMIT,
    RoomViewpoints,
    Viewpoint,
    analyse_session,
    choose,
    forget_choice,
    kaiser_count,
    name_viewpoints,
    room_fit,
    room_viewpoints,
    session_sorts,
    suggested_factors,
    viewpoints,
)
from review.charts.analysis_figures import scree_figure
from review.content.grid import column_label
from review.errors import ReviewError
from review.i18n import t
from review.numbers import number
from review.room.anonymity import may_show
from review.room.sessions import has_choice
from review.store import AnalysisChoice, Session
from ui import state
from ui.screens import style
from ui.screens.changes import apply
from ui.screens.text import error_text, html_text, md_message, md_text


def stars(level: str) -> str:
    """A distinguishing statement's stars (R qmethod's qdc levels), escaped: Markdown would read emphasis."""
    escaped = level.replace("*", "\\*")
    return f" {escaped}" if level else ""


@st.cache_data(max_entries=32, show_spinner=False)
def _analysis(session_id: str, choice: AnalysisChoice, key: tuple):
    store = state.store()
    c = choice
    return analyse_session(
        store, store.session(session_id), c.condition, c.nfactors, c.extraction, c.rotation, correlation=c.correlation
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _room(session_id: str, min_group: int, key: tuple) -> RoomViewpoints:
    """The room's viewpoints for the naming form; ``key``: what they depend on (the published copy,
    the analysis, the words kept), so the panel's reruns do not run the analysis again."""
    store = state.store()
    return room_viewpoints(store, store.session(session_id), min_group)


@st.cache_data(max_entries=16, show_spinner=False)
def _number(session_id: str, choice: AnalysisChoice, key: tuple) -> NumberEvidence:
    """The number-of-viewpoints evidence (``choice.nfactors`` aside); ``key``: the sorts it rests on."""
    store = state.store()
    return session_evidence(store, store.session(session_id), choice)


def analysis_panel(session: Session, lang: str) -> None:
    store = state.store()
    chosen = session.analysis if has_choice(session) else None  # the room's choice is where the panel starts
    a, b, c, d = st.columns(4)
    condition = a.selectbox(
        t("q.condition", lang),
        session.conditions,
        index=session.conditions.index(chosen.condition) if chosen else 0,
        format_func=lambda x: t(f"done.condition.{x}", lang),
        key="q_condition",
    )
    extraction = b.selectbox(
        t("q.extraction", lang),
        EXTRACTIONS,
        index=EXTRACTIONS.index(chosen.extraction) if chosen else 0,
        format_func=lambda x: x.upper(),
        key="q_extraction",
    )
    rotation = c.selectbox(
        t("q.rotation", lang), ROTATIONS, index=ROTATIONS.index(chosen.rotation) if chosen else 0, key="q_rotation"
    )
    correlation = d.selectbox(
        t("q.correlation", lang),
        CORRELATIONS,
        index=CORRELATIONS.index(chosen.correlation) if chosen else 0,
        format_func=lambda x: t(f"q.correlation.{x}", lang),
        key="q_correlation",
    )
    sorts = session_sorts(store, session, condition)
    n_sorts = sorts.shape[1]
    if not may_show(n_sorts, state.settings().min_group):
        st.info(t("results.too_few", lang, n=n_sorts, min=state.settings().min_group))
        return
    eigenvalues = all_eigenvalues(sorts.to_numpy(), correlation)
    top = max(1, min(MAX_FACTORS, n_sorts - 1))
    start = chosen.nfactors if chosen and chosen.condition == condition else suggested_factors(eigenvalues, n_sorts)
    nfactors = st.slider(
        t("q.factors", lang), 1, max(top, 2), min(start, top), disabled=top < 2, key=f"q_factors_{condition}"
    )
    st.plotly_chart(
        scree_figure(eigenvalues, lang, nfactors, style.dark_theme()),
        theme=None,
        key="scree",
        config={"displayModeBar": False},
    )
    st.caption(t("q.kaiser_hint", lang, n=kaiser_count(eigenvalues)))
    here = AnalysisChoice(condition, extraction, rotation, nfactors, correlation=correlation)
    with st.expander(t("q.number.heading", lang)):
        with st.spinner(t("q.number.heading", lang)):
            evidence = _number(session.id, replace(here, nfactors=0), state.view_stamp(session))
        number_panel(evidence, nfactors, lang)
    try:
        result = _analysis(session.id, here, state.view_stamp(session))
    except ReviewError as exc:
        st.error(error_text(exc, lang))
        return
    for warning in result.warnings:
        st.warning(md_message(warning.key, lang, **warning.params))
    room_choice(session, here, lang)
    if has_choice(session):
        viewpoint_words(store.session(session.id), lang)
    sheets = crib_sheets(result)
    for view in viewpoints(result):
        show_viewpoint(session, view, lang)
        if view.factor in sheets:
            st.html(crib_html(session, sheets[view.factor], lang))


def number_panel(evidence: NumberEvidence, nfactors: int, lang: str) -> None:
    """The evidence for 1..7 factors as one table, the row of the number now chosen marked; what
    each rule keeps; the legend. Nothing is picked for the facilitator."""
    st.caption(t("q.number.intro", lang))
    yes = "✓"

    def mark(passes: bool) -> str:
        return f" {yes}" if passes else ""

    head = "".join(
        f"<th>{html_text(t(f'q.number.col.{c}', lang))}</th>"
        for c in ("k", "eigen", "explained", "random", "humphrey", "loaders", "defining")
    )
    rows = []
    for f in evidence.factors:
        chosen = ' class="chosen"' if f.k == nfactors else ""
        rows.append(
            f'<tr{chosen} data-k="{f.k}"><td>{f.k}</td><td>{number(f.eigenvalue, lang, 2)}{mark(f.kaiser)}</td>'
            f"<td>{number(f.explained, lang, 0)} %</td>"
            f"<td>{number(f.random95, lang, 2)}{mark(f.above_random)}</td>"
            f"<td>{number(f.humphrey, lang, 2)}{mark(evidence.humphrey_passes(f))}</td>"
            f"<td>{' · '.join(map(str, f.loaders))}{mark(min(f.loaders) >= MIN_LOADERS)}</td>"
            f"<td>{' · '.join(map(str, f.defining))}</td></tr>"
        )
    st.html(
        "<style>.qn table{border-collapse:collapse;width:100%;font-size:.9rem}"
        ".qn th,.qn td{border-bottom:1px solid rgba(128,128,128,.35);padding:.2rem .4rem;text-align:right}"
        ".qn th:first-child,.qn td:first-child{text-align:center}.qn th{font-weight:600;vertical-align:bottom}"
        ".qn td{white-space:nowrap}"
        ".qn tr.chosen td{background:rgba(31,95,168,.14);font-weight:600}</style>"
        f'<div class="qn" data-testid="number-evidence"><table><tr>{head}</tr>{"".join(rows)}</table></div>'
    )
    st.caption(t("q.number.keeps", lang, **evidence.counts()))
    st.caption(
        t(
            "q.number.legend",
            lang,
            sets=evidence.random_sets,
            n=evidence.n_sorts,
            bar=number(evidence.humphrey_bar, lang, 2),
            m=evidence.n_statements,
        )
    )


def room_choice(session: Session, here: AnalysisChoice, lang: str) -> None:
    """Put the analysis on screen here on the projector (a reveal step), or take it off."""
    store = state.store()
    current = session.analysis if has_choice(session) else None
    if current:
        st.caption(
            t(
                "q.in_use",
                lang,
                condition=t(f"done.condition.{current.condition}", lang),
                extraction=current.extraction.upper(),
                rotation=current.rotation,
                n=current.nfactors,
            )
        )
    fit = room_fit(store, session, here, state.settings().min_group)
    if fit.small:  # the projector would leave some viewpoints out: say so before anyone sends it there
        key = "vp.fit" if fit.fits else "vp.fit_none"
        st.warning(t(key, lang, n=fit.small, min=state.settings().min_group, fits=fit.fits))
        if fit.fits and fit.fits != here.nfactors:
            st.button(
                t("vp.fit_use", lang, fits=fit.fits),
                key="q_fit",
                on_click=lambda: st.session_state.update({f"q_factors_{here.condition}": fit.fits}),
            )
    reason = st.text_input(
        t("q.reason", lang),
        value=current.reason if current else "",
        max_chars=REASON_LIMIT,
        placeholder=t("q.reason_placeholder", lang),
        key="q_reason",
    )
    here = replace(here, reason=reason.strip())
    only_reason = current is not None and current != here and replace(current, reason=here.reason) == here
    use, stop = st.columns(2)
    too_many = here.nfactors > ROOM_MAX
    if use.button(
        t("q.save_reason" if only_reason else "q.use", lang),
        key="q_use",
        disabled=current == here or too_many,
        help=t("q.use_help", lang, min=state.settings().min_group),
        width="stretch",
    ):
        try:
            c = here
            choose(store, session, c.condition, c.extraction, c.rotation, c.nfactors, c.reason, c.correlation)
        except ReviewError as exc:
            st.error(error_text(exc, lang))
        else:
            st.rerun()
    if too_many:
        use.caption(t("vp.room_max", lang, max=ROOM_MAX))
    if current and stop.button(t("q.stop", lang), key="q_stop", width="stretch"):
        forget_choice(store, session)
        st.rerun()


def show_viewpoint(session: Session, view: Viewpoint, lang: str) -> None:
    """One viewpoint in words: its ends, what sets it apart (with the direction), the whole model sort."""
    texts = session.statement_set.by_id()

    def item(sid: int) -> str:
        return f"- `{column_label(view.array[sid])}` {md_text(texts[sid].in_language(lang))}"

    st.markdown(f"### {t('q.viewpoint', lang, factor=view.number)}")
    st.caption(md_message("q.defined_by", lang, n=view.n_loading, who=", ".join(view.defined_by) or "-"))
    left, right = st.columns(2)
    left.markdown(f"**{t('chart.most', lang)}**\n\n" + "\n".join(item(s) for s in view.most))
    right.markdown(f"**{t('chart.least', lang)}**\n\n" + "\n".join(item(s) for s in view.least))
    for higher, arrow, key in ((True, "▲", "vp.higher"), (False, "▼", "vp.lower")):
        items = [d for d in view.distinguishing if d.higher == higher]
        if items:
            lines = [f"- {md_text(texts[d.statement_id].in_language(lang))}{stars(d.stars)}" for d in items]
            st.markdown(f"**{arrow} {t(key, lang)}**\n\n" + "\n".join(lines))
    if any(d.significant for d in view.distinguishing):
        st.caption(t("q.stars", lang).replace("*", "\\*"))
    st.html(model_sort_html(session, view, lang))


def viewpoint_words(session: Session, lang: str) -> None:
    """Names and paragraphs for the room's viewpoints (those the projector shows), saved together."""
    store = state.store()
    min_group = state.settings().min_group
    room = _room(session.id, min_group, (state.view_stamp(session), session.analysis, session.viewpoint_words))
    st.markdown(f"#### {t('vp.words_heading', lang)}")
    if not room.shown:
        st.caption(t("vp.words_none", lang))
        return
    st.caption(t("vp.words_intro", lang))
    stale = {w.n_sorts for w in session.viewpoint_words} - {room.n_sorts}
    if stale:
        st.warning(t("vp.words_stale", lang, then=max(stale), now=room.n_sorts))
    texts = {sid: s.in_language(lang) for sid, s in session.statement_set.by_id().items()}
    # a new form (and new defaults) when the analysis, the kept words or the published copy change
    stamp = abs(hash((session.analysis, session.viewpoint_words, room.n_sorts)))
    with st.form(f"vp_words_{stamp}", border=False):
        written = {}
        for view in room.shown:
            name = st.text_input(
                t("vp.name", lang, n=view.number),
                value=view.name,
                max_chars=NAME_LIMIT,
                placeholder=t("vp.name_placeholder", lang),
                key=f"vp_name_{view.number}_{stamp}",
            )
            text = st.text_area(
                t("vp.text", lang, n=view.number),
                value=view.text(texts, lang),
                max_chars=TEXT_LIMIT,
                key=f"vp_text_{view.number}_{stamp}",
            )
            written[view.number] = (name, text)
        saved = st.form_submit_button(t("vp.words_save", lang), type="primary")
    if saved:
        apply(lambda: name_viewpoints(store, session, written, min_group), lang, "vp.words_saved")
    if session.viewpoint_words and st.button(t("vp.words_reset", lang), key="vp_words_reset", type="tertiary"):
        name_viewpoints(store, session, {}, min_group)
        st.rerun()


def crib_html(session: Session, sheet: CribSheet, lang: str) -> str:
    """The crib sheet as four small tables: each statement's column here and in the other viewpoints,
    and its mark; folded away like the model sort."""
    texts = session.statement_set.by_id()
    others = "".join(f"<th>{html_text(t('q.viewpoint', lang, factor=f[1:]))}</th>" for f in sheet.others)
    head = (
        f"<tr><th>{html_text(t('crib.col.statement', lang))}</th><th>{html_text(t('crib.col.here', lang))}</th>"
        f"{others}<th>{html_text(t('crib.col.mark', lang))}</th></tr>"
    )
    blocks = []
    for name in LISTS:
        items = getattr(sheet, name)
        rows = "".join(
            f"<tr><td>{html_text(texts[i.statement_id].in_language(lang))}</td><td>{column_label(i.position)}</td>"
            + "".join(f"<td>{column_label(o)}</td>" for o in i.others)
            + f"<td>{i.mark}</td></tr>"
            for i in items
        )
        body = f"<table>{head}{rows}</table>" if items else f"<p>{html_text(t('crib.none', lang))}</p>"
        blocks.append(f"<h5>{html_text(t(f'crib.{name}', lang))}</h5>{body}")
    return (
        "<style>.crib details{margin:0.2rem 0 1rem}.crib summary{cursor:pointer;font-weight:600}"
        ".crib table{border-collapse:collapse;width:100%;margin:0.2rem 0 0.6rem}"
        ".crib th,.crib td{border-bottom:1px solid rgba(128,128,128,.35);padding:0.15rem 0.4rem;text-align:left}"
        ".crib td:not(:first-child),.crib th:not(:first-child){text-align:center;white-space:nowrap}"
        ".crib h5{margin:0.6rem 0 0.1rem;font-size:1rem}</style>"
        f'<div class="crib" data-testid="crib-sheet" data-viewpoint="{sheet.number}"><details>'
        f"<summary>{html_text(t('crib.heading', lang))}</summary>{''.join(blocks)}"
        f"<p>{html_text(t('crib.legend', lang))}</p></details></div>"
    )


def model_sort_html(session: Session, view: Viewpoint, lang: str) -> str:
    """The whole model sort as texts grouped by column, most characteristic first, folded away
    (a ``<details>``: Streamlit's expanders cannot nest inside the panel's expander)."""
    texts = session.statement_set.by_id()
    blocks = []
    for value in sorted(session.grid.values, reverse=True):
        ids = [sid for sid, pos in view.array.items() if pos == value]
        items = "".join(f"<li>{html_text(texts[sid].in_language(lang))}</li>" for sid in ids)
        blocks.append(f'<div class="ms-col"><b>{html_text(column_label(value))}</b><ul>{items}</ul></div>')
    return (
        "<style>.ms details{margin:0.2rem 0 1rem}.ms summary{cursor:pointer;font-weight:600}"
        ".ms-col{margin:0.4rem 0}.ms-col ul{margin:0.1rem 0 0;padding-left:1.2rem}</style>"
        f'<div class="ms" data-testid="model-sort"><details><summary>{html_text(t("q.model_sort", lang))}</summary>'
        f"{''.join(blocks)}</details></div>"
    )
