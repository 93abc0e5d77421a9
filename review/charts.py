"""Plotly figures built from plain aggregates; pages only display them.

Every figure is readable from the back of a room on a 1920x1080 projector
(18 px text and up), uses colour-blind safe colours (a single-hue sequential
scale for counts, the Okabe-Ito palette for categories, with shapes as a second
cue) and comes in a light and a dark version.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from review.aggregates import SubgroupSplit, Summary, disagreement_and_consensus, most_and_least
from review.grid import column_label
from review.i18n import t
from review.statements import THEMES, StatementSet

FONT = 18  # px; the smallest text on a projected chart
ROW_HEIGHT = 30  # px per statement row in the heatmap
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "x", "star", "hexagon", "cross")
WRAP = 48  # characters per line of a statement label


def _label(statement_set: StatementSet, sid: int, lang: str, width: int = WRAP) -> str:
    text = statement_set.by_id()[sid].in_language(lang)
    return "<br>".join(textwrap.wrap(text, width)) + f"  ({sid})"


def _signed(value: float) -> str:
    return f"{value:+.1f}".replace("+0.0", "0.0").replace("-0.0", "0.0")


# Colours of the few things a template would set. A named plotly template costs ~9 ms
# per figure to apply (it is validated each time), most of a projector refresh.
INK = {False: "#1b1f24", True: "#f0f2f6"}
GRID = {False: "#e5e7eb", True: "#2b313e"}
ZERO = {False: "#9ca3af", True: "#6b7280"}


def _layout(fig: go.Figure, dark: bool, height: int) -> go.Figure:
    """Size, fonts and colours in one layout update (each plotly update call costs milliseconds)."""
    axes = {"gridcolor": GRID[dark], "zerolinecolor": ZERO[dark], "linecolor": GRID[dark], "automargin": True}
    names = [k for k in fig.layout.to_plotly_json() if k.startswith(("xaxis", "yaxis"))] or ["xaxis", "yaxis"]
    fig.update_layout(
        {name: axes for name in names},
        template="none",
        height=height,
        font={"size": FONT, "color": INK[dark]},
        margin={"l": 10, "r": 20, "t": 60, "b": 20},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        hoverlabel={"font": {"size": FONT}},
    )
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


def heatmap_figure(
    summary: Summary, statement_set: StatementSet, lang: str, dark: bool = False, ends: int | None = None
) -> go.Figure:
    """Statements as rows (most characteristic on top), grid columns as columns, counts in cells.

    With ``ends``, only that many rows at each end (a projector cannot show 50
    readable rows at once); a line marks the statements left out between them."""
    order = summary.by_mean()
    cut = ends is not None and len(order) > 2 * ends
    if cut:
        order = order[:ends] + order[-ends:]
    counts = summary.counts.loc[order]
    z = counts.to_numpy()
    scale = [[0, "#161b22"], [1, "#9ecbff"]] if dark else "Blues"
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[column_label(v) for v in counts.columns],
            y=[_label(statement_set, i, lang, width=200) for i in order],
            colorscale=scale,
            zmin=0,
            zmax=max(1, int(z.max()) if z.size else 1),
            text=[[str(v) if v else "" for v in row] for row in z],
            texttemplate="%{text}",
            textfont={"size": FONT - 2},
            hovertemplate="%{y}<br>" + t("chart.column", lang) + " %{x}: %{z}<extra></extra>",
            xgap=2,
            ygap=2,
            showscale=False,
        )
    )
    fig.update_yaxes(autorange="reversed", tickfont={"size": FONT - 2}, automargin=True)
    fig.update_xaxes(type="category", side="top", title={"text": t("chart.axis", lang)})
    if cut:
        left_out = len(summary.counts) - 2 * ends
        fig.add_hline(y=ends - 0.5, line={"width": 6, "dash": "dot", "color": "#999999"})
        fig.add_annotation(
            x=1,
            xref="paper",
            y=ends - 0.5,
            yanchor="bottom",
            xanchor="right",
            showarrow=False,
            text=t("chart.left_out", lang, n=left_out),
            font={"size": FONT - 4, "color": "#999999"},
        )
    return _layout(fig, dark, 140 + ROW_HEIGHT * len(order))


def extremes_figure(
    summary: Summary, statement_set: StatementSet, lang: str, k: int = 5, dark: bool = False
) -> go.Figure:
    """The k most and k least characteristic statements as large cards with mean and spread."""
    most, least = most_and_least(summary, k)
    ink, card, edge = ("#f0f2f6", "#1b2330", "#7fb0f0") if dark else ("#1b1f24", "#f4f7fb", "#1f5fa8")
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
                "font": {"size": FONT + 8, "color": ink},
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
                    "fillcolor": card,
                    "line": {"color": edge, "width": 2},
                    "layer": "below",
                }
            )
            stats = summary.stats.loc[sid]
            numbers = t("chart.mean_sd", lang, mean=_signed(stats["mean"]), sd=f"{stats['sd']:.1f}")
            text = "<br>".join(textwrap.wrap(statement_set.by_id()[sid].in_language(lang), 52))
            notes.append(
                {
                    **paper,
                    "x": x0 + 0.012,
                    "y": (top + bottom) / 2,
                    "yanchor": "middle",
                    "align": "left",
                    "font": {"size": FONT + 4, "color": ink},
                    "text": f"{text}<br><span style='font-size:{FONT}px'>{numbers}</span>",
                }
            )
    fig = go.Figure(
        layout={"shapes": shapes, "annotations": notes, "xaxis": {"visible": False}, "yaxis": {"visible": False}}
    )
    return _layout(fig, dark, 160 + 150 * max(len(most), 1))


def _bubble_rows(fig: go.Figure, summary: Summary, ids: list[int], statement_set, lang, row: int, colour: str) -> None:
    counts = summary.counts.loc[ids]
    peak = max(1, int(counts.to_numpy().max()) if counts.size else 1)
    for sid in ids:
        label = _label(statement_set, sid, lang)
        xs = [v for v in counts.columns if counts.loc[sid, v]]
        ns = [int(counts.loc[sid, v]) for v in xs]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[label] * len(xs),
                mode="markers+text",
                text=[str(n) for n in ns],
                textposition="middle center",
                textfont={"size": FONT - 4, "color": "#ffffff"},
                marker={"size": [16 + 34 * (n / peak) ** 0.5 for n in ns], "color": colour, "opacity": 0.9},
                hovertemplate=f"{label}<br>%{{x}}: %{{text}}<extra></extra>",
                showlegend=False,
            ),
            row=row,
            col=1,
        )


def agreement_figure(
    summary: Summary, statement_set: StatementSet, lang: str, k: int = 5, dark: bool = False
) -> go.Figure:
    """Where the group disagrees (widest spread) and where it agrees (tightest),
    each statement as a row of bubbles: how many put it in each column."""
    split, agree = disagreement_and_consensus(summary, k)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        subplot_titles=(t("chart.disagree", lang), t("chart.agree", lang)),
    )
    _bubble_rows(fig, summary, split, statement_set, lang, 1, OKABE_ITO[5])
    _bubble_rows(fig, summary, agree, statement_set, lang, 2, OKABE_ITO[0])
    fig.update_annotations(font={"size": FONT + 6})
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": FONT - 2})
    _grid_axis(fig, summary, lang, row=2, col=1)
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(summary.counts.columns),
        ticktext=[column_label(v) for v in summary.counts.columns],
        showticklabels=True,
        row=1,
        col=1,
    )
    return _layout(fig, dark, 260 + 2 * 80 * max(len(split), 1))


def gap_figure(
    gaps: pd.DataFrame, statement_set: StatementSet, lang: str, grid_values: list[int], k: int = 10, dark: bool = False
) -> go.Figure:
    """Observed vs desired: per statement a dumbbell from the observed mean to the
    desired mean, largest shifts first."""
    top = gaps.dropna().head(k)
    labels = [_label(statement_set, sid, lang) for sid in top.index]
    fig = go.Figure()
    for label, (_, row) in zip(labels, top.iterrows(), strict=True):
        fig.add_trace(
            go.Scatter(
                x=[row["observed"], row["desired"]],
                y=[label, label],
                mode="lines",
                line={"color": "#999999", "width": 4},
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
                marker={"size": 20, "color": colour, "symbol": symbol},
                hovertemplate="%{y}<br>" + name + ": %{x:.2f}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": FONT - 2})
    fig.update_xaxes(
        range=[min(grid_values) - 0.3, max(grid_values) + 0.3],
        zeroline=True,
        tickvals=list(grid_values),
        ticktext=[column_label(v) for v in grid_values],
        title={"text": t("chart.axis", lang)},
    )
    fig.update_layout(legend={"orientation": "h", "y": 1.08, "x": 0, "font": {"size": FONT + 2}})
    return _layout(fig, dark, 200 + 70 * max(len(top), 1))


def subgroup_figure(
    split: SubgroupSplit,
    statement_set: StatementSet,
    lang: str,
    grid_values: list[int],
    k: int = 10,
    dark: bool = False,
) -> go.Figure:
    """Statements on which the shown roles differ most: the mean position per role."""
    means = pd.DataFrame({role: s.stats["mean"] for role, s in split.shown.items()})
    spread = (means.max(axis=1) - means.min(axis=1)).sort_values(ascending=False, kind="stable")
    ids = list(spread.index[:k])
    labels = [_label(statement_set, sid, lang) for sid in ids]
    fig = go.Figure()
    for i, role in enumerate(means.columns):
        fig.add_trace(
            go.Scatter(
                x=means.loc[ids, role],
                y=labels,
                mode="markers",
                name=f"{role} ({split.sizes.get(role, 0)})",
                marker={"size": 20, "color": OKABE_ITO[i % 8], "symbol": SYMBOLS[i % 8]},
                hovertemplate=f"{role}: %{{x:.2f}}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": FONT - 2})
    fig.update_xaxes(
        range=[min(grid_values) - 0.3, max(grid_values) + 0.3],
        tickvals=list(grid_values),
        ticktext=[column_label(v) for v in grid_values],
        title={"text": t("chart.axis", lang)},
    )
    fig.update_layout(legend={"orientation": "h", "y": 1.08, "x": 0, "font": {"size": FONT + 2}})
    return _layout(fig, dark, 200 + 70 * max(len(ids), 1))


def theme_figure(table: pd.DataFrame, lang: str, dark: bool = False) -> go.Figure:
    """Mean position per Goed Werk theme, one bar per condition or subgroup."""
    fig = go.Figure()
    names = [THEMES[theme][lang] for theme in table.index]
    for i, column in enumerate(table.columns):
        fig.add_trace(
            go.Bar(
                y=names,
                x=table[column],
                orientation="h",
                name=str(column),
                marker={"color": OKABE_ITO[i % 8], "pattern": {"shape": ["", "/", ".", "x"][i % 4]}},
                text=[_signed(v) for v in table[column]],
                textposition="outside",
                hovertemplate=f"{column}: %{{x:.2f}}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": 1.12, "x": 0, "font": {"size": FONT + 2}})
    fig.update_yaxes(autorange="reversed", tickfont={"size": FONT + 4})
    fig.update_xaxes(zeroline=True, zerolinewidth=3, title={"text": t("chart.theme_axis", lang)})
    return _layout(fig, dark, 180 + 110 * len(names) * max(1, len(table.columns)) // 2)


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
    return _layout(fig, dark, 460)


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
            text=[f"{v:.2f}" for v in values],
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
    return _layout(fig, dark, 340)
