"""Agreements on the discussion page: those of the group's earlier meetings first (what became of
them), and at the end this meeting's own, with a form for a new one."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from review.i18n import t
from review.store import Session
from review.trajectories import agreements as agr
from ui import state
from ui.screens.changes import apply
from ui.screens.text import md_text


def carried_block(session: Session, carried: list[agr.Placed], lang: str) -> None:
    """The open agreements of the group's earlier meetings (and those given a status here), each with
    a small form for its status and a line of why."""
    if not carried:
        return
    with st.container(border=True, key="agr_carried"):
        st.subheader(t("agr.from_before", lang), anchor=False)
        st.caption(t("agr.from_before_intro", lang))
        for placed in carried:
            _status_form(session, placed, lang)


def _status_form(session: Session, placed: agr.Placed, lang: str) -> None:
    store = state.store()
    agreement = placed.agreement
    made = t("agr.made_at", lang, where=agr.where_text(placed.meeting, placed.title, lang))
    st.markdown(f"**{md_text(agreement.text)}**  \n{md_text(agr.line(agreement, lang))} · {md_text(made)}")
    for said in agr.history(store, agreement, lang):
        st.caption(md_text(said))
    with st.form(f"agr_status_{agreement.id}", border=False):
        left, right = st.columns([2, 3], vertical_alignment="bottom")
        status = left.radio(
            t("agr.status", lang),
            agr.STATUSES,
            index=agr.STATUSES.index(agreement.status),
            format_func=lambda s: t(f"agr.status.{s}", lang),
            horizontal=True,
        )
        why = right.text_input(t("agr.why", lang), max_chars=agr.WHY_LIMIT)
        if st.form_submit_button(t("agr.save_status", lang)):
            apply(lambda: agr.set_status(store, session, agreement.id, status, why), lang, "agr.status_saved")


def agreements_block(session: Session, made: list[agr.Placed], lang: str) -> None:
    """This meeting's agreements, and a form for a new one."""
    store = state.store()
    st.header(t("agr.heading", lang), anchor=False)
    st.write(t("agr.intro", lang))
    if store.meeting_of(session.id) is None:
        st.caption(t("agr.no_trajectory", lang))
    if not made:
        st.caption(t("agr.none_here", lang))
    for placed in made:
        agreement = placed.agreement
        with st.container(border=True, key=f"agr_made_{agreement.id}"):
            text, back = st.columns([5, 1], vertical_alignment="center")
            text.markdown(f"**{md_text(agreement.text)}**  \n{md_text(agr.line(agreement, lang))}")
            if back.button(t("agr.remove", lang), key=f"agr_remove_{agreement.id}", type="tertiary"):
                agr.remove_agreement(store, session, agreement.id)
                st.toast(t("agr.removed", lang))
                st.rerun()
    _new_form(session, lang)


def _new_form(session: Session, lang: str) -> None:
    store = state.store()
    # a new form after each agreement added (an empty one); a refused one keeps what was typed
    made = st.session_state.setdefault("agr_new_count", 0)
    with st.form(f"agr_new_{made}"):
        st.markdown(f"**{t('agr.new', lang)}**")
        text = st.text_area(
            t("agr.text", lang), max_chars=agr.TEXT_LIMIT, placeholder=t("agr.text_placeholder", lang), height=80
        )
        owner_col, when_col, date_col = st.columns([2, 2, 1.4], vertical_alignment="bottom")
        owner = owner_col.text_input(
            t("agr.owner", lang),
            max_chars=agr.OWNER_LIMIT,
            placeholder=t("agr.team", lang),
            help=t("agr.owner_help", lang),
        )
        when = when_col.radio(
            t("agr.review", lang),
            ("next", "date"),
            format_func=lambda w: t(f"agr.review.{w}", lang),
            horizontal=True,
        )
        on = date_col.date_input(
            t("agr.review.date", lang), value=date.today() + timedelta(weeks=6), format="DD-MM-YYYY"
        )
        if st.form_submit_button(t("agr.add", lang), type="primary"):
            review = agr.NEXT if when == "next" else on.isoformat()

            def add() -> None:
                agr.make_agreement(store, session, text, owner.strip() or agr.TEAM, review)
                st.session_state["agr_new_count"] = made + 1  # only once it is kept

            apply(add, lang, "agr.added")
