"""Showing results views and the join panel; shared by the projector and the facilitator."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import streamlit as st
from streamlit import net_util

from review.anonymity import may_show, threshold
from review.charts import distribution_figure
from review.i18n import t
from review.joinlink import base_url, is_loopback, join_url, qr_png
from review.results import build_view, condition_summary
from review.store import Session
from ui import state
from ui.text import html_text, md_text


@st.cache_data(max_entries=128, show_spinner=False)
def _view(session_id: str, name: str, lang: str, dark: bool, min_group: int, compact: bool, stamp: tuple):
    """Views change only when a sort comes in or the session's questions change (``stamp``)."""
    store = state.store()
    return build_view(store, store.session(session_id), name, lang, dark, min_group, compact=compact)


def stamp(session: Session) -> tuple:
    """What the views depend on: the published copy, the round and the questions."""
    return (state.store().view_stamp(session.id), session.current_round, session.conditions, session.roles)


def show_view(
    session: Session, name: str, lang: str, dark: bool = False, key: str = "view", compact: bool = False
) -> None:
    if name == "pins":
        show_pins(session, lang)
        return
    if name == "comments":
        from ui.room_view import featured_view  # room_view builds on this module

        featured_view(session, lang)
        return
    if name == "viewpoints":
        from ui.viewpoints_view import show_viewpoints  # builds on this module too

        show_viewpoints(session, lang, dark, compact)
        return
    view = _view(session.id, name, lang, dark, state.settings().min_group, compact, stamp(session))
    for notice in view.notices:  # plain sentences that may name roles: all of it shown as text
        st.info(md_text(notice))
    if view.figure is not None:
        st.plotly_chart(view.figure, theme=None, key=f"{key}_{name}", config={"displayModeBar": False})


def show_pins(session: Session, lang: str) -> None:
    """The pinned statements as large cards with their distributions; a calm message while none is pinned."""
    from review.charts import pins_figure  # only this view draws pins

    if not session.pins:
        st.markdown(
            f"<div class='proj-empty' data-testid='pins-empty'>{html_text(t('proj.no_pins', lang))}</div>",
            unsafe_allow_html=True,
        )
        return

    @st.cache_data(max_entries=32, show_spinner=False)
    def pins(session_id: str, lang: str, dark: bool, min_group: int, stamp: tuple):
        """The data, in this one place: each condition's counts, shown only from the anonymity threshold on.
        Built again only when a sort comes in or the pins change (``stamp``), not at every refresh."""
        store = state.store()
        session = store.session(session_id)
        summaries = {c: condition_summary(store, session, c) for c in session.conditions}
        shown = {t(f"chart.{c}", lang): s for c, s in summaries.items() if s.n_sorts >= min_group}
        fewest = min(s.n_sorts for s in summaries.values())
        notice = None if shown else t("results.too_few", lang, n=fewest, min=min_group)
        return notice, pins_figure(session.pins, shown, session.statement_set, lang, dark)

    dark = st.query_params.get("theme") == "dark"  # the projector's dark room
    notice, fig = pins(session.id, lang, dark, state.settings().min_group, (*stamp(session), session.pins))
    if notice:
        st.info(notice)
    st.plotly_chart(fig, theme=None, key="pins_chart", config={"displayModeBar": False})


def show_distribution(session: Session, statement_id: int, lang: str) -> None:
    store = state.store()
    summaries = {t(f"chart.{c}", lang): condition_summary(store, session, c) for c in session.conditions}
    fewest = min(s.n_sorts for s in summaries.values())
    if not may_show(fewest, state.settings().min_group):
        st.info(t("results.too_few", lang, n=fewest, min=threshold(state.settings().min_group)))
        return
    fig = distribution_figure(summaries, statement_id, session.statement_set, lang)
    st.plotly_chart(fig, theme=None, key=f"dist_{statement_id}", config={"displayModeBar": False})


@st.cache_data(max_entries=64, show_spinner=False)
def _qr(url: str) -> bytes:
    return qr_png(url)


def join_panel(code: str, lang: str, qr_width: int = 360, warn: bool = True) -> None:
    """The QR code (a PNG, never re-encoded as JPEG), the code in large type and the URL."""
    base = base_url(state.settings().public_url, st.context.url)
    url = join_url(base, code)
    st.image(_qr(url), width=qr_width, output_format="PNG")
    st.markdown(f"<div class='join-code' data-testid='join-code'>{html_text(code)}</div>", unsafe_allow_html=True)
    st.markdown(t("fac.or_code", lang, url=base))
    if warn and is_loopback(url):
        lan = net_util.get_internal_ip()  # the address Streamlit prints as "Network URL"
        port = urlsplit(url).port or 8501
        suggestion = f"http://{lan}:{port}" if lan and lan != "127.0.0.1" else f"http://<laptop>:{port}"
        st.warning(t("fac.loopback", lang, host=urlsplit(url).hostname, suggestion=suggestion))


def anonymous_name(participant_id: str) -> str:
    """A stable, meaningless label for a participant: never their sort, never their name."""
    return "#" + hashlib.sha256(participant_id.encode()).hexdigest()[:6]
