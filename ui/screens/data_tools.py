"""Export links and study imports on the facilitator's page."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import streamlit as st

from review.content.text import MB, TITLE_LIMIT
from review.errors import ReviewError
from review.i18n import t
from review.room.anonymity import threshold
from review.store import Session
from review.studies.import_study import MAX_FILE_BYTES, MAX_SORTS, MAX_STATEMENTS
from review.studies.imports import StudyImportError, read_files, store_study
from ui import state
from ui.screens.text import error_text


def export_links(session: Session, lang: str) -> None:
    """Downloads come from /api/export (facilitator cookie required), made when clicked. The group
    files first; the single sorts only after the facilitator says, next to what they hold, that
    this is what they mean."""

    def url(fmt: str, research: bool = False, **params: str) -> str:
        path = f"api/export/{quote(session.code, safe='')}{'/research' if research else ''}.{fmt}"
        return f"{path}?" + urlencode({"lang": lang, **params})

    a, b, c = st.columns(3)
    a.link_button("CSV", url("csv"), width="stretch")
    b.link_button("Excel", url("xlsx"), width="stretch")
    c.link_button("JSON", url("json"), width="stretch")
    st.caption(t("data.export_group_help", lang, min=threshold(state.settings().min_group)))
    st.markdown(f"**{t('data.research_heading', lang)}**")
    st.caption(t("data.research_help", lang))
    if not st.checkbox(t("data.research_confirm", lang), key=f"research_{session.code}"):
        return
    a, b, c = st.columns(3)
    for column, fmt, name in ((a, "csv", "CSV"), (b, "xlsx", "Excel"), (c, "json", "JSON")):
        column.link_button(t("data.research_button", lang, fmt=name), url(fmt, True), width="stretch")
    for condition in session.conditions:
        label = t(f"done.condition.{condition}", lang)
        d, e = st.columns(2)
        d.link_button(f"PQMethod .dat · {label}", url("dat", True, condition=condition), width="stretch")
        e.link_button(f"PQMethod .sta · {label}", url("sta", True, condition=condition), width="stretch")


def import_form(lang: str) -> None:
    """Read the uploaded files with :func:`review.studies.imports.read_files`, store the study, open it.
    A refusal is shown as plain text (a file name or cell may hold Markdown) and says that
    nothing was imported."""
    with st.form("import", clear_on_submit=True):
        files = st.file_uploader(
            t("import.files", lang),
            type=["dat", "sta", "csv", "xlsx", "json"],
            accept_multiple_files=True,
            max_upload_size=MAX_FILE_BYTES // MB,  # the widget refuses a larger file before sending it
        )
        st.caption(t("import.limits", lang, mb=MAX_FILE_BYTES // MB, statements=MAX_STATEMENTS, sorts=MAX_SORTS))
        title = st.text_input(t("fac.title", lang), max_chars=TITLE_LIMIT, key="import_title")
        if st.form_submit_button(t("data.import", lang)):
            try:
                study = read_files({f.name: f.getvalue() for f in files or []}, title or None)
                session = store_study(state.store(), study)
            except StudyImportError as exc:
                st.error(error_text(exc, lang))  # quotes the file's content: escaped, never rendered
                return
            except ReviewError as exc:
                st.error(f"{error_text(exc, lang)} {t('import.nothing', lang)}")
                return
            st.query_params["session"] = session.code
            st.rerun()
