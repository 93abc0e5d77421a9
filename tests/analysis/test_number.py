"""The evidence for the number of viewpoints (review/analysis/number.py): eigenvalues, Kaiser, Q-specific
parallel analysis, Humphrey's rule, significant loaders and people per factor; nothing picked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from review.analysis.number import (
    FactorEvidence,
    NumberEvidence,
    number_evidence,
    random_eigenvalues,
    session_seed,
)
from review.analysis.qmethod import analyze
from review.content.grid import load_grid

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
GRID = load_grid()
SLOTS = np.repeat(GRID.values, GRID.counts)


def _random_sorts(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(np.stack([rng.permutation(SLOTS) for _ in range(n)], axis=1))


def test_the_random_eigenvalues_match_a_plain_simulation_of_forced_sorts() -> None:
    """The fast route (one common scale, the small statements x statements matrix) against the plain
    one: random sorts placed one by one, numpy's correlation matrix, all its eigenvalues."""
    rng = np.random.default_rng(7)
    plain = []
    for _ in range(300):
        sorts = np.stack([rng.permutation(SLOTS) for _ in range(12)], axis=1)
        plain.append(np.sort(np.linalg.eigvalsh(np.corrcoef(sorts, rowvar=False)))[::-1][:3])
    fast = random_eigenvalues(SLOTS, 12, 3, sets=300, seed=8)
    assert np.allclose(np.percentile(fast, 95, axis=0), np.percentile(plain, 95, axis=0), atol=0.08)
    assert np.allclose(fast.mean(axis=0), np.mean(plain, axis=0), atol=0.04)
    # the whole spectrum of one set sums to the number of sorts (the trace of a correlation matrix)
    assert np.allclose(random_eigenvalues(SLOTS, 12, 12, sets=5, seed=1).sum(axis=1), 12)
    # at more sorts than statements only the statements' count is non-zero, and still sums to the sorts
    assert np.allclose(random_eigenvalues(SLOTS, 80, 50, sets=3, seed=1).sum(axis=1), 80)


def test_the_random_sets_are_the_same_for_a_session_and_differ_between_sessions() -> None:
    one = random_eigenvalues(SLOTS, 12, 3, sets=50, seed=session_seed("a"))
    assert np.array_equal(one, random_eigenvalues(SLOTS, 12, 3, sets=50, seed=session_seed("a")))
    assert not np.array_equal(one, random_eigenvalues(SLOTS, 12, 3, sets=50, seed=session_seed("b")))


def test_random_sorts_stay_below_chance_while_kaiser_keeps_several() -> None:
    """The reason the panel exists: Kaiser's rule finds factors in pure noise; parallel analysis does not."""
    keeps = [number_evidence(_random_sorts(20, study), SLOTS, sets=100, seed=study).counts() for study in range(20)]
    assert all(k["kaiser"] >= 4 for k in keeps)
    assert sum(k["parallel"] > 0 for k in keeps) <= 3  # a first factor above the 95th percentile: 1 in 20 by chance


def test_a_real_study_has_factors_above_chance_and_its_rows_are_its_solutions() -> None:
    sorts = pd.read_csv(GOLDEN / "group30" / "sorts.csv", index_col=0)
    evidence = number_evidence(sorts, SLOTS, "pca", "varimax", seed=2)
    assert evidence.n_sorts == 30 and evidence.n_statements == len(sorts)
    assert evidence.counts()["parallel"] >= 2
    eigen = np.sort(np.linalg.eigvalsh(np.corrcoef(sorts.to_numpy(dtype=float), rowvar=False)))[::-1]
    for f in evidence.factors:
        assert f.eigenvalue == pytest.approx(eigen[f.k - 1], abs=1e-10)
        assert f.explained == pytest.approx(100 * eigen[f.k - 1] / 30, abs=1e-9)
        solution = analyze(sorts, f.k, "pca", "varimax")
        significant = np.abs(solution.loadings.to_numpy()) > 1.96 / np.sqrt(len(sorts))
        assert f.loaders == tuple(significant.sum(axis=0))
        assert f.defining == tuple(solution.flagged.to_numpy().sum(axis=0))
        assert len(f.loaders) == f.k


def test_humphreys_rule_is_the_product_of_the_two_highest_unrotated_loadings() -> None:
    """By another route: the principal components of numpy's correlation matrix, loadings v * sqrt(λ)."""
    sorts = pd.read_csv(GOLDEN / "workshop12" / "sorts.csv", index_col=0)
    evidence = number_evidence(sorts, SLOTS, seed=2)
    values, vectors = np.linalg.eigh(np.corrcoef(sorts.to_numpy(dtype=float), rowvar=False))
    order = np.argsort(values)[::-1]
    loadings = np.abs(vectors[:, order] * np.sqrt(np.clip(values[order], 0, None)))
    for f in evidence.factors:
        top = np.sort(loadings[:, f.k - 1])[-2:]
        assert f.humphrey == pytest.approx(top[0] * top[1], abs=1e-10)
        assert evidence.humphrey_passes(f) == (f.humphrey > 2 / np.sqrt(len(sorts)))
    assert evidence.humphrey_bar == pytest.approx(2 / np.sqrt(len(sorts)))


def test_each_rule_keeps_the_leading_run_that_passes_it() -> None:
    def factor(k: int, eigen: float, random95: float, humphrey: float, loaders: tuple[int, ...]) -> FactorEvidence:
        return FactorEvidence(k, eigen, eigen * 10, random95, humphrey, loaders, loaders)

    evidence = NumberEvidence(
        [
            factor(1, 3.0, 2.0, 0.5, (5,)),
            factor(2, 1.5, 1.6, 0.4, (4, 3)),  # below chance
            factor(3, 1.2, 1.1, 0.1, (4, 3, 1)),  # above chance again: not counted (the run ended)
            factor(4, 0.9, 0.8, 0.5, (3, 3, 2, 2)),
        ],
        n_statements=50,
        n_sorts=20,
        random_sets=200,
    )
    assert evidence.counts() == {"kaiser": 3, "parallel": 1, "humphrey": 2, "loaders": 2, "people": 3}


def test_the_evidence_stops_below_as_many_factors_as_sorts() -> None:
    evidence = number_evidence(_random_sorts(4, 5), SLOTS, seed=1)
    assert [f.k for f in evidence.factors] == [1, 2, 3]
    centroid = number_evidence(_random_sorts(9, 5), SLOTS, "centroid", "none", seed=1)
    assert len(centroid.factors) == 7 and all(len(f.loaders) == f.k for f in centroid.factors)
