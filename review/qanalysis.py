"""By-person Q-methodology factor analysis, matching R ``qmethod`` 1.8.4 number for number.

The analysis is split into the same public steps as R qmethod, so a researcher can
override the flags and rerun the later steps:

====================================  ==========================================
Python                                R qmethod 1.8.4
====================================  ==========================================
:func:`correlate`                     ``cor(dataset)``
:func:`extract_pca`                   ``psych::principal(cor, nfactors, rotate="none")``
:func:`extract_centroid`              ``qmethod::centroid(cor, nfactors, spc)``
:func:`varimax`                       ``stats::varimax(loadings)``
:func:`orient_components`             the reorder and sign flip at the end of ``psych::principal``
:func:`auto_flag`                     ``qflag(loa, nstat)``
:func:`factor_zscores`                ``qzscores(...)$zsc``
:func:`factor_arrays`                 ``qzscores(...)$zsc_n``
:func:`factor_characteristics`        ``qfcharact(...)$characteristics``
:func:`distinguishing_consensus`      ``qdc(dataset, nfactors, zsc, sed)``
:func:`analyze`                       ``qmethod(dataset, nfactors, extraction, rotation)``
====================================  ==========================================

References: Brown, S. R. (1980). *Political Subjectivity*, Yale University Press, pp. 208-247;
Zabala, A. (2014). qmethod: a package to explore human perspectives using Q methodology.
*The R Journal* 6(2), 163-173. Expected values in ``tests/golden`` came from R qmethod 1.8.4.
Full precision is kept throughout; rounding is for display only.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from review.errors import ReviewError
from review.i18n import t

Z_05 = 1.96  # two-sided normal critical value for p < .05 (qflag's loading threshold, qdc's "*")
Z_01 = 2.576  # p < .01: qdc's "**" (R qmethod 1.8.4 uses 2.576)
Z_001 = 3.291  # p < .001: qdc's "***"
Z_000001 = 4.8916  # p < .000001: qdc's "6*" (qnorm(1e-6) rounded, qmethod issue #362)
AV_REL_COEF = 0.8  # Brown's (1980) average reliability of one Q-sort, as in qfcharact()
VARIMAX_EPS = 1e-5  # stats::varimax's default convergence tolerance
VARIMAX_MAX_ITER = 1000  # stats::varimax's fixed iteration cap
CENTROID_SPC = 1e-5  # qmethod()'s default spc: centroid communality convergence threshold
CENTROID_MAX_ITER = 10_000  # guard only: R's centroid loops have no cap
EIGEN_FLOOR = float(np.finfo(float).eps)  # psych::principal floors tiny eigenvalues at machine eps

EXTRACTIONS = ("pca", "centroid")
ROTATIONS = ("varimax", "none")

LABEL_CONSENSUS = "Consensus"
LABEL_DISTINGUISHING = "Distinguishing"
LABEL_ALL = "Distinguishes all"
CHARACTERISTICS_COLUMNS = ("av_rel_coef", "nload", "eigenvals", "expl_var", "reliability", "se_fscores")


class QAnalysisError(ReviewError, ValueError):
    """Input the Q analysis cannot use: a :class:`review.errors.ReviewError` (message ``key``
    in :mod:`review.i18n`, ``params``, :meth:`message` per language) whose ``line``/``field``
    locate the problem in a CSV file when it came from one."""

    def __init__(self, key: str, *, line: int | None = None, field: str | None = None, **params: object) -> None:
        self.line = line
        self.field = field
        super().__init__(key, **params)
        self.args = (self.message("en"),)

    def message(self, lang: str) -> str:
        prefix = ""
        if self.line is not None and self.field is not None:
            prefix = t("qanalysis.at", lang, line=self.line, field=self.field)
        elif self.line is not None:
            prefix = t("qanalysis.at_line", lang, line=self.line)
        text = super().message(lang)
        return prefix + (text[:1].upper() + text[1:] if not prefix else text)


class AnalysisWarning(NamedTuple):
    """Something a reader of the result should know: message ``key`` in :mod:`review.i18n` and its
    ``params``, so each screen says it in its user's language. ``str()`` is the English text (the CLI)."""

    key: str
    params: dict[str, Any]

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


@dataclass(frozen=True, eq=False)
class QAnalysis:
    """The result of :func:`analyze`. Factors are named ``f1..fn`` in every table.

    ``eigenvalues``: all eigenvalues of the correlation matrix, unrotated, largest first
    (for a scree plot). ``characteristics`` has R's ``eigenvals`` (sum of squared rotated
    loadings). ``factor_arrays`` uses pandas' nullable ``Int64`` (``<NA>`` for a factor no
    sort defines). ``distinguishing`` holds ``dist_and_cons`` plus, per pair of defined
    factors, ``fa_fb`` (z_a - z_b) and ``sig_fa_fb`` ("", "*", "**", "***", "6*").
    """

    statement_ids: tuple[str, ...]
    sort_ids: tuple[str, ...]
    nfactors: int
    extraction: str
    rotation: str
    correlations: pd.DataFrame
    eigenvalues: np.ndarray
    unrotated_loadings: pd.DataFrame
    loadings: pd.DataFrame
    flagged: pd.DataFrame
    zscores: pd.DataFrame
    factor_arrays: pd.DataFrame
    characteristics: pd.DataFrame
    sed: pd.DataFrame
    distinguishing: pd.DataFrame
    warnings: tuple[AnalysisWarning, ...]


def factor_names(nfactors: int) -> list[str]:
    return [f"f{i}" for i in range(1, nfactors + 1)]


# --- extraction and rotation -------------------------------------------------------------------------------------


def correlate(sorts: np.ndarray) -> np.ndarray:
    """Pearson correlations between Q-sorts (columns are sorts, rows statements).

    r_ab = sum((x_a - mean_a)(x_b - mean_b)) / sqrt(sum((x_a - mean_a)^2) sum((x_b - mean_b)^2)).
    In R: ``cor(dataset, method = "pearson")``.
    """
    return np.corrcoef(np.asarray(sorts, dtype=float), rowvar=False)


def extract_pca(cor: np.ndarray, nfactors: int) -> tuple[np.ndarray, np.ndarray]:
    """Principal components of the correlation matrix: (unrotated loadings, all eigenvalues).

    loadings_j = v_j * sqrt(lambda_j) for the ``nfactors`` largest eigenvalues (floored at machine
    eps), each component's sign chosen so its loadings sum to >= 0. Eigenvalues are returned in
    full, largest first, for a scree plot.
    In R: ``psych::principal(cor, nfactors, rotate = "none")`` (``$loadings`` and ``$values``),
    which ``qmethod(extraction = "PCA")`` calls.
    """
    values, vectors = np.linalg.eigh(np.asarray(cor, dtype=float))
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    kept = np.maximum(values[:nfactors], EIGEN_FLOOR)
    loadings = vectors[:, :nfactors] * np.sqrt(kept)
    return _positive_sums(loadings), values


def extract_centroid(cor: np.ndarray, nfactors: int, spc: float = CENTROID_SPC) -> np.ndarray:
    """Brown's centroid factors, exactly as R qmethod's ``centroid()`` (Hermans, 2021) computes them.

    Per factor: set the diagonal to 0; while some column sum is <= 0, reflect (negate row and
    column of) the sort with the smallest column sum; start from t = c + c/(n-1) with c the column
    sums and f = t / sqrt(sum t); iterate f <- (c + f^2) / sqrt(sum(c + f^2)) (communalities f^2 on
    the diagonal) until every |f_prev^2 - f^2| < ``spc``; reflect f back; the residual R - f f' (with
    reflections undone) feeds the next factor (Brown 1980, pp. 208-224).
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
        sums = tmat.sum(axis=0)
        for _ in range(CENTROID_MAX_ITER):
            worst = int(np.argmin(sums))  # R reflects which(min == colSums): the first on ties
            if sums[worst] >= 0:  # all positive, or a zero sum that reflecting cannot fix (R loops forever)
                break
            tmat[worst, :] *= -1
            tmat[:, worst] *= -1
            reflected.append(worst)
            sums = tmat.sum(axis=0)
        f = _centroid_factor(sums, n, spc)
        sign = np.ones(n)
        for i in reflected:
            sign[i] *= -1
        factors[:, k] = f * sign
        # residuals, then undo the reflections on them (R does it row and column, in reverse order)
        tmat = (tmat - np.outer(f, f)) * np.outer(sign, sign)
    return factors


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


def varimax(loadings: np.ndarray, normalize: bool = True, eps: float = VARIMAX_EPS) -> np.ndarray:
    """Kaiser-normalised varimax rotation, iterated exactly as R's ``stats::varimax``.

    With rows scaled to unit length (Kaiser), repeat: z = x T; B = x' (z^3 - z diag(colSums(z^2)) / p);
    T = U V' from the SVD B = U D V'; stop when sum(D) < previous sum(D) * (1 + eps) or after 1000
    iterations; rescale the rows. With one factor the loadings are returned unchanged.
    No reordering or sign flip here: ``psych::principal`` does that afterwards (:func:`orient_components`),
    ``qmethod``'s centroid path does not.
    In R: ``stats::varimax(x, normalize = TRUE, eps = 1e-5)``, which ``psych::principal(rotate = "varimax")``
    and ``qmethod(extraction = "centroid", rotation = "varimax")`` both call.
    """
    x = np.array(loadings, dtype=float)
    p, nc = x.shape
    if nc < 2:
        return x
    scale = np.sqrt((x**2).sum(axis=1)) if normalize else np.ones(p)
    scale[scale == 0] = 1.0  # a sort with no loading at all stays at the origin (R would give NaN)
    x = x / scale[:, None]
    rot = np.eye(nc)
    d = 0.0
    for _ in range(VARIMAX_MAX_ITER):
        z = x @ rot
        b = x.T @ (z**3 - z * ((z**2).sum(axis=0) / p))
        u, s, vt = np.linalg.svd(b)
        rot = u @ vt
        d_past, d = d, float(s.sum())
        if d < d_past * (1 + eps):
            break
    return (x @ rot) * scale[:, None]


def orient_components(loadings: np.ndarray) -> np.ndarray:
    """Order components by their sum of squared loadings (largest first, stable on ties) and flip each
    so its loadings sum to >= 0.
    In R: the last lines of ``psych::principal`` (``ev.order``, ``signed``), applied to PCA results only.
    """
    x = np.asarray(loadings, dtype=float)
    if x.shape[1] > 1:
        x = x[:, np.argsort(-(x**2).sum(axis=0), kind="stable")]
    return _positive_sums(x)


def _positive_sums(x: np.ndarray) -> np.ndarray:
    signs = np.sign(x.sum(axis=0))
    signs[signs == 0] = 1
    return x * signs


# --- flagging, scores, characteristics ---------------------------------------------------------------------------


def auto_flag(loadings: np.ndarray, n_statements: int) -> np.ndarray:
    """Defining sorts: sort i flags factor j when a_ij^2 > sum_{k != j} a_ik^2 and |a_ij| > 1.96 / sqrt(N).

    N is the number of statements. The test is on |a_ij|, so a sort loading strongly *negatively*
    is flagged too (R qmethod 1.8.4 does the same; :func:`analyze` warns about it, because that
    sort then enters the factor's scores with a negative weight).
    In R: ``qflag(loa, nstat)``.
    """
    a = np.asarray(loadings, dtype=float)
    sq = a**2
    others = sq.sum(axis=1, keepdims=True) - sq
    return (sq > others) & (np.abs(a) > Z_05 / math.sqrt(n_statements))


def factor_zscores(sorts: np.ndarray, loadings: np.ndarray, flagged: np.ndarray) -> np.ndarray:
    """Statement z-scores per factor from the flagged sorts (statements x factors).

    Weight w_ij = a_ij / (1 - a_ij^2) for flagged sorts, 0 otherwise (Brown 1980, p. 242);
    s_j = X w_j (weighted sum of raw sort values per statement); z_j = (s_j - mean(s_j)) / sd(s_j)
    with the sample sd (n - 1). A factor that no sort defines gets NaN (R: ``NA``).
    In R: ``qzscores(dataset, nfactors, loa, flagged)$zsc``.
    """
    x = np.asarray(sorts, dtype=float)
    a = np.where(np.asarray(flagged, dtype=bool), np.asarray(loadings, dtype=float), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = a / (1 - a**2)
        sums = x @ weights
        z = (sums - sums.mean(axis=0)) / sums.std(axis=0, ddof=1)
    z[:, ~np.asarray(flagged, dtype=bool).any(axis=0)] = np.nan
    return z


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
    for j in range(z.shape[1]):
        if np.all(np.isfinite(z[:, j])):
            out[np.argsort(z[:, j], kind="stable"), j] = values
    return out


def factor_characteristics(loadings: np.ndarray, flagged: np.ndarray, zscores: np.ndarray) -> pd.DataFrame:
    """Per factor: av_rel_coef, nload, eigenvals, expl_var, reliability, se_fscores (index f1..fn).

    nload = number of flagged sorts; eigenvals = sum of squared (rotated) loadings;
    expl_var = 100 * eigenvals / n_sorts; reliability r = 0.8 n / (1 + 0.8 (n - 1)) (Brown 1980, p. 244;
    0 when n = 0); se_fscores = sd(z) * sqrt(1 - r) (NaN for an undefined factor).
    In R: ``qfcharact(loa, flagged, zsc, nfactors, floa)$characteristics``.
    """
    a = np.asarray(loadings, dtype=float)
    nload = np.asarray(flagged, dtype=bool).sum(axis=0)
    eigenvals = (a**2).sum(axis=0)
    reliability = AV_REL_COEF * nload / (1 + (nload - 1) * AV_REL_COEF)
    with np.errstate(invalid="ignore"):
        se = np.asarray(zscores, dtype=float).std(axis=0, ddof=1) * np.sqrt(1 - reliability)
    return pd.DataFrame(
        {
            "av_rel_coef": np.full(a.shape[1], AV_REL_COEF),
            "nload": nload.astype(int),
            "eigenvals": eigenvals,
            "expl_var": 100 * eigenvals / a.shape[0],
            "reliability": reliability,
            "se_fscores": se,
        },
        index=factor_names(a.shape[1]),
    )


def standard_errors_of_differences(se_fscores: np.ndarray) -> np.ndarray:
    """SED_ab = sqrt(SE_a^2 + SE_b^2) for every pair of factors.
    In R: ``qfcharact(...)$sd_dif``."""
    se = np.asarray(se_fscores, dtype=float)
    return np.sqrt(se[:, None] ** 2 + se[None, :] ** 2)


def distinguishing_consensus(
    zscores: np.ndarray, se_fscores: np.ndarray, statement_ids: Sequence[str] | None = None
) -> pd.DataFrame:
    """Distinguishing and consensus statements.

    For each pair of defined factors (a, b): d = z_a - z_b and SED = sqrt(SE_a^2 + SE_b^2); the
    significance is "" when |d| <= 1.96 SED, "*" above it (p < .05), "**" above 2.576 SED, "***" above
    3.291 SED and "6*" above 4.8916 SED (p < .000001). Labels: no significant pair -> "Consensus";
    with two factors every other statement is "Distinguishing"; with more, "Distinguishes fi only"
    when all pairs with fi and no other pair are significant, "Distinguishes all" when every pair is,
    "Distinguishes fi Distinguishes fk" when fi and fk differ from all others and some other pairs
    are significant, else "". Factors no sort defines (NaN z-scores) are left out, as R leaves them
    out (``group30_centroid``); R's trailing space after such labels is dropped.
    In R: ``qdc(dataset, nfactors, zsc, sed)`` (qmethod 1.8.4).
    """
    z = np.asarray(zscores, dtype=float)
    se = np.asarray(se_fscores, dtype=float)
    n, k = z.shape
    index = list(statement_ids) if statement_ids is not None else [f"s{i + 1}" for i in range(n)]
    defined = [j for j in range(k) if np.all(np.isfinite(z[:, j])) and np.isfinite(se[j])]
    pairs = list(combinations(defined, 2))
    columns: dict[str, Any] = {"dist_and_cons": np.full(n, "", dtype=object)}
    if not pairs:
        return pd.DataFrame(columns, index=index)
    sig = np.zeros((n, len(pairs)), dtype=bool)
    for p, (a, b) in enumerate(pairs):
        diff = z[:, a] - z[:, b]
        sed = math.sqrt(se[a] ** 2 + se[b] ** 2)
        stars = np.select(
            [
                np.abs(diff) > Z_000001 * sed,
                np.abs(diff) > Z_001 * sed,
                np.abs(diff) > Z_01 * sed,
                np.abs(diff) > Z_05 * sed,
            ],
            ["6*", "***", "**", "*"],
            default="",
        ).astype(object)
        sig[:, p] = stars != ""
        columns[f"f{a + 1}_f{b + 1}"] = diff
        columns[f"sig_f{a + 1}_f{b + 1}"] = stars
    labels = np.full(n, "", dtype=object)
    consensus = ~sig.any(axis=1)
    if len(defined) == 2:
        labels[:] = LABEL_DISTINGUISHING
    else:
        every = sig.all(axis=1)
        for j in defined:  # R's loop order: labels for later factors overwrite or extend earlier ones
            involved = np.array([j in pair for pair in pairs])
            all_in = sig[:, involved].all(axis=1)
            any_out = sig[:, ~involved].any(axis=1)
            only = all_in & ~any_out
            some = all_in & any_out & ~every
            labels[only] = f"Distinguishes f{j + 1} only"
            labels[every & ~only] = LABEL_ALL
            labels[some & ~only] = [f"{lab} Distinguishes f{j + 1}".strip() for lab in labels[some & ~only]]
    labels[consensus] = LABEL_CONSENSUS
    columns["dist_and_cons"] = labels
    return pd.DataFrame(columns, index=index)


# --- input -------------------------------------------------------------------------------------------------------


def validate_sorts(sorts: pd.DataFrame, *, lines: Sequence[int] | None = None, header_line: int = 1) -> np.ndarray:
    """Check a sorts table (statements x Q-sorts) and return it as an integer matrix.

    Rules, each raising :class:`QAnalysisError` naming the statement and sort (and, given ``lines``,
    the CSV line of each statement): at least 2 statements; unique statement ids; unique sort ids;
    no missing values; whole numbers only; no constant sort; every sort a permutation of the same
    multiset of grid values (the one most sorts share, so the odd sort is named; R qmethod compares
    with the first sort only).
    """
    if sorts.shape[0] == 0 or sorts.shape[1] == 0:
        raise QAnalysisError("qanalysis.empty")
    if sorts.shape[0] < 2:
        raise QAnalysisError("qanalysis.too_few_statements", nstatements=sorts.shape[0])
    statement_ids = [str(s) for s in sorts.index]
    sort_ids = [str(s) for s in sorts.columns]
    in_csv = lines is not None

    def line_of(row: int) -> int | None:
        return lines[row] if lines is not None else None

    seen: set[str] = set()
    for row, sid in enumerate(statement_ids):
        if sid in seen:
            raise QAnalysisError("qanalysis.duplicate_statement", line=line_of(row), statement=sid)
        seen.add(sid)
    duplicates = [s for s, c in Counter(sort_ids).items() if c > 1]
    if duplicates:
        raise QAnalysisError("qanalysis.duplicate_sort", line=header_line if in_csv else None, sort=duplicates[0])
    values = _as_integers(sorts.to_numpy(), statement_ids, sort_ids, line_of)

    for j in range(values.shape[1]):
        if np.all(values[:, j] == values[0, j]):
            raise QAnalysisError("qanalysis.constant_sort", sort=sort_ids[j], value=_signed(int(values[0, j])))
    multisets = [Counter(values[:, j].tolist()) for j in range(values.shape[1])]
    keys = [tuple(sorted(m.items())) for m in multisets]
    tally = Counter(keys)
    grid = max(tally, key=lambda k: (tally[k], -keys.index(k)))  # the most common; the first on ties
    expected = dict(grid)
    for j, key in enumerate(keys):
        if key != grid:
            actual = multisets[j]
            position = min(v for v in set(actual) | set(expected) if actual.get(v, 0) != expected.get(v, 0))
            raise QAnalysisError(
                "qanalysis.not_grid",
                sort=sort_ids[j],
                position=_signed(position),
                actual=actual.get(position, 0),
                expected=expected.get(position, 0),
            )
    return values


def _as_integers(raw: np.ndarray, statement_ids: list[str], sort_ids: list[str], line_of: Any) -> np.ndarray:
    if raw.dtype.kind in "iu":
        return raw.astype(np.int64)

    def fail(key: str, row: int, col: int, **params: object) -> QAnalysisError:
        return QAnalysisError(
            key,
            line=line_of(row),
            field=sort_ids[col] if line_of(row) is not None else None,
            statement=statement_ids[row],
            sort=sort_ids[col],
            **params,
        )

    if raw.dtype.kind == "f":
        missing = np.argwhere(np.isnan(raw))
        if missing.size:
            raise fail("qanalysis.missing_value", *missing[0])
        fraction = np.argwhere(raw != np.round(raw))
        if fraction.size:
            row, col = fraction[0]
            raise fail("qanalysis.not_integer", row, col, value=float(raw[row, col]))
        return raw.astype(np.int64)
    out = np.empty(raw.shape, dtype=np.int64)
    for (row, col), value in np.ndenumerate(raw):
        number = _whole_number(value)
        if number is None:
            if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                raise fail("qanalysis.missing_value", row, col)
            if isinstance(value, str) and not value.strip():
                raise fail("qanalysis.missing_value", row, col)
            raise fail("qanalysis.not_integer", row, col, value=value)
        out[row, col] = number
    return out


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return int(value) if math.isfinite(value) and float(value).is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                return None
            return int(number) if math.isfinite(number) and number.is_integer() else None
    return None


def _signed(value: int) -> str:
    return f"{value:+d}" if value else "0"


def read_sorts_csv(path: str | Path) -> pd.DataFrame:
    """Read Q-sorts in R qmethod's CSV layout: a header row of sort ids (its first cell names the
    statement-id column, often empty), then one line per statement: its id, then its grid position
    in every sort. Returns integers (statements x sorts) after :func:`validate_sorts`; errors name
    the line and column. In R: ``read.csv(path, row.names = 1)``, as written by ``write.csv(sorts)``.
    """
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        rows: list[tuple[int, list[str]]] = []
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, [cell.strip() for cell in row]))
    if len(rows) < 2 or len(rows[0][1]) < 2:
        raise QAnalysisError("qanalysis.empty")
    header_line, header = rows[0]
    ids: list[str] = []
    cells: list[list[str]] = []
    lines: list[int] = []
    for line, row in rows[1:]:
        if len(row) != len(header):
            raise QAnalysisError("qanalysis.row_length", line=line, actual=len(row), expected=len(header))
        ids.append(row[0])
        cells.append(row[1:])
        lines.append(line)
    table = pd.DataFrame(np.array(cells, dtype=object), index=ids, columns=header[1:])
    values = validate_sorts(table, lines=lines, header_line=header_line)
    return pd.DataFrame(values, index=pd.Index(ids, name=header[0] or None), columns=header[1:])


def _choice(value: str, choices: tuple[str, ...], what: str) -> str:
    name = str(value).strip().lower()
    if name not in choices:
        raise QAnalysisError("qanalysis.unknown_method", what=what, value=value, choices=", ".join(choices))
    return name


def _as_flags(flags: np.ndarray | pd.DataFrame, nsorts: int, nfactors: int) -> np.ndarray:
    array = np.asarray(flags)
    ok = array.shape == (nsorts, nfactors) and (
        array.dtype == bool or (array.dtype.kind in "iuf" and np.isin(array, (0, 1)).all())
    )
    if not ok:
        raise QAnalysisError("qanalysis.bad_flags", nsorts=nsorts, nfactors=nfactors, shape=str(array.shape))
    return array.astype(bool)


# --- pipeline ----------------------------------------------------------------------------------------------------


def analyze(
    sorts: pd.DataFrame,
    nfactors: int,
    extraction: str = "pca",
    rotation: str = "varimax",
    flags: np.ndarray | None = None,
) -> QAnalysis:
    """The whole by-person Q analysis: correlate, extract, rotate, flag, score, characterise, compare.

    ``sorts``: statements (index) x Q-sorts (columns), grid positions as values. ``extraction``: "pca"
    (psych::principal, then varimax, then components ordered by explained variance and oriented to
    positive sums) or "centroid" (qmethod's centroid, then stats::varimax, no reordering).
    ``flags``: a sorts x factors boolean table to override :func:`auto_flag`.
    Never raises for an awkward result: a factor no sort defines gets NaN z-scores, an empty factor
    array, nload 0 and is left out of the distinguishing statements, with a warning; so does a sort
    flagged with a negative loading.
    In R: ``qmethod(sorts, nfactors, extraction = "PCA" | "centroid", rotation = "varimax" | "none")``.
    """
    method = _choice(extraction, EXTRACTIONS, "extraction")
    rot = _choice(rotation, ROTATIONS, "rotation")
    if isinstance(nfactors, bool) or not isinstance(nfactors, int | np.integer) or nfactors < 1:
        raise QAnalysisError("qanalysis.bad_nfactors", nfactors=nfactors)
    nfactors = int(nfactors)
    x = validate_sorts(sorts)
    n_statements, n_sorts = x.shape
    if n_sorts < max(2, nfactors):
        raise QAnalysisError("qanalysis.too_few_sorts", nfactors=nfactors, need=max(2, nfactors), nsorts=n_sorts)

    cor = correlate(x)
    if method == "pca":
        unrotated, eigenvalues = extract_pca(cor, nfactors)
        loadings = orient_components(varimax(unrotated) if rot == "varimax" else unrotated)
    else:
        unrotated = extract_centroid(cor, nfactors)
        eigenvalues = np.linalg.eigvalsh(cor)[::-1]
        loadings = varimax(unrotated) if rot == "varimax" else unrotated
    flagged = auto_flag(loadings, n_statements) if flags is None else _as_flags(flags, n_sorts, nfactors)
    z = factor_zscores(x, loadings, flagged)
    arrays = factor_arrays(z, x[:, 0])
    characteristics = factor_characteristics(loadings, flagged, z)
    se = characteristics["se_fscores"].to_numpy()

    statement_ids = tuple(str(s) for s in sorts.index)
    sort_ids = tuple(str(s) for s in sorts.columns)
    names = factor_names(nfactors)
    return QAnalysis(
        statement_ids=statement_ids,
        sort_ids=sort_ids,
        nfactors=nfactors,
        extraction=method,
        rotation=rot,
        correlations=pd.DataFrame(cor, index=sort_ids, columns=sort_ids),
        eigenvalues=eigenvalues,
        unrotated_loadings=pd.DataFrame(unrotated, index=sort_ids, columns=names),
        loadings=pd.DataFrame(loadings, index=sort_ids, columns=names),
        flagged=pd.DataFrame(flagged, index=sort_ids, columns=names),
        zscores=pd.DataFrame(z, index=statement_ids, columns=names),
        factor_arrays=pd.DataFrame(arrays, index=statement_ids, columns=names).astype("Int64"),
        characteristics=characteristics,
        sed=pd.DataFrame(standard_errors_of_differences(se), index=names, columns=names),
        distinguishing=distinguishing_consensus(z, se, statement_ids),
        warnings=_warnings(loadings, flagged, z, sort_ids),
    )


def _warnings(
    loadings: np.ndarray, flagged: np.ndarray, z: np.ndarray, sort_ids: tuple[str, ...]
) -> tuple[AnalysisWarning, ...]:
    out: list[AnalysisWarning] = []
    nload = flagged.sum(axis=0)
    for j in range(flagged.shape[1]):
        if nload[j] == 0:
            out.append(AnalysisWarning("qanalysis.warn.undefined", {"n": j + 1}))
        elif not np.all(np.isfinite(z[:, j])):
            out.append(AnalysisWarning("qanalysis.warn.infinite", {"n": j + 1}))
    negative = flagged & (loadings < 0)
    for j in np.nonzero(negative.any(axis=0))[0]:
        listed = ", ".join(f"{sort_ids[i]} ({loadings[i, j]:.2f})" for i in np.nonzero(negative[:, j])[0])
        out.append(AnalysisWarning("qanalysis.warn.negative", {"n": int(j) + 1, "sorts": listed}))
    for i in np.nonzero(flagged.sum(axis=1) > 1)[0]:
        out.append(AnalysisWarning("qanalysis.warn.multiple", {"sort": sort_ids[i]}))
    if int((nload > 0).sum()) < 2 <= flagged.shape[1] or flagged.shape[1] < 2:
        out.append(AnalysisWarning("qanalysis.warn.no_distinguishing", {}))
    return tuple(out)


def to_json(result: QAnalysis) -> dict[str, Any]:
    """The result as plain JSON-ready data; NaN and missing values become ``None``."""

    def num(value: Any) -> float | None:
        return None if pd.isna(value) else float(value)

    def whole(value: Any) -> int | None:
        return None if pd.isna(value) else int(value)

    return {
        "loadings": {
            s: [float(v) for v in row] for s, row in zip(result.sort_ids, result.loadings.to_numpy(), strict=True)
        },
        "flagged": {
            s: [bool(v) for v in row] for s, row in zip(result.sort_ids, result.flagged.to_numpy(), strict=True)
        },
        "zscores": {
            s: [num(v) for v in row] for s, row in zip(result.statement_ids, result.zscores.to_numpy(), strict=True)
        },
        "factor_arrays": {
            s: [whole(v) for v in row]
            for s, row in zip(result.statement_ids, result.factor_arrays.to_numpy(dtype=object), strict=True)
        },
        "distinguishing_consensus": dict(
            zip(result.statement_ids, result.distinguishing["dist_and_cons"], strict=True)
        ),
        "factor_characteristics": [
            {
                "nload": int(row["nload"]),
                "eigenvals": float(row["eigenvals"]),
                "expl_var": float(row["expl_var"]),
                "reliability": float(row["reliability"]),
                "se_fscores": num(row["se_fscores"]),
                "av_rel_coef": float(row["av_rel_coef"]),
            }
            for _, row in result.characteristics.iterrows()
        ],
        "eigenvalues": [float(v) for v in result.eigenvalues],
        "warnings": [str(w) for w in result.warnings],  # English, as the CLI prints them
    }
