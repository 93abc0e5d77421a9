"""Extraction: the correlations between Q-sorts and the unrotated factors (principal components or
Brown's centroid), with the orientation ``psych::principal`` gives its components."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from review.analysis.qmethod.messages import QAnalysisError

CORRELATIONS = ("pearson", "spearman", "kendall")  # R's cor.method
CENTROID_SPC = 1e-5  # qmethod()'s default spc: centroid communality convergence threshold
CENTROID_MAX_ITER = 10_000  # guard only: R's centroid loops have no cap
EIGEN_FLOOR = float(np.finfo(float).eps)  # psych::principal floors tiny eigenvalues at machine eps
# An eigenvalue below this is the null space of the correlation matrix (rank <= statements - 1):
# its eigenvectors are arbitrary, so the SVD path hands such a component to eigh as before.
NULL_EIGENVALUE = 1e-8


def standardize(sorts: np.ndarray) -> np.ndarray:
    """Each sort centred and scaled to unit length, so that ``z' z`` is the correlation matrix."""
    x = np.asarray(sorts, dtype=float)
    centred = x - x.mean(axis=0)
    return centred / np.sqrt(np.einsum("ij,ij->j", centred, centred))


def unit_columns(sorts: np.ndarray, method: str = "pearson") -> np.ndarray:
    """A matrix z with one unit-length column per sort such that z' z is the sorts' correlation
    matrix by ``method``, so that every extraction below can work from z (see :func:`pca_of_sorts`):

    - pearson: the sorts centred and scaled (:func:`standardize`);
    - spearman: the same of each sort's ranks (ties get their average rank): Pearson on ranks;
    - kendall: per pair of statements i < j, sign(x_i - x_j), each column scaled to unit length:
      then z_a' z_b = (concordant - discordant) / sqrt((pairs - ties_a)(pairs - ties_b)), Kendall's
      tau-b, which R's ``cor(method = "kendall")`` computes.
    """
    x = np.asarray(sorts, dtype=float)
    if method == "pearson":
        return standardize(x)
    if method == "spearman":
        return standardize(pd.DataFrame(x).rank(method="average").to_numpy())
    if method == "kendall":
        i, j = np.triu_indices(x.shape[0], k=1)
        signs = np.sign(x[i] - x[j])
        return signs / np.sqrt(np.einsum("ij,ij->j", signs, signs))
    raise QAnalysisError("qanalysis.unknown_method", what="correlation", value=method, choices=", ".join(CORRELATIONS))


def correlate(sorts: np.ndarray, method: str = "pearson") -> np.ndarray:
    """Correlations between Q-sorts (columns are sorts, rows statements): Pearson's

    r_ab = sum((x_a - mean_a)(x_b - mean_b)) / sqrt(sum((x_a - mean_a)^2) sum((x_b - mean_b)^2)),
    or Spearman's or Kendall's (tau-b) with ``method`` (:func:`unit_columns`).
    In R: ``cor(dataset, method = "pearson" | "spearman" | "kendall")``.
    """
    if method == "pearson":
        return np.corrcoef(np.asarray(sorts, dtype=float), rowvar=False)
    z = unit_columns(sorts, method)
    return z.T @ z


def extract_pca(cor: np.ndarray, nfactors: int) -> tuple[np.ndarray, np.ndarray]:
    """Principal components of the correlation matrix: (unrotated loadings, all eigenvalues).

    loadings_j = v_j * sqrt(lambda_j) for the ``nfactors`` largest eigenvalues (floored at machine
    eps), each component's sign chosen so its loadings sum to >= 0. Eigenvalues are returned in
    full, largest first, for a scree plot. :func:`pca_of_sorts` gives the same from the sorts.
    In R: ``psych::principal(cor, nfactors, rotate = "none")`` (``$loadings`` and ``$values``),
    which ``qmethod(extraction = "PCA")`` calls.
    """
    values, vectors = np.linalg.eigh(np.asarray(cor, dtype=float))
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    kept = np.maximum(values[:nfactors], EIGEN_FLOOR)
    loadings = vectors[:, :nfactors] * np.sqrt(kept)
    return positive_sums(loadings), values


def pca_of_sorts(sorts: np.ndarray, nfactors: int, method: str = "pearson") -> tuple[np.ndarray, np.ndarray]:
    """:func:`extract_pca` of the sorts' correlation matrix, from the data instead of that matrix.

    With z the N x n sorts centred and scaled to unit length (:func:`standardize`), R = z' z. From the
    SVD z = U S V', R = V S^2 V' and z z' = U S^2 U': the eigenvalues are s^2 and the loadings
    v_j s_j = z' u_j. Up to as many sorts as statements the thin SVD of z gives them; with more sorts,
    the eigen-decomposition of the N x N matrix z z' (O(N^3 + N^2 n) against O(n^3) for the n x n
    matrix R, whose rank is at most N - 1; measured here at 500 sorts of 50 statements: 0.7 ms against
    2.2 ms for the SVD and 38 ms for the eigen-decomposition of R). Eigenvalues past the rank are 0.
    A component asked for past the rank (its eigenvector is arbitrary) sends the extraction to
    :func:`extract_pca`, as before.
    In R: ``psych::principal(cor(dataset), nfactors, rotate = "none")``.
    """
    x = np.asarray(sorts, dtype=float)
    z = unit_columns(x, method)
    n_statements, n_sorts = z.shape  # Kendall's z has a row per pair of statements
    if n_sorts <= n_statements:
        _, s, vt = np.linalg.svd(z, full_matrices=False)
        values = _padded_squares(s, n_sorts)
    else:
        small, u = np.linalg.eigh(z @ z.T)
        values = np.zeros(n_sorts)
        values[:n_statements] = np.maximum(small[::-1], 0.0)  # rounding leaves the null space at +-1e-15
    if nfactors > min(n_statements, n_sorts) or values[nfactors - 1] < NULL_EIGENVALUE:
        return extract_pca(correlate(x, method), nfactors)
    if n_sorts <= n_statements:
        loadings = vt[:nfactors].T * np.sqrt(values[:nfactors])
    else:
        loadings = z.T @ u[:, ::-1][:, :nfactors]
    return positive_sums(loadings), values


def all_eigenvalues(sorts: np.ndarray, method: str = "pearson") -> np.ndarray:
    """All eigenvalues of the sorts' correlation matrix (by ``method``), largest first (a scree plot):
    those of the smaller of z' z and z z' (the same non-zero ones, see :func:`pca_of_sorts`), then
    zeros up to the number of sorts."""
    z = unit_columns(sorts, method)
    gram = z.T @ z if z.shape[1] <= z.shape[0] else z @ z.T
    values = np.zeros(z.shape[1])
    values[: gram.shape[0]] = np.linalg.eigvalsh(gram)[::-1]
    return values


def _padded_squares(singular_values: np.ndarray, n_sorts: int) -> np.ndarray:
    values = np.zeros(n_sorts)
    values[: len(singular_values)] = singular_values**2
    return values


def extract_centroid(cor: np.ndarray, nfactors: int, spc: float = CENTROID_SPC) -> np.ndarray:
    """Brown's centroid factors, exactly as R qmethod's ``centroid()`` (Hermans, 2021) computes them.

    Per factor: set the diagonal to 0; while some column sum is <= 0, reflect the sorts with the
    smallest column sum (all of them when several tie, as R's ``which(min(colSums) == colSums)``
    does; see :func:`_reflect`); start from t = c + c/(n-1) with c the column sums and
    f = t / sqrt(sum t); iterate f <- (c + f^2) / sqrt(sum(c + f^2)) (communalities f^2 on the
    diagonal) until every |f_prev^2 - f^2| < ``spc``; reflect f back; the residual R - f f' (with
    the reflections undone, row and column, in reverse order) feeds the next factor (Brown 1980,
    pp. 208-224). Column sums are taken as R's ``colSums`` takes them (in order, in extended
    precision), so the same sums tie.
    Centroid conventions vary between tools (PQMethod, KADE and Ken-Q differ in reflection, the
    diagonal and the stopping rule), so their centroid loadings differ slightly from these; this
    function follows R qmethod 1.8.4 (``spc = 1e-5`` as ``qmethod()`` passes it).
    In R: ``qmethod:::centroid(tmat = cor, nfactors, spc)``.
    """
    tmat = np.array(cor, dtype=float)
    n = tmat.shape[0]
    factors = np.empty((n, nfactors))
    for k in range(nfactors):
        np.fill_diagonal(tmat, 0.0)
        reflected: list[int] = []
        sums = _col_sums(tmat)
        for _ in range(CENTROID_MAX_ITER):
            low = sums.min()
            if low >= 0:  # all positive, or a zero sum that reflecting cannot fix (R loops forever)
                break
            tied = np.flatnonzero(sums == low)
            _reflect(tmat, tied)
            reflected.extend(int(i) for i in tied)
            sums = _col_sums(tmat)
        f = _centroid_factor(sums, n, spc)
        sign = np.ones(n)
        for i in reflected:
            sign[i] *= -1
        factors[:, k] = f * sign
        # residuals, then undo the reflections on them (R negates row and column of each in turn)
        tmat = (tmat - np.outer(f, f)) * np.outer(sign, sign)
    return factors


def _col_sums(tmat: np.ndarray) -> np.ndarray:
    """R's ``colSums``: each column summed top to bottom in extended precision, then rounded. Ties
    between sorts decide which of them are reflected, so the sums must round as R's do."""
    return tmat.astype(np.longdouble).sum(axis=0).astype(float)


def _reflect(tmat: np.ndarray, rows: np.ndarray) -> None:
    """R's ``vec <- tmat[oo,] * -1; tmat[oo,] <- vec; tmat[,oo] <- vec`` in place.

    For one sort this negates its row and column. For several, R fills the n x k block of columns
    with the k x n block of negated rows read column by column (R assigns a matrix by its values,
    not its shape), and so does this."""
    vec = -tmat[rows, :]
    tmat[rows, :] = vec
    tmat[:, rows] = vec.reshape(-1, order="F").reshape((tmat.shape[0], len(rows)), order="F")


def _centroid_factor(sums: np.ndarray, n: int, spc: float) -> np.ndarray:
    """One centroid factor from the reflected column sums; zeros when the residuals hold nothing
    left to extract (R would return NaN there)."""
    rmean = sums / (n - 1)
    t = rmean + sums
    if not t.sum() > 0:
        return np.zeros(n)
    f = t / math.sqrt(t.sum())
    for _ in range(CENTROID_MAX_ITER):
        if np.all(np.abs(rmean - f**2) < spc):
            break
        rmean = f**2
        t = sums + f**2
        f = t / math.sqrt(t.sum())
    return f if np.all(np.isfinite(f)) else np.zeros(n)


def orient_components(loadings: np.ndarray) -> np.ndarray:
    """Order components by their sum of squared loadings (largest first, stable on ties) and flip each
    so its loadings sum to >= 0.
    In R: the last lines of ``psych::principal`` (``ev.order``, ``signed``), applied to PCA results only.
    """
    x = np.asarray(loadings, dtype=float)
    if x.shape[1] > 1:
        x = x[:, np.argsort(-(x**2).sum(axis=0), kind="stable")]
    return positive_sums(x)


def positive_sums(x: np.ndarray) -> np.ndarray:
    """Each column flipped, if needed, so that it sums to >= 0 (``psych``'s ``signed``)."""
    signs = np.sign(x.sum(axis=0))
    signs[signs == 0] = 1
    return x * signs
