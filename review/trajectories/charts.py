"""Figures of a trajectory's comparisons, built from a :class:`review.trajectories.movement.Movement`.

A movement (one group, an earlier and a later meeting) is drawn as arrows from before to after; a
difference (two groups at one meeting) as the two groups' dots joined by a plain line: nothing
moved from one group to the other.

The same conventions as :mod:`review.charts`: 24 px type, Okabe-Ito colours with a second cue in
the marker shape, a light and a dark version, statement texts escaped (plotly renders HTML).
"""

from __future__ import annotations

import plotly.graph_objects as go

from review.charts.colours import OKABE_ITO, ZERO
from review.charts.layout import PROJECTOR_HEIGHT, WRAP, apply_layout, plain, wrap_evenly
from review.content.grid import column_label
from review.i18n import t
from review.trajectories.movement import TOP_MOVERS, Movement

ROW_HEIGHT = 66  # px per statement row, as in the observed-desired dumbbells
FRAME = 190  # px for the legend, the axis and its title
ARROW_STANDOFF = 14  # px the arrow head stops short of the "after" dot's centre, so the dot stays visible
MIN_SHOWN_CHANGE = 0.05  # below this a move is a dot on a dot: no arrow to draw
# A phone's version (390 px wide): at 24 px a statement label alone would take the whole width.
COMPACT_FONT = 13  # px: the app's own body text on a phone
COMPACT_WRAP = 28  # characters per label line: about half of a 390 px screen at 13 px
COMPACT_ROW = 40  # px per statement row
COMPACT_FRAME = 130  # px for the legend and the axis


def movement_label(text: dict[str, str] | object, statement_id: int, lang: str, width: int = WRAP) -> str:
    """A statement as a row label: its text in ``lang`` (Dutch if missing) and its number, escaped and wrapped."""
    texts = text if isinstance(text, dict) else dict(text)
    line = (texts.get(lang) or texts.get("nl") or "") + f"  ({statement_id})"
    return "<br>".join(plain(part) for part in wrap_evenly(line, width))


def movement_figure(
    movement: Movement,
    lang: str,
    labels: tuple[str, str],
    dark: bool = False,
    k: int = TOP_MOVERS,
    compact: bool = False,
) -> go.Figure | None:
    """The ``k`` statements that moved (or differ) most: a dot at each side's mean position, and between
    them an arrow for a movement over time, or a plain line for two groups (``movement.across_groups``).
    ``labels`` name the two sides ("Intake", "Meeting 4"; or two group names) and are escaped here.
    ``compact``: small type for a phone. None when the comparison is withheld: there is nothing that
    may be drawn."""
    if movement.withheld or not movement.rows:
        return None
    width = COMPACT_WRAP if compact else WRAP
    top = list(movement.rows[:k])
    rows = [movement_label(r.text, r.statement_id, lang, width) for r in top]
    before_name, after_name = (plain(label) for label in labels)
    fig = go.Figure()
    if movement.across_groups:  # plain lines, under the dots: a difference has no direction
        for r, label in zip(top, rows, strict=True):
            fig.add_trace(
                go.Scatter(
                    x=[r.before, r.after],
                    y=[label, label],
                    mode="lines",
                    line={"color": ZERO[dark], "width": 2 if compact else 4},
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
    for name, values, colour, symbol in (
        (before_name, [r.before for r in top], OKABE_ITO[0], "circle"),
        (after_name, [r.after for r in top], OKABE_ITO[1], "diamond"),
    ):
        fig.add_trace(
            go.Scatter(
                x=values,
                y=rows,
                mode="markers",
                name=name,
                marker={"size": 12 if compact else 22, "color": colour, "symbol": symbol},
                customdata=[r.change for r in top],
                hovertemplate="%{y}<br>" + name + ": %{x:.2f}<br>Δ %{customdata:+.2f}<extra></extra>",
            )
        )
    arrows = [
        {
            "x": r.after,
            "y": label,
            "ax": r.before,
            "ay": label,
            "xref": "x",
            "yref": "y",
            "axref": "x",
            "ayref": "y",
            "showarrow": True,
            "arrowhead": 2,
            "arrowsize": 1.2,
            "arrowwidth": 2 if compact else 3,
            "arrowcolor": ZERO[dark],
            "standoff": ARROW_STANDOFF // 2 if compact else ARROW_STANDOFF,
            "text": "",
        }
        for r, label in zip(top, rows, strict=True)
        if abs(r.change) >= MIN_SHOWN_CHANGE and not movement.across_groups
    ]
    low, high = movement.grid_range
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(
        range=[low - 0.3, high + 0.3],
        zeroline=True,
        tickvals=list(range(low, high + 1)),
        ticktext=[column_label(v) for v in range(low, high + 1)],
        title={"text": t("chart.axis", lang)},
    )
    extra_lines = sum(label.count("<br>") for label in rows)
    if not compact:
        height = min(PROJECTOR_HEIGHT, FRAME + ROW_HEIGHT * max(len(top), 1) + 24 * extra_lines)
        return apply_layout(fig, dark, height, lang=lang, annotations=arrows)
    height = COMPACT_FRAME + COMPACT_ROW * max(len(top), 1) + 14 * extra_lines
    apply_layout(fig, dark, height, lang=lang, annotations=arrows, margin={"l": 4, "r": 8, "t": 40, "b": 10})
    small = {"size": COMPACT_FONT}
    fig.update_layout(font=small, legend={"font": small}, hoverlabel={"font": small})
    axis = t("chart.axis", lang).replace(" · · · ", "<br>")  # one line would not fit a phone
    fig.update_xaxes(tickfont=small, title={"font": small, "text": axis})
    fig.update_yaxes(tickfont=small)
    return fig
