"""Small CSS touches Streamlit's theme does not cover."""

import streamlit as st

_CSS = """
<style>
/* less empty space above the content: on a phone every line counts */
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; padding-bottom: 3rem; }
.join-code { font-size: 4.5rem; font-weight: 800; letter-spacing: 0.35rem; font-family: ui-monospace, monospace;
             line-height: 1.1; }
/* the facilitator's preview of the projector keeps at least 960 px and scrolls sideways where the
   column is narrower (a phone, a 1366-pixel laptop), instead of squeezing its 24 px labels and the
   grid into the column: on a phone the labels were cut off and the counts ran into each other */
.st-key-projector_preview { overflow-x: auto; }
.st-key-projector_preview [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]),
.st-key-projector_preview [data-testid="stFullScreenFrame"] { min-width: 960px; }
.pin-card { font-size: 1.6rem; font-weight: 600; padding: 1rem 1.3rem; margin: 0.6rem 0; border-radius: 12px;
            border: 2px solid var(--st-primary-color, #1f5fa8); }
</style>
"""

_PROJECTOR = """
<style>
/* the projector: no chrome, large type, readable from the back of the room. Every text is at least
   24 px (1.5rem) and 4.5:1 against its background; the header takes about 130 px of the 1080, so a
   figure of review.charts.PROJECTOR_HEIGHT fits below it without scrolling */
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none; }
[data-testid="stMainBlockContainer"] { padding: 1rem 3rem 0.5rem; max-width: 100%; }
[data-testid="stMain"] { overflow: hidden; }  /* a projector has no scroll bar to offer */
.proj-title { font-size: 2.4rem; font-weight: 800; line-height: 1.2;
              white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.proj-count { font-size: 2.4rem; font-weight: 700; line-height: 1.2; text-align: right;
              font-variant-numeric: tabular-nums; white-space: nowrap; }
.proj-scan { font-size: 3.2rem; font-weight: 800; line-height: 1.2; margin-bottom: 1.5rem; }
.proj-note { font-size: 1.8rem; }
.proj-view { font-size: 2.1rem; font-weight: 700; line-height: 1.2; margin: 0; }
.proj-fresh { font-size: 1.7rem; }  /* "k new sorts since this view" */
.proj-code { position: fixed; right: 1.5rem; bottom: 0.6rem; font: 700 1.6rem ui-monospace, monospace;
             color: #4b5563; background: #ffffff; padding: 0 0.4rem; border-radius: 6px; }
.proj-empty { min-height: 70vh; display: flex; align-items: center; justify-content: center; text-align: center;
              font-size: 3rem; font-weight: 600; line-height: 1.3; color: #4b5563; padding: 0 10%; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.5rem; }
[data-testid="stAlert"] p { font-size: 1.7rem; line-height: 1.35; }
[data-testid="stAlertContainer"] { padding: 1rem 1.5rem; }
/*DARK*/
</style>
"""

_DARK = """
[data-testid="stApp"], [data-testid="stMain"] { background: #0e1117; color: #f0f2f6; }
[data-testid="stMarkdownContainer"], .proj-title, .proj-count, .proj-scan, .proj-note, .proj-view { color: #f0f2f6; }
[data-testid="stMarkdownContainer"] a { color: #9ecbff; }  /* 10:1; the light theme's link blue is 3:1 here */
[data-testid="stImage"] img { border: 12px solid #ffffff; border-radius: 8px; }  /* QR codes need a light quiet zone */
.pin-card { border-color: #7fb0f0; }
.proj-code { color: #b6bec9; background: #0e1117; }
.proj-empty { color: #d5dbe3; }
/* the info box: Streamlit's light tint under near-white text was 1.5:1; a deep blue box is 12:1 */
[data-testid="stAlertContainer"] { background-color: #16314f; color: #f0f2f6; border: 2px solid #3d6fa8; }
[data-testid="stAlertContainer"] p, [data-testid="stAlertContainer"] [data-testid="stMarkdownContainer"] {
    color: #f0f2f6; }
"""


def apply(extra: str = "") -> None:
    """The app's CSS, with a page's own ``<style>`` block in the same element."""
    st.html(_CSS + extra)


def projector(dark: bool) -> None:
    st.html(_PROJECTOR.replace("/*DARK*/", _DARK if dark else ""))


def dark_theme() -> bool:
    """Whether this browser shows the app's dark theme (figures then draw in the dark palette)."""
    return getattr(st.context.theme, "type", None) == "dark"
