"""How many viewpoints? The evidence side by side, for 1 to 7 factors; the facilitator decides.

R qmethod's maintainers left the number to the researcher (their issue #221), and so does this
module: it computes what the literature offers and picks nothing. Per factor k (of the unrotated
extraction, which for PCA and for the centroid method does not change with how many are taken):

- its eigenvalue and the share of the variance it explains, and Kaiser-Guttman (above 1);
- Q-specific parallel analysis (Horn 1965, done as a Q study needs it): the same number of random
  sorts drawn from this session's own grid (each a random placement of the statements in its
  slots), their eigenvalues, again and again; factor k stands out when its eigenvalue exceeds the
  95th percentile of the random k-th eigenvalues;
- Humphrey's rule (Brown 1980, p. 223): the cross-product of the factor's two highest loadings,
  ignoring sign, exceeds twice the standard error of a loading, 2 / sqrt(statements).

And per solution of k factors (extracted and rotated as chosen): how many sorts load significantly
on each factor (|loading| > 1.96 / sqrt(statements), p < .05) and how many define it (the automatic
flags), against the rules of thumb "at least two significant loaders" and "about 6 to 8 people per
factor" (Watts & Stenner 2012, p. 107-110).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from review.analysis.qmethod import Z_05, all_eigenvalues, analyze
from review.analysis.viewpoints import session_sorts
from review.store import AnalysisChoice, Session, Store

SHOWN = 7  # factors side by side (the panel's MAX_FACTORS)
RANDOM_SETS = 200  # random sort sets for parallel analysis (their 95th percentile varies by about 0.03 between seeds)
PERCENTILE = 95
CHUNK = 2_000_000  # values drawn at once: about 16 MB, at 12 sorts or at 5,000
MIN_LOADERS = 2  # a factor needs at least two significant loaders
PEOPLE_PER_FACTOR = 6  # the lower end of Watts & Stenner's 6-8 people per factor


@dataclass(frozen=True)
class FactorEvidence:
    """The k-th factor, and the solution of k factors."""

    k: int
    eigenvalue: float
    explained: float  # per cent of the variance
    random95: float  # parallel analysis: the 95th percentile of the random k-th eigenvalues
    humphrey: float  # the cross-product of the two highest |loadings|
    loaders: tuple[int, ...]  # the k-factor solution: significant loaders per factor
    defining: tuple[int, ...]  # the k-factor solution: sorts flagged per factor

    @property
    def kaiser(self) -> bool:
        return self.eigenvalue > 1

    @property
    def above_random(self) -> bool:
        return self.eigenvalue > self.random95


@dataclass(frozen=True)
class NumberEvidence:
    factors: list[FactorEvidence]
    n_statements: int
    n_sorts: int
    random_sets: int

    @property
    def humphrey_bar(self) -> float:
        """Twice the standard error of a loading."""
        return 2 / np.sqrt(self.n_statements)

    def humphrey_passes(self, factor: FactorEvidence) -> bool:
        return factor.humphrey > self.humphrey_bar

    def counts(self) -> dict[str, int]:
        """How many factors each rule keeps (the leading run that passes it)."""

        def leading(passes) -> int:
            n = 0
            for factor in self.factors:
                if not passes(factor):
                    break
                n += 1
            return n

        return {
            "kaiser": leading(lambda f: f.kaiser),
            "parallel": leading(lambda f: f.above_random),
            "humphrey": leading(self.humphrey_passes),
            "loaders": leading(lambda f: min(f.loaders) >= MIN_LOADERS),
            "people": max((f.k for f in self.factors if f.k * PEOPLE_PER_FACTOR <= self.n_sorts), default=0),
        }


def random_eigenvalues(slots: np.ndarray, n_sorts: int, k: int, sets: int = RANDOM_SETS, seed: int = 0) -> np.ndarray:
    """The ``k`` largest eigenvalues of ``sets`` sets of ``n_sorts`` random forced sorts: each sort a
    random permutation of the grid's ``slots`` (one value per statement). sets x k.

    Every such sort has the same mean and spread (the grid's), so the correlation matrix of a set
    is z'z with z the centred sorts over one common scale, and its non-zero eigenvalues are those of
    the small z z' (statements x statements), as in :func:`all_eigenvalues`."""
    rng = np.random.default_rng(seed)
    slots = np.asarray(slots, dtype=float)
    centred = slots - slots.mean()
    scale = np.sqrt((centred**2).sum())
    m = len(slots)
    k = min(k, m, n_sorts)
    out = np.empty((sets, k))
    step = max(1, CHUNK // (n_sorts * m))
    for start in range(0, sets, step):
        n = min(step, sets - start)
        z = rng.permuted(np.broadcast_to(centred / scale, (n, n_sorts, m)), axis=2)  # n x sorts x statements
        gram = z.transpose(0, 2, 1) @ z  # n x statements x statements (batched BLAS: 9x einsum's speed)
        out[start : start + n] = np.linalg.eigvalsh(gram)[:, ::-1][:, :k]
    return out


def session_seed(session_id: str) -> int:
    """The same random sets for a session on every rerun (the thresholds do not flicker)."""
    return zlib.crc32(session_id.encode("utf-8"))


def session_evidence(store: Store, session: Session, choice: AnalysisChoice, published: bool = False) -> NumberEvidence:
    """:func:`number_evidence` for the sorts of ``choice``'s condition (the published copy with
    ``published``), extracted, rotated and correlated as chosen (its number of factors aside), in the
    session's grid and with the session's random sets: the facilitator's panel and the report agree."""
    sorts = session_sorts(store, session, choice.condition, published=published)
    return number_evidence(
        sorts,
        np.array(session.grid.slots),
        choice.extraction,
        choice.rotation,
        seed=session_seed(session.id),
        correlation=choice.correlation,
    )


def number_evidence(
    sorts: pd.DataFrame,
    slots: np.ndarray,
    extraction: str = "pca",
    rotation: str = "varimax",
    shown: int = SHOWN,
    sets: int = RANDOM_SETS,
    seed: int = 0,
    correlation: str = "pearson",
) -> NumberEvidence:
    """The evidence for 1..``shown`` factors (fewer when there are fewer sorts than that plus one).
    ``correlation``: the eigenvalues' and the solutions'; the random sorts are compared by Pearson's
    (forced sorts in one grid: Spearman's differs from it only by ties)."""
    values = sorts.to_numpy(dtype=float)
    m, n = values.shape
    top = max(1, min(shown, n - 1))
    eigenvalues = all_eigenvalues(values, correlation)
    random95 = np.percentile(random_eigenvalues(slots, n, top, sets, seed), PERCENTILE, axis=0)
    widest = analyze(sorts, top, extraction, "none", correlation=correlation)
    unrotated = np.abs(widest.matrices.unrotated)
    factors = []
    for k in range(1, top + 1):
        two = np.sort(unrotated[:, k - 1])[-2:] if n >= 2 else np.array([0.0, 0.0])
        solution = (
            widest
            if k == top and rotation == "none"
            else analyze(sorts, k, extraction, rotation, correlation=correlation)
        )
        loaders = (np.abs(solution.matrices.loadings) > Z_05 / np.sqrt(m)).sum(axis=0)
        defining = solution.matrices.flagged.sum(axis=0)
        factors.append(
            FactorEvidence(
                k=k,
                eigenvalue=float(eigenvalues[k - 1]),
                explained=float(100 * eigenvalues[k - 1] / n),
                random95=float(random95[k - 1]),
                humphrey=float(two[0] * two[1]),
                loaders=tuple(int(x) for x in loaders),
                defining=tuple(int(x) for x in defining),
            )
        )
    return NumberEvidence(factors, m, n, sets)


def number_json(evidence: NumberEvidence) -> dict:
    """The evidence as plain JSON (the command line's ``factors --format json``)."""
    return {
        "n_sorts": evidence.n_sorts,
        "n_statements": evidence.n_statements,
        "random_sets": evidence.random_sets,
        "percentile": PERCENTILE,
        "humphrey_bar": evidence.humphrey_bar,
        "factors": [
            {
                "k": f.k,
                "eigenvalue": f.eigenvalue,
                "explained": f.explained,
                "kaiser": f.kaiser,
                "random95": f.random95,
                "above_random": f.above_random,
                "humphrey": f.humphrey,
                "humphrey_passes": bool(evidence.humphrey_passes(f)),
                "loaders": list(f.loaders),
                "defining": list(f.defining),
            }
            for f in evidence.factors
        ],
        "keeps": evidence.counts(),
    }


__all__ = [
    "MIN_LOADERS",
    "PEOPLE_PER_FACTOR",
    "FactorEvidence",
    "NumberEvidence",
    "number_evidence",
    "number_json",
    "random_eigenvalues",
    "session_evidence",
    "session_seed",
]
