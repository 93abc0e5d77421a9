"""Facilitator: create sessions; run one (status, code, rounds, reveal); look closer at statements."""

import streamlit as st

from review.content.grid import available_grids
from review.content.text import TITLE_LIMIT
from review.errors import ReviewError
from review.i18n import t
from review.library import statement_sets as library
from review.room import admission
from review.room import live as room
from review.room.demo import create_demo_session
from review.room.sessions import (
    COVER_LIMIT,
    ROLES_TEXT_LIMIT,
    change_questions,
    conditions_asked,
    next_statuses,
    parse_roles,
    replace_code,
    set_cover,
    set_status,
    toggle_pin,
)
from review.store import Session
from review.trajectories.trajectory import trajectory_of
from ui import auth, state
from ui.screens import style
from ui.screens.analysis_view import analysis_panel
from ui.screens.data_tools import export_links, import_form
from ui.screens.guard import guarded
from ui.screens.lifecycle_view import archived_sessions, session_lifecycle
from ui.screens.page_language import page_language
from ui.screens.report_links import report_links
from ui.screens.results_view import join_panel, show_distribution, show_view
from ui.screens.room_view import comments_panel, freshness_note, participant_list
from ui.screens.story_view import story_button
from ui.screens.text import error_text, md_message, md_text

st.set_page_config(page_title="REVIEW · facilitator", page_icon="🪞", layout="wide")
style.apply()
lang = state.language()
page_language(lang)
auth.require_facilitator(lang)
store = state.store()
REFRESH = "1s"  # counts and results keep up with the phones without reloading the page


def open_session(code: str) -> None:
    st.query_params["session"] = code
    st.rerun()


def session_list() -> None:
    st.title(t("fac.heading", lang))
    new, existing = st.columns([2, 3], gap="large")
    with new, st.form("new_session"):
        st.header(t("fac.new", lang), anchor=False)
        title = st.text_input(t("fac.title", lang), value=t("fac.title_default", lang), max_chars=TITLE_LIMIT)
        sets = library.choices(store)  # the library's sets (latest versions), then the shipped ones
        chosen_set = st.selectbox(
            t("fac.set", lang),
            sets,
            format_func=lambda c: f"{c.statement_set.name.get(lang) or c.statement_set.id} ({c.grid.size})",
            key="new_set",
        )
        grids = [None, *available_grids()]  # None: the set's own grid
        chosen_grid = st.selectbox(
            t("fac.grid", lang),
            grids,
            format_func=lambda g: t("fac.set_own_grid", lang) if g is None else f"{g.name.get(lang, g.id)} ({g.size})",
        )
        desired = st.checkbox(t("fac.desired", lang), value=False)
        # a text area: Enter starts a new line instead of submitting the form half-filled
        roles = st.text_area(
            t("fac.roles", lang), help=t("fac.roles_lines", lang), max_chars=ROLES_TEXT_LIMIT, height=90
        )
        comments = st.checkbox(t("fac.comments", lang), value=True)
        size = group_size_input(None)
        if st.form_submit_button(t("fac.create", lang), type="primary"):
            conditions = conditions_asked(desired)
            try:
                session = library.session_from_choice(
                    store,
                    title,
                    chosen_set,
                    chosen_grid,
                    conditions=conditions,
                    roles=parse_roles(roles),
                    ask_comments=comments,
                )
                admission.set_group_size(store, session, size)
            except ReviewError as exc:
                st.error(error_text(exc, lang))
            else:
                open_session(session.code)
    with new:
        st.page_link("pages/library.py", label=t("library.link", lang), icon=":material/list_alt:")
        st.page_link("pages/trajectories.py", label=t("fac.trajectories_link", lang), icon=":material/timeline:")
    with new, st.expander(t("data.import_heading", lang)):
        import_form(lang)
    with new, st.expander(t("fac.logout_all", lang)):
        auth.logout_all_control(lang)
    with existing:
        sessions = room.sessions(store)
        if not sessions:
            st.info(t("fac.none", lang))
            if st.button(t("fac.demo", lang), key="demo"):
                open_session(create_demo_session(store, title=t("fac.demo_title", lang)).code)
        for s in sessions:
            a, b, c = st.columns([4, 2, 1], vertical_alignment="center")
            a.markdown(f"**{md_text(s.title)}**  \n`{s.code}` · {s.created_at:%Y-%m-%d %H:%M}")
            b.write(t(f"fac.status.{s.status}", lang))
            if c.button(t("fac.open_session", lang), key=f"open_{s.code}"):
                open_session(s.code)
        with st.expander(t("fac.archived", lang)):
            archived_sessions(lang)


def _confirmed(container, label: str, what: str, confirm: str, key: str) -> bool:
    """A room-changing action behind one question: the button opens a popover that says what will
    happen to the phones, and only its confirm button acts."""
    with container.popover(label, width="stretch"):
        st.write(what)
        return st.button(confirm, key=key, type="primary")


def change_status(session: Session, status: str) -> None:
    try:
        set_status(store, session, status)
    except ReviewError as exc:  # another tab changed the status meanwhile
        st.error(error_text(exc, lang))
    else:
        st.rerun()


def controls(session: Session) -> None:
    """Status, code and rounds, two to a row so that every label shows whole on a laptop. Pausing
    is undone by resuming; what the phones cannot undo asks first and says what it does to them.
    The status buttons are the changes review.room.sessions.TRANSITIONS allows from the session's status."""
    a, b = st.columns(2)
    c, d = st.columns(2)
    now, allowed = session.status, next_statuses(session.status)
    if "paused" in allowed and a.button(
        t("fac.pause", lang), width="stretch", help=t("fac.pause_help", lang), key="pause"
    ):
        change_status(session, "paused")
    if (
        now == "paused"
        and "open" in allowed
        and a.button(t("fac.resume", lang), width="stretch", type="primary", key="resume")
    ):
        change_status(session, "open")
    if "closed" in allowed and _confirmed(
        b, t("fac.close", lang), t("fac.close_help", lang), t("fac.close_confirm", lang), "close"
    ):
        change_status(session, "closed")
    if now == "closed" and "open" in allowed and b.button(t("fac.reopen", lang), width="stretch", key="reopen"):
        change_status(session, "open")
    if _confirmed(
        c, t("fac.new_code", lang), t("fac.new_code_help", lang), t("fac.new_code_confirm", lang), "confirm_code"
    ):
        open_session(replace_code(store, session))
    if _confirmed(
        d,
        t("fac.new_round", lang),
        t("fac.new_round_help", lang, round=session.current_round + 1),
        t("fac.new_round_confirm", lang),
        "confirm_round",
    ):
        room.new_round(store, session)
        st.rerun()
    st.link_button(t("fac.open_projector", lang), f"projector?session={session.code}&lang={lang}", width="stretch")
    st.link_button(
        t("disc.open", lang),
        f"discussion?session={session.code}&lang={lang}",
        width="stretch",
        icon=":material/forum:",
    )


def group_size_input(current: int | None) -> int:
    return st.number_input(
        t("fac.group_size", lang),
        min_value=0,
        max_value=admission.MAX_GROUP,
        value=current or 0,
        step=1,
        help=t("fac.group_size_help", lang),
    )


def group_size(session: Session) -> None:
    """The group size, changeable during the session: phones beyond it wait to be let in."""
    with st.form("group_size"):
        size = group_size_input(session.group_size)
        if st.form_submit_button(t("fac.save", lang)):
            try:
                saved = admission.set_group_size(store, session, size)
            except ReviewError as exc:
                st.error(error_text(exc, lang))
            else:
                st.toast(t("fac.group_size_saved", lang, size=saved) if saved else t("fac.group_size_open", lang))
                st.rerun()


def room_phones(now: room.RoomState) -> None:
    """How many phones are in against the group size; phones waiting to be let in, and the button."""
    session, phones = now.session, now.phones
    if session.group_size:
        st.caption(t("fac.phones", lang, joined=phones.joined, size=session.group_size))
    else:
        st.caption(t("fac.phones_open", lang, joined=phones.joined))
    if admission.over(phones, session):
        st.warning(t("fac.phones_over", lang, joined=phones.joined, size=session.group_size))
    if phones.waiting:
        st.warning(t("fac.waiting_phones", lang, n=phones.waiting))
        if _confirmed(st, t("fac.admit", lang), t("fac.admit_help", lang), t("fac.admit_confirm", lang), "admit"):
            admission.admit_waiting(store, session)
            st.rerun()


def _reveal_tapped(session: Session, key: str, synced: str) -> None:
    chosen = st.session_state[key]
    if chosen is None:  # the shown step tapped again: it stays shown
        st.session_state[key] = st.session_state.get(synced, "")
        return
    room.reveal(store, session, chosen)
    st.session_state[synced] = chosen


def reveal(session: Session) -> None:
    """What the projector shows: nothing yet, or one view at a time. All steps on one row that wraps."""
    views = room.available_views(session)
    options = ["", *views]
    current = session.reveal if session.reveal in options else ""
    # One widget for the whole session (a key that changed with the view rebuilt the row after every
    # step, and a tap during the rebuild was lost). A tap is stored by its callback, before the page
    # runs: a step shown elsewhere (the "next" button, another tab) is followed below, and must not
    # overwrite a tap that came while the page was still catching up with the previous one.
    key, synced = f"reveal_{session.id}", f"reveal_{session.id}_synced"
    if st.session_state.get(synced) != current:
        st.session_state[key] = current
        st.session_state[synced] = current
    st.pills(
        t("fac.reveal", lang),
        options,
        format_func=lambda v: t(f"view.{v}" if v else "view.hidden", lang),
        key=key,
        on_change=_reveal_tapped,
        args=(session, key, synced),
    )
    following = room.next_view(session)
    if st.button(t("fac.reveal_next", lang, view=t(f"view.{following}", lang)), type="primary"):
        room.reveal(store, session, following)
        st.rerun()


@st.fragment(run_every=REFRESH)
@guarded
def live(code: str) -> None:
    auth.stop_if_logged_out()
    now = room.room_state(store, code, state.settings().min_group)
    session = now.session
    a, b, c, d = st.columns(4)
    a.metric(t("fac.joined", lang), now.progress.joined, help=t("fac.joined_help", lang))
    room_phones(now)
    b.metric(t("fac.sorting_now", lang), now.sorting_now, help=t("fac.started_help", lang))
    c.metric(t("fac.submitted", lang), now.progress.submitted, help=t("fac.submitted_help", lang))
    d.metric(t("fac.round", lang), session.current_round)
    with st.expander(t("fac.participants", lang)):
        participant_list(session, lang)
    preview = session.reveal or "heatmap"
    st.header(t(f"view.{preview}", lang), anchor=False)
    note = freshness_note(now, lang)
    if note:
        st.caption(note)
    with st.container(key="projector_preview"):  # what the projector shows, in this page's theme
        show_view(session, preview, lang, style.dark_theme(), key="fac", compact=True, preview=True)


def statement_tools(session: Session) -> None:
    """Look at one statement's full distribution; pin statements for the discussion."""
    texts = session.statement_set.by_id()
    sid = st.selectbox(
        t("fac.statement", lang),
        session.statement_set.ids,
        format_func=lambda i: texts[i].in_language(lang),
        key="statement_pick",
    )
    show_distribution(session, sid, lang)
    pinned = sid in session.pins
    if st.button(t("fac.unpin" if pinned else "fac.pin", lang), key=f"pin_{sid}"):
        toggle_pin(store, session, sid)
        st.rerun()
    if session.pins:
        st.caption(t("fac.pinned", lang))
        st.text("\n".join(f"· {texts[p].in_language(lang)}" for p in session.pins))


def questions(session: Session) -> None:
    with st.form("questions"):
        desired = st.checkbox(t("fac.desired", lang), value="desired" in session.conditions)
        roles = st.text_area(
            t("fac.roles", lang), value="\n".join(session.roles), max_chars=ROLES_TEXT_LIMIT, height=90
        )
        if st.form_submit_button(t("fac.save", lang)):
            try:
                change_questions(store, session, conditions_asked(desired), roles)
            except ReviewError as exc:
                st.error(error_text(exc, lang))
            else:
                st.rerun()


def cover(session: Session) -> None:
    """Organisation and facilitator for the report's cover; a trajectory's session takes them from it."""
    trajectory = trajectory_of(store, session)
    if trajectory is not None:
        st.caption(md_message("fac.cover_from_trajectory", lang, title=trajectory.title))
        st.page_link(
            "pages/trajectories.py",
            label=t("fac.open_trajectory", lang),
            query_params={"t": trajectory.id},
            icon=":material/timeline:",
        )
        return
    with st.form("cover"):
        st.markdown(f"**{t('fac.cover', lang)}**")
        organisation = st.text_input(t("fac.organisation", lang), value=session.organisation, max_chars=COVER_LIMIT)
        facilitator = st.text_input(t("fac.facilitator_name", lang), value=session.facilitator, max_chars=COVER_LIMIT)
        if st.form_submit_button(t("fac.save", lang)):
            try:
                set_cover(store, session, organisation, facilitator)
            except ReviewError as exc:
                st.error(error_text(exc, lang))
            else:
                st.toast(t("fac.cover_saved", lang))


def session_view(code: str) -> None:
    try:
        session = room.find_session(store, code)
    except ReviewError as exc:
        st.error(error_text(exc, lang))
        st.query_params.pop("session", None)
        return
    if st.button(t("fac.back", lang), type="tertiary"):
        st.query_params.pop("session", None)
        st.rerun()
    st.title(md_text(session.title), anchor=False)
    status = t(f"fac.status.{session.status}", lang)
    st.caption(
        f"{status} · {t('fac.archived_on', lang, date=f'{session.archived_at:%Y-%m-%d}')}"
        if session.archived
        else status
    )
    reveal(session)
    left, right = st.columns([1, 2], gap="large")
    with left:
        join_panel(session.code, lang, qr_width=260)
        controls(session)
        group_size(session)
        with st.expander(t("fac.questions", lang)):
            questions(session)
        with st.expander(t("report.heading_session", lang)):
            story_button(session, lang)
            report_links(session, lang)
            cover(session)
        with st.expander(t("data.export", lang)):
            export_links(session, lang)
        with st.expander(t("lifecycle.heading", lang)):
            session_lifecycle(session, lang)
    with right:
        live(session.code)
        with st.expander(t("comments.heading", lang)):
            comments_panel(session, lang)
        with st.expander(t("fac.statement_tools", lang)):
            statement_tools(session)
        with st.expander(t("q.heading", lang)):
            analysis_panel(session, lang)


selected = st.query_params.get("session")
if selected:
    session_view(selected)
else:
    session_list()
state.language_switch(lang)
