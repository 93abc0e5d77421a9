"""Buttons that download a session's or a trajectory's report from /api/report (facilitator cookie
required); the report is made when clicked, never while the page reruns."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import streamlit as st

from review.i18n import t
from review.store import Session


def _buttons(path: str, lang: str) -> None:
    query = urlencode({"lang": lang})
    pdf, html = t("report.download_pdf", lang), t("report.download_html", lang)
    a, b = st.columns(2)
    a.link_button(pdf, f"{path}.pdf?{query}", icon=":material/picture_as_pdf:", width="stretch")
    b.link_button(html, f"{path}.html?{query}", icon=":material/article:", width="stretch")
    st.caption(t("report.download_help", lang))


def report_links(session: Session, lang: str) -> None:
    """PDF and HTML report of the session, in ``lang``."""
    _buttons(f"api/report/{quote(session.code, safe='')}", lang)


def trajectory_report_links(trajectory_id: str, lang: str) -> None:
    """PDF and HTML report of the trajectory, in ``lang``."""
    _buttons(f"api/report/trajectory/{quote(trajectory_id, safe='')}", lang)
