"""The by-person factor analysis of a session's sorts: the distinct viewpoints in a group.

Glue between the store and :mod:`review.qanalysis`: the sorts of one condition
and round, in R qmethod's layout, with participants under the same pseudonyms
as in the exports (p01, p02, ... in order of submission).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from review.exports import long_table, wide
from review.qanalysis import QAnalysis, analyze
from review.store import Session, Store

MAX_FACTORS = 7  # more viewpoints than this never helps a group of 8-12 talk


def session_sorts(store: Store, session: Session, condition: str, round_no: int | None = None) -> pd.DataFrame:
    """Statements (rows) x pseudonymous Q-sorts (columns) for one condition and round."""
    table = long_table(store, session)
    return wide(table, session.statement_set.ids, condition, round_no or session.current_round).astype(int)


def kaiser_count(eigenvalues: np.ndarray) -> int:
    """How many eigenvalues exceed 1 (the Kaiser-Guttman hint for the number of factors)."""
    return int((np.asarray(eigenvalues) > 1).sum())


def suggested_factors(eigenvalues: np.ndarray, n_sorts: int) -> int:
    """Kaiser's count, at least 1, at most 3 (a sensible start for a workshop) and fewer than the sorts."""
    return max(1, min(3, kaiser_count(eigenvalues), n_sorts - 1))


@dataclass(frozen=True)
class Viewpoint:
    """One factor, told in statements: its model sort and what sets it apart."""

    factor: str
    array: dict[int, int]  # statement id -> grid position of the model sort
    most: list[int]  # highest z-scores first
    least: list[int]  # lowest z-scores first
    distinguishing: list[int]  # statements where this factor differs significantly from every other one
    defined_by: list[str]  # pseudonyms of the sorts flagged on it
    n_loading: int


def viewpoints(result: QAnalysis, k: int = 3) -> list[Viewpoint]:
    out = []
    pairs = [c for c in result.distinguishing.columns if c.startswith("sig_")]
    for factor in result.zscores.columns:
        z = result.zscores[factor]
        if z.isna().all():
            continue
        order = z.sort_values(ascending=False, kind="stable")
        mine = [c for c in pairs if factor in c[4:].split("_")]
        sig = result.distinguishing[mine].ne("").all(axis=1) if mine else pd.Series(False, index=z.index)
        out.append(
            Viewpoint(
                factor=factor,
                array={int(s): int(v) for s, v in result.factor_arrays[factor].items() if pd.notna(v)},
                most=[int(s) for s in order.index[:k]],
                least=[int(s) for s in order.index[::-1][:k]],
                distinguishing=[int(s) for s in sig[sig].index],
                defined_by=[s for s, f in result.flagged[factor].items() if f],
                n_loading=int(result.flagged[factor].sum()),
            )
        )
    return out


def analyse_session(
    store: Store, session: Session, condition: str, nfactors: int, extraction: str = "pca", rotation: str = "varimax"
) -> QAnalysis:
    return analyze(session_sorts(store, session, condition), nfactors, extraction, rotation)
