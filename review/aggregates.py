"""Group aggregates of the submitted sorts: what the projector shows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from review.store import Session, Store


@dataclass(frozen=True)
class Heatmap:
    """Counts per statement (rows, ordered most characteristic first) and column."""

    counts: pd.DataFrame  # index statement id, columns grid values, values number of sorts
    mean: pd.Series  # mean position per statement id (NaN with no sorts)
    n_sorts: int


def heatmap(session: Session, counts: pd.DataFrame, n_sorts: int) -> Heatmap:
    """Pivot ``statement_id, position, n`` rows into the grid.

    Rows are ordered by mean position, highest (most characteristic) first; ties
    and the empty case keep the statement-set order, so the layout is stable.
    """
    ids = session.statement_set.ids
    values = list(session.grid.values)
    table = (
        counts.pivot_table(index="statement_id", columns="position", values="n", aggfunc="sum", fill_value=0)
        if len(counts)
        else pd.DataFrame()
    )
    table = table.reindex(index=ids, columns=values, fill_value=0).astype(int)
    totals = table.sum(axis=1)
    weighted = table.to_numpy() @ np.asarray(values, dtype=float)
    mean = pd.Series(np.where(totals > 0, weighted / totals.where(totals > 0, 1), np.nan), index=ids)
    order = sorted(ids, key=lambda i: (-(mean[i] if not np.isnan(mean[i]) else 0.0), ids.index(i)))
    return Heatmap(counts=table.loc[order], mean=mean.loc[order], n_sorts=n_sorts)


def session_heatmap(store: Store, session: Session, condition: str = "observed") -> Heatmap:
    return heatmap(session, store.position_counts(session.id, condition), store.sort_count(session.id, condition))
