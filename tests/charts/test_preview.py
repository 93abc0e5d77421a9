"""The facilitator's preview: a projector figure with every size scaled, its data untouched."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from review.charts.condition_figures import agreement_figure, extremes_figure, heatmap_figure
from review.charts.layout import FONT, PROJECTOR_HEIGHT
from review.charts.preview import PREVIEW_SCALE, scaled
from review.room.demo import demo_sorts
from tests.charts.test_figures import summary_of


def font_sizes(spec: object, parent: str = "") -> list[float]:
    """Every font size anywhere in a figure's JSON."""
    if isinstance(spec, dict):
        found = [v for k, v in spec.items() if k == "size" and parent.endswith("font") and isinstance(v, int | float)]
        return found + [s for k, v in spec.items() for s in font_sizes(v, k)]
    if isinstance(spec, list):
        return [s for v in spec for s in font_sizes(v, parent)]
    return []


@pytest.fixture
def summary(statement_set, grid):
    return summary_of(demo_sorts(statement_set, grid, 12, seed=3), statement_set, grid, "observed")


@pytest.mark.parametrize("draw", [heatmap_figure, agreement_figure])
def test_every_size_is_scaled_and_the_data_is_not(draw, summary, statement_set) -> None:
    figure = (
        draw(summary, statement_set, "nl", ends=10) if draw is heatmap_figure else draw(summary, statement_set, "nl")
    )
    small = scaled(figure)
    before, after = font_sizes(figure.to_plotly_json()), font_sizes(small.to_plotly_json())
    assert before and len(before) == len(after)
    assert sorted(after) == pytest.approx(sorted(s * PREVIEW_SCALE for s in before))
    assert small.layout.height == int(figure.layout.height * PREVIEW_SCALE) <= PROJECTOR_HEIGHT * PREVIEW_SCALE
    assert small.layout.width is None  # the column decides
    for a, b in zip(figure.data, small.data, strict=True):  # the same numbers and labels
        assert a.to_plotly_json().get("z") == b.to_plotly_json().get("z")
        assert a.to_plotly_json().get("y") == b.to_plotly_json().get("y")
    assert figure.layout.height > small.layout.height  # the original is left as it was


def test_marker_sizes_and_line_widths_scale_too() -> None:
    figure = go.Figure(
        go.Scatter(x=[1, 2], y=[1, 2], marker={"size": [20, 40], "line": {"width": 4}}, line={"width": 6})
    )
    small = scaled(figure, 0.5)
    assert list(small.data[0].marker.size) == [10, 20]
    assert small.data[0].marker.line.width == 2 and small.data[0].line.width == 3


def test_a_size_written_into_an_annotation_scales_too(summary, statement_set) -> None:
    """The extremes cards carry their mean and spread in a span with its own size: it shrinks with the
    card's text, or the numbers would cover the statement in the preview."""
    figure = extremes_figure(summary, statement_set, "nl")
    spans = [a.text for a in scaled(figure, 0.5).layout.annotations if "font-size" in (a.text or "")]
    assert spans and all(f"font-size:{FONT * 0.5:g}px" in text for text in spans)
