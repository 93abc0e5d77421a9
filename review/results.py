"""The results views of a session, as the projector and the facilitator show them.

Every view reads the published copy of the sorts (:mod:`review.anonymity`) and rests on at
least the anonymity threshold of sorts: with fewer, one person's sort could be read off the
screen, so the view gives a notice instead of a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

from review.aggregates import SubgroupSplit, Summary, gaps, subgroups, summarise, theme_means
from review.anonymity import MIN_GROUP, may_show, threshold
from review.charts.comparison_figures import gap_figure, subgroup_figure, theme_figure
from review.charts.condition_figures import agreement_figure, extremes_figure, heatmap_figure
from review.errors import ReviewError
from review.i18n import t
from review.room import VIEWS, available_views, refresh
from review.sessions import check_condition
from review.store import Session, Store

__all__ = [
    "VIEWS",
    "View",
    "available_views",
    "build_view",
    "by_condition",
    "condition_split",
    "condition_summary",
    "shown_summary",
]

PROJECTOR_ENDS = 10  # heatmap rows at each end on a 1080-pixel projector: 20 rows of 24 px type fit


def condition_summary(
    store: Store, session: Session, condition: str, round_no: int | None = None, scope: str | None = "all"
) -> Summary:
    """One condition's aggregates from the published copy (``scope=None``: the live sorts)."""
    check_condition(session, condition)
    counts = store.position_counts(session.id, condition, round_no, scope=scope)
    n = store.sort_count(session.id, condition, round_no, scope=scope)
    return summarise(counts, n, session.statement_set, session.grid, condition)


def shown_summary(
    store: Store, session: Session, condition: str, configured: int | str | None = None, round_no: int | None = None
) -> Summary:
    """What a screen or ``/api/summary`` may show of a condition: the published copy, refreshed
    first, and only at or above the anonymity threshold (else ``results.too_few``)."""
    check_condition(session, condition)
    refresh(store, session, configured, round_no)
    summary = condition_summary(store, session, condition, round_no)
    if not may_show(summary.n_sorts, configured):
        raise ReviewError("results.too_few", n=summary.n_sorts, min=threshold(configured))
    return summary


def by_condition(
    store: Store, session: Session, min_group: int | str | None = MIN_GROUP
) -> tuple[dict[str, Summary], dict[str, int]]:
    """Each condition on its own (the observed sorts show while the desired ones still come in): the
    published summaries at or above the threshold, and for every other condition its count so far
    (the live count, which the room's counter shows anyway)."""
    shown: dict[str, Summary] = {}
    withheld: dict[str, int] = {}
    for condition in session.conditions:
        summary = condition_summary(store, session, condition)
        if may_show(summary.n_sorts, min_group):
            shown[condition] = summary
        else:
            withheld[condition] = _live(store, session, condition, None)
    return shown, withheld


def condition_split(
    store: Store, session: Session, condition: str, min_group: int = MIN_GROUP, round_no: int | None = None
) -> SubgroupSplit:
    """Per role, from the subgroups' published copy."""
    counts = store.position_counts(session.id, condition, round_no, by_role=True, scope="roles")
    sizes = store.role_sizes(session.id, condition, round_no, scope="roles")
    total = store.sort_count(session.id, condition, round_no, scope="all")  # what the group views show
    return subgroups(counts, sizes, session.statement_set, session.grid, condition, min_group, total)


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
            name, notices=[t("results.too_few", lang, n=_live(store, session, condition, round_no), min=min_group)]
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
                name, notices=[t("results.too_few", lang, n=_live(store, session, "desired", round_no), min=min_group)]
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


def _live(store: Store, session: Session, condition: str, round_no: int | None) -> int:
    """How many sorts of a condition are in, published or waiting (what the counter shows anyway)."""
    return store.sort_count(session.id, condition, round_no)


def _subgroup_notices(split: SubgroupSplit, lang: str) -> list[str]:
    """Why some or all subgroups are missing, without saying how small they are."""
    if split.withheld:
        return [t("results.withheld", lang, min=split.min_size)]
    hidden = [r for r in split.hidden if r]
    if hidden:
        return [t("results.hidden_groups", lang, roles=", ".join(sorted(hidden)), min=split.min_size)]
    return []
