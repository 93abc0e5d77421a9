"""Facilitator: the discussion view of one session (``/discussion?session=CODE``)."""

import streamlit as st

from ui import auth, state
from ui.screens import style
from ui.screens.discussion_view import discussion_page
from ui.screens.page_language import page_language

st.set_page_config(page_title="REVIEW · discussion", page_icon="🪞", layout="wide")
style.apply()
lang = state.language()
page_language(lang)
auth.require_facilitator(lang)
discussion_page(st.query_params.get("session"), lang)
state.language_switch(lang)
