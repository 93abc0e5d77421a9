"""What every figure shares: type and sizes, statement labels, numeric ticks, and the one layout
update each figure ends with (:func:`apply_layout`)."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

from review.charts.colours import GRID, INK, ZERO
from review.content.statements import StatementSet
from review.numbers import plotly_separators, tick

FONT = 24  # px; the smallest text on a projected chart: 18 pt, what a back row reads at 1080p
FAMILY = '"Source Sans", "Source Sans Pro", "Helvetica Neue", Arial, sans-serif'  # the page's own font
PROJECTOR_HEIGHT = 880  # px a figure may take under the projector's two header lines on a 1080 px screen
NOTICE_ROOM = 120  # px kept free in views that may show a notice above the figure (subgroups, themes)
ROW_LINE = 30  # px per text line in a row of statements (24 px type with its line gap)
WRAP = 64  # characters per line of a statement label next to a dot plot: most statements take one line
WRAP_HEATMAP = 84  # characters per line of a heatmap row label: the default set's statements fit one line
TICK_STEPS = (0.1, 0.2, 0.25, 0.5, 1.0, 2.0)  # steps of a numeric axis: each label a round number
MAX_TICKS_PER_SIDE = 4  # labels either side of zero: more would crowd 24 px type on a half-width axis


def plain(text: object) -> str:
    """User text for a plotly label: plotly renders <b>, <br>, <a> and the like, so escape <, > and &."""
    return html.escape(str(text), quote=False)


def wrap_evenly(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, as even as they come: no lone last word."""
    lines = textwrap.wrap(text, width) or [""]
    for narrower in range(-(-len(text) // len(lines)), width):
        even = textwrap.wrap(text, narrower)
        if len(even) == len(lines):
            return even
    return lines


def statement_label(statement_set: StatementSet, sid: int, lang: str, width: int = WRAP) -> str:
    """A statement as a row label: escaped, wrapped at ``width`` characters, with its number."""
    lines = wrap_evenly(statement_set.by_id()[sid].in_language(lang) + f"  ({sid})", width)
    return "<br>".join(plain(line) for line in lines)


def line_count(label: str) -> int:
    return label.count("<br>") + 1


def value_ticks(reach: float, lang: str) -> tuple[list[float], list[str]]:
    """Ticks for a numeric axis from ``-reach`` to ``reach``: at most ``MAX_TICKS_PER_SIDE`` each side
    of zero, a round step, labelled like the grid's columns (+0,5 in Dutch, -0.5 in English). Plotly
    would write its own labels with a U+2212 minus; these keep the app's one minus."""
    step = next((s for s in TICK_STEPS if reach / s <= MAX_TICKS_PER_SIDE), TICK_STEPS[-1])
    side = [round(step * k, 6) for k in range(1, int(reach / step + 1e-9) + 1)]
    values = [-v for v in reversed(side)] + [0.0] + side
    return values, [tick(v, lang, signed=True) for v in values]


def apply_layout(fig: go.Figure, dark: bool, height: int, *, lang: str, **extra: object) -> go.Figure:
    """Size, fonts and colours in one layout update (each plotly update call costs milliseconds), and
    the language's decimal mark for every number plotly writes itself (hover values, counts)."""
    axes = {
        "gridcolor": GRID[dark],
        "zerolinecolor": ZERO[dark],
        "linecolor": GRID[dark],
        "automargin": True,
        "tickfont": {"size": FONT},
        "title": {"font": {"size": FONT}},
    }
    names = [k for k in fig.layout.to_plotly_json() if k.startswith(("xaxis", "yaxis"))] or ["xaxis", "yaxis"]
    settings = {
        "template": "none",
        "height": height,
        "separators": plotly_separators(lang),
        "font": {"size": FONT, "color": INK[dark], "family": FAMILY},
        "margin": {"l": 10, "r": 20, "t": 60, "b": 20},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hoverlabel": {"font": {"size": FONT, "family": FAMILY}},
        "legend": {"font": {"size": FONT}, "orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    }
    fig.update_layout({name: axes for name in names}, **(settings | extra))
    return fig
