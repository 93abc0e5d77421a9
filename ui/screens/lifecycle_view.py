"""Archive, restore and delete controls for sessions and trajectories, and the archive list.

The pages place these; the rules (what archiving closes, what a delete removes, the typed
confirmation) live in :mod:`review.room.lifecycle`.
"""

from __future__ import annotations

import streamlit as st

from review.errors import ReviewError
from review.i18n import t
from review.room.lifecycle import (
    archive_session,
    archive_trajectory,
    delete_session,
    delete_trajectory,
    footprint,
    restore_session,
    restore_trajectory,
    trajectory_footprint,
)
from review.room.lifecycle import (
    archived_sessions as archived_list,
)
from review.store import Session
from review.store.trajectories import Trajectory
from ui import state
from ui.screens.text import error_text, md_message


def _date(when) -> str:
    return f"{when:%Y-%m-%d}" if when else ""


def _archive_toggle(item: Session | Trajectory, kind: str, archive, restore, lang: str) -> None:
    """Archive, or restore when archived, with one line on what that means (``kind``: "" for a
    session, "_trajectory" for a trajectory)."""
    store = state.store()
    if item.archived:
        st.caption(t(f"lifecycle.restore{kind}_help", lang, date=_date(item.archived_at)))
        if st.button(t("lifecycle.restore", lang), key=f"lc_restore{kind}_{item.id}"):
            restore(store, item)
            st.rerun()
    else:
        st.caption(t(f"lifecycle.archive{kind}_help", lang))
        if st.button(t("lifecycle.archive", lang), key=f"lc_archive{kind}_{item.id}"):
            archive(store, item)
            st.rerun()


def _delete_button(key: str, delete, param: str, lang: str) -> None:
    """The delete button: a refused confirmation says why and deletes nothing."""
    if st.button(t("lifecycle.delete", lang), key=key, type="primary"):
        try:
            delete()
        except ReviewError as exc:
            st.error(error_text(exc, lang))
        else:
            st.toast(t("lifecycle.deleted", lang))
            st.query_params.pop(param, None)
            st.rerun()


def session_lifecycle(session: Session, lang: str) -> None:
    """Archive or restore the session, and a delete control that names what goes and asks for the
    session code."""
    store = state.store()
    _archive_toggle(session, "", archive_session, restore_session, lang)
    with st.expander(t("lifecycle.delete", lang)):
        gone = footprint(store, session)
        st.warning(t("lifecycle.delete_session_what", lang, **vars(gone)))
        typed = st.text_input(t("lifecycle.type_code", lang, code=session.code), key=f"lc_code_{session.id}")
        _delete_button(f"lc_delete_{session.id}", lambda: delete_session(store, session, typed), "session", lang)


def trajectory_lifecycle(trajectory: Trajectory, lang: str) -> None:
    """The same for a trajectory: archiving takes its sessions along; deleting may keep them."""
    store = state.store()
    _archive_toggle(trajectory, "_trajectory", archive_trajectory, restore_trajectory, lang)
    with st.expander(t("lifecycle.delete", lang)):
        with_sessions = st.checkbox(t("lifecycle.with_sessions", lang), value=False, key=f"lc_with_{trajectory.id}")
        if with_sessions:
            n, gone = trajectory_footprint(store, trajectory)
            st.warning(t("lifecycle.delete_trajectory_what", lang, sessions=n, **vars(gone)))
        else:
            st.warning(t("lifecycle.keep_sessions_note", lang))
        typed = st.text_input(
            md_message("lifecycle.type_title", lang, title=trajectory.title), key=f"lc_title_{trajectory.id}"
        )
        _delete_button(
            f"lc_delete_t_{trajectory.id}",
            lambda: delete_trajectory(store, trajectory, typed, with_sessions),
            "t",
            lang,
        )


def archived_sessions(lang: str) -> None:
    """The archive: each archived session with an open and a restore button, or a line saying there are none."""
    store = state.store()
    sessions = archived_list(store)
    if not sessions:
        st.info(t("lifecycle.archived_empty", lang))
        return
    for s in sessions:
        a, o, b = st.columns([4, 1, 1], vertical_alignment="center")
        a.markdown(md_message("lifecycle.archived_row", lang, title=s.title, code=s.code, date=_date(s.archived_at)))
        if o.button(t("fac.open_session", lang), key=f"lc_open_{s.id}"):  # results stay readable: open it as is
            st.query_params["session"] = s.code
            st.rerun()
        if b.button(t("lifecycle.restore", lang), key=f"lc_unarchive_{s.id}"):
            restore_session(store, s)
            st.rerun()
