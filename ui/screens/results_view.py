"""Showing results views and the join panel; shared by the projector and the facilitator."""

from __future__ import annotations

import base64
from dataclasses import replace
from urllib.parse import urlsplit

import streamlit as st
from streamlit import net_util

from review.access.joinlink import base_url, is_loopback, join_url, link_tag, qr_png
from review.charts.preview import scaled
from review.charts.statement_figures import distribution_figure
from review.i18n import t
from review.room.live import featured_keys
from review.store import Session
from review.views.results import WORDS, View, build_view, per_condition
from ui import state
from ui.screens.text import html_text, md_text
from ui.screens.viewpoints_view import viewpoints_html


@st.cache_data(max_entries=128, show_spinner=False)
def _view(
    session_id: str, name: str, lang: str, dark: bool, min_group: int, compact: bool, stamp: tuple, preview: bool
) -> View:
    """Views change only when a sort comes in or what the facilitator chose changes (``stamp``).
    ``preview``: the figure scaled down for the facilitator's column (:mod:`review.charts.preview`)."""
    store = state.store()
    view = build_view(store, store.session(session_id), name, lang, dark, min_group, compact=compact)
    return replace(view, figure=scaled(view.figure)) if preview and view.figure is not None else view


def _stamp(session: Session, name: str) -> tuple:
    """What a view depends on besides the published copy: the pins, the analysis chosen and the names
    its viewpoints were given, and for the comments which ones the facilitator ticked (a tick changes
    no sort, so it needs a read of its own)."""
    chosen = tuple(sorted(featured_keys(state.store(), session))) if name == "comments" else ()
    return (*state.view_stamp(session), session.pins, session.analysis, session.viewpoint_words, chosen)


def show_view(
    session: Session,
    name: str,
    lang: str,
    dark: bool = False,
    key: str = "view",
    compact: bool = False,
    preview: bool = False,
) -> None:
    """One results view, as review.views.results builds it. ``preview``: the projector's view drawn
    smaller, whole, for the facilitator's column (type, markers and height scaled; the width follows
    the column)."""
    drawn = name not in WORDS  # the views in words are the same in every theme and size: built once
    min_group, stamp = state.settings().min_group, _stamp(session, name)
    view = _view(session.id, name, lang, dark and drawn, min_group, compact and drawn, stamp, preview and drawn)
    if view.empty:
        st.markdown(
            f"<div class='proj-empty' data-testid='{name}-empty'>{html_text(view.empty)}</div>", unsafe_allow_html=True
        )
        return
    for notice in view.notices:  # plain sentences that may name roles: all of it shown as text
        st.info(md_text(notice))
    for message in view.messages:
        st.info(message)
    if view.cards:
        st.html(
            "".join(
                f"<div class='pin-card'><div class='quote'>“{html_text(card.quote)}”</div>"
                f"<div class='about'>{html_text(card.about)}</div></div>"
                for card in view.cards
            )
        )
    if view.viewpoints is not None:
        st.html(viewpoints_html(view.viewpoints, session, lang, dark, compact and not preview))
    if view.figure is not None:
        st.plotly_chart(view.figure, theme=None, key=f"{key}_{name}", config={"displayModeBar": False})


def show_distribution(session: Session, statement_id: int, lang: str) -> None:
    """One statement's distribution per condition that has enough sorts; a notice for each that has not."""
    shown, notices = per_condition(state.store(), session, lang, state.settings().min_group)
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
