"""The result of the analysis: arrays computed once, tables built from them when first read, and
the result as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from review.analysis.qmethod.characteristics import characteristics_table, factor_names, standard_errors_of_differences
from review.analysis.qmethod.distinguishing import Comparison, comparison_table
from review.analysis.qmethod.extraction import correlate
from review.analysis.qmethod.messages import AnalysisWarning


class Matrices(NamedTuple):
    """What :func:`review.analysis.qmethod.analyze` computes, as arrays (sorts and statements in input order,
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
    """The result of :func:`review.analysis.qmethod.analyze`. Factors are named ``f1..fn`` in every table.

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
    correlation: str
    eigenvalues: np.ndarray
    warnings: tuple[AnalysisWarning, ...]
    matrices: Matrices = field(repr=False)

    # the row and column labels, built once for all the tables (a pandas Index of text is not cheap)
    @cached_property
    def _sorts(self) -> pd.Index:
        return pd.Index(self.sort_ids)

    @cached_property
    def _statements(self) -> pd.Index:
        return pd.Index(self.statement_ids)

    @cached_property
    def _factors(self) -> pd.Index:
        return pd.Index(factor_names(self.nfactors))

    def _table(self, values: np.ndarray, rows: pd.Index) -> pd.DataFrame:
        return pd.DataFrame(values, index=rows, columns=self._factors, copy=False)

    @cached_property
    def correlations(self) -> pd.DataFrame:
        return pd.DataFrame(correlate(self.matrices.sorts), index=self._sorts, columns=self._sorts, copy=False)

    @cached_property
    def unrotated_loadings(self) -> pd.DataFrame:
        return self._table(self.matrices.unrotated, self._sorts)

    @cached_property
    def loadings(self) -> pd.DataFrame:
        return self._table(self.matrices.loadings, self._sorts)

    @cached_property
    def flagged(self) -> pd.DataFrame:
        return self._table(self.matrices.flagged, self._sorts)

    @cached_property
    def zscores(self) -> pd.DataFrame:
        return self._table(self.matrices.zscores, self._statements)

    @cached_property
    def factor_arrays(self) -> pd.DataFrame:
        arrays = self.matrices.arrays
        missing = np.isnan(arrays)
        whole = np.where(missing, 0, arrays).astype(np.int64)
        columns = {f: pd.arrays.IntegerArray(whole[:, j], missing[:, j]) for j, f in enumerate(self._factors)}
        return pd.DataFrame(columns, index=self._statements, copy=False)

    @cached_property
    def characteristics(self) -> pd.DataFrame:
        return characteristics_table(self.matrices.characteristics, self._factors)

    @cached_property
    def sed(self) -> pd.DataFrame:
        se = self.matrices.characteristics[:, -1]
        return pd.DataFrame(standard_errors_of_differences(se), index=self._factors, columns=self._factors)

    @cached_property
    def distinguishing(self) -> pd.DataFrame:
        return comparison_table(self.matrices.comparison, self._statements)


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
        # R's qdc table: per pair of defined factors, each statement's z-score difference and its stars
        "distinguishing": {
            f"f{a + 1}_f{b + 1}": {
                "difference": dict(zip(result.statement_ids, m.comparison.differences[:, p].tolist(), strict=True)),
                "stars": dict(zip(result.statement_ids, m.comparison.stars[:, p].tolist(), strict=True)),
            }
            for p, (a, b) in enumerate(m.comparison.pairs)
        },
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
