"""Participant page: enter or scan a code, sort the statements, submit, see it back."""

import streamlit as st

from review.content.grid import column_label
from review.errors import (
    BadSessionCode,
    InvalidToken,
    MissingSessionCode,
    ReviewError,
    SessionPaused,
    UnknownSession,
)
from review.i18n import t
from review.room import admission
from review.room import live as room
from review.room.sessions import came_by_link, find_session, join_from, participant_id
from review.store import Session
from ui import state
from ui.screens import style
from ui.screens.own_sort import own_ends_html
from ui.screens.page_language import page_language
from ui.screens.qsort import PHONE_CSS, board_data, sort_board
from ui.screens.text import error_text, md_text

st.set_page_config(page_title="REVIEW", page_icon="🪞", layout="centered")
style.apply(PHONE_CSS)
lang = state.language()
page_language(lang)
store = state.store()


def code_entry(prefill: str = "") -> None:
    st.title(t("join.heading", lang), anchor=False)
    st.write(t("join.intro", lang))
    with st.form("join"):
        code = st.text_input(t("join.code_label", lang), value=prefill, max_chars=12, key="code", placeholder="K7QX3M")
        if st.form_submit_button(t("join.button", lang), type="primary", width="stretch"):
            if not code.strip():  # nothing typed: say what a code looks like, stay on this form
                st.error(MissingSessionCode().message(lang))
                return
            st.query_params["s"] = code.strip().upper()
            st.query_params.pop("p", None)
            st.rerun()


code = st.query_params.get("s")
if not code:
    code_entry()
    state.language_switch(lang)
    st.stop()

token = st.query_params.get("p")
client = state.client(st.context.ip_address, st.context.headers.get("x-forwarded-for"))
device_cookie = st.context.cookies.get(admission.DEVICE_COOKIE)
guesses, guesser = state.code_guesses(device_cookie, client)  # this device's tries, or its address's


def back_to_code_entry(message: str) -> None:
    st.error(message)
    code_entry(code)
    st.stop()


def wait_message(seconds: int) -> str:
    return ReviewError("rate.limited", seconds=seconds).message(lang)


scanned = came_by_link(store, code, st.query_params.get("k"))  # no guess: the guessing limit leaves it alone


def refuse(exc: ReviewError) -> None:
    """No session for this code (or not an open one): one answer, counted against guessing."""
    wait = 0 if scanned else guesses.fail(guesser)
    back_to_code_entry(wait_message(wait) if wait else error_text(exc, lang))


if not token and not scanned and (wait := guesses.wait(guesser)):
    back_to_code_entry(wait_message(wait))
try:
    session = find_session(store, code)
    if token:
        participant_id(store, session, token)
    elif session.status == "closed":
        raise UnknownSession(code=code)  # a closed session answers as a code that does not exist
except (UnknownSession, BadSessionCode, InvalidToken) as exc:
    refuse(UnknownSession(code=code) if isinstance(exc, InvalidToken) else exc)


def entered(session: Session) -> str:
    """A newcomer's token once their phone is in the room. A phone beyond the group size waits
    here (the page stops) until the facilitator lets it in; only then does it get its token."""
    key = f"waiting_{session.id}"
    waiting = st.session_state.get(key)
    if waiting is not None:
        now_in = admission.is_in(store, session, waiting)
        if now_in:
            del st.session_state[key]
            return waiting
        if now_in is None:  # no such participant any more: join afresh
            del st.session_state[key]
    if st.session_state.get(key) is None:
        device = admission.device_of(store, session, device_cookie, client)
        token, now_in = join_from(store, session, device, lang, code)
        if now_in:
            return token
        st.session_state[key] = token
    waiting_room(session)
    st.stop()


def waiting_room(session: Session) -> None:
    st.title(t("join.heading", lang), anchor=False)
    st.info(t("join.waiting", lang, size=session.group_size or 0))

    @st.fragment(run_every="3s")
    def until_let_in() -> None:
        waiting = st.session_state.get(f"waiting_{session.id}")
        if waiting is None or admission.is_in(store, session, waiting) is not False:
            st.rerun()  # let in (or this place given up): the whole page goes on

    until_let_in()
    state.language_switch(lang)


me_token = token  # who came in with a token of their own (not a newcomer)
try:
    if token:
        me = room.participant_view(store, session, token, st.session_state.get("editing"))
    else:
        token = entered(session)
        st.query_params["p"] = token
        me = room.joined_view(store, session, token)
except ReviewError as exc:
    # a newcomer during a pause has no sort to keep yet: tell them when they can join instead
    st.error(t("join.paused", lang) if isinstance(exc, SessionPaused) and not me_token else error_text(exc, lang))
    if st.button(t("join.restart", lang)):
        st.query_params.pop("p", None)
        st.rerun()
    st.stop()

sorts, current = me.sorts, me.current


def submitted() -> None:
    """The board's fetch to /api/submit succeeded; show what comes next."""
    st.session_state["just_submitted"] = current
    st.session_state["editing"] = None


def page_header(heading: str | None) -> None:
    """One compact row: on a phone the board needs the screen, not the page's title."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="phone_head"):
        if heading:
            st.title(heading, anchor=False)
        st.caption(md_text(session.title))
        state.language_switch(lang)


if current is None:
    page_header(None)
    st.success(t("done.heading", lang))
    st.write(t("done.private", lang))
    texts = session.statement_set.by_id()
    comments = room.own_comments(store, me)
    for condition in session.conditions:
        if len(session.conditions) > 1:
            st.markdown(f"**{t(f'done.condition.{condition}', lang)}**")
        st.html(own_ends_html(session, sorts[condition], lang))
        if session.is_open:
            label = t("done.change", lang) if len(session.conditions) == 1 else None
            label = label or t("done.change_condition", lang, condition=t(f"done.condition.{condition}", lang))
            if st.button(label, key=f"change_{condition}"):
                st.session_state["editing"] = condition
                st.rerun()
        notes = comments.get(condition, {})
        with st.expander(t("done.show_texts", lang)):
            # one element for the whole grid (and one for the comments): each element is a message
            # the server builds and sends, and this page runs once for every phone that submits
            blocks = []
            for value in reversed(session.grid.values):
                ids = [sid for sid, pos in sorts[condition].items() if pos == value]
                lines = "  \n".join(f"• {md_text(texts[i].in_language(lang))}" for i in ids)
                blocks.append(f"**{column_label(value)}**  \n{lines}")
            st.markdown("\n\n".join(blocks))
            if notes:
                said = (f"*{md_text(texts[sid].in_language(lang))}*  \n{md_text(note)}" for sid, note in notes.items())
                st.markdown("\n\n".join([f"**{t('done.comments', lang)}**", *said]))
    if session.status == "closed":
        st.info(t("done.closed", lang))
    st.stop()

if session.status == "closed":
    st.error(ReviewError("error.session_closed").message(lang))
    st.stop()
page_header(t(f"sort.heading.{current}", lang))
if session.status == "paused":  # sorting goes on; submitting waits until the facilitator resumes
    st.info(t("sort.paused", lang))
if st.session_state.get("just_submitted") == "observed" and current == "desired":
    st.success(t("sort.next_desired", lang))
if me.starts_from:
    st.markdown(t("sort.instructions.desired", lang))
data = board_data(
    session,
    lang,
    token,
    current,
    initial=me.initial,
    server_draft=me.draft,
    role=me.role,
    baseline=me.baseline,
    base=me.base,
)
sort_board(f"board_{current}", data, submitted)
