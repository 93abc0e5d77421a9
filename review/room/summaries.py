"""What a screen may know of a condition: its aggregates from the published copy of the sorts
(:mod:`review.room.anonymity`), whole or per role, and the counts that are public anyway. Only
:func:`shown_summary` and :func:`by_condition` decide, by the anonymity threshold, what is shown."""

from __future__ import annotations

from review.errors import ReviewError
from review.room.aggregates import SubgroupSplit, Summary, subgroups, summarise
from review.room.anonymity import MIN_GROUP, may_show, threshold
from review.room.live import refresh
from review.room.sessions import check_condition
from review.store import Session, Store


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
            withheld[condition] = live_count(store, session, condition, None)
    return shown, withheld


def condition_split(
    store: Store, session: Session, condition: str, min_group: int = MIN_GROUP, round_no: int | None = None
) -> SubgroupSplit:
    """Per role, from the subgroups' published copy."""
    counts = store.position_counts(session.id, condition, round_no, by_role=True, scope="roles")
    sizes = store.role_sizes(session.id, condition, round_no, scope="roles")
    total = store.sort_count(session.id, condition, round_no, scope="all")  # what the group views show
    return subgroups(counts, sizes, session.statement_set, session.grid, condition, min_group, total)


def live_count(store: Store, session: Session, condition: str, round_no: int | None) -> int:
    """How many sorts of a condition are in, published or waiting (what the counter shows anyway)."""
    return store.sort_count(session.id, condition, round_no)
