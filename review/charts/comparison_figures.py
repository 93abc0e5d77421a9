"""Conditions or roles side by side: where the desired sorts move from the observed (gap), where the
roles differ (subgroups), and each theme's mean position per condition or role (themes).

Which statements the gap and subgroup views show is the domain's choice
(:func:`review.room.aggregates.largest_gaps`, :func:`review.room.aggregates.role_differences`); these only draw it."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from review.charts.colours import INK, OKABE_ITO, PATTERNS, SYMBOLS, ZERO
from review.charts.layout import (
    FONT,
    NOTICE_ROOM,
    PROJECTOR_HEIGHT,
    apply_layout,
    plain,
    statement_label,
    value_ticks,
)
from review.content.grid import column_label
from review.content.statements import THEMES, StatementSet
from review.i18n import t
from review.numbers import numbers
from review.room.aggregates import SubgroupSplit, largest_gaps, role_differences


def gap_figure(
    gaps: pd.DataFrame, statement_set: StatementSet, lang: str, grid_values: list[int], k: int = 10, dark: bool = False
) -> go.Figure:
    """Observed vs desired: per statement a dumbbell from the observed mean to the
    desired mean, largest shifts first."""
    top = largest_gaps(gaps, k)
    labels = [statement_label(statement_set, sid, lang) for sid in top.index]
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
    return apply_layout(fig, dark, min(PROJECTOR_HEIGHT, 190 + 66 * max(len(top), 1)), lang=lang)


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
    labels = [statement_label(statement_set, sid, lang) for sid in means.index]
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
    return apply_layout(fig, dark, min(PROJECTOR_HEIGHT - NOTICE_ROOM, 190 + 66 * max(len(means), 1)), lang=lang)


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
                marker={"color": OKABE_ITO[i % 8], "pattern": {"shape": PATTERNS[i % 4]}},
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
    return apply_layout(fig, dark, min(PROJECTOR_HEIGHT - NOTICE_ROOM, 200 + 44 * bars), lang=lang)
