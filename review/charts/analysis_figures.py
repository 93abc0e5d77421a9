"""The factor analysis's figure for the facilitator: the scree plot of the eigenvalues."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from review.charts.colours import OKABE_ITO
from review.charts.layout import apply_layout
from review.i18n import t
from review.numbers import numbers


def scree_figure(
    eigenvalues: Sequence[float] | np.ndarray, lang: str, chosen: int | None = None, dark: bool = False
) -> go.Figure:
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
    return apply_layout(fig, dark, 340, lang=lang)
