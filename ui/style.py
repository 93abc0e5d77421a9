"""Small CSS touches Streamlit's theme does not cover."""

import streamlit as st

_CSS = """
<style>
/* less empty space above the content: on a phone every line counts */
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; padding-bottom: 3rem; }
.join-code { font-size: 4.5rem; font-weight: 800; letter-spacing: 0.35rem; font-family: ui-monospace, monospace;
             line-height: 1.1; }
.pin-card { font-size: 1.6rem; font-weight: 600; padding: 1rem 1.3rem; margin: 0.6rem 0; border-radius: 12px;
            border: 2px solid var(--st-primary-color, #1f5fa8); }
</style>
"""

_PROJECTOR = """
<style>
/* the projector: no chrome, large type, readable from the back of the room */
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none; }
[data-testid="stMainBlockContainer"] { padding: 1.5rem 3rem; max-width: 100%; }
.proj-title { font-size: 2.6rem; font-weight: 800; line-height: 1.15; }
.proj-count { font-size: 2.6rem; font-weight: 700; text-align: right; font-variant-numeric: tabular-nums; }
.proj-scan { font-size: 3.2rem; font-weight: 800; line-height: 1.2; margin-bottom: 1.5rem; }
.proj-note { font-size: 1.8rem; }
.proj-view { font-size: 2.2rem; font-weight: 700; margin: 0.8rem 0 0.4rem; }
.proj-code { position: fixed; right: 1.5rem; bottom: 0.8rem; font: 700 1.6rem ui-monospace, monospace; opacity: 0.7; }
[data-testid="stMarkdownContainer"] p { font-size: 1.5rem; }
[data-testid="stAlert"] p { font-size: 1.7rem; }
/*DARK*/
</style>
"""

_DARK = """
[data-testid="stApp"], [data-testid="stMain"] { background: #0e1117; color: #f0f2f6; }
[data-testid="stMarkdownContainer"], .proj-title, .proj-count, .proj-scan, .proj-note, .proj-view { color: #f0f2f6; }
[data-testid="stImage"] img { border: 12px solid #ffffff; border-radius: 8px; }  /* QR codes need a light quiet zone */
.pin-card { border-color: #7fb0f0; }
"""


def apply() -> None:
    st.html(_CSS)


def projector(dark: bool) -> None:
    st.html(_PROJECTOR.replace("/*DARK*/", _DARK if dark else ""))
