"""Reading Q-sorts for the analysis from a CSV file in R qmethod's layout."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from review.analysis.qmethod.messages import QAnalysisError
from review.analysis.qmethod.validation import validate_sorts
from review.studies.import_tables import qmethod_csv_rows


def read_sorts_csv(path: str | Path) -> pd.DataFrame:
    """Read Q-sorts in R qmethod's CSV layout: a header row of sort ids (its first cell names the
    statement-id column, often empty), then one line per statement: its id, then its grid position
    in every sort. Returns integers (statements x sorts) after :func:`validate_sorts`; errors name
    the line and column. The file is read as the import reads it
    (:func:`review.studies.import_tables.qmethod_csv_rows`: UTF-8, commas or semicolons), without the
    import's limit on the number of statements.
    In R: ``read.csv(path, row.names = 1)``, as written by ``write.csv(sorts)``.
    """
    rows = [(line, [cell.strip() for cell in row]) for line, row in qmethod_csv_rows(Path(path).read_bytes(), None)]
    if len(rows) < 2 or len(rows[0][1]) < 2:
        raise QAnalysisError("qanalysis.empty")
    header_line, header = rows[0]
    for line, row in rows[1:]:
        if len(row) != len(header):
            raise QAnalysisError("qanalysis.row_length", line=line, actual=len(row), expected=len(header))
    ids = [row[0] for _, row in rows[1:]]
    cells = np.array([row[1:] for _, row in rows[1:]], dtype=object)
    table = pd.DataFrame(cells, index=ids, columns=header[1:])
    values = validate_sorts(table, lines=[line for line, _ in rows[1:]], header_line=header_line)
    return pd.DataFrame(values, index=pd.Index(ids, name=header[0] or None), columns=header[1:])
