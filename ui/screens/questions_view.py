"""The editor of the reflective questions (content kind ``questions``): a table of kind, Dutch and
English, saved only when every rule holds, with every broken rule named at once."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from review.i18n import t
from review.library.questions import (
    MAX_LENGTH,
    QUESTION_KINDS,
    QuestionSet,
    is_default,
    question_problems,
    reset_questions,
    save_questions,
)
from ui import state
from ui.screens.text import error_text

_VERSION = "questions_editor_version"  # a new editor key after a save or reset drops the old edits


def questions_editor(current: QuestionSet, lang: str) -> None:
    """The question set as a table to edit (``current``: the set in use, loaded once by the page)."""
    store = state.store()
    version = st.session_state.get(_VERSION, 0)
    default = is_default(store)
    st.caption(t("disc.questions_help", lang, max=MAX_LENGTH))
    st.caption(t("disc.questions_default" if default else "disc.questions_edited", lang))
    frame = pd.DataFrame([{"kind": q.kind, "nl": q.nl, "en": q.en} for q in current.questions])
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "kind": st.column_config.SelectboxColumn(
                t("disc.col.kind", lang),
                options=list(QUESTION_KINDS),
                format_func=lambda kind: t(f"questions.kind.{kind}", lang),
                required=True,
                width="small",
            ),
            "nl": st.column_config.TextColumn(t("disc.col.nl", lang), width="large"),
            "en": st.column_config.TextColumn(t("disc.col.en", lang), width="large"),
        },
        key=f"questions_editor_{version}",
    )
    save, reset = st.columns(2)
    if save.button(t("disc.questions_save", lang), key="questions_save", type="primary", width="stretch"):
        rows = edited.to_dict("records")
        problems = question_problems(rows)
        if problems:
            for problem in problems:
                st.error(error_text(problem, lang))
        else:
            save_questions(store, rows)
            st.session_state[_VERSION] = version + 1
            st.session_state["questions_saved"] = True
            st.rerun()
    if reset.button(t("disc.questions_reset", lang), key="questions_reset", disabled=default, width="stretch"):
        reset_questions(store)
        st.session_state[_VERSION] = version + 1
        st.rerun()
    if st.session_state.pop("questions_saved", False):
        st.success(t("disc.questions_saved", lang))
