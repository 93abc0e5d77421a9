"""Export links and study imports on the facilitator's page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from review.errors import ReviewError
from review.i18n import t
from review.imports import read_json, read_pqmethod, read_qmethod_csv, store_study
from review.store import Session
from ui import state


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
    with st.form("import", clear_on_submit=True):
        files = st.file_uploader(
            t("data.import_files", lang), type=["dat", "sta", "csv", "json"], accept_multiple_files=True
        )
        title = st.text_input(t("fac.title", lang), max_chars=120, key="import_title")
        if st.form_submit_button(t("data.import", lang)):
            by_ext = {Path(f.name).suffix.lower(): f.getvalue().decode("utf-8", "replace") for f in files or []}
            try:
                if ".dat" in by_ext:
                    study = read_pqmethod(by_ext[".dat"], by_ext.get(".sta"), title or None)
                elif ".csv" in by_ext:
                    study = read_qmethod_csv(by_ext[".csv"], title or Path(files[0].name).stem)
                elif ".json" in by_ext:
                    study = read_json(by_ext[".json"])
                else:
                    st.error(t("data.import_none", lang))
                    return
                session = store_study(state.store(), study)
            except ReviewError as exc:
                st.error(exc.message(lang))
                return
            st.query_params["session"] = session.code
            st.rerun()
