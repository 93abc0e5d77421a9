"""Plotly figures built from plain aggregates; pages only display them."""

from __future__ import annotations

import plotly.graph_objects as go

from review.aggregates import Heatmap
from review.grid import column_label
from review.i18n import t
from review.statements import StatementSet

ROW_HEIGHT = 26  # px per statement: 16 px text stays readable from the back of a room
COLOURS = "Blues"  # sequential, colour-blind safe; darker = more participants


def heatmap_figure(hm: Heatmap, statement_set: StatementSet, lang: str) -> go.Figure:
    """Statements as rows (most characteristic on top), grid columns as columns."""
    by_id = statement_set.by_id()
    labels = [f"{by_id[i].in_language(lang)}  ({i})" for i in hm.counts.index]
    columns = [column_label(v) for v in hm.counts.columns]
    z = hm.counts.to_numpy()
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=labels,
            colorscale=COLOURS,
            zmin=0,
            zmax=max(1, int(z.max()) if z.size else 1),
            text=[[str(v) if v else "" for v in row] for row in z],
            texttemplate="%{text}",
            textfont={"size": 15},
            hovertemplate="%{y}<br>" + t("chart.column", lang) + " %{x}: %{z}<extra></extra>",
            xgap=2,
            ygap=2,
            showscale=False,
        )
    )
    fig.update_yaxes(autorange="reversed", tickfont={"size": 16}, automargin=True)
    fig.update_xaxes(
        type="category", side="top", tickfont={"size": 18}, title={"text": t("chart.axis", lang), "font": {"size": 16}}
    )
    fig.update_layout(
        height=120 + ROW_HEIGHT * len(labels),
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
    )
    return fig
