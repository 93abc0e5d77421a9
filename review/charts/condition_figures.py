"""One condition's sorts as the projector shows them: every statement by column (heatmap), the most
and least characteristic statements (extremes), and where the group disagrees and agrees (agreement).

Each view fits the projector: :func:`heatmap_rows` and :func:`agreement_rows` say how many rows of
statements fit, fewer when the labels wrap."""

from __future__ import annotations

import math
from collections.abc import Mapping

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from review.charts.colours import AGREE, CARD, DISAGREE, EDGE, HEAT, INK, MUTED, scale_colour, text_on
from review.charts.layout import (
    FAMILY,
    FONT,
    PROJECTOR_HEIGHT,
    ROW_LINE,
    WRAP,
    WRAP_HEATMAP,
    apply_layout,
    line_count,
    plain,
    statement_label,
    wrap_evenly,
)
from review.content.grid import column_label
from review.content.statements import StatementSet
from review.i18n import t
from review.numbers import number
from review.room.aggregates import Summary, disagreement_and_consensus, most_and_least

ROW_PAD = 6  # px between rows of statements
HEATMAP_TOP = 84  # px above the heatmap's cells: the axis title and the column labels


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
    labels = {i: statement_label(statement_set, i, lang, width) for i in order}
    lines = max((line_count(label) for label in labels.values()), default=1)
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
    return apply_layout(
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
            text = "<br>".join(plain(line) for line in wrap_evenly(statement_set.by_id()[sid].in_language(lang), 58))
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
    return apply_layout(fig, dark, min(PROJECTOR_HEIGHT, 60 + 160 * max(len(most), 1)), lang=lang)


BUBBLE_SMALL, BUBBLE_GROWTH = 40, 22  # px: the smallest bubble holds a two-digit number at 24 px
LABEL_GAP = 18  # px of clear space between two row labels (or bubbles), so wrapped labels never touch
AGREEMENT_FRAME = 170  # px of the agreement figure that are not rows: titles, axis, tick labels, margins
AGREEMENT_ROWS = 0.9  # the share of the plot height its two halves take (make_subplots vertical_spacing 0.1)


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
    labels = {sid: statement_label(statement_set, sid, lang, WRAP_HEATMAP) for sid in {*split, *agree}}
    lines = max((line_count(label) for label in labels.values()), default=1)
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
    return apply_layout(fig, dark, height, lang=lang)
