"""Factor characteristics: loadings per factor, composite reliability, standard errors of the factor
scores and of their differences."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

AV_REL_COEF = 0.8  # Brown's (1980) average reliability of one Q-sort, as in qfcharact()
CHARACTERISTICS_COLUMNS = ("av_rel_coef", "nload", "eigenvals", "expl_var", "reliability", "se_fscores")


def factor_names(nfactors: int) -> list[str]:
    """How every table names the factors: f1..fn."""
    return [f"f{i}" for i in range(1, nfactors + 1)]


def characteristics_matrix(loadings: np.ndarray, flagged: np.ndarray, zscores: np.ndarray) -> np.ndarray:
    """:func:`factor_characteristics` as a factors x 6 matrix in ``CHARACTERISTICS_COLUMNS`` order."""
    a = np.asarray(loadings, dtype=float)
    nload = np.asarray(flagged, dtype=bool).sum(axis=0)
    eigenvals = (a**2).sum(axis=0)
    reliability = AV_REL_COEF * nload / (1 + (nload - 1) * AV_REL_COEF)
    with np.errstate(invalid="ignore"):
        se = np.asarray(zscores, dtype=float).std(axis=0, ddof=1) * np.sqrt(1 - reliability)
    return np.column_stack(
        (np.full(a.shape[1], AV_REL_COEF), nload, eigenvals, 100 * eigenvals / a.shape[0], reliability, se)
    )


def characteristics_table(matrix: np.ndarray, factors: Sequence[str] | None = None) -> pd.DataFrame:
    """The matrix of :func:`characteristics_matrix` as R's table (``nload`` whole numbers)."""
    columns = {name: matrix[:, j] for j, name in enumerate(CHARACTERISTICS_COLUMNS)}
    columns["nload"] = columns["nload"].astype(int)
    return pd.DataFrame(columns, index=factors if factors is not None else factor_names(matrix.shape[0]))


def factor_characteristics(loadings: np.ndarray, flagged: np.ndarray, zscores: np.ndarray) -> pd.DataFrame:
    """Per factor: av_rel_coef, nload, eigenvals, expl_var, reliability, se_fscores (index f1..fn).

    nload = number of flagged sorts; eigenvals = sum of squared (rotated) loadings;
    expl_var = 100 * eigenvals / n_sorts; reliability r = 0.8 n / (1 + 0.8 (n - 1)) (Brown 1980, p. 244;
    0 when n = 0); se_fscores = sd(z) * sqrt(1 - r) (NaN for an undefined factor).
    In R: ``qfcharact(loa, flagged, zsc, nfactors, floa)$characteristics``.
    """
    return characteristics_table(characteristics_matrix(loadings, flagged, zscores))


def standard_errors_of_differences(se_fscores: np.ndarray) -> np.ndarray:
    """SED_ab = sqrt(SE_a^2 + SE_b^2) for every pair of factors.
    In R: ``qfcharact(...)$sd_dif``."""
    se = np.asarray(se_fscores, dtype=float)
    return np.sqrt(se[:, None] ** 2 + se[None, :] ** 2)
