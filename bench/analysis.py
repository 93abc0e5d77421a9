"""Benchmark: the whole Q analysis for 12, 60 and 500 sorts of 50 statements, side by side with R.

Run: ``python bench/analysis.py``. Sorts are seeded demo sorts (two camps); PCA, varimax, 3 factors.
Where ``Rscript`` with the qmethod package is installed (in R's own library, ``$R_LIBS_USER`` or
``~/R-qmethod``, where ``../shared/vendor/README.md`` installs it), R's ``qmethod()`` runs on the
same data in the same run; otherwise the benchmark says which of the two is missing and times
the Python side alone.

Both sides run on one core: Debian's R uses the reference BLAS, which has no threads, so the
Python side is given one OpenBLAS thread too (``OPENBLAS_NUM_THREADS``, set before numpy loads;
``--blas-threads N`` changes it). ``python ms`` times :func:`review.analysis.qmethod.analyze`, which
computes every number of the result; ``+ tables ms`` adds building all its pandas tables and its
JSON, as a page or the CLI that shows everything would. Then the evidence for the number of
viewpoints (:func:`review.analysis.number.number_evidence`), which R qmethod does not compute.
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__":  # before numpy is imported: its BLAS reads this once
    _threads = sys.argv[sys.argv.index("--blas-threads") + 1] if "--blas-threads" in sys.argv else "1"
    os.environ["OPENBLAS_NUM_THREADS"] = _threads

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from bench.live_session import median_ms
from review.analysis.number import RANDOM_SETS, number_evidence
from review.analysis.qmethod import analyze, to_json
from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.room.demo import demo_sorts

SIZES = (12, 60, 500)
FACTORS = 3
REPEATS = {12: 30, 60: 30, 500: 7}  # R's runs: each size takes R 1-15 s
# Python's runs: more, so that its median spans about a second too, not a moment of a busy machine
PY_REPEATS = {12: 400, 60: 300, 500: 100}
EVIDENCE_REPEATS = {12: 15, 60: 15, 500: 5}  # the number-of-viewpoints evidence takes 0.1-1 s
R_LIBRARY = Path.home() / "R-qmethod"  # where ../shared/vendor/README.md installs qmethod
TABLES = ("correlations", "unrotated_loadings", "loadings", "flagged", "zscores", "factor_arrays")
TABLES += ("characteristics", "sed", "distinguishing")
R_VERSION = 'cat(R.version$major, ".", R.version$minor, " ", format(packageVersion("qmethod")), sep = "")'
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


def r_environment() -> dict[str, str]:
    env = dict(os.environ)
    if "R_LIBS_USER" not in env and R_LIBRARY.is_dir():
        env["R_LIBS_USER"] = str(R_LIBRARY)
    return env


def r_status() -> tuple[bool, str]:
    """(whether R's qmethod can run here, what to print about it)."""
    if not shutil.which("Rscript"):
        return False, "R is not installed here (no Rscript on PATH): the Python side only."
    out = subprocess.run(
        ["Rscript", "-e", f"suppressMessages(library(qmethod)); {R_VERSION}"],
        capture_output=True,
        text=True,
        env=r_environment(),
    )
    if out.returncode != 0:
        return False, "R is installed but the qmethod package is not (see ../shared/vendor/README.md): Python only."
    r_version, qmethod_version = out.stdout.split()
    return True, f"R {r_version}, qmethod {qmethod_version} (Rscript {shutil.which('Rscript')})"


def r_median_ms(data: pd.DataFrame, repeats: int) -> float | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sorts.csv"
        data.to_csv(path)
        script = Path(tmp) / "bench.R"
        script.write_text(R_SCRIPT)
        out = subprocess.run(
            ["Rscript", str(script), str(path), str(repeats)], capture_output=True, text=True, env=r_environment()
        )
        return float(out.stdout) if out.returncode == 0 and out.stdout.strip() else None


def python_median_ms(data: pd.DataFrame, repeats: int, tables: bool) -> float:
    def run() -> None:
        result = analyze(data, FACTORS)
        if tables:
            for name in TABLES:
                getattr(result, name)
            to_json(result)

    return median_ms(run, repeats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blas-threads", default="1", help="OpenBLAS threads for the Python side (default 1, as R)")
    parser.parse_args()
    has_r, about_r = r_status()
    rows = []
    for n in SIZES:
        data = frame(n)
        ours = python_median_ms(data, PY_REPEATS[n], tables=False)
        with_tables = python_median_ms(data, PY_REPEATS[n], tables=True)
        rows.append((n, ours, with_tables, r_median_ms(data, REPEATS[n]) if has_r else None))
    print(about_r)
    print(f"Python {sys.version.split()[0]}, OpenBLAS threads {os.environ.get('OPENBLAS_NUM_THREADS', 'default')}")
    head = f"{'sorts x 50 statements':<24}{'python ms':>10}{'+ tables ms':>13}{'R qmethod ms':>14}"
    print(head + f"{'R / python':>12}{'R / (+ tables)':>16}")
    for n, ours, with_tables, theirs in rows:
        r = (
            f"{theirs:>14.1f}{theirs / ours:>12.1f}{theirs / with_tables:>16.1f}"
            if theirs
            else f"{'-':>14}{'-':>12}{'-':>16}"
        )
        print(f"{n:<24}{ours:>10.2f}{with_tables:>13.2f}{r}")
    grid = load_grid()
    slots = np.array(grid.slots)
    print(
        f"\nthe evidence for the number of viewpoints (review/analysis/number.py): parallel analysis on "
        f"{RANDOM_SETS} random sort sets and the solutions of 1..7 factors; R qmethod has none to compare"
    )
    print(f"{'sorts x 50 statements':<24}{'evidence ms':>12}{'/ one analysis':>16}")
    evidence = []
    for n, ours, _, _ in rows:
        data = frame(n)
        ms = median_ms(lambda d=data: number_evidence(d, slots, seed=1), EVIDENCE_REPEATS[n])
        evidence.append((n, ms))
        print(f"{n:<24}{ms:>12.1f}{ms / ours:>16.1f}")
    line = " ".join(f"analysis_{n}_ms={ours:.2f}" for n, ours, _, _ in rows)
    line += " " + " ".join(f"evidence_{n}_ms={ms:.1f}" for n, ms in evidence)
    if has_r:
        line += " " + " ".join(f"r_{n}_ms={theirs:.1f}" for n, _, _, theirs in rows if theirs is not None)
    print(line)


if __name__ == "__main__":
    main()
