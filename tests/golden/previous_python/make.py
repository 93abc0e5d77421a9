"""Write previous.json: the Q analysis of every golden case as the implementation before the SVD and
the package split computed it (commit 7413062, review/qanalysis.py), in full precision, so that
tests/test_qanalysis.py can show today's results equal it within 1e-10.

Run from a checkout of that commit: ``python tests/golden/previous_python/make.py OUT.json``.
"""

import json
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path.cwd()))
from review.qanalysis import analyze

GOLDEN = Path("tests/golden")
CASES = ("bipolar40", "group30", "group30_centroid", "workshop12")  # the cases that commit had
NFACTORS = {"bipolar40": 4, "group30": 3, "group30_centroid": 3, "workshop12": 2}


def numbers(frame: pd.DataFrame) -> list[list[float | None]]:
    return [[None if pd.isna(v) else float(v) for v in row] for row in frame.to_numpy(dtype=object)]


out = {}
for case in CASES:
    sorts = pd.read_csv(GOLDEN / case / "sorts.csv", index_col=0)
    for extraction in ("pca", "centroid"):
        for rotation in ("varimax", "none"):
            r = analyze(sorts, NFACTORS[case], extraction, rotation)
            pairs = [c for c in r.distinguishing.columns if not c.startswith("sig_") and c != "dist_and_cons"]
            out[f"{case} {extraction} {rotation}"] = {
                "eigenvalues": [float(v) for v in r.eigenvalues],
                "unrotated_loadings": numbers(r.unrotated_loadings),
                "loadings": numbers(r.loadings),
                "flagged": r.flagged.to_numpy().tolist(),
                "zscores": numbers(r.zscores),
                "factor_arrays": numbers(r.factor_arrays),
                "characteristics": numbers(r.characteristics),
                "differences": numbers(r.distinguishing[pairs]),
                "stars": r.distinguishing[["sig_" + p for p in pairs]].to_numpy().tolist(),
                "labels": list(r.distinguishing["dist_and_cons"]),
                "warnings": [w.key for w in r.warnings],
            }
Path(sys.argv[1]).write_text(json.dumps(out, indent=0) + "\n")
