"""The wide layouts: PQMethod's ``.dat``/``.sta`` files and R qmethod's table (statements as
rows, one column of positions per Q-sort) as CSV or XLSX. Each file holds one round of observed
sorts with no roles or comments; the grid is the one the sorts imply."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter

import numpy as np

from review.content.grid import Grid, grid_break
from review.content.statements import NO_THEME, Statement, StatementSet
from review.content.text import NAME_LIMIT, STATEMENT_LIMIT, one_line
from review.studies.exports import PQM_NAME_WIDTH
from review.studies.import_study import (
    GRID_SPAN,
    MAX_FILE_BYTES,
    MAX_SORTS,
    MAX_STATEMENTS,
    MAX_XLSX_UNPACKED,
    PARTICIPANT_LIMIT,
    TABLE_ROWS,
    ImportedStudy,
    StudyImportError,
    bad,
    too_big,
    too_many_rows,
    unpacks_too_big,
)
from review.studies.import_text import clean_title, decode, shown

_WHOLE = re.compile(r"[+-]?[0-9]{1,3}")
_COUNT = re.compile(r"[0-9]{1,6}")  # a .dat header's count of Q-sorts


def _plain_set(name: str, texts: list[str]) -> StatementSet:
    return StatementSet(
        id=name[:NAME_LIMIT],
        name={"nl": name, "en": name},
        statements=tuple(
            Statement(id=i, theme=NO_THEME, text={"nl": text, "en": text}) for i, text in enumerate(texts, start=1)
        ),
    )


def _statement_text(value: str, where: str) -> str:
    text = one_line(value)
    if not text:
        raise bad(where, "the statement is empty")
    if len(text) > STATEMENT_LIMIT:
        raise bad(where, f"the statement is {len(text)} characters; at most {STATEMENT_LIMIT}")
    return text


def _grid_of(values: list[int], where: str) -> Grid:
    """The grid a sort implies: the distinct values and how many cards each holds."""
    counts = Counter(values)
    low, high = min(counts), max(counts)
    if sorted(counts) != list(range(low, high + 1)):
        raise bad(where, "the sorts leave a column of the grid empty")
    return Grid(
        id="imported",
        name={"nl": "geïmporteerd", "en": "imported"},
        values=tuple(range(low, high + 1)),
        counts=tuple(counts[v] for v in range(low, high + 1)),
    )


def _study_from_wide(
    title: str, texts: list[str], names: list[str], columns: list[list[int]], what: str
) -> ImportedStudy:
    """A study from R qmethod's layout: statements as rows, one column of positions per Q-sort."""
    broken = grid_break(np.array(columns).T)
    if broken is not None:
        raise bad(f"{what}, Q-sort {names[broken.sort]}", "does not fit the grid the other sorts use")
    grid = _grid_of(columns[0], f"{what}, Q-sort {names[0]}")
    sorts = [
        {
            "participant": name,
            "round": 1,
            "condition": "observed",
            "subgroup": None,
            "submitted_at": None,
            "placements": {i: v for i, v in enumerate(column, start=1)},
        }
        for name, column in zip(names, columns, strict=True)
    ]
    return ImportedStudy(title, _plain_set(title, texts), grid, ("observed",), (), False, sorts, [])


def read_pqmethod(dat: bytes | str, sta: bytes | str | None = None, title: str | None = None) -> ImportedStudy:
    """Read a ``.dat`` file (and its ``.sta`` statements) as R qmethod's ``import.pqmethod`` does,
    but strictly: every line must have the width the header implies, every value must be a
    number, every sort must fit the distribution, and the sort count must match the header."""
    lines = decode(dat, ".dat", legacy=True).replace("\r\n", "\n").rstrip("\n").split("\n")
    if len(lines) < 3:
        raise bad("line 1", "a .dat file has a header line, a distribution line and one line per Q-sort")
    head = lines[0]
    # R writes "  0" and the count in columns 4-6; from 1,000 Q-sorts our export writes it in 1-6
    wide = head[:6].strip()
    count = wide if _COUNT.fullmatch(wide) and len(wide) > 3 else head[3:6].strip()
    if not (_COUNT.fullmatch(count) and _WHOLE.fullmatch(head[6:9].strip())):
        raise bad("line 1", "columns 4-9 must hold the number of Q-sorts and of statements")
    n_sorts, n_stat = int(count), int(head[6:9].strip())
    if not 1 <= n_stat <= MAX_STATEMENTS or n_sorts < 1:
        raise bad("line 1", f"announces {n_sorts} Q-sorts of {n_stat} statements; 1..{MAX_STATEMENTS} statements")
    names: list[str] = []
    columns: list[list[int]] = []
    for number, line in enumerate(lines[2:], start=3):
        if not line.strip():
            continue
        if len(line) != PQM_NAME_WIDTH + 2 * n_stat:
            raise bad(f"line {number}", f"is {len(line)} characters; {PQM_NAME_WIDTH} + 2 x {n_stat} expected")
        name = one_line(line[:PQM_NAME_WIDTH]) or f"q{number - 2}"
        if name in names:
            raise bad(f"line {number}", f"Q-sort {name} appears twice")
        cells = [line[PQM_NAME_WIDTH + 2 * k : PQM_NAME_WIDTH + 2 * k + 2].strip() for k in range(n_stat)]
        if not all(_WHOLE.fullmatch(c) for c in cells):
            raise bad(f"line {number}", "holds something that is not a whole number")
        values = [int(c) for c in cells]
        if any(abs(v) > GRID_SPAN for v in values):
            raise bad(f"line {number}", f"holds a position outside -{GRID_SPAN}..+{GRID_SPAN}")
        names.append(name)
        columns.append(values)
        if len(columns) > n_sorts:
            break  # the count is wrong whatever follows: no need to read it
    if len(columns) != n_sorts:
        raise bad("line 1", f"announces {n_sorts} Q-sorts but the file holds {len(columns)}")
    if sta is None:
        texts = [f"Statement {i}" for i in range(1, n_stat + 1)]
    else:
        sta_lines = decode(sta, ".sta", legacy=True).replace("\r\n", "\n").split("\n")
        numbered = [(n, line) for n, line in enumerate(sta_lines, start=1) if one_line(line)]
        if len(numbered) != n_stat:
            raise bad("the .sta file", f"holds {len(numbered)} statements; the .dat file has {n_stat}")
        texts = [_statement_text(line, f"the .sta file, line {n}") for n, line in numbered]
    name = clean_title(title, "") or clean_title(head[10:], "PQMethod")
    return _study_from_wide(name, texts, names, columns, "the .dat file")


def _position(value: object, where: str) -> int:
    """A position from a CSV or XLSX cell: a whole number written as text, or a number."""
    if isinstance(value, bool):
        raise bad(where, f"{value!r} is not a whole number")
    if isinstance(value, float) and value.is_integer() and abs(value) <= GRID_SPAN:
        value = int(value)
    if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        value = int(value.strip())
    if not isinstance(value, int):
        if value is None or (isinstance(value, str) and not value.strip()):
            raise bad(where, "is empty")
        raise bad(where, f"{shown(value)} is not a whole number")
    if abs(value) > GRID_SPAN:
        raise bad(where, f"{shown(value)} is outside -{GRID_SPAN}..+{GRID_SPAN}")
    return value


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _from_table(rows: list[tuple[int, list[object]]], unit: str, kind: str, title: str) -> ImportedStudy:
    """R qmethod's layout from rows of cells (numbered as the user sees them) of a ``kind`` file
    ("CSV", "Excel"): the first row names the Q-sorts, the first column holds the statement id or
    text, the rest positions."""
    what = f"the {kind} file"
    if not rows:
        raise bad(what, "is empty")
    header = [_cell_text(c) for c in rows[0][1]]
    while header and not header[-1].strip():
        header.pop()  # trailing empty header cells: spreadsheet padding, not Q-sorts
    names = [one_line(h) for h in header[1:]]
    if not names:
        raise bad(what, "has no Q-sort columns")
    if len(names) > MAX_SORTS:
        raise bad(what, f"has {len(names)} Q-sort columns; at most {MAX_SORTS}")
    if len(set(names)) != len(names) or not all(names):
        raise bad(f"the header ({unit} {rows[0][0]})", "every Q-sort column needs its own name")
    if any(len(n) > PARTICIPANT_LIMIT for n in names):
        raise bad(f"the header ({unit} {rows[0][0]})", f"a Q-sort name is longer than {PARTICIPANT_LIMIT} characters")
    body = rows[1:]
    if not body:
        raise bad(what, "has no statements")
    if len(body) > MAX_STATEMENTS:
        raise too_many_rows(kind, MAX_STATEMENTS + 1)
    texts: list[str] = []
    columns: list[list[int]] = [[] for _ in names]
    for number, row in body:
        cells = list(row) + [None] * (len(header) - len(row))
        if any(_cell_text(c).strip() for c in cells[len(header) :]):
            raise bad(f"{unit} {number}", f"has more cells than the header's {len(header)}")
        text = _statement_text(_cell_text(cells[0]), f"{unit} {number}")
        if text in texts:
            raise bad(what, f"statement id {text} appears twice")
        texts.append(text)
        for k, name in enumerate(names):
            columns[k].append(_position(cells[k + 1], f"{unit} {number}, column {name}"))
    return _study_from_wide(title, texts, names, columns, what)


def qmethod_csv_rows(data: bytes | str, max_statements: int | None = MAX_STATEMENTS) -> list[tuple[int, list[str]]]:
    """The non-blank rows of a CSV file in R qmethod's layout, each with its line number (as an
    editor counts them): the header of Q-sort names, then one row per statement. Commas or (as
    Dutch Excel writes) semicolons separate the cells. The one reader of that layout's CSV files:
    the import (:func:`read_qmethod_csv`) and the analysis (:func:`review.analysis.qmethod.read_sorts_csv`,
    a local file: ``max_statements`` None reads every row).

    Rows are counted while they are read: more than ``max_statements`` and a header, or more than
    :data:`TABLE_ROWS` rows with the empty ones, and the rest is never read."""
    text = decode(data, "CSV")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for read, row in enumerate(reader, start=1):
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
            if max_statements is not None and (len(rows) > max_statements + 1 or read > TABLE_ROWS):
                raise too_many_rows("CSV", max_statements + 1 if read <= TABLE_ROWS else TABLE_ROWS)
    except csv.Error as exc:
        raise bad(f"line {reader.line_num}", f"cannot be read as CSV ({exc})") from None
    return rows


def read_qmethod_csv(data: bytes | str, title: str = "CSV import") -> ImportedStudy:
    """R qmethod's layout: first column the statement id or text, then one column per Q-sort
    (:func:`qmethod_csv_rows`)."""
    rows: list[tuple[int, list[object]]] = [(line, list(row)) for line, row in qmethod_csv_rows(data)]
    return _from_table(rows, "line", "CSV", clean_title(title, "CSV import"))


def read_qmethod_xlsx(data: bytes, title: str = "Excel import") -> ImportedStudy:
    """R qmethod's layout on the workbook's first sheet, as :func:`read_qmethod_csv` reads it
    (our own XLSX export's first sheet reads back this way).

    Before openpyxl parses anything the file's size and what its parts unpack to (as the zip
    declares it; :mod:`zipfile` stops a part at its declared size) are checked; then at most
    :data:`TABLE_ROWS` rows are read, and at most the statements and a header with something in."""
    what = "the Excel file"
    if not isinstance(data, bytes | bytearray):
        raise bad(what, f"is not a file ({shown(data)})")
    if len(data) > MAX_FILE_BYTES:
        raise too_big("Excel")
    if not bytes(data[:4]) == b"PK\x03\x04":
        raise bad(what, "is not an .xlsx workbook (an old .xls, or another file renamed?); save it as .xlsx")
    rows: list[tuple[int, list[object]]] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise unpacks_too_big()
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            cells = sheet.iter_rows(max_row=TABLE_ROWS + 1, max_col=MAX_SORTS + 2, values_only=True)
            for number, row in enumerate(cells, start=1):
                if any(_cell_text(c).strip() for c in row):
                    rows.append((number, list(row)))
                if len(rows) > MAX_STATEMENTS + 1 or number > TABLE_ROWS:
                    raise too_many_rows("Excel", MAX_STATEMENTS + 1 if number <= TABLE_ROWS else TABLE_ROWS)
        finally:
            book.close()
    except StudyImportError:
        raise
    except Exception as exc:  # zip, XML and openpyxl layers raise many kinds for a broken file
        raise bad(what, f"cannot be read as .xlsx ({type(exc).__name__}); save it again as .xlsx") from None
    return _from_table(rows, "row", "Excel", clean_title(title, "Excel import"))
