"""Export links and study imports on the facilitator's page."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from review.errors import ReviewError
from review.i18n import t
from review.import_study import MAX_FILE_BYTES, MAX_SORTS, MAX_STATEMENTS, MB
from review.imports import StudyImportError, read_files, store_study
from review.store import Session
from ui import state
from ui.text import error_text


def export_links(session: Session, lang: str) -> None:
    """Downloads come from /api/export (facilitator cookie required), made when clicked."""

    def url(fmt: str, **params: str) -> str:
        return f"api/export/{session.code}.{fmt}?" + urlencode({"lang": lang, **params})

    a, b, c = st.columns(3)
    a.link_button("CSV", url("csv"), width="stretch")
    b.link_button("Excel", url("xlsx"), width="stretch")
    c.link_button("JSON", url("json"), width="stretch")
    for condition in session.conditions:
        label = t(f"done.condition.{condition}", lang)
        d, e = st.columns(2)
        d.link_button(f"PQMethod .dat · {label}", url("dat", condition=condition), width="stretch")
        e.link_button(f"PQMethod .sta · {label}", url("sta", condition=condition), width="stretch")
    st.caption(t("data.export_help", lang))


def import_form(lang: str) -> None:
    """Read the uploaded files with :func:`review.imports.read_files`, store the study, open it.
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
        title = st.text_input(t("fac.title", lang), max_chars=120, key="import_title")
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
