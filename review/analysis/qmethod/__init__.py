"""By-person Q-methodology factor analysis, matching R ``qmethod`` 1.8.4 to about 1e-14.

One documented difference: where z-scores tie exactly across a grid column boundary, R's factor
array can break the grid's column counts and ours keeps them (:func:`factor_arrays`); the two agree
whenever tied statements fall in one column.

The analysis is split into the same public steps as R qmethod, so a researcher can
override the flags and rerun the later steps. One module per topic:

====================================  ==========================================  ===================
Python                                R qmethod 1.8.4                             module
====================================  ==========================================  ===================
:func:`correlate`                     ``cor(dataset)``                            ``extraction``
:func:`pca_of_sorts`                  ``psych::principal(cor, nfactors,           ``extraction``
                                      rotate="none")`` (from the sorts themselves)
:func:`extract_pca`                   the same, from the correlation matrix       ``extraction``
:func:`extract_centroid`              ``qmethod::centroid(cor, nfactors, spc)``   ``extraction``
:func:`varimax`                       ``stats::varimax(loadings)``                ``rotation``
:func:`orient_components`             the reorder and sign flip at the end of     ``extraction``
                                      ``psych::principal``
:func:`auto_flag`                     ``qflag(loa, nstat)``                       ``flagging``
:func:`factor_zscores`                ``qzscores(...)$zsc``                       ``scores``
:func:`factor_arrays`                 ``qzscores(...)$zsc_n``                     ``scores``
:func:`factor_characteristics`        ``qfcharact(...)$characteristics``          ``characteristics``
:func:`distinguishing_consensus`      ``qdc(dataset, nfactors, zsc, sed)``        ``distinguishing``
:func:`analyze`                       ``qmethod(dataset, nfactors, extraction,    ``pipeline``
                                      rotation)``
====================================  ==========================================  ===================

Input: :func:`validate_sorts` (``validation``) and :func:`read_sorts_csv` (``reading``); the
result: :class:`QAnalysis` and :func:`to_json` (``result``); errors and warnings: ``messages``
(their texts are in :mod:`review.i18n`).

References: Brown, S. R. (1980). *Political Subjectivity*, Yale University Press, pp. 208-247;
Zabala, A. (2014). qmethod: a package to explore human perspectives using Q methodology.
*The R Journal* 6(2), 163-173. Expected values in ``tests/golden`` came from R qmethod 1.8.4.
Full precision is kept throughout; rounding is for display only.
"""

from review.analysis.qmethod.characteristics import (
    AV_REL_COEF,
    CHARACTERISTICS_COLUMNS,
    factor_characteristics,
    factor_names,
    standard_errors_of_differences,
)
from review.analysis.qmethod.distinguishing import (
    LABEL_ALL,
    LABEL_CONSENSUS,
    LABEL_DISTINGUISHING,
    STARS,
    Z_000001,
    Z_001,
    Z_01,
    distinguishing_consensus,
)
from review.analysis.qmethod.extraction import (
    CENTROID_MAX_ITER,
    CENTROID_SPC,
    CORRELATIONS,
    EIGEN_FLOOR,
    all_eigenvalues,
    correlate,
    extract_centroid,
    extract_pca,
    orient_components,
    pca_of_sorts,
)
from review.analysis.qmethod.flagging import Z_05, auto_flag
from review.analysis.qmethod.messages import AnalysisWarning, QAnalysisError
from review.analysis.qmethod.pipeline import EXTRACTIONS, ROTATIONS, analyze
from review.analysis.qmethod.reading import read_sorts_csv
from review.analysis.qmethod.result import QAnalysis, to_json
from review.analysis.qmethod.rotation import VARIMAX_EPS, VARIMAX_MAX_ITER, varimax
from review.analysis.qmethod.scores import factor_arrays, factor_zscores
from review.analysis.qmethod.validation import validate_sorts

__all__ = [
    "AV_REL_COEF",
    "CENTROID_MAX_ITER",
    "CENTROID_SPC",
    "CHARACTERISTICS_COLUMNS",
    "CORRELATIONS",
    "EIGEN_FLOOR",
    "EXTRACTIONS",
    "LABEL_ALL",
    "LABEL_CONSENSUS",
    "LABEL_DISTINGUISHING",
    "ROTATIONS",
    "STARS",
    "VARIMAX_EPS",
    "VARIMAX_MAX_ITER",
    "Z_000001",
    "Z_001",
    "Z_01",
    "Z_05",
    "AnalysisWarning",
    "QAnalysis",
    "QAnalysisError",
    "all_eigenvalues",
    "analyze",
    "auto_flag",
    "correlate",
    "distinguishing_consensus",
    "extract_centroid",
    "extract_pca",
    "factor_arrays",
    "factor_characteristics",
    "factor_names",
    "factor_zscores",
    "orient_components",
    "pca_of_sorts",
    "read_sorts_csv",
    "standard_errors_of_differences",
    "to_json",
    "validate_sorts",
    "varimax",
]
