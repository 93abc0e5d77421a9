"""The statement set library: make, copy, edit, import and export sets with their themes and grid."""

import streamlit as st

from ui import auth, state
from ui.screens import style
from ui.screens.library_view import library_page
from ui.screens.page_language import page_language

st.set_page_config(page_title="REVIEW · statement sets", page_icon="🪞", layout="wide")
style.apply()
lang = state.language()
page_language(lang)
auth.require_facilitator(lang)
library_page(state.store(), lang)
state.language_switch(lang)
