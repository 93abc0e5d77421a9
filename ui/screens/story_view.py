"""The report's first page as the facilitator reads and rewrites it before downloading: a dialog,
so the story is made only when asked for (it reads every part of the report)."""

from __future__ import annotations

import streamlit as st

from review.i18n import t
from review.report.content import session_content
from review.report.story import LIMIT, keep_story, story, told
from review.store import Session
from ui import state
from ui.screens.changes import apply


def story_button(session: Session, lang: str) -> None:
    if st.button(t("story.edit", lang), key="story_edit", icon=":material/edit_note:", width="stretch"):
        st.dialog(t("story.title", lang), width="large")(story_dialog)(session, lang)


def story_dialog(session: Session, lang: str) -> None:
    store = state.store()
    content = session_content(store, session, state.settings().min_group, lang)
    now, edited = told(store, content)
    made = story(content) if edited else now
    st.caption(t("story.edit_help", lang))
    text = st.text_area(t("story.text", lang), "\n\n".join(now), height=420, max_chars=LIMIT, key=f"story_text_{lang}")
    save, back = st.columns(2)
    if save.button(t("story.save", lang), type="primary", key="story_save", width="stretch"):
        apply(lambda: keep_story(store, session, lang, text, made), lang)
    if edited and back.button(t("story.reset", lang), key="story_reset", width="stretch"):
        keep_story(store, session, lang, "", made)
        st.rerun()
