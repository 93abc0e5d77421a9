"""Placeholder: being built for issue 10."""

import streamlit as st

from ui import auth, state, style

st.set_page_config(page_title="REVIEW", page_icon="🪞", layout="wide")
style.apply()
lang = state.language()
auth.require_facilitator(lang)
st.write("…")
