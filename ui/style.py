"""Small CSS touches Streamlit's theme does not cover."""

import streamlit as st

_CSS = """
<style>
/* less empty space above the content: on a phone every line counts */
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; padding-bottom: 3rem; }
.join-code { font-size: 4.5rem; font-weight: 800; letter-spacing: 0.35rem; font-family: ui-monospace, monospace;
             line-height: 1.1; }
.own-sort-col { margin: 0.2rem 0 0.6rem; }
.own-sort-col b { display: inline-block; min-width: 2.2rem; }
</style>
"""


def apply() -> None:
    st.html(_CSS)
