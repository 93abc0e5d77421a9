"""The facilitator's look at the viewpoints in the group (by-person factor analysis)."""

from __future__ import annotations

import streamlit as st

from review.anonymity import may_show
from review.charts import scree_figure
from review.errors import ReviewError
from review.i18n import t
from review.qanalysis import correlate, extract_pca
from review.store import Session
from review.viewpoints import MAX_FACTORS, analyse_session, kaiser_count, session_sorts, suggested_factors, viewpoints
from ui import state
from ui.own_sort import own_sort_html
from ui.results_view import stamp
from ui.text import md_escape


@st.cache_data(max_entries=32, show_spinner=False)
def _analysis(session_id: str, condition: str, nfactors: int, extraction: str, rotation: str, key: tuple):
    store = state.store()
    return analyse_session(store, store.session(session_id), condition, nfactors, extraction, rotation)


def analysis_panel(session: Session, lang: str) -> None:
    store = state.store()
    a, b, c = st.columns(3)
    condition = a.selectbox(
        t("q.condition", lang), session.conditions, format_func=lambda x: t(f"done.condition.{x}", lang)
    )
    extraction = b.selectbox(t("q.extraction", lang), ("pca", "centroid"), format_func=lambda x: x.upper())
    rotation = c.selectbox(t("q.rotation", lang), ("varimax", "none"))
    sorts = session_sorts(store, session, condition)
    n_sorts = sorts.shape[1]
    if not may_show(n_sorts, state.settings().min_group):
        st.info(t("results.too_few", lang, n=n_sorts, min=state.settings().min_group))
        return
    eigenvalues = extract_pca(correlate(sorts.to_numpy(dtype=float)), 1)[1]
    top = max(1, min(MAX_FACTORS, n_sorts - 1))
    nfactors = st.slider(
        t("q.factors", lang), 1, max(top, 2), min(suggested_factors(eigenvalues, n_sorts), top), disabled=top < 2
    )
    st.plotly_chart(
        scree_figure(eigenvalues, lang, nfactors), theme=None, key="scree", config={"displayModeBar": False}
    )
    st.caption(t("q.kaiser_hint", lang, n=kaiser_count(eigenvalues)))
    try:
        result = _analysis(session.id, condition, nfactors, extraction, rotation, stamp(session))
    except ReviewError as exc:
        st.error(exc.message(lang))
        return
    for warning in result.warnings:
        st.warning(warning)
    texts = session.statement_set.by_id()
    for view in viewpoints(result):
        st.markdown(f"#### {t('q.viewpoint', lang, factor=view.factor[1:])}")
        st.caption(t("q.defined_by", lang, n=view.n_loading, who=", ".join(view.defined_by) or "-"))
        st.html(own_sort_html(session, view.array))
        left, right = st.columns(2)
        left.markdown(f"**{t('chart.most', lang)}**  \n" + _list(view.most, texts, lang))
        right.markdown(f"**{t('chart.least', lang)}**  \n" + _list(view.least, texts, lang))
        if view.distinguishing:
            st.markdown(f"**{t('q.distinguishing', lang)}**  \n" + _list(view.distinguishing, texts, lang))


def _list(ids: list[int], texts, lang: str) -> str:
    return "  \n".join(f"{i}. {md_escape(texts[i].in_language(lang))}" for i in ids)
