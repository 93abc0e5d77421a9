"""The one percentile rule of the load report."""

from __future__ import annotations


def pct(values: list[float], q: float) -> float:
    """The q-th percentile by nearest rank (no interpolation: a reported p95 is a measured value)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]
