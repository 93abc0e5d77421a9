"""The Streamlit script: page navigation, hidden so phones see no menu.

The join page is the default and answers at ``/`` (join links are ``/?s=CODE``);
the facilitator's pages live at ``/facilitator`` and ``/projector``.
"""

import streamlit as st

from ui import state
from ui.screens.guard import guarded

state.count_script_run()

page = st.navigation(
    [
        st.Page("pages/join.py", title="REVIEW", icon="🪞", default=True),
        st.Page("pages/facilitator.py", title="REVIEW · facilitator", icon="🪞", url_path="facilitator"),
        st.Page("pages/projector.py", title="REVIEW · projector", icon="🪞", url_path="projector"),
        st.Page("pages/discussion.py", title="REVIEW · discussion", icon="🪞", url_path="discussion"),
        st.Page("pages/library.py", title="REVIEW · statement sets", icon="🪞", url_path="library"),
        st.Page("pages/trajectories.py", title="REVIEW · trajectories", icon="🪞", url_path="trajectories"),
    ],
    position="hidden",
)
with state.PRIORITY.page_run():  # submits first, two page runs at a time (ui/priority.py)
    guarded(page.run)()
