"""The facilitator's gate for pages: a signed cookie set by /api/login."""

from __future__ import annotations

import streamlit as st

from review.access import COOKIE, cookie_ok
from review.i18n import t
from ui import state


def configured_password() -> str | None:
    """From the environment, else ``facilitator_password`` in Streamlit secrets."""
    if state.settings().facilitator_password:
        return state.settings().facilitator_password
    try:
        return st.secrets.get("facilitator_password") or None
    except FileNotFoundError:  # no secrets.toml: fine
        return None


def is_facilitator() -> bool:
    return cookie_ok(state.store().secret(), st.context.cookies.get(COOKIE))


def require_facilitator(lang: str) -> None:
    """Stop the page for anyone without the facilitator's cookie, saying how to log in."""
    if is_facilitator():
        return
    st.header(t("auth.heading", lang))
    if configured_password():
        st.write(t("auth.password", lang))
        st.link_button(t("auth.login", lang), "api/login", type="primary")
    else:  # no form to go to: the way in is the link printed at start-up
        st.write(t("auth.key", lang))
        st.caption(t("auth.key_how", lang))
    st.stop()
