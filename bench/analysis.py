"""Benchmark: the whole Q analysis for 12, 60 and 500 sorts of 50 statements.

Run: ``python bench/analysis.py``. Sorts are seeded demo sorts (two camps).
Where ``Rscript`` with the qmethod package is installed, R's ``qmethod()`` runs
on the same data in the same run, side by side; otherwise the benchmark says so.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review.demo import demo_sorts
from review.grid import load_grid
from review.qanalysis import analyze
from review.statements import load_statement_set

SIZES = (12, 60, 500)
FACTORS = 3
REPEATS = {12: 30, 60: 30, 500: 7}
R_SCRIPT = """
suppressMessages(library(qmethod))
d <- read.csv(commandArgs(TRUE)[1], row.names = 1)
run <- function() qmethod(d, nfactors = 3, extraction = "PCA", rotation = "varimax", silent = TRUE)
t <- replicate(as.integer(commandArgs(TRUE)[2]), system.time(run())[["elapsed"]])
cat(median(t) * 1000)
"""


def frame(n: int) -> pd.DataFrame:
    statement_set, grid = load_statement_set(), load_grid()
    sorts = demo_sorts(statement_set, grid, n, seed=n)
    return pd.DataFrame({f"p{k:03d}": s for k, s in enumerate(sorts, start=1)}).loc[statement_set.ids]


def r_median_ms(data: pd.DataFrame, repeats: int) -> float | None:
    if not shutil.which("Rscript"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sorts.csv"
        data.to_csv(path)
        script = Path(tmp) / "bench.R"
        script.write_text(R_SCRIPT)
        out = subprocess.run(["Rscript", str(script), str(path), str(repeats)], capture_output=True, text=True)
        return float(out.stdout) if out.returncode == 0 and out.stdout.strip() else None


def main() -> None:
    rows = []
    for n in SIZES:
        data = frame(n)
        analyze(data, FACTORS)  # warm-up
        times = []
        for _ in range(REPEATS[n]):
            start = time.perf_counter()
            analyze(data, FACTORS)
            times.append((time.perf_counter() - start) * 1000)
        rows.append((n, statistics.median(times), r_median_ms(data, REPEATS[n])))
    print(f"{'sorts x 50 statements':<24}{'python ms':>10}{'R qmethod ms':>14}{'R / python':>12}")
    for n, ours, theirs in rows:
        r = f"{theirs:>14.1f}{theirs / ours:>12.1f}" if theirs is not None else f"{'-':>14}{'-':>12}"
        print(f"{n:<24}{ours:>10.1f}{r}")
    if all(theirs is None for _, _, theirs in rows):
        print("R with the qmethod package is not installed here, so there is no side-by-side R timing.")
    print(" ".join(f"analysis_{n}_ms={ours:.1f}" for n, ours, _ in rows))


if __name__ == "__main__":
    main()
