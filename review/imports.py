"""Imports: sessions from PQMethod ``.dat``/``.sta`` files, R qmethod's layout as CSV or XLSX,
or our own JSON export.

A reader checks everything before anything is written: the type and range of every field,
every sort against the grid, every comment against its sort, every text for length. A problem
is a :class:`StudyImportError` that names the place in the user's terms (line 4, sort 3 (p02),
comment 2) and says that nothing was imported; no other exception leaves a reader, whatever
the input (``tests/test_imports.py`` fuzzes them). :func:`store_study` then writes the whole
study in one transaction (:meth:`Store.import_study`): a failure leaves no session behind.

Encodings. Readers take the file's bytes (text already decoded is accepted too).
UTF-8, with or without a byte-order mark, is read as it is. PQMethod's ``.dat``/``.sta``
files come from a DOS-era program and are Windows-1252/Latin-1 by nature (our own exporter
writes Latin-1), so those are read as Windows-1252 when they are not valid UTF-8. A CSV or
JSON file that is not UTF-8 is refused with the fix ("save it as UTF-8"): JSON is UTF-8 by
definition (RFC 8259), and guessing a CSV's encoding is how a file imports silently garbled;
an .xlsx file has no such question. Text that already holds U+FFFD (a decoder gave up on some
bytes before it reached us) is refused rather than stored.

Imported text (titles, statements, roles, participant names) is kept as given, with control
characters removed and line breaks made spaces; over-long statements, roles and comments are
refused (cutting a statement changes what was sorted), an over-long title is shortened.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from review.codes import new_code
from review.errors import ReviewError
from review.exports import EXPORT_VERSION
from review.grid import Grid
from review.i18n import LANGUAGES
from review.sessions import COMMENT_LIMIT, CONDITIONS, MAX_ROLES, ROLE_LIMIT, TITLE_LIMIT, parse_roles
from review.statements import NO_THEME, THEMES, Statement, StatementSet
from review.store import Session, Store

PQM_NAME_WIDTH = 10  # the Q-sort name field of a .dat line
MAX_FILE_BYTES = 20_000_000  # a JSON export of 500 people x 2 sorts x 3 rounds of 50 statements is ~2 MB
MAX_XLSX_UNPACKED = 50_000_000  # an .xlsx is a zip: refuse one that unpacks to more than this (zip bomb)
MAX_STATEMENTS = 200  # PQMethod's own limit; Q-sets in use hold 20-80 statements
MAX_STATEMENT_ID = 1_000_000  # ids are small numbers; this keeps them far inside DuckDB's INTEGER
MAX_SORTS = 5_000  # 500 people x 2 conditions x 5 rounds
MAX_ROUNDS = 50  # a workshop series of weekly rounds for a year stays below this
GRID_SPAN = 12  # columns run at most -12..+12 (PQMethod allows -6..+6)
STATEMENT_LIMIT = 300  # a "we" statement is one sentence; the longest in data/ is ~110 characters
PARTICIPANT_LIMIT = 40  # pseudonyms (p01) and PQMethod names (10 characters) fit easily
NAME_LIMIT = TITLE_LIMIT  # ids and names of a statement set or grid (an imported set is named after its study)
TIMESTAMP_LIMIT = 40  # characters of an ISO timestamp with microseconds and an offset, and spare

_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
# C0/C1 controls, the bidirectional overrides that can make a text display as another one,
# and lone surrogates (a JSON "\\ud800" escape) that no database or browser can encode.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_WHOLE = re.compile(r"[+-]?[0-9]{1,3}")
_ENCODING_FIX = "save it as UTF-8 (a text editor's encoding setting; Excel's 'CSV UTF-8') and import it again"


class StudyImportError(ReviewError):
    """A file that cannot be imported; the message names the place and says nothing was imported."""

    key = "import.invalid"


def _bad(where: str, reason: str) -> StudyImportError:
    return StudyImportError(where=where, reason=reason)


@dataclass(frozen=True)
class ImportedStudy:
    """A study read from files, checked, not yet stored."""

    title: str
    statement_set: StatementSet
    grid: Grid
    conditions: tuple[str, ...]
    roles: tuple[str, ...]
    ask_comments: bool
    # participant, round, condition, subgroup, submitted_at (naive UTC or None), placements {id: position}
    sorts: list[dict[str, Any]]
    comments: list[dict[str, Any]]  # participant, round, condition, statement_id, comment


# -- small checks -------------------------------------------------------------


def _line(text: str) -> str:
    """One line of text as given: line breaks become spaces, control characters go."""
    return _CONTROL.sub("", _BREAKS.sub(" ", text)).strip()


def _shown(value: object) -> str:
    """A value for an error message: short, one line, never the whole of a huge input."""
    if isinstance(value, str):
        text = _line(value)
        return repr(text if len(text) <= 30 else text[:30] + "...")
    if value is None or isinstance(value, bool | float):
        return repr(value)
    if isinstance(value, int):
        return str(value) if abs(value) < 10**12 else "a huge number"
    return {dict: "an object", list: "a list"}.get(type(value), type(value).__name__)


def _text(value: object, where: str, field: str, limit: int) -> str:
    if not isinstance(value, str):
        raise _bad(where, f"{field} must be text, not {_shown(value)}")
    text = _line(value)
    if not text:
        raise _bad(where, f"{field} is empty")
    if len(text) > limit:
        raise _bad(where, f"{field} is {len(text)} characters; at most {limit}")
    return text


def _int(value: object, where: str, field: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad(where, f"{field} must be a whole number, not {_shown(value)}")
    if not low <= value <= high:
        raise _bad(where, f"{field} {_shown(value)} is outside {low}..{high}")
    return value


def _mapping(value: object, where: str, field: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _bad(where, f"{field} must be an object, not {_shown(value)}")
    return value


def _list(value: object, where: str, field: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise _bad(where, f"{field} must be a list, not {_shown(value)}")
    if len(value) > limit:
        raise _bad(where, f"{field} holds {len(value)} entries; at most {limit}")
    return value


def _title(value: object, default: str) -> str:
    """A title as given, shortened to what the projector shows; the default when there is none."""
    text = _line(value) if isinstance(value, str) else ""
    return text[:TITLE_LIMIT].strip() or default


def _decode(data: bytes | str, what: str, legacy: bool = False) -> str:
    """The text of a file; see the module docstring for the encodings taken and refused."""
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if len(raw) > MAX_FILE_BYTES:
            raise _bad(what, f"is {len(raw):,} bytes; at most {MAX_FILE_BYTES:,}")
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in raw:
            raise _bad(what, f"is UTF-16 or not a text file; {_ENCODING_FIX}")
        raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if not legacy:
                raise _bad(what, f"is not UTF-8 (byte {exc.start + 1} cannot be read); {_ENCODING_FIX}") from None
            try:
                text = raw.decode("cp1252")  # PQMethod's own (DOS/Windows) encoding
            except UnicodeDecodeError:
                text = raw.decode("latin-1")  # the five bytes cp1252 leaves undefined are control codes
    elif isinstance(data, str):
        if len(data) > MAX_FILE_BYTES:
            raise _bad(what, f"holds {len(data):,} characters; at most {MAX_FILE_BYTES:,}")
        text = data.removeprefix("\ufeff")
    else:
        raise _bad(what, f"is not a file ({_shown(data)})")
    if "\ufffd" in text:
        raise _bad(what, f"holds characters that could not be read (U+FFFD); {_ENCODING_FIX}")
    return text


# -- the wide layouts: PQMethod, CSV, XLSX --------------------------------------


def _plain_set(name: str, texts: list[str]) -> StatementSet:
    return StatementSet(
        id=name[:NAME_LIMIT],
        name={"nl": name, "en": name},
        statements=tuple(
            Statement(id=i, theme=NO_THEME, text={"nl": text, "en": text}) for i, text in enumerate(texts, start=1)
        ),
    )


def _statement_text(value: str, where: str) -> str:
    text = _line(value)
    if not text:
        raise _bad(where, "the statement is empty")
    if len(text) > STATEMENT_LIMIT:
        raise _bad(where, f"the statement is {len(text)} characters; at most {STATEMENT_LIMIT}")
    return text


def _grid_of(values: list[int], where: str) -> Grid:
    """The grid a sort implies: the distinct values and how many cards each holds."""
    counts = Counter(values)
    low, high = min(counts), max(counts)
    if sorted(counts) != list(range(low, high + 1)):
        raise _bad(where, "the sorts leave a column of the grid empty")
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
    grid = _grid_of(columns[0], f"{what}, Q-sort {names[0]}")
    expected = sorted(columns[0])
    for name, column in zip(names, columns, strict=True):
        if sorted(column) != expected:
            raise _bad(f"{what}, Q-sort {name}", "does not fit the grid the other sorts use")
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
    lines = _decode(dat, "the .dat file", legacy=True).replace("\r\n", "\n").rstrip("\n").split("\n")
    if len(lines) < 3:
        raise _bad("line 1", "a .dat file has a header line, a distribution line and one line per Q-sort")
    head = lines[0]
    if not (_WHOLE.fullmatch(head[3:6].strip()) and _WHOLE.fullmatch(head[6:9].strip())):
        raise _bad("line 1", "columns 4-9 must hold the number of Q-sorts and of statements")
    n_sorts, n_stat = int(head[3:6]), int(head[6:9])
    if not 1 <= n_stat <= MAX_STATEMENTS or n_sorts < 1:
        raise _bad("line 1", f"announces {n_sorts} Q-sorts of {n_stat} statements; 1..{MAX_STATEMENTS} statements")
    names: list[str] = []
    columns: list[list[int]] = []
    for number, line in enumerate(lines[2:], start=3):
        if not line.strip():
            continue
        if len(line) != PQM_NAME_WIDTH + 2 * n_stat:
            raise _bad(f"line {number}", f"is {len(line)} characters; {PQM_NAME_WIDTH} + 2 x {n_stat} expected")
        name = _line(line[:PQM_NAME_WIDTH]) or f"q{number - 2}"
        if name in names:
            raise _bad(f"line {number}", f"Q-sort {name} appears twice")
        cells = [line[PQM_NAME_WIDTH + 2 * k : PQM_NAME_WIDTH + 2 * k + 2].strip() for k in range(n_stat)]
        if not all(_WHOLE.fullmatch(c) for c in cells):
            raise _bad(f"line {number}", "holds something that is not a whole number")
        values = [int(c) for c in cells]
        if any(abs(v) > GRID_SPAN for v in values):
            raise _bad(f"line {number}", f"holds a position outside -{GRID_SPAN}..+{GRID_SPAN}")
        names.append(name)
        columns.append(values)
    if len(columns) != n_sorts:
        raise _bad("line 1", f"announces {n_sorts} Q-sorts but the file holds {len(columns)}")
    if sta is None:
        texts = [f"Statement {i}" for i in range(1, n_stat + 1)]
    else:
        sta_lines = _decode(sta, "the .sta file", legacy=True).replace("\r\n", "\n").split("\n")
        numbered = [(n, line) for n, line in enumerate(sta_lines, start=1) if _line(line)]
        if len(numbered) != n_stat:
            raise _bad("the .sta file", f"holds {len(numbered)} statements; the .dat file has {n_stat}")
        texts = [_statement_text(line, f"the .sta file, line {n}") for n, line in numbered]
    name = _title(title, "") or _title(head[10:], "PQMethod")
    return _study_from_wide(name, texts, names, columns, "the .dat file")


def _position(value: object, where: str) -> int:
    """A position from a CSV or XLSX cell: a whole number written as text, or a number."""
    if isinstance(value, bool):
        raise _bad(where, f"{value!r} is not a whole number")
    if isinstance(value, float) and value.is_integer() and abs(value) <= GRID_SPAN:
        value = int(value)
    if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        value = int(value.strip())
    if not isinstance(value, int):
        if value is None or (isinstance(value, str) and not value.strip()):
            raise _bad(where, "is empty")
        raise _bad(where, f"{_shown(value)} is not a whole number")
    if abs(value) > GRID_SPAN:
        raise _bad(where, f"{_shown(value)} is outside -{GRID_SPAN}..+{GRID_SPAN}")
    return value


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _from_table(rows: list[tuple[int, list[object]]], unit: str, what: str, title: str) -> ImportedStudy:
    """R qmethod's layout from rows of cells (numbered as the user sees them): the first row names
    the Q-sorts, the first column holds the statement id or text, the rest positions."""
    if not rows:
        raise _bad(what, "is empty")
    header = [_cell_text(c) for c in rows[0][1]]
    while header and not header[-1].strip():
        header.pop()  # trailing empty header cells: spreadsheet padding, not Q-sorts
    names = [_line(h) for h in header[1:]]
    if not names:
        raise _bad(what, "has no Q-sort columns")
    if len(names) > MAX_SORTS:
        raise _bad(what, f"has {len(names)} Q-sort columns; at most {MAX_SORTS}")
    if len(set(names)) != len(names) or not all(names):
        raise _bad(f"the header ({unit} {rows[0][0]})", "every Q-sort column needs its own name")
    if any(len(n) > PARTICIPANT_LIMIT for n in names):
        raise _bad(f"the header ({unit} {rows[0][0]})", f"a Q-sort name is longer than {PARTICIPANT_LIMIT} characters")
    body = rows[1:]
    if not body:
        raise _bad(what, "has no statements")
    if len(body) > MAX_STATEMENTS:
        raise _bad(what, f"has {len(body)} statements; at most {MAX_STATEMENTS}")
    texts: list[str] = []
    columns: list[list[int]] = [[] for _ in names]
    for number, row in body:
        cells = list(row) + [None] * (len(header) - len(row))
        if any(_cell_text(c).strip() for c in cells[len(header) :]):
            raise _bad(f"{unit} {number}", f"has more cells than the header's {len(header)}")
        text = _statement_text(_cell_text(cells[0]), f"{unit} {number}")
        if text in texts:
            raise _bad(what, f"statement id {text} appears twice")
        texts.append(text)
        for k, name in enumerate(names):
            columns[k].append(_position(cells[k + 1], f"{unit} {number}, column {name}"))
    return _study_from_wide(title, texts, names, columns, what)


def read_qmethod_csv(data: bytes | str, title: str = "CSV import") -> ImportedStudy:
    """R qmethod's layout: first column the statement id or text, then one column per Q-sort.
    Commas or (as Dutch Excel writes) semicolons separate the cells."""
    text = _decode(data, "the CSV file")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[object]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, list(row)))
            if len(rows) > MAX_STATEMENTS + 1:
                raise _bad("the CSV file", f"has more than {MAX_STATEMENTS} statements")
    except csv.Error as exc:
        raise _bad(f"line {reader.line_num}", f"cannot be read as CSV ({exc})") from None
    return _from_table(rows, "line", "the CSV file", _title(title, "CSV import"))


def read_qmethod_xlsx(data: bytes, title: str = "Excel import") -> ImportedStudy:
    """R qmethod's layout on the workbook's first sheet, as :func:`read_qmethod_csv` reads it
    (our own XLSX export's first sheet reads back this way)."""
    what = "the Excel file"
    if not isinstance(data, bytes | bytearray):
        raise _bad(what, f"is not a file ({_shown(data)})")
    if len(data) > MAX_FILE_BYTES:
        raise _bad(what, f"is {len(data):,} bytes; at most {MAX_FILE_BYTES:,}")
    if not bytes(data[:4]) == b"PK\x03\x04":
        raise _bad(what, "is not an .xlsx workbook (an old .xls, or another file renamed?); save it as .xlsx")
    rows: list[tuple[int, list[object]]] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise _bad(what, f"unpacks to more than {MAX_XLSX_UNPACKED:,} bytes")
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            for number, row in enumerate(sheet.iter_rows(max_col=MAX_SORTS + 2, values_only=True), start=1):
                if any(_cell_text(c).strip() for c in row):
                    rows.append((number, list(row)))
                if len(rows) > MAX_STATEMENTS + 1:
                    raise _bad(what, f"has more than {MAX_STATEMENTS} statements")
        finally:
            book.close()
    except StudyImportError:
        raise
    except Exception as exc:  # zip, XML and openpyxl layers raise many kinds for a broken file
        raise _bad(what, f"cannot be read as .xlsx ({type(exc).__name__}); save it again as .xlsx") from None
    return _from_table(rows, "row", what, _title(title, "Excel import"))


# -- our JSON export ------------------------------------------------------------


def _names(value: object, where: str, default: str) -> dict[str, str]:
    """A name in both languages; a missing one is the id."""
    names = _mapping(value if value is not None else {}, where, "its name")
    for lang in LANGUAGES:
        if names.get(lang) is not None and not isinstance(names[lang], str):
            raise _bad(where, f"its {lang} name must be text, not {_shown(names[lang])}")
    return {lang: _title(names.get(lang), default) for lang in LANGUAGES}


def _statement_set(value: object) -> StatementSet:
    where = "the statement set"
    doc = _mapping(value, where, "the statement set")
    set_id = _text(doc.get("id"), where, "its id", NAME_LIMIT)
    name = _names(doc.get("name"), where, set_id)
    items = _list(doc.get("statements"), where, "its statements", MAX_STATEMENTS)
    statements = []
    for k, raw in enumerate(items, start=1):
        at = f"statement {k} of the statement set"
        item = _mapping(raw, at, "the statement")
        sid = _int(item.get("id"), at, "its id", 1, MAX_STATEMENT_ID)
        theme = item.get("theme", NO_THEME)
        if not isinstance(theme, str) or (theme not in THEMES and theme != NO_THEME):
            raise _bad(at, f"theme {_shown(theme)} is not one of {', '.join(THEMES)} or empty")
        text = _mapping(item.get("text"), at, "its text")
        texts = {lang: _text(text.get(lang), at, f"its {lang} text", STATEMENT_LIMIT) for lang in LANGUAGES}
        statements.append(Statement(id=sid, theme=theme, text=texts))
    try:
        return StatementSet(id=set_id, name=name, statements=tuple(statements))
    except ReviewError as exc:
        raise _bad(where, exc.message("en").rstrip(".")) from None


def _grid(value: object, n_statements: int) -> Grid:
    where = "the grid"
    doc = _mapping(value, where, "the grid")
    grid_id = _text(doc.get("id"), where, "its id", NAME_LIMIT)
    name = _names(doc.get("name"), where, grid_id)
    items = _list(doc.get("columns"), where, "its columns", 2 * GRID_SPAN + 1)
    values, counts = [], []
    for k, raw in enumerate(items, start=1):
        column = _mapping(raw, f"column {k} of the grid", "the column")
        values.append(_int(column.get("value"), f"column {k} of the grid", "value", -GRID_SPAN, GRID_SPAN))
        counts.append(_int(column.get("count"), f"column {k} of the grid", "count", 1, MAX_STATEMENTS))
    try:
        grid = Grid(id=grid_id, name=name, values=tuple(values), counts=tuple(counts))
    except ReviewError as exc:
        raise _bad(where, exc.message("en").rstrip(".")) from None
    if grid.size != n_statements:
        raise _bad(where, f"has {grid.size} places but the statement set has {n_statements} statements")
    return grid


def _timestamp(value: object, where: str) -> datetime | None:
    """An ISO 8601 time as naive UTC (how the store keeps times), or None when absent."""
    if value is None:
        return None
    example = "an ISO date and time such as 2025-03-14T09:30:00"
    if not isinstance(value, str) or len(value) > TIMESTAMP_LIMIT:
        raise _bad(where, f"submitted_at {_shown(value)} is not {example}")
    try:
        stamp = datetime.fromisoformat(value.strip())
        return stamp.astimezone(UTC).replace(tzinfo=None) if stamp.tzinfo else stamp
    except (ValueError, OverflowError):
        raise _bad(where, f"submitted_at {_shown(value)} is not {example}") from None


def _placements(value: object, grid: Grid, ids: list[int], where: str) -> dict[int, int]:
    raw = _mapping(value, where, "placements")
    if len(raw) > len(ids):
        raise _bad(where, f"places {len(raw)} statements; the set has {len(ids)}")
    columns: dict[str, list[str]] = {}
    for sid, position in raw.items():
        if not re.fullmatch(r"[0-9]{1,7}", sid):
            raise _bad(where, f"{_shown(sid)} is not a statement number")
        value = _int(position, where, f"the position of statement {sid}", -GRID_SPAN, GRID_SPAN)
        columns.setdefault(str(value), []).append(sid)
    try:
        return grid.validate_columns(columns, ids)
    except ReviewError as exc:
        raise _bad(where, exc.message("en").rstrip(".")) from None


def _sorts(
    items: list[Any], grid: Grid, ids: list[int], conditions: tuple[str, ...], roles: tuple[str, ...]
) -> list[dict[str, Any]]:
    sorts: list[dict[str, Any]] = []
    first_of: dict[tuple[str, int, str], int] = {}
    role_of: dict[str, str | None] = {}
    for k, raw in enumerate(items, start=1):
        sort = _mapping(raw, f"sort {k}", "the sort")
        who = _text(sort.get("participant"), f"sort {k}", "participant", PARTICIPANT_LIMIT)
        where = f"sort {k} ({who})"
        round_no = _int(sort.get("round", 1), where, "round", 1, MAX_ROUNDS)
        condition = sort.get("condition")
        if not isinstance(condition, str) or condition not in CONDITIONS:
            raise _bad(where, f"condition {_shown(condition)} is not one of {', '.join(CONDITIONS)}")
        if condition not in conditions:
            raise _bad(where, f"is a {condition} sort, but the study asks only {', '.join(conditions)}")
        subgroup = sort.get("subgroup")
        if subgroup not in (None, "") and (not isinstance(subgroup, str) or _line(subgroup) not in roles):
            raise _bad(where, f"subgroup {_shown(subgroup)} is not one of the study's roles")
        subgroup = _line(subgroup) if subgroup else None
        if role_of.setdefault(who, subgroup) != subgroup:
            raise _bad(where, f"gives {who} another subgroup than an earlier sort does")
        key = (who, round_no, condition)
        if key in first_of:
            raise _bad(where, f"repeats sort {first_of[key]}: the same participant, round and condition")
        first_of[key] = k
        sorts.append(
            {
                "participant": who,
                "round": round_no,
                "condition": condition,
                "subgroup": subgroup,
                "submitted_at": _timestamp(sort.get("submitted_at"), where),
                "placements": _placements(sort.get("placements"), grid, ids, where),
            }
        )
    return sorts


def _comment_text(value: object, where: str) -> str:
    """A comment as the phone keeps it: line breaks allowed, other control characters removed."""
    if not isinstance(value, str):
        raise _bad(where, f"the comment must be text, not {_shown(value)}")
    text = _CONTROL.sub("", value).strip()
    if len(text) > COMMENT_LIMIT:
        raise _bad(where, f"the comment is {len(text)} characters; at most {COMMENT_LIMIT}")
    return text


def _comments(items: list[Any], sorts: list[dict[str, Any]], ids: list[int]) -> list[dict[str, Any]]:
    known = {(s["participant"], s["round"], s["condition"]) for s in sorts}
    fields = ("participant", "round", "condition", "statement_id", "comment")
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, int, str, int]] = set()
    for k, raw in enumerate(items, start=1):
        where = f"comment {k}"
        comment = _mapping(raw, where, "the comment")
        missing = [f for f in fields if f not in comment]
        if missing:
            raise _bad(where, f"lacks {', '.join(missing)}")
        who = _text(comment["participant"], where, "participant", PARTICIPANT_LIMIT)
        round_no = _int(comment["round"], where, "round", 1, MAX_ROUNDS)
        condition = comment["condition"]
        if not isinstance(condition, str) or (who, round_no, condition) not in known:
            raise _bad(where, f"belongs to no sort in the file ({who}, round {round_no}, {_shown(condition)})")
        sid = _int(comment["statement_id"], where, "statement_id", 1, MAX_STATEMENT_ID)
        if sid not in ids:
            raise _bad(where, f"statement {sid} is not in the statement set")
        if (who, round_no, condition, sid) in seen:
            raise _bad(where, "repeats an earlier comment on the same card")
        seen.add((who, round_no, condition, sid))
        text = _comment_text(comment["comment"], where)
        if text:  # a blank comment is no comment, as on the phone
            out.append(
                {"participant": who, "round": round_no, "condition": condition, "statement_id": sid, "comment": text}
            )
    return out


def read_json(data: bytes | str) -> ImportedStudy:
    """Our own JSON export (:func:`review.exports.to_json`), for moving a session between
    installations; every field is checked, unknown extra fields are ignored."""
    what = "the JSON file"
    text = _decode(data, what)
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _bad(what, f"is not JSON ({str(exc)[:80]})") from None
    if not isinstance(doc, dict) or doc.get("format") != "review-session":
        raise _bad(what, "is not a REVIEW session export")
    version = doc.get("version", EXPORT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > EXPORT_VERSION:
        raise _bad(what, f"has format version {_shown(version)}; this REVIEW reads up to {EXPORT_VERSION}")
    meta = _mapping(doc.get("session", {}), what, "session")
    raw_conditions = _list(meta.get("conditions", ["observed"]), "the session", "conditions", len(CONDITIONS))
    if not raw_conditions or not all(isinstance(c, str) and c in CONDITIONS for c in raw_conditions):
        raise _bad("the session", f"conditions must be {' and/or '.join(CONDITIONS)}")
    conditions = tuple(c for c in CONDITIONS if c in raw_conditions)
    raw_roles = _list(meta.get("roles", []), "the session", "roles", MAX_ROLES)
    cleaned = [_text(r, "the session", f"role {k}", ROLE_LIMIT) for k, r in enumerate(raw_roles, start=1)]
    if any("," in r for r in cleaned):
        raise _bad("the session", "a role holds a comma")
    try:
        roles = parse_roles(",".join(cleaned))
    except ReviewError as exc:
        raise _bad("the session", exc.message("en").rstrip(".")) from None
    ask_comments = meta.get("ask_comments", False)
    if not isinstance(ask_comments, bool):
        raise _bad("the session", f"ask_comments must be true or false, not {_shown(ask_comments)}")
    if "title" in meta and meta["title"] is not None and not isinstance(meta["title"], str):
        raise _bad("the session", f"the title must be text, not {_shown(meta['title'])}")
    statement_set = _statement_set(doc.get("statement_set"))
    grid = _grid(doc.get("grid"), len(statement_set.statements))
    sorts = _sorts(_list(doc.get("sorts", []), what, "sorts", MAX_SORTS), grid, statement_set.ids, conditions, roles)
    comments = _comments(_list(doc.get("comments", []), what, "comments", MAX_SORTS * 2), sorts, statement_set.ids)
    return ImportedStudy(
        _title(meta.get("title"), "JSON import"), statement_set, grid, conditions, roles, ask_comments, sorts, comments
    )


# -- choosing a reader, storing ------------------------------------------------


def read_files(files: Mapping[str, bytes], title: str | None = None) -> ImportedStudy:
    """The study in uploaded files ``{file name: bytes}``: a ``.dat`` (with its ``.sta``),
    a ``.csv``, an ``.xlsx`` or a ``.json``; ``title`` (if given) names the session."""
    by_ext = {Path(name).suffix.lower(): (name, data) for name, data in files.items()}
    given = _title(title, "")
    if ".dat" in by_ext:
        sta = by_ext.get(".sta")
        return read_pqmethod(by_ext[".dat"][1], sta[1] if sta else None, given or None)
    if ".csv" in by_ext:
        name, data = by_ext[".csv"]
        return read_qmethod_csv(data, given or Path(name).stem)
    if ".xlsx" in by_ext:
        name, data = by_ext[".xlsx"]
        return read_qmethod_xlsx(data, given or Path(name).stem)
    if ".json" in by_ext:
        study = read_json(by_ext[".json"][1])
        return replace(study, title=given) if given else study
    raise StudyImportError("import.none")


def store_study(store: Store, study: ImportedStudy) -> Session:
    """Write a checked study as a new, closed session (an imported study takes no new sorts):
    the session, its code, participants, sorts and comments in one transaction, so a failure
    part-way leaves nothing behind."""
    title = _title(study.title, "")
    if not title:
        raise _bad("the title", f"give the session a title of 1 to {TITLE_LIMIT} characters")
    if study.grid.size != len(study.statement_set.statements):
        raise _bad("the grid", f"has {study.grid.size} places but the set has {len(study.statement_set.statements)}")
    code = new_code()
    while store.code_exists(code):  # a clash is one in hundreds of millions; retry anyway
        code = new_code()
    return store.import_study(
        code,
        title,
        study.statement_set,
        study.grid,
        study.conditions,
        study.roles,
        study.ask_comments,
        study.sorts,
        study.comments,
        status="closed",
    )
