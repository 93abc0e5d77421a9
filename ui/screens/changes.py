"""A change the facilitator asked for, from a form or a button: one way to try it and say how it went."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from review.errors import ReviewError
from review.i18n import t
from ui.screens.text import error_text


def apply(change: Callable[[], object], lang: str, done: str = "") -> None:
    """Make ``change``. A rule it breaks shows as a calm error, and the form keeps what was typed;
    otherwise the message ``done`` (a key) shows as a toast and the page runs again to show the change."""
    try:
        change()
    except ReviewError as exc:
        st.error(error_text(exc, lang))
        return
    if done:
        st.toast(t(done, lang))
    st.rerun()
