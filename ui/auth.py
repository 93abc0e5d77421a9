"""The facilitator's gate for pages: a signed cookie set by /api/login."""

from __future__ import annotations

import streamlit as st

from review.access.login import COOKIE, cookie_ok, cookie_secret, new_login_epoch, start_login_epoch
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
    return cookie_ok(cookie_secret(state.store()), st.context.cookies.get(COOKIE))


def stop_if_logged_out() -> None:
    """For a page part that redraws itself every second: once the cookie stops working ("Log
    everyone out", a restart), the whole page runs again and asks to log in, instead of streaming on."""
    if not is_facilitator():
        st.rerun()


def new_epoch(port: int, starting: bool = False) -> str:
    """Log everyone out (on the facilitator's request, and at start-up: ``starting``, see
    :func:`review.access.login.start_login_epoch`): every facilitator cookie and any earlier key stop
    working. Returns how to log in now, for the terminal."""
    store, password = state.store(), bool(configured_password())
    if starting:
        key = start_login_epoch(store, password, shared=store.shared)
    else:
        key = new_login_epoch(store, password_configured=password)
    if password:
        return f"http://localhost:{port}/facilitator  (log in with the facilitator password)"
    return f"http://localhost:{port}/api/login?key={key}"


def require_facilitator(lang: str) -> None:
    """Stop the page for anyone without the facilitator's cookie, saying how to log in."""
    if is_facilitator():
        return
    st.title(t("auth.heading", lang), anchor=False)
    if configured_password():
        st.write(t("auth.password", lang))
        st.link_button(t("auth.login", lang), "api/login", type="primary")
    else:  # no form to go to: the way in is the link printed at start-up
        st.write(t("auth.key", lang))
        st.caption(t("auth.key_how", lang))
    st.stop()


def logout_all_control(lang: str) -> None:
    """ "Log everyone out": a new cookie secret (and key); the new login link goes to the terminal."""
    st.caption(t("fac.logout_all_help", lang))
    if st.button(t("fac.logout_all_confirm", lang), key="logout_all"):
        login = new_epoch(st.get_option("server.port"))
        print(f"\n  Everyone was logged out. Facilitator: {login}\n", flush=True)
        st.rerun()
