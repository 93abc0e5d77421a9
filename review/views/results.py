"""The results views of a session, as the projector and the facilitator's preview show them: one
table (:data:`BUILDERS`), one builder per reveal step, each handing the screen what to draw.

Every view reads the published copy of the sorts (:mod:`review.room.anonymity`) and rests on at
least the anonymity threshold of sorts: with fewer, one person's sort could be read off the
screen, so the view gives a notice instead of a figure. :func:`build_view` is the gate for the views
of the whole group; the pins show each condition that passes it, and the viewpoints leave out a
viewpoint that fewer sorts define (:func:`review.analysis.viewpoints.room_viewpoints`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import plotly.graph_objects as go

from review.analysis.viewpoints import RoomViewpoints, room_viewpoints
from review.charts.comparison_figures import gap_figure, subgroup_figure, theme_figure
from review.charts.condition_figures import agreement_figure, extremes_figure, heatmap_figure
from review.charts.statement_figures import pins_figure
from review.i18n import t
from review.room.aggregates import SubgroupSplit, Summary, gaps, theme_means
from review.room.anonymity import MIN_GROUP, may_show, threshold
from review.room.live import VIEWS, available_views, end_of, featured_comments
from review.room.summaries import by_condition, condition_split, condition_summary, live_count
from review.store import Session, Store

__all__ = ["BUILDERS", "VIEWS", "WORDS", "Card", "View", "available_views", "build_view", "per_condition"]

PROJECTOR_ENDS = 10  # heatmap rows at each end on a 1080-pixel projector: 20 rows of 24 px type fit


@dataclass(frozen=True)
class Card:
    """A participant's comment chosen for the projector, under the statement it is about."""

    quote: str
    about: str


@dataclass(frozen=True)
class View:
    """What a screen draws for one view: a figure, cards in words (the comments), the viewpoints in
    words, or only notices saying why there is nothing (yet). ``notices`` may name roles (text the
    facilitator typed: drawn escaped); ``messages`` are the app's own sentences, drawn as they are;
    ``empty``: a calm sentence for a step that has nothing chosen (no pins yet)."""

    name: str
    figure: go.Figure | None = None
    notices: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    viewpoints: RoomViewpoints | None = None
    empty: str | None = None


@dataclass(frozen=True)
class Ask:
    """What a builder is asked for: the session's view in a language and theme, from a threshold on."""

    store: Store
    session: Session
    name: str
    lang: str
    dark: bool
    min_group: int
    condition: str
    round_no: int | None
    compact: bool

    @cached_property
    def whole(self) -> Summary:
        """The whole group's summary of the asked condition: what the gate counts."""
        return self.summary()

    def summary(self, condition: str | None = None) -> Summary:
        return condition_summary(self.store, self.session, condition or self.condition, self.round_no)

    def too_few(self, condition: str | None = None) -> View:
        """The notice instead of a figure: the count itself is public, so it says how many are in."""
        n = live_count(self.store, self.session, condition or self.condition, self.round_no)
        return View(self.name, notices=[t("results.too_few", self.lang, n=n, min=self.min_group)])


def _heatmap(ask: Ask) -> View:
    ends = PROJECTOR_ENDS if ask.compact else None
    return View(ask.name, heatmap_figure(ask.whole, ask.session.statement_set, ask.lang, ask.dark, ends))


def _extremes(ask: Ask) -> View:
    return View(ask.name, extremes_figure(ask.whole, ask.session.statement_set, ask.lang, dark=ask.dark))


def _agreement(ask: Ask) -> View:
    return View(ask.name, agreement_figure(ask.whole, ask.session.statement_set, ask.lang, dark=ask.dark))


def _gap(ask: Ask) -> View:
    session = ask.session
    if "desired" not in session.conditions:
        return View(ask.name, notices=[t("results.no_desired", ask.lang)])
    desired = ask.summary("desired")
    if not may_show(desired.n_sorts, ask.min_group):
        return ask.too_few("desired")
    observed = ask.whole if ask.condition == "observed" else ask.summary("observed")
    grid_values = list(session.grid.values)
    gap = gaps(observed, desired)
    return View(ask.name, gap_figure(gap, session.statement_set, ask.lang, grid_values, dark=ask.dark))


def _subgroups(ask: Ask) -> View:
    split = condition_split(ask.store, ask.session, ask.condition, ask.min_group, ask.round_no)
    notices = _subgroup_notices(split, ask.lang)
    if len(split.shown) < 2:
        return View(ask.name, notices=notices or [t("results.no_roles", ask.lang)])
    grid_values = list(ask.session.grid.values)
    figure = subgroup_figure(split, ask.session.statement_set, ask.lang, grid_values, dark=ask.dark)
    return View(ask.name, figure, notices)


def _themes(ask: Ask) -> View:
    session, lang, condition = ask.session, ask.lang, ask.condition
    columns = {t(f"chart.{condition}", lang): ask.whole}
    if "desired" in session.conditions and condition == "observed":
        desired = ask.summary("desired")
        if may_show(desired.n_sorts, ask.min_group):
            columns[t("chart.desired", lang)] = desired
    split = condition_split(ask.store, session, condition, ask.min_group, ask.round_no) if session.roles else None
    if split and len(split.shown) >= 2:  # a role's bar is its view of this condition, and says so
        seen_as = t(f"chart.{condition}", lang).lower()
        columns.update({f"{role} ({seen_as})": s for role, s in split.shown.items()})
    notices = _subgroup_notices(split, lang) if split else []
    if notices:  # say whose bars these are, so "not shown" does not leave the room guessing
        groups = {t(f"chart.{c}", lang) for c in session.conditions}
        who = [t("results.whole_group", lang, label=c) if c in groups else c for c in columns]
        notices = [t("results.themes_shown", lang, who=", ".join(who)), *notices]
    themes = session.statement_set.themes
    return View(ask.name, theme_figure(theme_means(columns, themes), lang, ask.dark, themes), notices)


def _comments(ask: Ask) -> View:
    """The comments the facilitator chose, as cards under their statement: from published sorts only,
    of the conditions that may be shown."""
    notes = featured_comments(ask.store, ask.session, ask.min_group)
    if not notes:
        return View(ask.name, messages=[t("comments.none_featured", ask.lang)])
    texts = ask.session.statement_set.by_id()
    cards = [
        Card(
            note.text,
            f"{texts[note.statement_id].in_language(ask.lang)} · "
            f"{t(f'comments.end.{end_of(ask.session, note.position)}', ask.lang)}",
        )
        for note in notes
    ]
    return View(ask.name, cards=cards)


def _pins(ask: Ask) -> View:
    """The pinned statements with their distributions, per condition that passes the gate."""
    session = ask.session
    if not session.pins:
        return View(ask.name, empty=t("proj.no_pins", ask.lang))
    shown, notices = per_condition(ask.store, session, ask.lang, ask.min_group)
    notices = [] if shown else notices  # the bars say which conditions are in; the projector has no room
    figure = pins_figure(session.pins, shown, session.statement_set, ask.lang, ask.dark)
    return View(ask.name, figure, messages=notices)


def _viewpoints(ask: Ask) -> View:
    data = room_viewpoints(ask.store, ask.session, ask.min_group)
    if data.problem:
        key, params = data.problem
        return View(ask.name, messages=[t(key, ask.lang, **params)])
    return View(ask.name, viewpoints=data)


Builder = Callable[[Ask], View]
# Every reveal step in its order, with its builder and whether the whole group's count gates it (the
# viewpoints gate each viewpoint, the comments and the pins each condition).
BUILDERS: dict[str, tuple[Builder, bool]] = {
    "heatmap": (_heatmap, True),
    "extremes": (_extremes, True),
    "agreement": (_agreement, True),
    "gap": (_gap, True),
    "subgroups": (_subgroups, True),
    "themes": (_themes, True),
    "viewpoints": (_viewpoints, False),
    "comments": (_comments, False),
    "pins": (_pins, False),
}
# The views told in words only: what they hand the screen is the same in every theme and size, so a
# screen builds them once per language (the viewpoints run an analysis).
WORDS = frozenset({"viewpoints", "comments"})


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
    """What one results view shows, honouring the anonymity threshold.
    ``compact``: for a projector, the heatmap shows only its two ends."""
    if name not in BUILDERS:
        return View(name)
    ask = Ask(store, session, name, lang, dark, threshold(min_group), condition, round_no, compact)
    builder, gated = BUILDERS[name]
    if gated and not may_show(ask.whole.n_sorts, ask.min_group):
        return ask.too_few()
    return builder(ask)


def per_condition(store: Store, session: Session, lang: str, min_group: int) -> tuple[dict[str, Summary], list[str]]:
    """The conditions that may be shown, by chart label, and a "so far" notice for each withheld one."""
    shown, withheld = by_condition(store, session, min_group)
    several = len(session.conditions) > 1
    notices = [
        (f"{t(f'chart.{c}', lang)}: " if several else "") + t("results.too_few", lang, n=n, min=threshold(min_group))
        for c, n in withheld.items()
    ]
    return {t(f"chart.{c}", lang): summary for c, summary in shown.items()}, notices


def _subgroup_notices(split: SubgroupSplit, lang: str) -> list[str]:
    """Why some or all subgroups are missing, without saying how small they are."""
    if split.withheld:
        return [t("results.withheld", lang, min=split.min_size)]
    hidden = [r for r in split.hidden if r]
    if hidden:
        return [t("results.hidden_groups", lang, roles=", ".join(sorted(hidden)), min=split.min_size)]
    return []
