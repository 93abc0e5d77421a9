"""Factor scores: statement z-scores per factor and the factor arrays (model sorts) laid from them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def factor_zscores(sorts: np.ndarray, loadings: np.ndarray, flagged: np.ndarray) -> np.ndarray:
    """Statement z-scores per factor from the flagged sorts (statements x factors).

    Weight w_ij = a_ij / (1 - a_ij^2) for flagged sorts, 0 otherwise (Brown 1980, p. 242);
    s_j = X w_j (weighted sum of raw sort values per statement); z_j = (s_j - mean(s_j)) / sd(s_j)
    with the sample sd (n - 1). A factor that no sort defines gets NaN (R: ``NA``).
    In R: ``qzscores(dataset, nfactors, loa, flagged)$zsc``.
    """
    x = np.asarray(sorts, dtype=float)
    defining = np.asarray(flagged, dtype=bool)
    a = np.where(defining, np.asarray(loadings, dtype=float), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = a / (1 - a**2)
        sums = x @ weights
        centred = sums - sums.mean(axis=0)
        z = centred / sample_sd(centred)
    z[:, ~defining.any(axis=0)] = np.nan
    return z


def sample_sd(centred: np.ndarray) -> np.ndarray:
    """The sample standard deviation (n - 1) of each column of already centred values."""
    return np.sqrt((centred * centred).sum(axis=0) / (centred.shape[0] - 1))


def factor_arrays(zscores: np.ndarray, grid_values_in_sorted_order: Sequence[float] | np.ndarray) -> np.ndarray:
    """The model sort of each factor: the grid's values laid out in the order of the z-scores.

    The statement with the k-th lowest z-score gets the k-th lowest grid value (the sorted values of
    any one sort). Exact ties in z-scores are broken by statement order, so every factor array holds
    exactly the grid's column counts. A factor with NaN z-scores gets NaN.
    In R: ``qzscores(...)$zsc_n`` (``qscores[rank(zsc)]``); identical whenever the z-scores have no ties.
    R handles ties differently (``rank``'s averages, truncated, then the group minimum), which can break
    the grid's column counts; the two agree when tied statements fall in one grid column.
    """
    z = np.asarray(zscores, dtype=float)
    values = np.sort(np.asarray(grid_values_in_sorted_order, dtype=float))
    out = np.full(z.shape, np.nan)
    for j in np.flatnonzero(np.isfinite(z).all(axis=0)):
        out[np.argsort(z[:, j], kind="stable"), j] = values
    return out
