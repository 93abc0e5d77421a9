"""Trajectories: a Goed Werk Traject's sessions by group and meeting, and how they compare (?t=ID)."""

import streamlit as st

from review.errors import ReviewError
from review.i18n import t
from review.trajectories.trajectory import find_trajectory
from ui import auth, state
from ui.screens import style
from ui.screens.page_language import page_language
from ui.screens.text import error_text
from ui.screens.trajectory_view import trajectory_list, trajectory_page

st.set_page_config(page_title="REVIEW · trajectories", page_icon="🪞", layout="wide")
style.apply()
lang = state.language()
page_language(lang)
auth.require_facilitator(lang)
store = state.store()

st.page_link("pages/facilitator.py", label=t("traj.back", lang))

chosen = st.query_params.get("t")
trajectory = None
if chosen:
    try:
        trajectory = find_trajectory(store, chosen)
    except ReviewError as exc:
        st.error(error_text(exc, lang))
        st.query_params.pop("t", None)
if trajectory is None:
    trajectory_list(store, lang)
else:
    trajectory_page(store, trajectory, lang, state.settings().min_group)
state.language_switch(lang)  # at the foot of the page, as on every other page
