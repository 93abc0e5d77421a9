"""Cross-check the crib sheets on the classic lipset study (Brown 1980; 33 statements, 9 sorts).

The study and R qmethod's results on it live outside the project (``../shared/reference/lipset``,
not to be copied in). This runs the product's analysis on its sorts, makes the crib sheets, and
compares every list with the lists Ken-Q Analysis's rules give on R's own z-scores and factor
arrays (:func:`kenq_lists`, the rules as Ken-Q's source applies them). Prints the four lists per
factor and exits 1 on any difference::

    python scripts/crib_lipset.py [folder]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

LISTS = ("highest", "higher", "lower", "lowest")
FOLDER = Path(__file__).resolve().parents[2] / "shared" / "reference" / "lipset"


def kenq_lists(z: pd.DataFrame, arrays: pd.DataFrame, j: str) -> dict[str, list[int]]:
    """Ken-Q's crib-sheet loops (pushCribSheetsToOutput and the getCribSheets* helpers), written out
    as its source reads: shift the highest (as many as the bottom column holds), pop the lowest (as
    many as the top column holds), then scan the rest in z order for sort values >= 0 equal to the
    statement's highest value across the factors, and <= 0 equal to its lowest."""
    info = list(z[j].sort_values(ascending=False, kind="stable").index)
    values = arrays[j]
    n_max, n_min = int((values == values.max()).sum()), int((values == values.min()).sum())
    highest = [info.pop(0) for _ in range(n_min)]
    lowest: list[object] = []
    for _ in range(n_max):
        lowest.insert(0, info.pop())
    higher = [s for s in info if values[s] > -1 and values[s] == max(arrays.loc[s])]
    lower = [s for s in info if values[s] < 1 and values[s] == min(arrays.loc[s])]
    number = lambda s: int(str(s).lstrip("sta_"))  # noqa: E731  R names them "sta_1" or "s1"
    return {name: [number(s) for s in got] for name, got in zip(LISTS, (highest, higher, lower, lowest), strict=True)}


def main(folder: Path) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from review.analysis.crib import crib_sheets
    from review.analysis.qmethod import analyze

    def table(name: str, prefix: str = "") -> pd.DataFrame:
        return pd.read_csv(folder / f"{name}.csv", index_col=0).rename(columns=lambda c: c.removeprefix(prefix))

    z, arrays = table("zscores", "zsc_"), table("factor_arrays", "fsc_")
    sorts = table("sorts")
    sorts.index = [int(s.removeprefix("sta_")) for s in sorts.index]
    ours = crib_sheets(analyze(sorts, z.shape[1], "pca", "varimax"))
    differ = 0
    for factor in z.columns:
        expected = kenq_lists(z, arrays, factor)
        for name in LISTS:
            got = [i.statement_id for i in getattr(ours[factor], name)]
            same = got == expected[name]
            differ += not same
            print(
                f"{factor} {name:8} {'same' if same else 'DIFFERS'}  ours {got}"
                + ("" if same else f"  Ken-Q {expected[name]}")
            )
    print("every list equals Ken-Q's rules on R's numbers" if not differ else f"{differ} list(s) differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER))
