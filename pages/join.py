"""Participant page: enter or scan a code, sort the statements, submit."""

import streamlit as st

from review.errors import ReviewError
from review.grid import column_label
from review.i18n import t
from review.sessions import find_session, join, own_sort, participant_id, submit_sort
from ui import state, style
from ui.qsort import board_data, sort_board
from ui.text import md_escape

st.set_page_config(page_title="REVIEW", page_icon="🪞", layout="centered")
style.apply()
lang = state.language()
store = state.store()
CONDITION = "observed"


def code_entry(prefill: str = "") -> None:
    st.header(t("join.heading", lang))
    st.write(t("join.intro", lang))
    with st.form("join"):
        code = st.text_input(t("join.code_label", lang), value=prefill, max_chars=12, key="code", placeholder="K7QX3M")
        if st.form_submit_button(t("join.button", lang), type="primary", width="stretch"):
            st.query_params["s"] = code.strip().upper()
            st.query_params.pop("p", None)
            st.rerun()


code = st.query_params.get("s")
if not code:
    code_entry()
    state.language_switch(lang)
    st.stop()

try:
    session = find_session(store, code)
except ReviewError as exc:
    st.error(exc.message(lang))
    code_entry(code)
    st.stop()

token = st.query_params.get("p")
try:
    if not token:
        token = join(store, session, lang)
        st.query_params["p"] = token
    participant_id(store, session, token)
except ReviewError as exc:
    st.error(exc.message(lang))
    if st.button(t("join.restart", lang)):
        st.query_params.pop("p", None)
        st.rerun()
    st.stop()

board_key = f"board_{CONDITION}"
edit_key = f"editing_{CONDITION}"
error_key = f"error_{CONDITION}"


def on_submit(payload: object) -> None:
    columns = payload.get("columns") if isinstance(payload, dict) else None
    try:
        submit_sort(store, session, token, CONDITION, columns)
    except ReviewError as exc:
        st.session_state[error_key] = exc.message(lang)
        return
    st.session_state[error_key] = None
    st.session_state[edit_key] = False


mine = own_sort(store, session, token, CONDITION)
st.caption(md_escape(session.title))

if mine and not st.session_state.get(edit_key):
    st.success(t("done.heading", lang))
    if session.is_open:
        if st.button(t("done.change", lang), key="change"):
            st.session_state[edit_key] = True
            st.rerun()
    else:
        st.info(t("done.closed", lang))
    st.write(t("done.private", lang))
    texts = session.statement_set.by_id()
    for value in reversed(session.grid.values):
        ids = [sid for sid, pos in mine.items() if pos == value]
        lines = "  \n".join(f"· {md_escape(texts[i].in_language(lang))}" for i in ids)
        st.markdown(f"**{column_label(value)}**  \n{lines}")
    state.language_switch(lang)
    st.stop()

if not session.is_open:
    st.error(ReviewError("error.session_closed").message(lang))
    st.stop()

st.subheader(t(f"sort.heading.{CONDITION}", lang))
st.markdown(t("sort.instructions", lang, top=max(session.grid.values), bottom=min(session.grid.values)))
state.language_switch(lang)
data = board_data(session, lang, f"{token}:{CONDITION}", mine, st.session_state.get(error_key))
sort_board(board_key, data, on_submit)
