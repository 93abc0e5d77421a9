"""Distinguishing and consensus statements: which statements set a factor apart from the others."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from review.analysis.qmethod.flagging import Z_05

Z_01 = 2.576  # p < .01: qdc's "**" (R qmethod 1.8.4 uses 2.576)
Z_001 = 3.291  # p < .001: qdc's "***"
Z_000001 = 4.8916  # p < .000001: qdc's "6*" (qnorm(1e-6) rounded, qmethod issue #362)
THRESHOLDS = (Z_05, Z_01, Z_001, Z_000001)  # rising, so the number passed is the star level
STARS = np.array(["", "*", "**", "***", "6*"], dtype=object)

LABEL_CONSENSUS = "Consensus"
LABEL_DISTINGUISHING = "Distinguishing"
LABEL_ALL = "Distinguishes all"


class Comparison(NamedTuple):
    """Every pair (a, b) of defined factors (0-based, a < b), per statement z_a - z_b and its stars,
    and the label of each statement."""

    pairs: list[tuple[int, int]]
    differences: np.ndarray  # statements x pairs
    stars: np.ndarray  # statements x pairs, object: "", "*", "**", "***", "6*"
    labels: np.ndarray  # statements, object


def compare_factors(zscores: np.ndarray, se_fscores: np.ndarray) -> Comparison:
    """:func:`distinguishing_consensus` as arrays (the table is built from these at the edge)."""
    z = np.asarray(zscores, dtype=float)
    se = np.asarray(se_fscores, dtype=float)
    n = z.shape[0]
    defined = np.flatnonzero(np.isfinite(z).all(axis=0) & np.isfinite(se)).tolist()
    pairs = list(combinations(defined, 2))
    labels = np.full(n, "", dtype=object)
    if not pairs:
        return Comparison(pairs, np.empty((n, 0)), np.empty((n, 0), dtype=object), labels)
    first, second = (np.array(side) for side in zip(*pairs, strict=True))
    diffs = z[:, first] - z[:, second]
    sed = np.sqrt(se[first] ** 2 + se[second] ** 2)
    level = (np.abs(diffs)[:, :, None] > np.multiply.outer(sed, THRESHOLDS)).sum(axis=2)
    sig = level > 0
    if len(defined) == 2:
        labels[:] = LABEL_DISTINGUISHING
    else:
        every = sig.all(axis=1)
        for j in defined:  # R's loop order: labels for later factors overwrite or extend earlier ones
            involved = (first == j) | (second == j)
            all_in = sig[:, involved].all(axis=1)
            only = all_in & ~sig[:, ~involved].any(axis=1)
            labels[only] = f"Distinguishes f{j + 1} only"
            labels[every & ~only] = LABEL_ALL
            some = np.flatnonzero(all_in & ~only & ~every)
            labels[some] = [f"{lab} Distinguishes f{j + 1}".strip() for lab in labels[some]]
    labels[~sig.any(axis=1)] = LABEL_CONSENSUS
    return Comparison(pairs, diffs, STARS[level], labels)


def comparison_table(comparison: Comparison, statement_ids: Sequence[str]) -> pd.DataFrame:
    """R's ``qdc`` table: ``dist_and_cons``, then ``fa_fb`` and ``sig_fa_fb`` per pair."""
    columns: dict[str, Any] = {"dist_and_cons": comparison.labels}
    for p, (a, b) in enumerate(comparison.pairs):
        columns[f"f{a + 1}_f{b + 1}"] = comparison.differences[:, p]
        columns[f"sig_f{a + 1}_f{b + 1}"] = comparison.stars[:, p]
    return pd.DataFrame(columns, index=list(statement_ids))


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
    n = np.asarray(zscores).shape[0]
    index = list(statement_ids) if statement_ids is not None else [f"s{i + 1}" for i in range(n)]
    return comparison_table(compare_factors(zscores, se_fscores), index)
