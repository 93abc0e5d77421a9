"""Rotation: Kaiser-normalised varimax, iterated exactly as R's ``stats::varimax``."""

from __future__ import annotations

import numpy as np

VARIMAX_EPS = 1e-5  # stats::varimax's default convergence tolerance
VARIMAX_MAX_ITER = 1000  # stats::varimax's fixed iteration cap

try:  # numpy's LAPACK SVD without np.linalg.svd's checks, which cost twice the SVD of a 3 x 3 matrix
    from numpy.linalg._umath_linalg import svd_f as _small_svd
except ImportError:  # pragma: no cover - another numpy: the public function, same numbers
    _small_svd = np.linalg.svd


def varimax(loadings: np.ndarray, normalize: bool = True, eps: float = VARIMAX_EPS) -> np.ndarray:
    """Kaiser-normalised varimax rotation, iterated exactly as R's ``stats::varimax``.

    With rows scaled to unit length (Kaiser), repeat: z = x T; B = x' (z^3 - z diag(colSums(z^2)) / p);
    T = U V' from the SVD B = U D V'; stop when sum(D) < previous sum(D) * (1 + eps) or after 1000
    iterations; rescale the rows. With one factor the loadings are returned unchanged.
    No reordering or sign flip here: ``psych::principal`` does that afterwards
    (:func:`review.analysis.qmethod.extraction.orient_components`), ``qmethod``'s centroid path does not.
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
    xt = x.T.copy()
    for _ in range(VARIMAX_MAX_ITER):
        z = x @ rot
        z2 = z * z
        b = xt @ (z2 * z - z * (z2.sum(axis=0) / p))
        u, s, vt = _small_svd(b)
        rot = u @ vt
        d_past, d = d, s.sum()
        if np.isnan(d):  # LAPACK did not converge: the public function raises LinAlgError for it
            np.linalg.svd(b)
        if d < d_past * (1 + eps):
            break
    return (x @ rot) * scale[:, None]
