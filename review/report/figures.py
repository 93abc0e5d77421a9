"""The report's static figures, drawn with matplotlib from plain rows.

Why matplotlib and not the projector's plotly figures: plotly needs kaleido and a Chromium to write
an image, which a fresh machine would download at run time; matplotlib's Agg backend is pure
Python + C, ships its own DejaVu fonts, and writes SVG (inline in the HTML report) and PNG (in
the PDF) itself. The figures use :class:`matplotlib.figure.Figure` directly, never pyplot, so
nothing global is touched in a server thread. Colours are the projector's (:mod:`review.charts.colours`):
Okabe-Ito for series, the same ink and grid greys.

SVG keeps text as glyph paths (matplotlib's default ``svg.fonttype = "path"``), so it looks the
same on a machine without DejaVu Sans, and asks for no font file.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display; also what a server has

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from review.charts.colours import GRID, INK, MUTED, OKABE_ITO, ZERO
from review.content.grid import column_label
from review.numbers import number, tick
from review.report.content import Row

WIDTH_IN = 6.7  # inches: the A4 text width (210 mm minus 2 x 20 mm margins)
ROW_IN = 0.36  # inches per statement row: two lines of 8 pt text
TOP_IN = 0.75  # inches for the axis and legend
LABEL_WRAP = 58  # characters per label line at 8 pt in the left half of the width
FONT_PT = 8
PNG_DPI = 200  # sharp when printed, a few hundred kB per figure
MARKERS = ("o", "D", "s", "^", "v", "P", "X", "h")
POSITIVE, NEGATIVE = OKABE_ITO[0], "#B34700"  # the projector's agree blue and disagree orange


def _label(text: str) -> str:
    lines = textwrap.wrap(text, LABEL_WRAP) or [""]
    if len(lines) > 2:  # three lines would crowd the row; the table below the figure has the whole text
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_WRAP, placeholder=" …")]
    return "\n".join(lines)


def _frame(rows: int, lo: int, hi: int) -> tuple[Figure, object]:
    fig = Figure(figsize=(WIDTH_IN, TOP_IN + ROW_IN * max(rows, 1)), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(lo - 0.4, hi + 0.4)
    ax.set_xticks(range(lo, hi + 1), [column_label(v) for v in range(lo, hi + 1)], fontsize=FONT_PT)
    ax.axvline(0, color=ZERO[False], linewidth=1, zorder=1)
    ax.grid(axis="x", color=GRID[False], linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(MUTED[False])
    ax.tick_params(axis="y", length=0, labelsize=FONT_PT, colors=INK[False])
    ax.tick_params(axis="x", colors=MUTED[False])
    return fig, ax


def dot_figure(
    rows: Sequence[Row],
    series: Sequence[str],
    lo: int,
    hi: int,
    axis_title: str,
    connect: bool = False,
    arrows: bool = True,
) -> Figure:
    """One row per statement, one marker per series (the row's ``values`` in order). With one series,
    a lollipop from 0 (blue to the right, orange to the left); with ``connect``, a grey arrow joins
    the first and last value of a row (observed to desired, before to after), or a plain grey line
    when ``arrows`` is False (two groups: a difference, nothing moved)."""
    fig, ax = _frame(len(rows), lo, hi)
    y = list(range(len(rows)))
    ax.set_yticks(y, [_label(r.text) for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    if len(series) == 1:
        values = [r.values[0] or 0.0 for r in rows]
        colours = [POSITIVE if v >= 0 else NEGATIVE for v in values]
        ax.hlines(y, 0, values, colors=colours, linewidth=2, zorder=2)
        ax.scatter(values, y, s=38, c=colours, zorder=3)
    else:
        if connect:
            for k, r in enumerate(rows):
                ends = [v for v in (r.values[0], r.values[len(series) - 1]) if v is not None]
                if len(ends) == 2 and not arrows:
                    ax.plot(ends, [k, k], color=ZERO[False], linewidth=2, zorder=2, solid_capstyle="butt")
                elif len(ends) == 2:
                    ax.annotate(
                        "",
                        xy=(ends[1], k),
                        xytext=(ends[0], k),
                        arrowprops={"arrowstyle": "-|>", "color": ZERO[False], "lw": 2, "shrinkA": 4, "shrinkB": 5},
                        zorder=2,
                    )
        for i, name in enumerate(series):
            points = [(r.values[i], k) for k, r in enumerate(rows) if r.values[i] is not None]
            ax.scatter(
                [p[0] for p in points],
                [p[1] for p in points],
                s=42,
                color=OKABE_ITO[i % len(OKABE_ITO)],
                marker=MARKERS[i % len(MARKERS)],
                label=name,
                zorder=3,
                edgecolors="white",
                linewidths=0.5,
            )
        ax.legend(
            loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(len(series), 4), frameon=False, fontsize=FONT_PT
        )
    ax.set_xlabel(axis_title, fontsize=FONT_PT, color=MUTED[False])
    return fig


def bar_figure(rows: Sequence[Row], series: Sequence[str], axis_title: str, lang: str = "en") -> Figure:
    """Grouped horizontal bars: one group per row (a theme), one bar per series, values printed."""
    values = [v for r in rows for v in r.values if v is not None]
    reach = max(0.5, max((abs(v) for v in values), default=0.5)) * 1.35
    n = max(len(series), 1)
    fig = Figure(figsize=(WIDTH_IN, TOP_IN + 0.28 * n * max(len(rows), 1) + 0.2), layout="constrained")
    ax = fig.add_subplot()
    height = 0.8 / n
    for i, name in enumerate(series):
        ys = [k - 0.4 + height * (i + 0.5) for k in range(len(rows))]
        xs = [r.values[i] if r.values[i] is not None else 0.0 for r in rows]
        bars = ax.barh(ys, xs, height=height * 0.9, color=OKABE_ITO[i % len(OKABE_ITO)], label=name, zorder=2)
        ax.bar_label(
            bars, labels=[number(x, lang, signed=True) for x in xs], padding=3, fontsize=FONT_PT - 1, color=INK[False]
        )
    ax.set_yticks(range(len(rows)), [_label(r.text) for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(-reach, reach)
    ax.axvline(0, color=ZERO[False], linewidth=1, zorder=1)
    ax.grid(axis="x", color=GRID[False], linewidth=0.6, zorder=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0, labelsize=FONT_PT + 1, colors=INK[False])
    ax.tick_params(axis="x", labelsize=FONT_PT, colors=MUTED[False])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: tick(x, lang, signed=True)))  # +0,25 in Dutch
    ax.set_xlabel(axis_title, fontsize=FONT_PT, color=MUTED[False])
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(n, 4), frameon=False, fontsize=FONT_PT)
    return fig


def to_svg(fig: Figure) -> str:
    """The figure as an inline ``<svg>`` element: no XML prolog or DOCTYPE (they name outside URLs),
    no RDF metadata block. Its ids come from its content, not a random salt, so the same session
    gives the same report, byte for byte (whichever database it comes from)."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "review"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    return re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)


def to_png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=PNG_DPI, facecolor="white")
    return buffer.getvalue()
