"""Export downloads and study imports on the facilitator's page."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from review.errors import ReviewError
from review.exports import to_csv, to_json, to_pqmethod, to_xlsx
from review.i18n import t
from review.imports import read_json, read_pqmethod, read_qmethod_csv, store_study
from review.store import Session
from ui import state


def export_buttons(session: Session, lang: str) -> None:
    """Each file is made only when its button is pressed (deferred data)."""
    store = state.store()
    stem = f"review-{session.code}"
    a, b, c = st.columns(3)
    a.download_button("CSV", lambda: to_csv(store, session), f"{stem}.csv", "text/csv", width="stretch")
    b.download_button(
        "Excel",
        lambda: to_xlsx(store, session, lang),
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        width="stretch",
    )
    c.download_button(
        "JSON",
        lambda: json.dumps(to_json(store, session), ensure_ascii=False, indent=1),
        f"{stem}.json",
        "application/json",
        width="stretch",
    )
    for condition in session.conditions:
        d, e = st.columns(2)
        label = t(f"done.condition.{condition}", lang)
        d.download_button(
            f"PQMethod .dat · {label}",
            lambda condition=condition: to_pqmethod(store, session, condition, lang)[0],
            f"{stem}-{condition}.dat",
            "text/plain",
            width="stretch",
        )
        e.download_button(
            f"PQMethod .sta · {label}",
            lambda condition=condition: to_pqmethod(store, session, condition, lang)[1],
            f"{stem}-{condition}.sta",
            "text/plain",
            width="stretch",
        )
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
