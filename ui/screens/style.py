"""Small CSS touches Streamlit's theme does not cover."""

import streamlit as st

_CSS = """
<style>
/* less empty space above the content: on a phone every line counts */
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; padding-bottom: 3rem; }
.join-qr { max-width: 100%; height: auto; }
.join-code { font-size: 4.5rem; font-weight: 800; letter-spacing: 0.35rem; font-family: ui-monospace, monospace;
             line-height: 1.1; }
/* the facilitator's preview of the projector: scaled to fit its column on a laptop (review.charts.preview);
   in a column narrower than 600 px (a phone) the labels would leave no room for the grid, so there it
   keeps 960 px and scrolls sideways */
.st-key-projector_preview { container: preview / inline-size; overflow-x: auto; }
@container preview (max-width: 599px) {
  [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) { min-width: 960px; }
}
.pin-card { font-size: 1.6rem; font-weight: 600; padding: 1rem 1.3rem; margin: 0.6rem 0; border-radius: 12px;
            border: 2px solid var(--st-primary-color, #1f5fa8); }
/* WCAG AA (4.5:1) in both themes; light-dark() follows the theme Streamlit chose (.stApp's color-scheme).
   Captions and quotes: Streamlit's light grey was 3.88:1 on white; #5c5f69 is 6.4:1 on white and 5.7:1 on the grey
   of a secondary background (#f0f2f6). In the dark theme #a3a8b4 is 7.9:1 on the page, 6.2:1 on #262730. */
[data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"] blockquote {
    color: light-dark(#5c5f69, #a3a8b4); opacity: 1; }  /* Streamlit fades a caption with opacity 0.6 */
/* A primary button in the dark theme: white on its light blue (#7fb0f0) was 2.24:1; the dark page's
   ink on it is 8.4:1. (The light theme's white on #1f5fa8 is 6.4:1.) */
[data-testid^="stBaseButton-primary"], [data-testid^="stBaseButton-primary"] p { color: light-dark(#ffffff, #0e1117); }
/* ui/screens/page_language.py's component draws nothing; its empty element would add a gap */
.st-key-page_language { display: none; }
</style>
"""

_PROJECTOR = """
<style>
/* the projector: no chrome, large type, readable from the back of the room. Every text is at least
   24 px (1.5rem) and 4.5:1 against its background; the header takes about 130 px of the 1080, so a
   figure of review.charts.layout.PROJECTOR_HEIGHT fits below it without scrolling */
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none; }
[data-testid="stMainBlockContainer"] { padding: 1rem 3rem 0.5rem; max-width: 100%; }
[data-testid="stMain"] { overflow: hidden; }  /* a projector has no scroll bar to offer */
.proj-head { display: flex; align-items: baseline; gap: 2rem; }
.proj-title { font-size: 2.4rem; font-weight: 800; line-height: 1.2; flex: 1 1 auto; min-width: 0;
              white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.proj-count { font-size: 2.4rem; font-weight: 700; line-height: 1.2; text-align: right; flex: 0 0 auto;
              font-variant-numeric: tabular-nums; white-space: nowrap; }
.proj-scan { font-size: 3.2rem; font-weight: 800; line-height: 1.2; margin-bottom: 1.5rem; }
.proj-note { font-size: 1.8rem; }
.proj-view { font-size: 2.1rem; font-weight: 700; line-height: 1.2; margin: 0; }
.proj-fresh { font-size: 1.7rem; }  /* "k new sorts since this view" */
.proj-phones { font-size: 1.7rem; text-align: right; font-variant-numeric: tabular-nums; }
.proj-over { color: #9a3412; font-weight: 700; }  /* more phones than people: 7:1 on white */
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
.join-qr { border: 12px solid #ffffff; border-radius: 8px; }  /* QR codes need a light quiet zone */
.pin-card { border-color: #7fb0f0; }
.proj-code { color: #b6bec9; background: #0e1117; }
.proj-empty { color: #d5dbe3; }
.proj-phones { color: #f0f2f6; }
.proj-over { color: #fdba74; }
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
