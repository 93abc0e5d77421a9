"""Chosen statements, column by column: the pinned statements as cards with their distributions
(pins), and one statement's distribution per condition (distribution)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from review.charts.colours import CARD, EDGE, INK, MUTED, OKABE_ITO, PATTERNS
from review.charts.layout import FONT, NOTICE_ROOM, PROJECTOR_HEIGHT, apply_layout, plain, statement_label, wrap_evenly
from review.content.grid import column_label
from review.content.statements import StatementSet
from review.i18n import t
from review.room.aggregates import Summary

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
        lines = wrap_evenly(statement_set.by_id()[sid].in_language(lang), wrap)
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
                    marker={"color": OKABE_ITO[i % 8], "pattern": {"shape": PATTERNS[i % 2]}},
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
    return apply_layout(
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
        title={"text": statement_label(statement_set, statement_id, lang, width=90)},
        legend={"orientation": "h", "y": -0.25},
    )
    fig.update_xaxes(type="category", title={"text": t("chart.axis", lang)})
    fig.update_yaxes(title={"text": t("chart.sorts", lang)}, rangemode="tozero")
    return apply_layout(fig, dark, 460, lang=lang)
