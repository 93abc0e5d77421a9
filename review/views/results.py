"""The results views of a session, as the projector and the facilitator show them.

Every view reads the published copy of the sorts (:mod:`review.room.anonymity`) and rests on at
least the anonymity threshold of sorts: with fewer, one person's sort could be read off the
screen, so the view gives a notice instead of a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

from review.charts.comparison_figures import gap_figure, subgroup_figure, theme_figure
from review.charts.condition_figures import agreement_figure, extremes_figure, heatmap_figure
from review.i18n import t
from review.room.aggregates import SubgroupSplit, gaps, theme_means
from review.room.anonymity import MIN_GROUP, may_show, threshold
from review.room.live import VIEWS, available_views
from review.room.summaries import condition_split, condition_summary, live_count
from review.store import Session, Store

__all__ = ["VIEWS", "View", "available_views", "build_view"]

PROJECTOR_ENDS = 10  # heatmap rows at each end on a 1080-pixel projector: 20 rows of 24 px type fit


@dataclass(frozen=True)
class View:
    """A figure to show, or a notice saying why there is none (or both)."""

    name: str
    figure: go.Figure | None = None
    notices: list[str] = field(default_factory=list)


def build_view(
    store: Store,
    session: Session,
    name: str,
    lang: str,
    dark: bool = False,
    min_group: int = MIN_GROUP,
    condition: str = "observed",
    round_no: int | None = None,
    compact: bool = False,
) -> View:
    """The figure for one results view, honouring the anonymity threshold.
    ``compact``: for a projector, the heatmap shows only its two ends."""
    min_group = threshold(min_group)
    summary = condition_summary(store, session, condition, round_no)
    if not may_show(summary.n_sorts, min_group):  # the count itself is public: say how many are in
        return View(
            name, notices=[t("results.too_few", lang, n=live_count(store, session, condition, round_no), min=min_group)]
        )
    grid_values = list(session.grid.values)
    if name == "heatmap":
        ends = PROJECTOR_ENDS if compact else None
        return View(name, heatmap_figure(summary, session.statement_set, lang, dark, ends))
    if name == "extremes":
        return View(name, extremes_figure(summary, session.statement_set, lang, dark=dark))
    if name == "agreement":
        return View(name, agreement_figure(summary, session.statement_set, lang, dark=dark))
    if name == "gap":
        if "desired" not in session.conditions:
            return View(name, notices=[t("results.no_desired", lang)])
        desired = condition_summary(store, session, "desired", round_no)
        if not may_show(desired.n_sorts, min_group):
            return View(
                name,
                notices=[t("results.too_few", lang, n=live_count(store, session, "desired", round_no), min=min_group)],
            )
        observed = summary if condition == "observed" else condition_summary(store, session, "observed", round_no)
        return View(name, gap_figure(gaps(observed, desired), session.statement_set, lang, grid_values, dark=dark))
    if name == "subgroups":
        split = condition_split(store, session, condition, min_group, round_no)
        notices = _subgroup_notices(split, lang)
        if len(split.shown) < 2:
            return View(name, notices=notices or [t("results.no_roles", lang)])
        return View(name, subgroup_figure(split, session.statement_set, lang, grid_values, dark=dark), notices)
    if name == "themes":
        columns = {t(f"chart.{condition}", lang): summary}
        if "desired" in session.conditions and condition == "observed":
            desired = condition_summary(store, session, "desired", round_no)
            if may_show(desired.n_sorts, min_group):
                columns[t("chart.desired", lang)] = desired
        split = condition_split(store, session, condition, min_group, round_no) if session.roles else None
        if split and len(split.shown) >= 2:  # a role's bar is its view of this condition, and says so
            seen_as = t(f"chart.{condition}", lang).lower()
            columns.update({f"{role} ({seen_as})": s for role, s in split.shown.items()})
        notices = _subgroup_notices(split, lang) if split else []
        if notices:  # say whose bars these are, so "not shown" does not leave the room guessing
            groups = {t(f"chart.{c}", lang) for c in session.conditions}
            who = [t("results.whole_group", lang, label=c) if c in groups else c for c in columns]
            notices = [t("results.themes_shown", lang, who=", ".join(who)), *notices]
        themes = session.statement_set.themes
        return View(name, theme_figure(theme_means(columns, themes), lang, dark, themes), notices)
    return View(name)


def _subgroup_notices(split: SubgroupSplit, lang: str) -> list[str]:
    """Why some or all subgroups are missing, without saying how small they are."""
    if split.withheld:
        return [t("results.withheld", lang, min=split.min_size)]
    hidden = [r for r in split.hidden if r]
    if hidden:
        return [t("results.hidden_groups", lang, roles=", ".join(sorted(hidden)), min=split.min_size)]
    return []
