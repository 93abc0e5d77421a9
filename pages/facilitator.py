"""Facilitator page: create a session, show the join screen, watch the heatmap fill."""

from urllib.parse import urlsplit

import streamlit as st
from streamlit import net_util

from review.aggregates import session_heatmap
from review.charts import heatmap_figure
from review.errors import ReviewError
from review.grid import available_grids
from review.i18n import t
from review.joinlink import base_url, is_loopback, join_url, qr_png
from review.sessions import create_session, parse_roles
from review.statements import available_statement_sets
from ui import state, style
from ui.text import md_escape

st.set_page_config(page_title="REVIEW · facilitator", page_icon="🪞", layout="wide")
style.apply()
lang = state.language()
store = state.store()
REFRESH = "1s"  # the projector must show a new sort within 2 s


def session_list() -> None:
    st.title(t("fac.heading", lang))
    new, existing = st.columns([2, 3], gap="large")
    with new, st.form("new_session"):
        st.subheader(t("fac.new", lang))
        title = st.text_input(t("fac.title", lang), value=t("fac.title_default", lang), max_chars=120)
        sets = available_statement_sets()
        chosen_set = st.selectbox(t("fac.set", lang), sets, format_func=lambda s: s.name.get(lang, s.id))
        grids = available_grids()
        chosen_grid = st.selectbox(
            t("fac.grid", lang), grids, format_func=lambda g: f"{g.name.get(lang, g.id)} ({g.size})"
        )
        desired = st.checkbox(t("fac.desired", lang), value=False)
        roles = st.text_input(t("fac.roles", lang), help=t("fac.roles_help", lang), max_chars=400)
        comments = st.checkbox(t("fac.comments", lang), value=True)
        if st.form_submit_button(t("fac.create", lang), type="primary"):
            conditions = ("observed", "desired") if desired else ("observed",)
            try:
                session = create_session(
                    store, title, chosen_set, chosen_grid, conditions, parse_roles(roles), ask_comments=comments
                )
            except ReviewError as exc:
                st.error(exc.message(lang))
            else:
                st.query_params["session"] = session.code
                st.rerun()
    with existing:
        session_rows()


def session_rows() -> None:
    sessions = store.sessions()
    if not sessions:
        st.info(t("fac.none", lang))
    for s in sessions:
        a, b, c = st.columns([4, 2, 1], vertical_alignment="center")
        a.markdown(f"**{md_escape(s.title)}**  \n`{s.code}` · {s.created_at:%Y-%m-%d %H:%M}")
        b.write(t(f"fac.status.{s.status}", lang))
        if c.button(t("fac.open_session", lang), key=f"open_{s.code}"):
            st.query_params["session"] = s.code
            st.rerun()


def join_panel(code: str) -> None:
    base = base_url(state.settings().public_url, st.context.url)
    url = join_url(base, code)
    st.subheader(t("fac.scan", lang))
    st.image(qr_png(url), width=360, output_format="PNG")
    st.markdown(f"<div class='join-code' data-testid='join-code'>{code}</div>", unsafe_allow_html=True)
    st.markdown(t("fac.or_code", lang, url=base))
    st.caption(url)
    if is_loopback(url):
        lan = net_util.get_internal_ip()  # the address Streamlit prints as "Network URL"
        port = urlsplit(url).port or 8501
        suggestion = f"http://{lan}:{port}" if lan and lan != "127.0.0.1" else f"http://<laptop>:{port}"
        st.warning(t("fac.loopback", lang, host=urlsplit(url).hostname, suggestion=suggestion))


@st.fragment(run_every=REFRESH)
def live_results(session_id: str) -> None:
    session = store.session(session_id)
    progress = store.progress(session_id)
    a, b = st.columns(2)
    a.metric(t("fac.joined", lang), progress.joined)
    b.metric(t("fac.submitted", lang), progress.submitted)
    hm = session_heatmap(store, session, "observed")
    st.subheader(t("fac.heatmap", lang))
    if hm.n_sorts == 0:
        st.info(t("fac.empty", lang))
        return
    st.caption(
        t("fac.sorts_one" if hm.n_sorts == 1 else "fac.sorts", lang, n=hm.n_sorts) + " · " + t("fac.heatmap_help", lang)
    )
    st.plotly_chart(heatmap_figure(hm, session.statement_set, lang), key="heatmap", config={"displayModeBar": False})


def session_view(code: str) -> None:
    try:
        session = store.session_by_code(code)
    except ReviewError as exc:
        st.error(exc.message(lang))
        st.query_params.pop("session", None)
        return
    if st.button(t("fac.back", lang), type="tertiary"):
        st.query_params.pop("session", None)
        st.rerun()
    st.title(md_escape(session.title))
    left, right = st.columns([1, 2], gap="large")
    with left:
        join_panel(session.code)
        if session.is_open:
            if st.button(t("fac.close", lang)):
                store.set_status(session.id, "closed")
                st.rerun()
        elif st.button(t("fac.reopen", lang)):
            store.set_status(session.id, "open")
            st.rerun()
    with right:
        live_results(session.id)


selected = st.query_params.get("session")
if selected:
    session_view(selected)
else:
    session_list()
state.language_switch(lang)
