"""Flagging: which sorts define which factor, automatically or as a researcher overrides it."""

from __future__ import annotations

import math

import numpy as np

from review.analysis.qmethod.messages import QAnalysisError

Z_05 = 1.96  # two-sided normal critical value for p < .05 (qflag's loading threshold, qdc's "*")


def auto_flag(loadings: np.ndarray, n_statements: int) -> np.ndarray:
    """Defining sorts: sort i flags factor j when a_ij^2 > sum_{k != j} a_ik^2 and |a_ij| > 1.96 / sqrt(N).

    N is the number of statements. The test is on |a_ij|, so a sort loading strongly *negatively*
    is flagged too (R qmethod 1.8.4 does the same; :func:`review.analysis.qmethod.analyze` warns about it,
    because that sort then enters the factor's scores with a negative weight).
    In R: ``qflag(loa, nstat)``.
    """
    a = np.asarray(loadings, dtype=float)
    sq = a**2
    others = sq.sum(axis=1, keepdims=True) - sq
    return (sq > others) & (np.abs(a) > Z_05 / math.sqrt(n_statements))


def as_flags(flags: object, nsorts: int, nfactors: int) -> np.ndarray:
    """A researcher's flags as a sorts x factors boolean matrix; 0/1 numbers are taken too."""
    array = np.asarray(flags)
    ok = array.shape == (nsorts, nfactors) and (
        array.dtype == bool or (array.dtype.kind in "iuf" and np.isin(array, (0, 1)).all())
    )
    if not ok:
        raise QAnalysisError("qanalysis.bad_flags", nsorts=nsorts, nfactors=nfactors, shape=str(array.shape))
    return array.astype(bool)
