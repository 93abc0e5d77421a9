"""The whole analysis in one call, and the warnings about its result."""

from __future__ import annotations

import numpy as np
import pandas as pd

from review.analysis.qmethod.characteristics import characteristics_matrix
from review.analysis.qmethod.distinguishing import compare_factors
from review.analysis.qmethod.extraction import (
    CORRELATIONS,
    all_eigenvalues,
    correlate,
    extract_centroid,
    orient_components,
    pca_of_sorts,
)
from review.analysis.qmethod.flagging import as_flags, auto_flag
from review.analysis.qmethod.messages import AnalysisWarning, QAnalysisError
from review.analysis.qmethod.result import Matrices, QAnalysis
from review.analysis.qmethod.rotation import varimax
from review.analysis.qmethod.scores import factor_arrays, factor_zscores
from review.analysis.qmethod.validation import checked_sorts

EXTRACTIONS = ("pca", "centroid")
ROTATIONS = ("varimax", "none")
HEYWOOD_EPS = 1e-9  # a communality this far above 1 is more than rounding


def analyze(
    sorts: pd.DataFrame,
    nfactors: int,
    extraction: str = "pca",
    rotation: str = "varimax",
    flags: np.ndarray | None = None,
    correlation: str = "pearson",
) -> QAnalysis:
    """The whole by-person Q analysis: correlate, extract, rotate, flag, score, characterise, compare.

    ``sorts``: statements (index) x Q-sorts (columns), grid positions as values. ``extraction``: "pca"
    (psych::principal, then varimax, then components ordered by explained variance and oriented to
    positive sums) or "centroid" (qmethod's centroid, then stats::varimax, no reordering).
    ``flags``: a sorts x factors boolean table to override :func:`auto_flag`. ``correlation``: between
    the sorts, "pearson", "spearman" or "kendall" (tau-b); the z-scores weigh the sorts themselves.
    Never raises for an awkward result: a factor no sort defines gets NaN z-scores, an empty factor
    array, nload 0 and is left out of the distinguishing statements, with a warning; so does a sort
    flagged with a negative loading.
    In R: ``qmethod(sorts, nfactors, extraction = "PCA" | "centroid", rotation = "varimax" | "none",
    cor.method = "pearson" | "spearman" | "kendall")``.
    """
    method = _choice(extraction, EXTRACTIONS, "extraction")
    rot = _choice(rotation, ROTATIONS, "rotation")
    cor = _choice(correlation, CORRELATIONS, "correlation")
    if isinstance(nfactors, bool) or not isinstance(nfactors, int | np.integer) or nfactors < 1:
        raise QAnalysisError("qanalysis.bad_nfactors", nfactors=nfactors)
    nfactors = int(nfactors)
    x, statement_ids, sort_ids = checked_sorts(sorts)
    n_statements, n_sorts = x.shape
    if n_sorts < max(2, nfactors):
        raise QAnalysisError("qanalysis.too_few_sorts", nfactors=nfactors, need=max(2, nfactors), nsorts=n_sorts)

    if method == "pca":
        unrotated, eigenvalues = pca_of_sorts(x, nfactors, cor)
        loadings = orient_components(varimax(unrotated) if rot == "varimax" else unrotated)
    else:
        unrotated = extract_centroid(correlate(x, cor), nfactors)
        eigenvalues = all_eigenvalues(x, cor)
        loadings = varimax(unrotated) if rot == "varimax" else unrotated
    flagged = auto_flag(loadings, n_statements) if flags is None else as_flags(flags, n_sorts, nfactors)
    z = factor_zscores(x, loadings, flagged)
    characteristics = characteristics_matrix(loadings, flagged, z)
    return QAnalysis(
        statement_ids=statement_ids,
        sort_ids=sort_ids,
        nfactors=nfactors,
        extraction=method,
        rotation=rot,
        correlation=cor,
        eigenvalues=eigenvalues,
        warnings=_warnings(loadings, flagged, z, sort_ids),
        matrices=Matrices(
            sorts=x,
            unrotated=unrotated,
            loadings=loadings,
            flagged=flagged,
            zscores=z,
            arrays=factor_arrays(z, x[:, 0]),
            characteristics=characteristics,
            comparison=compare_factors(z, characteristics[:, -1]),
        ),
    )


def _choice(value: str, choices: tuple[str, ...], what: str) -> str:
    name = str(value).strip().lower()
    if name not in choices:
        raise QAnalysisError("qanalysis.unknown_method", what=what, value=value, choices=", ".join(choices))
    return name


def _warnings(
    loadings: np.ndarray, flagged: np.ndarray, z: np.ndarray, sort_ids: tuple[str, ...]
) -> tuple[AnalysisWarning, ...]:
    out: list[AnalysisWarning] = []
    nload = flagged.sum(axis=0)
    finite = np.isfinite(z).all(axis=0)
    for j in range(flagged.shape[1]):
        if nload[j] == 0:
            out.append(AnalysisWarning("qanalysis.warn.undefined", {"n": j + 1}))
        elif not finite[j]:
            out.append(AnalysisWarning("qanalysis.warn.infinite", {"n": j + 1}))
    negative = flagged & (loadings < 0)
    for j in np.flatnonzero(negative.any(axis=0)):
        listed = ", ".join(f"{sort_ids[i]} ({loadings[i, j]:.2f})" for i in np.flatnonzero(negative[:, j]))
        out.append(AnalysisWarning("qanalysis.warn.negative", {"n": int(j) + 1, "sorts": listed}))
    communality = (loadings**2).sum(axis=1)
    beyond = np.flatnonzero(communality > 1 + HEYWOOD_EPS)
    if beyond.size:  # a Heywood case: no correlation gives it; centroid does on (near-)identical sorts
        listed = ", ".join(f"{sort_ids[i]} ({communality[i]:.2f})" for i in beyond)
        out.append(AnalysisWarning("qanalysis.warn.heywood", {"sorts": listed}))
    for i in np.flatnonzero(flagged.sum(axis=1) > 1):
        out.append(AnalysisWarning("qanalysis.warn.multiple", {"sort": sort_ids[i]}))
    if int((nload > 0).sum()) < 2 <= flagged.shape[1] or flagged.shape[1] < 2:
        out.append(AnalysisWarning("qanalysis.warn.no_distinguishing", {}))
    return tuple(out)
