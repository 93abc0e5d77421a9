"""The charts' colours, and the contrast rules every text on a colour follows.

Colour-blind safe: a single-hue sequential scale for counts (:data:`HEAT`), the Okabe-Ito palette
for categories with a marker shape or a bar pattern as a second cue. Every colour comes in a light
and a dark version (``{dark: colour}``). Text on a colour takes black or white, whichever contrasts
more (:func:`text_on`), measured as WCAG 2 defines contrast.
"""

from __future__ import annotations

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "x", "star", "hexagon", "cross")
PATTERNS = ("", "/", ".", "x")  # bar fills beside the colours, for bars told apart by colour alone
MIN_CONTRAST = 4.5  # WCAG AA for normal text; held for our large text too, since projectors lose contrast
BLACK, WHITE = "#000000", "#ffffff"
# Bubble colours dark enough for white numbers (5.5:1 and 5.2:1): Okabe-Ito vermillion darkened, and blue.
DISAGREE, AGREE = "#B34700", OKABE_ITO[0]

# Colours of the few things a template would set. A named plotly template costs ~9 ms
# per figure to apply (it is validated each time), most of a projector refresh.
INK = {False: "#1b1f24", True: "#f0f2f6"}  # 16.6:1 on white, 17:1 on the dark page
MUTED = {False: "#4b5563", True: "#b6bec9"}  # 7.6:1 on white, 10:1 on the dark page
PAGE = {False: "#ffffff", True: "#0e1117"}  # the page behind the (transparent) figures
CARD = {False: "#f4f7fb", True: "#1b2330"}
EDGE = {False: "#1f5fa8", True: "#7fb0f0"}
GRID = {False: "#e5e7eb", True: "#2b313e"}
ZERO = {False: "#9ca3af", True: "#6b7280"}
# Heatmap colour scales, low to high count, evenly spaced stops (plotly interpolates in RGB between them).
HEAT = {
    False: ("#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"),
    True: ("#161b22", "#1f3b5c", "#2f6aa8", "#5e9fe0", "#b3d7ff"),
}


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""

    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = _hex(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, (L1 + 0.05) / (L2 + 0.05) with L1 the lighter."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_on(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill``: never below 4.58:1, the worst case
    (a fill of luminance 0.179 sits at the same ratio from both)."""
    return BLACK if contrast(fill, BLACK) >= contrast(fill, WHITE) else WHITE


def scale_colour(fraction: float, dark: bool) -> str:
    """The heatmap's colour at ``fraction`` (0..1) of its range, as plotly draws it: linear RGB between stops."""
    stops = HEAT[dark]
    x = min(max(fraction, 0.0), 1.0) * (len(stops) - 1)
    i = min(int(x), len(stops) - 2)
    lo, hi = _hex(stops[i]), _hex(stops[i + 1])
    return "#" + "".join(f"{round(a + (b - a) * (x - i)):02x}" for a, b in zip(lo, hi, strict=True))
