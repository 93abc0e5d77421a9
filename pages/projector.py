"""Projector: read-only, large type; the join screen while waiting, then what the facilitator reveals."""

import streamlit as st

from review.errors import ReviewError
from review.i18n import t
from review.room import admission
from review.room import live as room
from ui import auth, state
from ui.screens import style
from ui.screens.guard import guarded
from ui.screens.page_language import page_language
from ui.screens.results_view import join_panel, show_view
from ui.screens.room_view import freshness_note
from ui.screens.text import error_text, html_text

st.set_page_config(page_title="REVIEW", page_icon="🪞", layout="wide")
lang = state.language()
page_language(lang)
dark = st.query_params.get("theme") == "dark"
style.apply()
style.projector(dark)
auth.require_facilitator(lang)
store = state.store()
REFRESH = "1s"  # a new sort must show within 2 s


@st.fragment(run_every=REFRESH)
@guarded
def projector(code: str) -> None:
    auth.stop_if_logged_out()
    try:
        now = room.room_state(store, code, state.settings().min_group)
    except ReviewError as exc:
        st.error(error_text(exc, lang))
        return
    session = now.session
    # one row: the count keeps the room it needs, the title takes the rest (cut with "…" only then)
    st.markdown(
        f"<div class='proj-head'><div class='proj-title'>{html_text(session.title)}</div>"
        f"<div class='proj-count' data-testid='proj-count'>"
        f"{t('proj.submitted', lang, n=now.progress.submitted, total=now.started)}</div></div>",
        unsafe_allow_html=True,
    )
    if not session.reveal or admission.over(now.phones, session):  # during a view, only when it matters
        phones_line(now)
    if not session.reveal:
        qr, words = st.columns([2, 3], gap="large", vertical_alignment="center")
        with qr:
            join_panel(session.code, lang, qr_width=520, warn=False)
        with words:
            st.markdown(f"<div class='proj-scan'>{t('fac.scan', lang)}</div>", unsafe_allow_html=True)
            st.markdown(f"<div class='proj-note'>{t('proj.waiting', lang)}</div>", unsafe_allow_html=True)
        return
    st.markdown(
        f"<div class='proj-view' data-testid='proj-view' data-view='{html_text(session.reveal)}'>"
        f"{t(f'view.{session.reveal}', lang)}</div>",
        unsafe_allow_html=True,
    )
    show_view(session, session.reveal, lang, dark, key="proj", compact=True)
    note = freshness_note(now, lang)
    if note:
        st.markdown(f"<div class='proj-fresh' data-testid='proj-fresh'>{note}</div>", unsafe_allow_html=True)
    st.markdown(f"<div class='proj-code'>{session.code}</div>", unsafe_allow_html=True)


def phones_line(now: room.RoomState) -> None:
    """The room sees how many phones take part, against the group size when stated: a second
    phone of someone in the group shows here (review.room.admission)."""
    joined, size = now.phones.joined, now.session.group_size
    words = t("proj.phones", lang, joined=joined, size=size) if size else t("proj.phones_open", lang, joined=joined)
    over = " proj-over" if admission.over(now.phones, now.session) else ""
    st.markdown(f"<div class='proj-phones{over}' data-testid='proj-phones'>{words}</div>", unsafe_allow_html=True)


code = st.query_params.get("session", "")
if not code.strip():  # opened by hand, without the address the facilitator's page gives
    st.info(t("proj.no_session", lang, button=t("fac.open_projector", lang)))  # the button's own words
    st.stop()
projector(code)
