"""The anonymity rules: how many sorts any shown aggregate rests on, and how it may change.

Two rules protect a participant on every screen, in the report and in the data export
(:mod:`review.studies.group_export`); only the research export (:mod:`review.studies.exports`) holds single sorts:

1. **The threshold.** No aggregate of fewer than :func:`threshold` sorts is shown. It is
   ``REVIEW_MIN_GROUP`` and never below :data:`MIN_GROUP`: with fewer sorts, the people in the
   room can tell who put what where.
2. **No differencing.** Screens show a *published copy* of the sorts, not the live table. The copy
   only takes in changes (new sorts and resubmissions) in batches that hold, for every group a
   screen shows separately, either none or at least the threshold of them
   (:func:`publishable`). Comparing any two consecutive screens therefore never isolates one
   sort: "4 of 12" becoming "5 of 12" moves the counter, not the heatmap.
3. **People, not tabs.** The threshold counts people: sorts from one device count once, and
   only sorts of people who were in the room before the batch began (its oldest waiting sort was
   submitted) count at all. Someone who sees a colleague submit cannot make up the rest of the
   batch with sorts of their own from extra tabs: the batch waits for others. Extra devices show
   on every screen as phones beyond the stated group size, and wait until the facilitator lets
   them in (docs/operations.md, "Extra phones", has the threat model).
4. **No complement.** Subgroups shown beside the whole group must not leave a remainder of one
   or two people: the whole minus the shown subgroups would be their aggregate
   (:func:`complement_too_small`).

These functions are the one gate: no other code compares a count with the threshold
(``tests/test_architecture.py`` holds every module to it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from review.store import Change

T = TypeVar("T")

MIN_GROUP = 3  # fewest sorts any shown aggregate may rest on: with fewer, people are identifiable


def threshold(configured: int | str | None = None) -> int:
    """The anonymity threshold for a setting as configured (a number, text from the environment,
    or nothing): a whole number, never below :data:`MIN_GROUP`."""
    try:
        return max(MIN_GROUP, int(configured if configured not in (None, "") else MIN_GROUP))
    except (TypeError, ValueError):
        return MIN_GROUP


def may_show(n_sorts: int, configured: int | str | None = None) -> bool:
    """Whether an aggregate of ``n_sorts`` sorts may be shown."""
    return n_sorts >= threshold(configured)


def shown_count(n_sorts: int, configured: int | str | None = None) -> int | None:
    """A count of sorts as it may be shown next to an aggregate: the number, or None below the threshold."""
    return n_sorts if may_show(n_sorts, configured) else None


def separate_groups(sizes: Mapping[T, int], configured: int | str | None = None, leave_out: T | None = None) -> list[T]:
    """The groups (by their sizes) large enough to be shown separately, in sorted order; ``leave_out``:
    a group never shown on its own (the participants who gave no role)."""
    return sorted(g for g, n in sizes.items() if g != leave_out and may_show(n, configured))


def complement_too_small(shown: int, total: int, configured: int | str | None = None) -> bool:
    """Rule 4: whether groups of ``shown`` sorts in all may not be shown beside a whole of ``total``,
    because the rest (the whole minus them) is more than nobody and fewer than the threshold."""
    rest = total - shown
    return shown > 0 and rest > 0 and not may_show(rest, configured)


def _groups(change: Change, by_role: bool) -> set[Hashable]:
    """The separately shown groups a change touches: its condition, or per role within it
    (its new role, and its old one if a resubmission changed it; no role is a group too)."""
    if not by_role:
        return {change.condition}
    groups = {(change.condition, change.role)}
    if not change.new:
        groups.add((change.condition, change.shown_role))
    return groups


def publishable(changes: Sequence[Change], configured: int | str | None = None, by_role: bool = False) -> list[Change]:
    """The largest batch of ``changes`` that may enter the published copy at once: every group it
    touches gets none or at least the threshold of people (rule 3). The others wait for more company.

    Dropping a change can leave another group too small, so this repeats until it settles.
    Example (threshold 3, by role): 3 professionals and 1 manager have submitted; the batch takes
    the 3 professionals, and the manager waits until two more managers submit."""
    k = threshold(configured)
    began = min((c.submitted_at for c in changes if c.submitted_at is not None), default=None)

    def counts(c: Change) -> bool:  # in the room before the batch began
        return c.admitted_at is None or began is None or c.admitted_at <= began

    batch = list(changes)
    while True:
        people: defaultdict[Hashable, set[str]] = defaultdict(set)
        for c in batch:
            if counts(c):
                for g in _groups(c, by_role):
                    people[g].add(c.device or c.participant_id)
        keep = [c for c in batch if all(len(people[g]) >= k for g in _groups(c, by_role))]
        if len(keep) == len(batch):
            return keep
        batch = keep


def waiting(changes: Iterable[Change], condition: str) -> int:
    """How many changes of a condition are not shown yet."""
    return sum(1 for c in changes if c.condition == condition)
