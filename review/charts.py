"""Plotly figures built from plain aggregates; pages only display them.

Every figure is readable from the back of a room on a 1920x1080 projector: no text
below ``FONT`` (24 px, as rendered), every text at least 4.5:1 against what is under
it (numbers on coloured cells and bubbles take black or white, whichever contrasts
more), and each view fits ``PROJECTOR_HEIGHT`` so the projector never scrolls.
Colours are colour-blind safe (a single-hue sequential scale for counts, the
Okabe-Ito palette for categories, with shapes or patterns as a second cue); every
figure comes in a light and a dark version. User text (statements, role names) is
HTML-escaped, because plotly renders a subset of HTML in its labels.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from review.aggregates import (
    SubgroupSplit,
    Summary,
    disagreement_and_consensus,
    largest_gaps,
    most_and_least,
    role_differences,
)
from review.grid import column_label
from review.i18n import t
from review.numbers import number, numbers, plotly_separators, tick
from review.statements import THEMES, StatementSet

FONT = 24  # px; the smallest text on a projected chart: 18 pt, what a back row reads at 1080p
FAMILY = '"Source Sans", "Source Sans Pro", "Helvetica Neue", Arial, sans-serif'  # the page's own font
PROJECTOR_HEIGHT = 880  # px a figure may take under the projector's two header lines on a 1080 px screen
NOTICE_ROOM = 120  # px kept free in views that may show a notice above the figure (subgroups, themes)
ROW_LINE = 30  # px per text line in a row of statements (24 px type with its line gap)
ROW_PAD = 6  # px between rows of statements
HEATMAP_TOP = 84  # px above the heatmap's cells: the axis title and the column labels
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "x", "star", "hexagon", "cross")
WRAP = 64  # characters per line of a statement label next to a dot plot: most statements take one line
WRAP_HEATMAP = 84  # characters per line of a heatmap row label: the default set's statements fit one line
TICK_STEPS = (0.1, 0.2, 0.25, 0.5, 1.0, 2.0)  # steps of a numeric axis: each label a round number
MAX_TICKS_PER_SIDE = 4  # labels either side of zero: more would crowd 24 px type on a half-width axis
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


def plain(text: object) -> str:
    """User text for a plotly label: plotly renders <b>, <br>, <a> and the like, so escape <, > and &."""
    return html.escape(str(text), quote=False)


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


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, as even as they come: no lone last word."""
    lines = textwrap.wrap(text, width) or [""]
    for narrower in range(-(-len(text) // len(lines)), width):
        even = textwrap.wrap(text, narrower)
        if len(even) == len(lines):
            return even
    return lines


def _label(statement_set: StatementSet, sid: int, lang: str, width: int = WRAP) -> str:
    """A statement as a row label: escaped, wrapped at ``width`` characters, with its number."""
    lines = _wrap(statement_set.by_id()[sid].in_language(lang) + f"  ({sid})", width)
    return "<br>".join(plain(line) for line in lines)


def _lines(label: str) -> int:
    return label.count("<br>") + 1


def value_ticks(reach: float, lang: str) -> tuple[list[float], list[str]]:
    """Ticks for a numeric axis from ``-reach`` to ``reach``: at most ``MAX_TICKS_PER_SIDE`` each side
    of zero, a round step, labelled like the grid's columns (+0,5 in Dutch, -0.5 in English). Plotly
    would write its own labels with a U+2212 minus; these keep the app's one minus."""
    step = next((s for s in TICK_STEPS if reach / s <= MAX_TICKS_PER_SIDE), TICK_STEPS[-1])
    side = [round(step * k, 6) for k in range(1, int(reach / step + 1e-9) + 1)]
    values = [-v for v in reversed(side)] + [0.0] + side
    return values, [tick(v, lang, signed=True) for v in values]


def _layout(fig: go.Figure, dark: bool, height: int, *, lang: str, **extra: object) -> go.Figure:
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


def _grid_axis(fig: go.Figure, summary: Summary, lang: str, **where: int) -> None:
    values = list(summary.counts.columns)
    fig.update_xaxes(
        tickmode="array",
        tickvals=values,
        ticktext=[column_label(v) for v in values],
        range=[min(values) - 0.6, max(values) + 0.6],
        title={"text": t("chart.axis", lang)},
        **where,
    )


def heatmap_rows(ends: int, lines: int = 1, height: int = PROJECTOR_HEIGHT) -> int:
    """How many rows at each end fit ``height``: at most ``ends``, fewer when labels wrap."""
    row = ROW_LINE * lines + ROW_PAD
    return max(1, min(ends, (height - HEATMAP_TOP - row) // row // 2))


def heatmap_figure(
    summary: Summary, statement_set: StatementSet, lang: str, dark: bool = False, ends: int | None = None
) -> go.Figure:
    """Statements as rows (most characteristic on top), grid columns as columns, counts in cells.

    With ``ends`` (the projector), at most that many rows at each end, and fewer when they would not
    fit ``PROJECTOR_HEIGHT`` (a projector cannot show 50 readable rows at once); a row between them
    says how many statements are left out. Each count is drawn in black or white, whichever
    contrasts more with its own cell (plotly's heatmap text takes only one colour)."""
    order = summary.by_mean()
    width = WRAP_HEATMAP if ends is not None else WRAP
    labels = {i: _label(statement_set, i, lang, width) for i in order}
    lines = max((_lines(label) for label in labels.values()), default=1)
    cut = ends is not None and len(order) > 2 * ends
    if cut:
        ends = heatmap_rows(ends, lines)
        cut = len(order) > 2 * ends
    gap_label = ""
    if cut:
        left_out = len(order) - 2 * ends
        gap_label = f"<i>{t('chart.left_out', lang, n=left_out)}</i>"
        rows = [*order[:ends], None, *order[-ends:]]
    else:
        rows = list(order)
    columns = [column_label(v) for v in summary.counts.columns]
    z = [list(summary.counts.loc[i]) if i is not None else [None] * len(columns) for i in rows]
    y = [labels[i] if i is not None else gap_label for i in rows]
    peak = max([1, *(int(v) for row in z for v in row if v is not None)])
    heat = HEAT[dark]
    scale = [[k / (len(heat) - 1), c] for k, c in enumerate(heat)]
    hover = "%{y}<br>" + t("chart.column", lang) + " %{x}: %{z}<extra></extra>"
    xs, ys, texts, colours = [], [], [], []
    for label, row in zip(y, z, strict=True):
        for column, value in zip(columns, row, strict=True):
            if value:
                xs.append(column)
                ys.append(label)
                texts.append(str(int(value)))
                colours.append(text_on(scale_colour(value / peak, dark)))
    fig = go.Figure(
        [
            go.Heatmap(
                z=z,
                x=columns,
                y=y,
                colorscale=scale,
                zmin=0,
                zmax=peak,
                hovertemplate=hover,
                hoverongaps=False,
                xgap=2,
                ygap=2,
                showscale=False,
            ),
            go.Scatter(
                x=xs,
                y=ys,
                mode="text",
                text=texts,
                textfont={"size": FONT, "color": colours, "family": FAMILY},
                hoverinfo="skip",
                showlegend=False,
            ),
        ]
    )
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False, ticks="")
    fig.update_xaxes(type="category", side="top", showgrid=False, title={"text": t("chart.axis", lang)})
    if cut:
        fig.add_hline(y=ends, line={"width": 4, "dash": "dot", "color": MUTED[dark]})
    row = ROW_LINE * lines + ROW_PAD
    return _layout(
        fig, dark, HEATMAP_TOP + row * len(rows) + 10, lang=lang, margin={"l": 10, "r": 20, "t": 10, "b": 10}
    )


def extremes_figure(
    summary: Summary, statement_set: StatementSet, lang: str, k: int = 5, dark: bool = False
) -> go.Figure:
    """The k most and k least characteristic statements as large cards with mean and spread."""
    most, least = most_and_least(summary, k)
    ink = INK[dark]
    paper = {"xref": "paper", "yref": "paper", "xanchor": "left", "showarrow": False}
    shapes, notes = [], []
    for col, (title, ids) in enumerate(((t("chart.most", lang), most), (t("chart.least", lang), least))):
        x0 = 0.0 if col == 0 else 0.51
        notes.append(
            {
                **paper,
                "x": x0,
                "y": 1.0,
                "yanchor": "bottom",
                "text": f"<b>{title}</b>",
                "font": {"size": FONT + 6, "color": ink},
            }
        )
        for row, sid in enumerate(ids):
            top = 0.98 - row * (0.98 / max(k, 1))
            bottom = top - 0.98 / max(k, 1) + 0.02
            shapes.append(
                {
                    "type": "rect",
                    "xref": "paper",
                    "yref": "paper",
                    "x0": x0,
                    "x1": x0 + 0.49,
                    "y0": bottom,
                    "y1": top,
                    "fillcolor": CARD[dark],
                    "line": {"color": EDGE[dark], "width": 2},
                    "layer": "below",
                }
            )
            stats = summary.stats.loc[sid]
            figures = t(
                "chart.mean_sd", lang, mean=number(stats["mean"], lang, signed=True), sd=number(stats["sd"], lang)
            )
            text = "<br>".join(plain(line) for line in _wrap(statement_set.by_id()[sid].in_language(lang), 58))
            notes.append(
                {
                    **paper,
                    "x": x0 + 0.01,
                    "y": (top + bottom) / 2,
                    "yanchor": "middle",
                    "align": "left",
                    "font": {"size": FONT + 4, "color": ink},
                    "text": f"{text}<br><span style='font-size:{FONT}px'>{figures}</span>",
                }
            )
    fig = go.Figure(
        layout={"shapes": shapes, "annotations": notes, "xaxis": {"visible": False}, "yaxis": {"visible": False}}
    )
    return _layout(fig, dark, min(PROJECTOR_HEIGHT, 60 + 160 * max(len(most), 1)), lang=lang)


BUBBLE_SMALL, BUBBLE_GROWTH = 40, 22  # px: the smallest bubble holds a two-digit number at 24 px
LABEL_GAP = 18  # px of clear space between two row labels (or bubbles), so wrapped labels never touch
AGREEMENT_FRAME = 170  # px of the agreement figure that are not rows: titles, axis, tick labels, margins
AGREEMENT_ROWS = 0.9  # the share of the plot height its two halves take (make_subplots vertical_spacing 0.1)


def _bubble_rows(
    fig: go.Figure, summary: Summary, ids: list[int], labels: Mapping[int, str], row: int, colour: str
) -> None:
    counts = summary.counts.loc[ids]
    peak = max(1, int(counts.to_numpy().max()) if counts.size else 1)
    for sid in ids:
        label = labels[sid]
        xs = [v for v in counts.columns if counts.loc[sid, v]]
        ns = [int(counts.loc[sid, v]) for v in xs]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[label] * len(xs),
                mode="markers+text",
                text=[str(n) for n in ns],
                textposition="middle center",
                textfont={"size": FONT, "color": text_on(colour)},
                # opaque, or a white number on it fades
                marker={
                    "size": [BUBBLE_SMALL + BUBBLE_GROWTH * (n / peak) ** 0.5 for n in ns],
                    "color": colour,
                    "opacity": 1,
                },
                customdata=[column_label(v) for v in xs],  # "%{x}" would print plotly's own minus
                hovertemplate=f"{label}<br>%{{customdata}}: %{{text}}<extra></extra>",
                showlegend=False,
                cliponaxis=False,
            ),
            row=row,
            col=1,
        )


def _agreement_row(lines: int) -> int:
    return max(BUBBLE_SMALL + BUBBLE_GROWTH, ROW_LINE * lines + LABEL_GAP)


def agreement_rows(lines: int, k: int, height: int = PROJECTOR_HEIGHT) -> int:
    """How many statements each half of the agreement view shows within ``height``: at most ``k``,
    fewer when labels of ``lines`` lines need taller rows. A row is as tall as its label plus
    ``LABEL_GAP``, and never shorter than the largest bubble (two largest bubbles may just meet)."""
    row = _agreement_row(lines)
    return max(1, min(k, int((height - AGREEMENT_FRAME) * AGREEMENT_ROWS // (2 * row))))


def agreement_figure(
    summary: Summary, statement_set: StatementSet, lang: str, k: int = 5, dark: bool = False
) -> go.Figure:
    """Where the group disagrees (widest spread) and where it agrees (tightest),
    each statement as a row of bubbles: how many put it in each column. Rows are spaced by their
    tallest label, so two wrapped labels never touch; when that would not fit the projector, each
    half shows fewer statements (see :func:`agreement_rows`)."""
    split, agree = disagreement_and_consensus(summary, k)
    labels = {sid: _label(statement_set, sid, lang, WRAP_HEATMAP) for sid in {*split, *agree}}
    lines = max((_lines(label) for label in labels.values()), default=1)
    fit = agreement_rows(lines, k)
    split, agree = split[:fit], agree[:fit]
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        subplot_titles=(f"<b>{t('chart.disagree', lang)}</b>", f"<b>{t('chart.agree', lang)}</b>"),
    )
    _bubble_rows(fig, summary, split, labels, 1, DISAGREE)
    _bubble_rows(fig, summary, agree, labels, 2, AGREE)
    fig.update_annotations(font={"size": FONT + 4})
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=False)
    _grid_axis(fig, summary, lang, row=2, col=1)
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(summary.counts.columns),
        ticktext=[column_label(v) for v in summary.counts.columns],
        showticklabels=True,
        row=1,
        col=1,
    )
    row = _agreement_row(lines)
    rows = 2 * max(len(split), len(agree), 1)  # the halves are equally tall, so the fuller one sets the pace
    height = min(PROJECTOR_HEIGHT, AGREEMENT_FRAME + math.ceil(rows * row / AGREEMENT_ROWS))
    return _layout(fig, dark, height, lang=lang)


def gap_figure(
    gaps: pd.DataFrame, statement_set: StatementSet, lang: str, grid_values: list[int], k: int = 10, dark: bool = False
) -> go.Figure:
    """Observed vs desired: per statement a dumbbell from the observed mean to the
    desired mean, largest shifts first."""
    top = largest_gaps(gaps, k)
    labels = [_label(statement_set, sid, lang) for sid in top.index]
    fig = go.Figure()
    for label, (_, row) in zip(labels, top.iterrows(), strict=True):
        fig.add_trace(
            go.Scatter(
                x=[row["observed"], row["desired"]],
                y=[label, label],
                mode="lines",
                line={"color": ZERO[dark], "width": 4},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    for name, column, colour, symbol in (
        (t("chart.observed", lang), "observed", OKABE_ITO[0], "circle"),
        (t("chart.desired", lang), "desired", OKABE_ITO[1], "diamond"),
    ):
        fig.add_trace(
            go.Scatter(
                x=top[column],
                y=labels,
                mode="markers",
                name=name,
                marker={"size": 24, "color": colour, "symbol": symbol},
                hovertemplate="%{y}<br>" + name + ": %{x:.2f}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(
        range=[min(grid_values) - 0.3, max(grid_values) + 0.3],
        zeroline=True,
        tickvals=list(grid_values),
        ticktext=[column_label(v) for v in grid_values],
        title={"text": t("chart.axis", lang)},
    )
    return _layout(fig, dark, min(PROJECTOR_HEIGHT, 190 + 66 * max(len(top), 1)), lang=lang)


def subgroup_figure(
    split: SubgroupSplit,
    statement_set: StatementSet,
    lang: str,
    grid_values: list[int],
    k: int = 8,
    dark: bool = False,
) -> go.Figure:
    """Statements on which the shown roles differ most: the mean position per role.
    ``k`` rows leave room for a notice about a role left out."""
    means = role_differences(split, k)
    labels = [_label(statement_set, sid, lang) for sid in means.index]
    fig = go.Figure()
    for i, role in enumerate(means.columns):
        fig.add_trace(
            go.Scatter(
                x=means[role],
                y=labels,
                mode="markers",
                name=f"{plain(role)} ({split.sizes.get(role, 0)})",
                marker={"size": 24, "color": OKABE_ITO[i % 8], "symbol": SYMBOLS[i % 8]},
                hovertemplate=f"{plain(role)}: %{{x:.2f}}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(
        range=[min(grid_values) - 0.3, max(grid_values) + 0.3],
        tickvals=list(grid_values),
        ticktext=[column_label(v) for v in grid_values],
        title={"text": t("chart.axis", lang)},
    )
    return _layout(fig, dark, min(PROJECTOR_HEIGHT - NOTICE_ROOM, 190 + 66 * max(len(means), 1)), lang=lang)


def theme_figure(
    table: pd.DataFrame, lang: str, dark: bool = False, themes: Mapping[str, Mapping[str, str]] | None = None
) -> go.Figure:
    """Mean position per theme, one bar per condition or subgroup; names from ``themes`` (the set's own,
    typed by a facilitator, so escaped) or the Goed Werk three."""
    fig = go.Figure()
    names = [
        plain(((themes or THEMES).get(theme) or THEMES.get(theme) or {}).get(lang) or theme) for theme in table.index
    ]
    for i, column in enumerate(table.columns):
        fig.add_trace(
            go.Bar(
                y=names,
                x=table[column],
                orientation="h",
                name=plain(column),
                marker={"color": OKABE_ITO[i % 8], "pattern": {"shape": ["", "/", ".", "x"][i % 4]}},
                text=numbers(table[column], lang, signed=True),
                textposition="outside",
                constraintext="none",  # plotly would shrink the numbers below 24 px to fit
                textfont={"size": FONT, "color": INK[dark]},
                cliponaxis=False,
                hovertemplate=f"{plain(column)}: %{{x:.2f}}<extra></extra>",
            )
        )
    values = table.to_numpy()
    reach = max(0.5, float(abs(values).max()) if values.size else 0.5) * 1.3  # room for the numbers outside
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(autorange="reversed", tickfont={"size": FONT + 4})
    tickvals, ticktext = value_ticks(reach, lang)
    fig.update_xaxes(
        zeroline=True,
        zerolinewidth=3,
        range=[-reach, reach],
        tickmode="array",
        tickvals=tickvals,
        ticktext=ticktext,
        title={"text": t("chart.theme_axis", lang)},
    )
    bars = len(names) * max(1, len(table.columns))
    return _layout(fig, dark, min(PROJECTOR_HEIGHT - NOTICE_ROOM, 200 + 44 * bars), lang=lang)


PINS_SHOWN = 6  # pinned statements on one projector screen: two columns of three cards


def pins_figure(
    pins: Sequence[int],
    summaries: Mapping[str, Summary],
    statement_set: StatementSet,
    lang: str,
    dark: bool = False,
) -> go.Figure:
    """The pinned statements as large cards, each with how many sorts put it in each column,
    one bar per condition (``summaries`` maps a condition's name to its summary; empty when
    too few have sorted, and then the cards show only the statements). The first
    ``PINS_SHOWN`` pins are shown; a line says how many more there are."""
    shown = list(pins[:PINS_SHOWN])
    cols = 1 if len(shown) <= 2 else 2
    rows = max(1, -(-len(shown) // cols))
    bars = bool(summaries)
    more = len(pins) - len(shown)
    legend_room = 0.06 if bars else 0.0
    foot = 0.06 if more else 0.0
    top, gap_x, gap_y = 1.0 - legend_room, 0.02, 0.03
    card_h = (top - foot - gap_y * (rows - 1)) / rows
    card_w = (1.0 - gap_x * (cols - 1)) / cols
    height = PROJECTOR_HEIGHT if bars else min(PROJECTOR_HEIGHT - NOTICE_ROOM, 40 + 170 * rows)
    wrap = 56 if cols == 2 else 110  # characters per line at 30 px in a half or a full-width card
    layout: dict = {"shapes": [], "annotations": [], "barmode": "group", "bargap": 0.18, "bargroupgap": 0.05}
    traces = []
    text_h = 110 / height  # two lines of 30 px type and the card's padding, as a fraction of the figure
    peak = max([1, *(int(s.counts.loc[sid].max()) for s in summaries.values() for sid in shown)])
    for n, sid in enumerate(shown):
        r, c = divmod(n, cols)
        x0 = c * (card_w + gap_x)
        y1 = top - r * (card_h + gap_y)
        y0 = y1 - card_h
        layout["shapes"].append(
            {
                "type": "rect",
                "xref": "paper",
                "yref": "paper",
                "x0": x0,
                "x1": x0 + card_w,
                "y0": y0,
                "y1": y1,
                "fillcolor": CARD[dark],
                "line": {"color": EDGE[dark], "width": 3},
                "layer": "below",
            }
        )
        lines = _wrap(statement_set.by_id()[sid].in_language(lang), wrap)
        if len(lines) > 3:
            lines = [*lines[:2], textwrap.shorten(" ".join(lines[2:]), wrap, placeholder=" …")]
        layout["annotations"].append(
            {
                "xref": "paper",
                "yref": "paper",
                "x": x0 + 0.012,
                "y": y1 - 0.012 if bars else (y0 + y1) / 2,
                "xanchor": "left",
                "yanchor": "top" if bars else "middle",
                "align": "left",
                "showarrow": False,
                "text": "<b>" + "<br>".join(plain(line) for line in lines) + "</b>",
                "font": {"size": FONT + 6, "color": INK[dark]},
            }
        )
        if not bars:
            continue
        axis = "" if n == 0 else str(n + 1)
        layout[f"xaxis{axis}"] = {
            "domain": [x0 + 0.015, x0 + card_w - 0.015],
            "anchor": f"y{axis}",
            "type": "category",
            "showgrid": False,
            "ticks": "",
        }
        layout[f"yaxis{axis}"] = {
            "domain": [y0 + 0.05, y1 - text_h * (1 if len(lines) < 3 else 1.3)],
            "anchor": f"x{axis}",
            "range": [0, peak * 1.35],  # headroom for the numbers above the bars
            "visible": False,
        }
        for i, (name, summary) in enumerate(summaries.items()):
            counts = summary.counts.loc[sid]
            traces.append(
                go.Bar(
                    x=[column_label(v) for v in counts.index],
                    y=counts.to_numpy(),
                    name=plain(name),
                    legendgroup=name,
                    showlegend=n == 0,
                    marker={"color": OKABE_ITO[i % 8], "pattern": {"shape": ["", "/"][i % 2]}},
                    text=[str(int(v)) if v else "" for v in counts.to_numpy()],
                    textposition="outside",
                    constraintext="none",
                    textfont={"size": FONT, "color": INK[dark]},
                    cliponaxis=False,
                    hovertemplate=f"{plain(name)} %{{x}}: %{{y}}<extra></extra>",
                    xaxis=f"x{axis}",
                    yaxis=f"y{axis}",
                )
            )
    if more:
        layout["annotations"].append(
            {
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "text": t("chart.pins_more", lang, n=more),
                "font": {"size": FONT, "color": MUTED[dark]},
            }
        )
    if not bars:
        layout.update(xaxis={"visible": False}, yaxis={"visible": False})
    fig = go.Figure(traces, layout=layout)
    legend = {"font": {"size": FONT}, "orientation": "h", "x": 0, "y": 1, "yanchor": "top"}
    return _layout(
        fig, dark, height, lang=lang, margin={"l": 4, "r": 4, "t": 4, "b": 4}, showlegend=bars, legend=legend
    )


def distribution_figure(
    summaries: Mapping[str, Summary], statement_id: int, statement_set: StatementSet, lang: str, dark: bool = False
) -> go.Figure:
    """One statement's full distribution: how many sorts put it in each column, per condition."""
    fig = go.Figure()
    for i, (name, summary) in enumerate(summaries.items()):
        counts = summary.counts.loc[statement_id]
        fig.add_trace(
            go.Bar(
                x=[column_label(v) for v in counts.index],
                y=counts.to_numpy(),
                name=name,
                marker={"color": OKABE_ITO[i % 8]},
                text=counts.to_numpy(),
                textposition="outside",
            )
        )
    fig.update_layout(
        barmode="group",
        title={"text": _label(statement_set, statement_id, lang, width=90)},
        legend={"orientation": "h", "y": -0.25},
    )
    fig.update_xaxes(type="category", title={"text": t("chart.axis", lang)})
    fig.update_yaxes(title={"text": t("chart.sorts", lang)}, rangemode="tozero")
    return _layout(fig, dark, 460, lang=lang)


def scree_figure(eigenvalues, lang: str, chosen: int | None = None, dark: bool = False) -> go.Figure:
    """Eigenvalues of the correlation matrix, largest first, with the eigenvalue-1 line."""
    values = list(eigenvalues)[: min(len(eigenvalues), 12)]
    xs = list(range(1, len(values) + 1))
    colours = [OKABE_ITO[0] if chosen and x <= chosen else "#999999" for x in xs]
    fig = go.Figure(
        go.Bar(
            x=xs,
            y=values,
            marker={"color": colours},
            text=numbers(values, lang, 2),
            textposition="outside",
            hovertemplate="%{x}: %{y:.2f}<extra></extra>",
        )
    )
    fig.add_hline(
        y=1,
        line={"dash": "dash", "color": OKABE_ITO[5], "width": 3},
        annotation_text=t("chart.kaiser", lang),
        annotation_position="top right",
    )
    fig.update_xaxes(title={"text": t("chart.factor", lang)}, tickmode="linear")
    fig.update_yaxes(title={"text": t("chart.eigenvalue", lang)}, rangemode="tozero")
    return _layout(fig, dark, 340, lang=lang)
