"""A statement set in files: the rows of an uploaded CSV or XLSX, read within limits, and a set
written out as CSV or XLSX for a spreadsheet (formula-looking texts neutralised)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping

from review.content.grid import proposed_grid
from review.content.sets import (
    FIELDS,
    MAX_STATEMENTS,
    MIN_STATEMENTS,
    SetProblems,
    build_set,
    cell_line,
    cell_text,
    slug,
)
from review.content.statements import StatementSet
from review.content.text import CONTROL, FORMULA_STARTS, MB, neutralise
from review.errors import ReviewError

# What an uploaded set may cost before it is read (a 5 MB CSV of a million rows once took the app to
# 4.1 GB; a 120 kB .xlsx unpacking to 49 MB about 4 GB): a set of 80 statements is a few kB as CSV
# and about 100 kB unpacked as .xlsx, so these leave ten times room and refuse the rest unparsed.
MAX_UPLOAD_BYTES = 1 * MB


MAX_XLSX_UNPACKED = 2 * MB
MAX_FILE_ROWS = 200  # rows read at most, empty ones included: a heading, 80 statements and room to spare


# Column headings an import understands (lower case): ours, the editor's and the obvious Dutch ones.
HEADINGS = {
    "id": "id",
    "nr": "id",
    "nummer": "id",
    "nl": "nl",
    "nederlands": "nl",
    "dutch": "nl",
    "en": "en",
    "english": "en",
    "engels": "en",
    "theme": "theme",
    "thema": "theme",
}


XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx file is a zip archive
XLSX_COLUMNS = 16  # id, nl, en, theme, and room for a few columns the reader ignores


def read_rows(data: bytes, filename: str) -> list[dict[str, str]]:
    """The rows ``{id, nl, en, theme}`` of an uploaded CSV or XLSX file, in file order.

    Refused, before anything is parsed, when it is over :data:`MAX_UPLOAD_BYTES` (an .xlsx: when it
    unpacks to more than :data:`MAX_XLSX_UNPACKED`) or not a ``.csv``/``.xlsx``, and while it is read
    at row :data:`MAX_FILE_ROWS` + 1. A CSV that is not UTF-8 (a BOM is fine; Excel's ``;`` works as
    well as ``,``), an XLSX that is not a workbook, or a file without the id, nl, en and theme
    columns is refused with a message. A text exported by us with a leading ``'`` before a formula
    start gets that quote back off.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ReviewError("library.too_big", most=MAX_UPLOAD_BYTES // MB)
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext == "csv":
        table = _csv_table(data, filename)
    elif ext == "xlsx" and data.startswith(XLSX_MAGIC):
        table = _xlsx_table(data, filename)
    else:
        raise ReviewError("library.not_table", name=filename)
    if not table:
        raise ReviewError("library.missing_columns", missing=", ".join(FIELDS))
    columns = {HEADINGS.get(cell_line(h).lower()): i for i, h in reversed(list(enumerate(table[0])))}
    missing = [f for f in FIELDS if f not in columns]
    if missing:
        raise ReviewError("library.missing_columns", missing=", ".join(missing))

    def field(line: list, f: str) -> str:
        return _unneutral(cell_text(line[columns[f]]) if columns[f] < len(line) else "")

    return [{f: field(line, f) for f in FIELDS} for line in table[1:]]


def import_rows(data: bytes, filename: str, themes: Mapping[str, Mapping[str, str]]) -> list[dict[str, str]]:
    """The rows of an uploaded file (:func:`read_rows`), each checked as :func:`build_set` checks
    it against ``themes``; the grid aside, since the editor proposes one for the new count.
    Raises :class:`SetProblems` (rows numbered as the spreadsheet numbers them) or the file's error."""
    rows = read_rows(data, filename)
    n = sum(1 for r in rows if any(cell_line(r.get(f)) for f in FIELDS))
    grid = proposed_grid(min(max(n, MIN_STATEMENTS), MAX_STATEMENTS))
    try:
        build_set("import", {"nl": filename}, rows, themes, grid, first_row=2)
    except SetProblems as exc:
        kept = [p for p in exc.problems if p.key != "library.grid_mismatch"]
        if kept:
            raise SetProblems(kept) from None
    return rows


def _unneutral(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def _csv_table(data: bytes, name: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReviewError("library.not_utf8") from None
    if CONTROL.search(text.replace("\t", "")):
        raise ReviewError("library.not_utf8")  # NUL bytes and the like: UTF-16 or a binary file
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    rows: list[list[str]] = []
    try:
        for number, line in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            if number > MAX_FILE_ROWS:
                raise _too_many_rows()
            if any(c.strip() for c in line):
                rows.append(line)
        return rows
    except csv.Error:  # a field past the csv module's limit, a broken quote at the end
        raise ReviewError("library.not_table", name=name) from None


def _too_many_rows() -> ReviewError:
    return ReviewError("library.too_many_rows", most=MAX_FILE_ROWS, statements=MAX_STATEMENTS)


def _xlsx_table(data: bytes, name: str) -> list[list[object]]:
    """The first sheet's non-empty rows; anything the zip, XML or openpyxl layers cannot read is
    "not a table"."""
    from openpyxl import load_workbook  # loaded on an import only: it takes a moment

    rows: list[list[object]] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise ReviewError("library.unpacked_too_big", most=MAX_XLSX_UNPACKED // MB)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            cells = book.worksheets[0].iter_rows(max_row=MAX_FILE_ROWS + 1, max_col=XLSX_COLUMNS, values_only=True)
            for number, row in enumerate(cells, start=1):
                if number > MAX_FILE_ROWS:
                    raise _too_many_rows()
                if any(cell_text(c).strip() for c in row):
                    rows.append(list(row))
        finally:
            book.close()
    except ReviewError:
        raise
    except Exception:  # zip, XML and openpyxl raise many kinds for a broken file
        raise ReviewError("library.not_table", name=name) from None
    return rows


def _export_rows(statement_set: StatementSet) -> list[list[object]]:
    return [list(FIELDS)] + [
        [s.id, neutralise(s.text.get("nl", "")), neutralise(s.text.get("en", "")), s.theme]
        for s in statement_set.statements
    ]


def export_csv(statement_set: StatementSet) -> bytes:
    """The set as CSV (UTF-8 with a BOM so Excel reads it right); formula-looking texts neutralised."""
    out = io.StringIO(newline="")
    csv.writer(out).writerows(_export_rows(statement_set))
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(statement_set: StatementSet) -> bytes:
    """The set as an XLSX workbook, one sheet; formula-looking texts neutralised, so never a formula."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = slug(statement_set.id)[:31]
    for line in _export_rows(statement_set):
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
