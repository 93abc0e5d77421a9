"""The facilitator's discussion view: starting points from the data, each with a reflective question
and note fields that save as typed; then the session's own notes and next steps; the question editor."""

from __future__ import annotations

import streamlit as st

from review.analysis.viewpoints import RoomViewpoint
from review.errors import ReviewError
from review.i18n import t
from review.library.questions import QuestionSet, load_questions
from review.numbers import number
from review.room.live import end_of
from review.room.sessions import find_session
from review.store import Session
from review.store.trajectories import NOTE_KINDS, SESSION_POINT
from review.trajectories import agreements
from review.views.discussion import Figure, StartingPoint, notes_of, plan, session_questions
from ui import state
from ui.screens.agreements_view import agreements_block, carried_block
from ui.screens.notes import note_field
from ui.screens.questions_view import questions_editor
from ui.screens.text import error_text, md_message, md_text


def discussion_page(code: str | None, lang: str) -> None:
    if not code:
        st.title(t("disc.title", lang), anchor=False)
        st.info(t("disc.no_session", lang))
        st.link_button(t("fac.back", lang), f"facilitator?lang={lang}", type="tertiary")
        return
    store = state.store()
    try:
        session = find_session(store, code)
    except ReviewError as exc:
        st.error(error_text(exc, lang))
        st.link_button(t("fac.back", lang), f"facilitator?lang={lang}", type="tertiary")
        return
    st.link_button(t("disc.back", lang), f"facilitator?session={session.code}&lang={lang}", type="tertiary")
    st.title(t("disc.title", lang), anchor=False)
    st.markdown(f"**{md_text(session.title)}** · `{session.code}`")
    st.write(t("disc.intro", lang))
    questions = load_questions(store)
    found = plan(store, session, state.settings().min_group, questions)
    top = st.columns([3, 1], vertical_alignment="center")
    if found.points:
        top[0].caption(t("disc.sorts", lang, n=found.n_sorts))
    top[1].button(t("disc.refresh", lang), key="disc_refresh", help=t("disc.refresh_help", lang), width="stretch")
    for key, params in found.notes:
        st.info(md_message(key, lang, **params))
    notes = notes_of(store, session)
    made, carried = agreements.of_meeting(store, session)  # one read for both blocks
    carried_block(session, carried, lang)
    if found.viewpoints:
        viewpoints_block(session, found.viewpoints, lang)
    for point in found.points:
        point_card(session, point, notes, lang)
    session_block(session, notes, questions, lang)
    agreements_block(session, made, lang)
    with st.expander(t("disc.questions", lang)):
        questions_editor(questions, lang)


def figure_text(figure: Figure, lang: str) -> str:
    value = number(figure.value, lang, signed=figure.name != "sd")
    viewpoint = f"{figure.viewpoint} ({figure.called})" if figure.called else figure.viewpoint
    return t(f"disc.fig.{figure.name}", lang, value=value, viewpoint=viewpoint)


def viewpoints_block(session: Session, views: list[RoomViewpoint], lang: str) -> None:
    """The room's viewpoints in words: each one's name (if the facilitator gave one) and paragraph."""
    texts = {sid: s.in_language(lang) for sid, s in session.statement_set.by_id().items()}
    with st.container(border=True, key="disc_viewpoints"):
        st.caption(t("view.viewpoints", lang).upper())
        for view in views:
            st.markdown(
                f"**{md_text(view.title(lang))}** · {md_text(t('vp.shared', lang, n=view.shared_by))}  \n"
                f"{md_text(view.text(texts, lang))}"
            )


def point_card(session: Session, point: StartingPoint, notes: dict[tuple[str, str], str], lang: str) -> None:
    with st.container(border=True, key=f"point_{point.kind}_{point.statement_id}"):
        st.caption(t(f"questions.kind.{point.kind}", lang).upper())
        st.markdown(f"## {md_text(point.text(lang))}")
        st.caption(" · ".join(figure_text(f, lang) for f in point.figures))
        if point.comments:
            st.markdown(f"**{t('disc.comments', lang)}**")
            for c in point.comments:
                end = t(f"comments.end.{end_of(session, c.position)}", lang)
                where = f"{t(f'done.condition.{c.condition}', lang)} · {end}"
                quote = md_text(c.text).replace("  \n", "  \n> ")
                st.markdown(f"> “{quote}”  \n> *{md_text(where)}*")
        st.info(f"**{t('disc.question', lang)}:** {md_text(point.question.in_language(lang))}", icon=":material/forum:")
        for column, kind in zip(st.columns(2), NOTE_KINDS, strict=True):
            with column:
                note_field(session.code, point.key, kind, notes.get((point.key, kind), ""), lang)


def session_block(session: Session, notes: dict[tuple[str, str], str], questions: QuestionSet, lang: str) -> None:
    st.header(t("disc.session", lang), anchor=False)
    prompts = session_questions(questions, session)
    if prompts:
        st.markdown(
            t("disc.session_intro", lang) + "\n\n" + "\n".join(f"- {md_text(q.in_language(lang))}" for q in prompts)
        )
    for column, kind in zip(st.columns(2), NOTE_KINDS, strict=True):
        with column:
            note_field(session.code, SESSION_POINT, kind, notes.get((SESSION_POINT, kind), ""), lang)
