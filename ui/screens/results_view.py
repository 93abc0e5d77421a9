"""Showing results views and the join panel; shared by the projector and the facilitator."""

from __future__ import annotations

import base64
from dataclasses import replace
from urllib.parse import urlsplit

import streamlit as st
from streamlit import net_util

from review.access.joinlink import base_url, is_loopback, join_url, link_tag, qr_png
from review.charts.preview import scaled
from review.charts.statement_figures import distribution_figure, pins_figure
from review.i18n import t
from review.room.anonymity import threshold
from review.room.summaries import by_condition
from review.store import Session
from review.views.results import build_view
from ui import state
from ui.screens.room_view import featured_view
from ui.screens.text import html_text, md_text
from ui.screens.viewpoints_view import show_viewpoints


@st.cache_data(max_entries=128, show_spinner=False)
def _view(
    session_id: str, name: str, lang: str, dark: bool, min_group: int, compact: bool, stamp: tuple, preview: bool
):
    """Views change only when a sort comes in or the session's questions change (``stamp``).
    ``preview``: the figure scaled down for the facilitator's column (:mod:`review.charts.preview`)."""
    store = state.store()
    view = build_view(store, store.session(session_id), name, lang, dark, min_group, compact=compact)
    return replace(view, figure=scaled(view.figure)) if preview and view.figure is not None else view


def show_view(
    session: Session,
    name: str,
    lang: str,
    dark: bool = False,
    key: str = "view",
    compact: bool = False,
    preview: bool = False,
) -> None:
    """One results view. ``preview``: the projector's view drawn smaller, whole, for the facilitator's
    column (type, markers and height scaled; the width follows the column)."""
    if name == "pins":
        show_pins(session, lang, dark, preview)
        return
    if name == "comments":
        featured_view(session, lang)
        return
    if name == "viewpoints":
        show_viewpoints(session, lang, dark, compact and not preview)
        return
    view = _view(session.id, name, lang, dark, state.settings().min_group, compact, state.view_stamp(session), preview)
    for notice in view.notices:  # plain sentences that may name roles: all of it shown as text
        st.info(md_text(notice))
    if view.figure is not None:
        st.plotly_chart(view.figure, theme=None, key=f"{key}_{name}", config={"displayModeBar": False})


def show_pins(session: Session, lang: str, dark: bool = False, preview: bool = False) -> None:
    """The pinned statements as large cards with their distributions; a calm message while none is pinned."""
    if not session.pins:
        st.markdown(
            f"<div class='proj-empty' data-testid='pins-empty'>{html_text(t('proj.no_pins', lang))}</div>",
            unsafe_allow_html=True,
        )
        return

    @st.cache_data(max_entries=32, show_spinner=False)
    def pins(session_id: str, lang: str, dark: bool, min_group: int, stamp: tuple, preview: bool):
        """The data, in this one place: each condition's counts, shown only from the anonymity threshold on.
        Built again only when a sort comes in or the pins change (``stamp``), not at every refresh."""
        store = state.store()
        session = store.session(session_id)
        shown, notices = _per_condition(store, session, lang, min_group)
        notices = [] if shown else notices  # the bars say which conditions are in; the projector has no room
        figure = pins_figure(session.pins, shown, session.statement_set, lang, dark)
        return notices, scaled(figure) if preview else figure

    stamp = (*state.view_stamp(session), session.pins)
    notices, fig = pins(session.id, lang, dark, state.settings().min_group, stamp, preview)
    for notice in notices:
        st.info(notice)
    st.plotly_chart(fig, theme=None, key="pins_chart", config={"displayModeBar": False})


def _per_condition(store, session: Session, lang: str, min_group: int) -> tuple[dict, list[str]]:
    """The conditions that may be shown, by chart label, and a "so far" notice for each withheld one."""
    shown, withheld = by_condition(store, session, min_group)
    several = len(session.conditions) > 1
    notices = [
        (f"{t(f'chart.{c}', lang)}: " if several else "") + t("results.too_few", lang, n=n, min=threshold(min_group))
        for c, n in withheld.items()
    ]
    return {t(f"chart.{c}", lang): summary for c, summary in shown.items()}, notices


def show_distribution(session: Session, statement_id: int, lang: str) -> None:
    """One statement's distribution per condition that has enough sorts; a notice for each that has not."""
    shown, notices = _per_condition(state.store(), session, lang, state.settings().min_group)
    for notice in notices:
        st.info(notice)
    if shown:
        fig = distribution_figure(shown, statement_id, session.statement_set, lang)
        st.plotly_chart(fig, theme=None, key=f"dist_{statement_id}", config={"displayModeBar": False})


@st.cache_data(max_entries=64, show_spinner=False)
def _qr(url: str) -> bytes:
    return qr_png(url)


def join_panel(code: str, lang: str, qr_width: int = 360, warn: bool = True) -> None:
    """The QR code (a crisp PNG with alt text), the code in large type and the URL."""
    base = base_url(state.settings().public_url, st.context.url)
    url = join_url(base, code, link_tag(state.store().secret(), code))
    # the PNG as it is (never re-encoded as JPEG), with alt text, which st.image cannot give
    png = base64.b64encode(_qr(url)).decode("ascii")
    st.html(
        f'<img class="join-qr" src="data:image/png;base64,{png}" width="{qr_width}" height="{qr_width}" '
        f'alt="{html_text(t("fac.qr_alt", lang, url=url))}">'
    )
    st.markdown(f"<div class='join-code' data-testid='join-code'>{html_text(code)}</div>", unsafe_allow_html=True)
    st.markdown(t("fac.or_code", lang, url=base))
    if warn and is_loopback(url):
        lan = net_util.get_internal_ip()  # the address Streamlit prints as "Network URL"
        port = urlsplit(url).port or 8501
        suggestion = f"http://{lan}:{port}" if lan and lan != "127.0.0.1" else f"http://<laptop>:{port}"
        st.warning(t("fac.loopback", lang, host=urlsplit(url).hostname, suggestion=suggestion))
