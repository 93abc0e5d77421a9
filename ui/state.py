"""Process-wide objects and per-visitor choices for the pages."""

from __future__ import annotations

import streamlit as st

from review.config import Settings
from review.i18n import LANGUAGES, pick_language
from review.store import Store


@st.cache_resource
def settings() -> Settings:
    return Settings.from_env()


@st.cache_resource
def store() -> Store:
    """One DuckDB connection for the whole process; the store hands out cursors."""
    return Store.open(settings().db_path)


def language() -> str:
    """``?lang=`` if set (the switch writes it), else the browser's language."""
    chosen = st.query_params.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return pick_language(st.context.locale)


def language_switch(lang: str, key: str = "lang_switch") -> None:
    """A small button that flips the language, kept in the URL so reloads keep it."""
    other = "en" if lang == "nl" else "nl"
    from review.i18n import t

    if st.button(t("lang.switch", lang), key=key, type="tertiary"):
        st.query_params["lang"] = other
        st.rerun()
