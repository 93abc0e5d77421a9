"""A projector figure drawn smaller, for a preview: the same view with every size scaled.

The facilitator checks a view on a laptop before the group sees it. The projector's figures are
drawn for 1920 px with 24 px type; squeezed into a 700 px column their labels took the whole width
and the grid vanished, and drawn at full size they had to be cropped or scrolled. Scaling the
figure's own sizes (type, markers, margins, height) keeps the view whole at any column width.
(CSS ``zoom`` or ``transform`` cannot do it: Streamlit sizes a plotly chart from its on-screen box.)
"""

from __future__ import annotations

import re
from typing import Any

import plotly.graph_objects as go

# The projector's 1824 px of content in the 770 px preview column of a 1366 px laptop: 24 px type becomes
# 10 px, and text wrapped for a projector's card still fits the card (at 1280 px the column is 715 px)
PREVIEW_SCALE = 0.42
INLINE_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")  # a size written into an annotation's own text


def _sized(key: str, parent: str) -> bool:
    """Whether ``key`` under ``parent`` is a size in pixels: type, a marker, a line's width."""
    return (key == "size" and (parent.endswith("font") or parent == "marker")) or (
        key == "width" and parent in ("line", "marker.line")
    )


def _scale(node: Any, factor: float, parent: str = "") -> Any:
    """``node`` with every size in pixels (see :func:`_sized`) multiplied by ``factor``."""
    if isinstance(node, dict):
        return {
            k: _times(v, factor)
            if _sized(k, parent)
            else _scale(v, factor, "marker.line" if (parent == "marker" and k == "line") else k)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_scale(v, factor, parent) for v in node]
    if isinstance(node, str) and parent == "text":
        return INLINE_SIZE.sub(lambda m: f"font-size:{float(m.group(1)) * factor:g}px", node)
    return node


def _times(value: Any, factor: float) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value * factor
    if isinstance(value, list | tuple):
        return [_times(v, factor) for v in value]
    return value


def scaled(figure: go.Figure, factor: float = PREVIEW_SCALE) -> go.Figure:
    """A copy of ``figure`` with its type, markers, lines, margins and height times ``factor``; the
    width is left to the column it is shown in."""
    spec = _scale(figure.to_plotly_json(), factor)
    layout = spec.setdefault("layout", {})
    if layout.get("height"):
        layout["height"] = int(layout["height"] * factor)
    margin = layout.get("margin") or {}
    layout["margin"] = {k: (v * factor if k in "lrtb" and isinstance(v, int | float) else v) for k, v in margin.items()}
    layout.pop("width", None)
    return go.Figure(spec)
