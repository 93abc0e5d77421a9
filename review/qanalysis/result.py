"""The result of the analysis: arrays computed once, tables built from them when first read, and
the result as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from review.qanalysis.characteristics import characteristics_table, factor_names, standard_errors_of_differences
from review.qanalysis.distinguishing import Comparison, comparison_table
from review.qanalysis.extraction import correlate
from review.qanalysis.messages import AnalysisWarning


class Matrices(NamedTuple):
    """What :func:`review.qanalysis.analyze` computes, as arrays (sorts and statements in input order,
    factors f1..fn)."""

    sorts: np.ndarray  # statements x sorts, whole numbers
    unrotated: np.ndarray  # sorts x factors
    loadings: np.ndarray  # sorts x factors
    flagged: np.ndarray  # sorts x factors, bool
    zscores: np.ndarray  # statements x factors
    arrays: np.ndarray  # statements x factors, grid values or NaN
    characteristics: np.ndarray  # factors x CHARACTERISTICS_COLUMNS
    comparison: Comparison


@dataclass(frozen=True, eq=False)
class QAnalysis:
    """The result of :func:`review.qanalysis.analyze`. Factors are named ``f1..fn`` in every table.

    ``eigenvalues``: all eigenvalues of the correlation matrix, unrotated, largest first
    (for a scree plot). ``characteristics`` has R's ``eigenvals`` (sum of squared rotated
    loadings). ``factor_arrays`` uses pandas' nullable ``Int64`` (``<NA>`` for a factor no
    sort defines). ``distinguishing`` holds ``dist_and_cons`` plus, per pair of defined
    factors, ``fa_fb`` (z_a - z_b) and ``sig_fa_fb`` ("", "*", "**", "***", "6*").
    The tables are built from ``matrices`` the first time they are read (most callers read a few).
    """

    statement_ids: tuple[str, ...]
    sort_ids: tuple[str, ...]
    nfactors: int
    extraction: str
    rotation: str
    eigenvalues: np.ndarray
    warnings: tuple[AnalysisWarning, ...]
    matrices: Matrices = field(repr=False)

    @property
    def _names(self) -> list[str]:
        return factor_names(self.nfactors)

    @cached_property
    def correlations(self) -> pd.DataFrame:
        return pd.DataFrame(correlate(self.matrices.sorts), index=self.sort_ids, columns=self.sort_ids)

    @cached_property
    def unrotated_loadings(self) -> pd.DataFrame:
        return pd.DataFrame(self.matrices.unrotated, index=self.sort_ids, columns=self._names)

    @cached_property
    def loadings(self) -> pd.DataFrame:
        return pd.DataFrame(self.matrices.loadings, index=self.sort_ids, columns=self._names)

    @cached_property
    def flagged(self) -> pd.DataFrame:
        return pd.DataFrame(self.matrices.flagged, index=self.sort_ids, columns=self._names)

    @cached_property
    def zscores(self) -> pd.DataFrame:
        return pd.DataFrame(self.matrices.zscores, index=self.statement_ids, columns=self._names)

    @cached_property
    def factor_arrays(self) -> pd.DataFrame:
        table = pd.DataFrame(self.matrices.arrays, index=self.statement_ids, columns=self._names)
        return table.astype("Int64")

    @cached_property
    def characteristics(self) -> pd.DataFrame:
        return characteristics_table(self.matrices.characteristics)

    @cached_property
    def sed(self) -> pd.DataFrame:
        se = self.matrices.characteristics[:, -1]
        return pd.DataFrame(standard_errors_of_differences(se), index=self._names, columns=self._names)

    @cached_property
    def distinguishing(self) -> pd.DataFrame:
        return comparison_table(self.matrices.comparison, self.statement_ids)


def to_json(result: QAnalysis) -> dict[str, Any]:
    """The result as plain JSON-ready data; NaN and missing values become ``None``."""
    m = result.matrices

    def rows(ids: tuple[str, ...], values: np.ndarray, kind: type, missing: bool = False) -> dict[str, list[Any]]:
        """One list per sort or statement; with ``missing``, NaN becomes None."""
        cells = np.where(np.isnan(values), None, values) if missing else values
        return {s: [None if v is None else kind(v) for v in row] for s, row in zip(ids, cells.tolist(), strict=True)}

    chars = m.characteristics
    return {
        "loadings": rows(result.sort_ids, m.loadings, float),
        "flagged": rows(result.sort_ids, m.flagged, bool),
        "zscores": rows(result.statement_ids, m.zscores, float, missing=True),
        "factor_arrays": rows(result.statement_ids, m.arrays, int, missing=True),
        "distinguishing_consensus": dict(zip(result.statement_ids, m.comparison.labels.tolist(), strict=True)),
        "factor_characteristics": [
            {
                "nload": int(row[1]),
                "eigenvals": float(row[2]),
                "expl_var": float(row[3]),
                "reliability": float(row[4]),
                "se_fscores": None if np.isnan(row[5]) else float(row[5]),
                "av_rel_coef": float(row[0]),
            }
            for row in chars
        ],
        "eigenvalues": [float(v) for v in result.eigenvalues],
        "warnings": [str(w) for w in result.warnings],  # English, as the CLI prints them
    }
