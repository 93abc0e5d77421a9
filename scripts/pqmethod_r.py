"""Do R qmethod's ``import.pqmethod`` and our import read our PQMethod export back, at 12, 1,000 and 5,000 Q-sorts?

Run: ``python scripts/pqmethod_r.py``. Seeded random sorts in the default grid are written by
:func:`review.studies.exports.pqmethod_dat` (what the research export writes), then read back by
R (where ``Rscript`` and the qmethod package are installed: ``../shared/vendor/README.md``) and by
:func:`review.studies.imports.read_pqmethod`; every value of every Q-sort is compared. From 1,000
Q-sorts R warns that columns 4-6 of the header do not hold the count (they cannot: see
``pqmethod_dat``) and reads the file whole. R is not a test dependency, so this is a script, as
``crib_lipset.py`` is; ``tests/studies/test_exports.py`` holds our own read-back at every size.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review.content.grid import load_grid
from review.studies.exports import pqmethod_dat
from review.studies.imports import read_pqmethod

SIZES = (12, 1_000, 5_000)
R_LIBRARY = Path.home() / "R-qmethod"
R_READ = """
suppressMessages(library(qmethod, lib.loc = c("{lib}", .libPaths())))
args <- commandArgs(trailingOnly = TRUE)
d <- withCallingHandlers(
  suppressMessages(capture.output(x <- import.pqmethod(args[1]))),
  warning = function(w) {{
    cat("R warns:", conditionMessage(w), "\\n", file = stderr())
    invokeRestart("muffleWarning")
  }}
)
write.csv(x, args[2])
"""


def sorts_frame(n: int, seed: int = 1) -> pd.DataFrame:
    grid = load_grid()
    slots = np.array(grid.slots)
    rng = np.random.default_rng(seed)
    return pd.DataFrame({f"p{k:04d}": rng.permutation(slots) for k in range(1, n + 1)}, index=range(1, 51))


def main() -> int:
    grid = load_grid()
    rscript = shutil.which("Rscript")
    if rscript is None:
        print("R is not installed here (no Rscript on PATH): our own import only")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "read.R"
        script.write_text(R_READ.format(lib=R_LIBRARY))
        for n in SIZES:
            frame = sorts_frame(n)
            dat = Path(tmp) / f"study{n}.dat"
            dat.write_text(pqmethod_dat(frame, grid.values, grid.counts, f"n{n}", f"{n} random sorts"))
            ours = read_pqmethod(dat.read_text())
            back = pd.DataFrame(
                {s["participant"]: [s["placements"][i] for i in range(1, 51)] for s in ours.sorts}, index=range(1, 51)
            )
            ours_ok = back.equals(frame.astype(int))
            line = f"{n:>5} Q-sorts: ours {'reads every value back' if ours_ok else 'DIFFERS'}"
            failed += not ours_ok
            if rscript:
                out = Path(tmp) / f"study{n}.csv"
                run = subprocess.run([rscript, str(script), str(dat), str(out)], capture_output=True, text=True)
                if run.returncode != 0:
                    line += f"; R fails: {run.stderr.strip().splitlines()[-1]}"
                    failed += 1
                else:
                    r = pd.read_csv(out, index_col=0)
                    r_ok = r.shape == frame.shape and (r.to_numpy() == frame.to_numpy()).all()
                    r_ok = r_ok and list(r.columns) == list(frame.columns)
                    failed += not r_ok
                    warned = " (with its warning on the header's count)" if "R warns" in run.stderr else ""
                    line += f"; R {'reads every value back' if r_ok else 'DIFFERS'}{warned}"
            print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
