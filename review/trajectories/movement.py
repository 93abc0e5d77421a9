"""How two sessions compare: the same group at two meetings, or two groups at one meeting.

Both compare mean positions from the *published copy* of each session's current round, and only
when each side rests on at least the anonymity threshold of sorts: a comparison with a side below
it is withheld as a whole (a reason, no numbers), and sort counts below it are never given as a
number. Sessions with different statement sets are compared on the statements they share (same
id and the same Dutch text), and the result says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
from pandas.io.formats.style import Styler

from review.content.statements import StatementSet
from review.i18n import t
from review.numbers import number
from review.room.anonymity import may_show, shown_count, threshold
from review.room.live import refresh
from review.room.summaries import condition_summary
from review.store import Session, Store

TOP_MOVERS = 10  # statements a figure shows: what a room can talk about
TABLE_DECIMALS = 2  # the full table beside a figure: fine enough to tell close statements apart

# Why a comparison shows no numbers (message keys; each takes ``min``).
TOO_FEW = "traj.withheld_few"  # a side rests on fewer than the threshold of sorts
NO_CONDITION = "traj.withheld_condition"  # a session did not ask this condition
NOTHING_SHARED = "traj.withheld_nothing_shared"  # the two statement sets share no statement


def _norm(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class SharedStatements:
    """What two statement sets have in common: the same id with the same Dutch text."""

    ids: tuple[int, ...]  # in the first set's order
    of: tuple[int, int]  # how many statements each set has

    @property
    def shared(self) -> int:
        return len(self.ids)

    @property
    def mixed_sets(self) -> bool:
        """True unless both sets are exactly the shared statements."""
        return self.of != (self.shared, self.shared)


def shared_statements(a: StatementSet, b: StatementSet) -> SharedStatements:
    """Statements two sets share: same id and same Dutch text, whitespace normalised (an id that was
    reused for another text is another statement, so it is left out)."""
    other = {s.id: _norm(s.text.get("nl", "")) for s in b.statements}
    ids = tuple(s.id for s in a.statements if other.get(s.id) == _norm(s.text.get("nl", "")))
    return SharedStatements(ids=ids, of=(len(a.statements), len(b.statements)))


class MovementRow(NamedTuple):
    statement_id: int
    text: Mapping[str, str]  # {"nl": ..., "en": ...} as in the first session's set
    before: float  # mean position in the first session (full precision)
    after: float  # mean position in the second session
    change: float  # after - before


@dataclass(frozen=True)
class Movement:
    """Mean positions of the statements two sessions share, for one condition: "before" and "after"
    are an earlier and a later meeting (``across_groups`` False: a movement over time), or group A
    and group B at the same meeting (``across_groups`` True: a difference; nothing moved)."""

    before_id: str  # session id of the first side
    after_id: str  # session id of the second side
    condition: str  # "observed" or "desired"
    min_group: int  # the anonymity threshold this was computed with
    n_before: int | None  # sorts behind the first side; None: fewer than min_group (never a smaller number)
    n_after: int | None  # the same for the second side
    shared: int  # statements compared
    of: tuple[int, int]  # statements in each session's set
    mixed_sets: bool  # the sets differ: compared on the shared statements only
    withheld_reason: str | None  # None, or the message key of why there are no numbers (TOO_FEW, ...)
    rows: tuple[MovementRow, ...] = ()  # largest absolute change first; empty when withheld
    grid_range: tuple[int, int] = (-4, 4)  # lowest and highest column value of either grid (figure axis)
    across_groups: bool = False  # two groups at one meeting: "change" is the difference B - A

    @property
    def withheld(self) -> bool:
        return self.withheld_reason is not None

    def withheld_message(self, lang: str) -> str | None:
        return None if self.withheld_reason is None else t(self.withheld_reason, lang, min=self.min_group)

    def mixed_message(self, lang: str) -> str | None:
        """ "Compared on 38 shared statements of 50 and 45", or None for one statement set."""
        if not self.mixed_sets:
            return None
        return t("traj.mixed_sets", lang, shared=self.shared, a=self.of[0], b=self.of[1])


def count_text(n: int | None, min_group: int, lang: str) -> str:
    """A count for a table: the number, or "fewer than 3" (``n`` None or below the threshold)."""
    return str(n) if n is not None and may_show(n, min_group) else t("traj.fewer_than", lang, min=min_group)


def _compare(
    store: Store, a: Session, b: Session, condition: str, min_group: int, across_groups: bool = False
) -> Movement:
    min_group = threshold(min_group)
    common = shared_statements(a.statement_set, b.statement_set)
    values = [*a.grid.values, *b.grid.values]
    base = {
        "before_id": a.id,
        "after_id": b.id,
        "condition": condition,
        "min_group": min_group,
        "shared": common.shared,
        "of": common.of,
        "mixed_sets": common.mixed_sets,
        "grid_range": (min(values), max(values)),
        "across_groups": across_groups,
    }
    if condition not in a.conditions or condition not in b.conditions:
        return Movement(n_before=None, n_after=None, withheld_reason=NO_CONDITION, **base)
    summaries = []
    for s in (a, b):
        refresh(store, s, min_group)
        summaries.append(condition_summary(store, s, condition))
    n_a, n_b = (shown_count(s.n_sorts, min_group) for s in summaries)
    if n_a is None or n_b is None:
        return Movement(n_before=n_a, n_after=n_b, withheld_reason=TOO_FEW, **base)
    if not common.shared:
        return Movement(n_before=n_a, n_after=n_b, withheld_reason=NOTHING_SHARED, **base)
    texts = a.statement_set.by_id()
    before, after = summaries[0].stats["mean"], summaries[1].stats["mean"]
    rows = [
        MovementRow(sid, dict(texts[sid].text), float(before[sid]), float(after[sid]), float(after[sid] - before[sid]))
        for sid in common.ids
        if before[sid] == before[sid] and after[sid] == after[sid]  # NaN: nobody placed it (not in a valid sort)
    ]
    order = {sid: k for k, sid in enumerate(common.ids)}
    rows.sort(key=lambda r: (-abs(r.change), order[r.statement_id]))
    return Movement(n_before=n_a, n_after=n_b, withheld_reason=None, rows=tuple(rows), **base)


def movement(store: Store, before: Session, after: Session, condition: str, min_group: int) -> Movement:
    """Per shared statement the mean position at the earlier and at the later meeting and the change
    (after - before), largest absolute change first. Withheld when either side has fewer than
    ``min_group`` sorts in its published copy or did not ask ``condition``."""
    return _compare(store, before, after, condition, min_group)


def group_comparison(store: Store, a: Session, b: Session, condition: str, min_group: int) -> Movement:
    """Group A against group B (the same meeting): the shape of :func:`movement`, with "before" group A
    and "after" group B, so change is the difference B - A, and ``across_groups`` set so that it is
    named and drawn as a difference, not as a movement."""
    return _compare(store, a, b, condition, min_group, across_groups=True)


def side_names(labels: tuple[str, str]) -> tuple[str, str]:
    """The two sides' names as column headers: two equal names get a (1) and (2)."""
    return labels if labels[0] != labels[1] else (f"{labels[0]} (1)", f"{labels[1]} (2)")


def change_header(movement: Movement, labels: tuple[str, str], lang: str) -> str:
    """The header of the change column: "Verschuiving" over time, "Verschil (B - A)" between groups."""
    if movement.across_groups:
        return t("traj.col_difference", lang, a=labels[0], b=labels[1])
    return t("traj.col_change", lang)


def comparison_table(movement: Movement, labels: tuple[str, str], lang: str) -> Styler:
    """Every compared statement with both mean positions and the change (or difference), numbers kept
    as numbers (a table sorts on them) and shown as ``lang`` writes them: +1,75 in Dutch."""
    before, after = side_names(labels)
    change = change_header(movement, labels, lang)
    rows = movement.rows
    table = pd.DataFrame(
        {
            "#": [r.statement_id for r in rows],
            t("traj.col_statement", lang): [r.text.get(lang) or r.text.get("nl", "") for r in rows],
            before: [r.before for r in rows],
            after: [r.after for r in rows],
            change: [r.change for r in rows],
        }
    )
    shown = lambda v: number(v, lang, TABLE_DECIMALS, signed=True)  # noqa: E731
    return table.style.format({before: shown, after: shown, change: shown})
