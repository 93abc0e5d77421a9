"""The library of statement sets: a set (statements, themes and its grid) built from what the
facilitator typed or imported, every problem with it named at once, and CSV/XLSX in and out.

A set is saved as a new version each time (:mod:`review.store.library`); a session keeps the
snapshot it was created with and records ``set_ref`` "id@version", so nothing changes under it.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from review.errors import InvalidGrid, ReviewError
from review.exports import FORMULA_STARTS, neutralise
from review.grid import Grid, available_grids, proposed_grid
from review.i18n import LANGUAGES
from review.import_study import MB, NAME_LIMIT, STATEMENT_LIMIT
from review.import_text import CONTROL, one_line
from review.sessions import create_session
from review.statements import NO_THEME, StatementSet, available_statement_sets
from review.store import Session, Store

MIN_STATEMENTS = 20  # fewer and the forced grid hardly forces a choice
MAX_STATEMENTS = 80  # more and a sort takes longer than a workshop can give it
# What an uploaded set may cost before it is read (a 5 MB CSV of a million rows once took the app to
# 4.1 GB; a 120 kB .xlsx unpacking to 49 MB about 4 GB): a set of 80 statements is a few kB as CSV
# and about 100 kB unpacked as .xlsx, so these leave ten times room and refuse the rest unparsed.
MAX_UPLOAD_BYTES = 1 * MB
MAX_XLSX_UNPACKED = 2 * MB
MAX_FILE_ROWS = 200  # rows read at most, empty ones included: a heading, 80 statements and room to spare
SET_ID_LIMIT = 40  # ids go into set_ref "id@version" and file names
FIELDS = ("id", "nl", "en", "theme")  # the columns of an export, and of the editor's rows
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


class SetProblems(ReviewError):
    """Everything wrong with a set at once; ``problems`` are errors whose messages name the row or id."""

    key = "library.problems"

    def __init__(self, problems: Sequence[ReviewError]) -> None:
        super().__init__(count=len(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class SetChoice:
    """A set the new-session form offers: a library set (``ref`` "id@version") or a shipped file."""

    statement_set: StatementSet
    grid: Grid
    ref: str | None  # None: a shipped file, not a library set


def set_ref(set_id: str, version: int) -> str:
    return f"{set_id}@{version}"


def slug(text: str, default: str = "set") -> str:
    """A lower-case ASCII id from a name: ``Goed Werk — zorg`` becomes ``goed-werk-zorg``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:SET_ID_LIMIT].strip("-") or default


def new_set_id(name: str, taken: Iterable[str]) -> str:
    """A fresh set id from its name, with -2, -3... when the id is taken (library sets and files alike)."""
    taken, base = set(taken), slug(name)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base[: SET_ID_LIMIT - len(str(n)) - 1]}-{n}"
    return candidate


def _cell(value: object) -> str:
    """A cell as text: None and NaN are empty, 3.0 (a spreadsheet number) is "3"."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _text(value: object) -> str:
    return one_line(_cell(value))


def _id(value: object) -> int | None:
    text = _cell(value).strip()
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) <= 1_000_000 else None


def build_themes(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """The themes editor's rows ``{id, nl, en}`` as a set's themes; a new theme without an id gets
    one from its Dutch name. Raises :class:`SetProblems` for a theme without a name or a repeated id."""
    themes: dict[str, dict[str, str]] = {}
    problems: list[ReviewError] = []
    for k, row in enumerate(rows, start=1):
        names = {lang: _text(row.get(lang))[:NAME_LIMIT] for lang in LANGUAGES}
        theme = slug(_text(row.get("id")), "") or slug(names["nl"] or names["en"], "")
        if not theme and not any(names.values()):
            continue  # an empty row the editor added
        missing = [lang for lang in LANGUAGES if not names[lang]]
        if missing:
            problems.append(ReviewError("library.theme_no_name", row=k, lang=", ".join(missing)))
        elif theme in themes:
            problems.append(ReviewError("library.duplicate_theme", row=k, theme=theme))
        else:
            themes[theme] = names
    if problems:
        raise SetProblems(problems)
    return themes


def build_set(
    set_id: str,
    name: Mapping[str, str],
    rows: Sequence[Mapping[str, Any]],
    themes: Mapping[str, Mapping[str, str]],
    grid: Grid | Sequence[int],
    first_row: int = 1,
) -> tuple[StatementSet, Grid]:
    """A checked set and its grid from rows ``{id, nl, en, theme}`` (the editor's or a file's).

    Every problem is collected and raised together as :class:`SetProblems`, each naming its row
    (``first_row`` is the number of the first row: 2 in a spreadsheet under its heading) or id:
    a missing or repeated id, an empty text, a missing translation, a repeated text, a text too
    long, an unknown theme, fewer than 20 or more than 80 statements, a grid that does not sum to
    the number of statements. Rows with nothing in them are skipped. A text that looks like a
    formula (``=``, ``+``, ``-``, ``@`` first) is kept as typed: exports neutralise it.
    """
    problems: list[ReviewError] = []
    names = {lang: _text(name.get(lang))[:NAME_LIMIT] for lang in LANGUAGES}
    given = next((n for n in names.values() if n), "")
    if not given:
        problems.append(ReviewError("library.no_name"))
    names = {lang: names[lang] or given for lang in LANGUAGES}  # one language named: the other takes it
    statements: list[dict[str, Any]] = []
    seen_ids: dict[int, int] = {}
    seen_texts: dict[tuple[str, str], int] = {}
    for k, raw in enumerate(rows, start=first_row):
        row = {f: _text(raw.get(f)) for f in FIELDS}
        if not any(row.values()):
            continue
        sid = _id(raw.get("id"))
        if sid is None:
            problems.append(ReviewError("library.bad_id", row=k, value=row["id"]))
        elif sid in seen_ids:
            problems.append(ReviewError("library.duplicate_id", row=k, id=sid, first=seen_ids[sid]))
        else:
            seen_ids[sid] = k
        label = row["id"] or f"#{k}"
        if not row["nl"] and not row["en"]:
            problems.append(ReviewError("library.empty_text", row=k, id=label))
        for lang in LANGUAGES:
            text = row[lang]
            if not text:
                if row["nl"] or row["en"]:
                    problems.append(ReviewError(f"library.missing_{lang}", row=k, id=label))
                continue
            if len(text) > STATEMENT_LIMIT:
                problems.append(ReviewError("library.too_long", row=k, id=label, limit=STATEMENT_LIMIT))
            key = (lang, text.casefold())
            if key in seen_texts:
                problems.append(ReviewError("library.duplicate_text", row=k, id=label, first=seen_texts[key]))
            else:
                seen_texts[key] = k
        if row["theme"] != NO_THEME and row["theme"] not in themes:
            problems.append(ReviewError("library.unknown_theme", row=k, id=label, theme=row["theme"]))
        statements.append({"id": sid, "theme": row["theme"], "text": {lang: row[lang] for lang in LANGUAGES}})
    n = len(statements)
    if n < MIN_STATEMENTS:
        problems.append(ReviewError("library.too_few", n=n, least=MIN_STATEMENTS))
    elif n > MAX_STATEMENTS:
        problems.append(ReviewError("library.too_many", n=n, most=MAX_STATEMENTS))
    shaped = _grid(grid, set_id, problems)
    if shaped is not None and shaped.size != n:
        problems.append(ReviewError("library.grid_mismatch", cells=shaped.size, n=n))
    if problems:
        raise SetProblems(problems)
    doc = {"id": set_id, "name": names, "statements": statements, "themes": {k: dict(v) for k, v in themes.items()}}
    return StatementSet.from_dict(doc), shaped  # type: ignore[return-value]


def _grid(grid: Grid | Sequence[int], set_id: str, problems: list[ReviewError]) -> Grid | None:
    if isinstance(grid, Grid):
        return grid
    counts = list(grid)
    span = len(counts) // 2
    if len(counts) % 2 == 0 or any(not isinstance(c, int) or c < 1 for c in counts):
        problems.append(ReviewError("library.grid_counts"))
        return None
    try:
        n, columns = sum(counts), len(counts)
        name = {"nl": f"{columns} kolommen, {n} uitspraken", "en": f"{columns} columns, {n} statements"}
        return Grid(id=set_id, name=name, values=tuple(range(-span, span + 1)), counts=tuple(counts))
    except InvalidGrid:
        problems.append(ReviewError("library.grid_counts"))
        return None


def set_rows(statement_set: StatementSet) -> list[dict[str, Any]]:
    """The editor's rows ``{id, nl, en, theme}`` of a set."""
    return [
        {"id": s.id, "nl": s.text.get("nl", ""), "en": s.text.get("en", ""), "theme": s.theme}
        for s in statement_set.statements
    ]


def theme_rows(themes: Mapping[str, Mapping[str, str]]) -> list[dict[str, str]]:
    return [{"id": theme, **{lang: names.get(lang, "") for lang in LANGUAGES}} for theme, names in themes.items()]


# -- files ------------------------------------------------------------------


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
    columns = {HEADINGS.get(_text(h).lower()): i for i, h in reversed(list(enumerate(table[0])))}
    missing = [f for f in FIELDS if f not in columns]
    if missing:
        raise ReviewError("library.missing_columns", missing=", ".join(missing))
    return [
        {f: _unneutral(_cell(line[columns[f]]) if columns[f] < len(line) else "") for f in FIELDS} for line in table[1:]
    ]


def import_rows(data: bytes, filename: str, themes: Mapping[str, Mapping[str, str]]) -> list[dict[str, str]]:
    """The rows of an uploaded file (:func:`read_rows`), each checked as :func:`build_set` checks
    it against ``themes``; the grid aside, since the editor proposes one for the new count.
    Raises :class:`SetProblems` (rows numbered as the spreadsheet numbers them) or the file's error."""
    rows = read_rows(data, filename)
    n = sum(1 for r in rows if any(_text(r.get(f)) for f in FIELDS))
    grid = proposed_grid(min(max(n, MIN_STATEMENTS), MAX_STATEMENTS))
    try:
        build_set("import", {"nl": filename}, rows, themes, grid, first_row=2)
    except SetProblems as exc:
        kept = [p for p in exc.problems if p.key != "library.grid_mismatch"]
        if kept:
            raise SetProblems(kept) from None
    return rows


def clamp_grid(n: int, span: int | None = None) -> Grid:
    """The proposed grid for ``n`` statements, or for the nearest allowed count while a set is being
    typed (fewer than 20 or more than 80 rows), so the editor always has a grid to show."""
    n = min(max(n, MIN_STATEMENTS), MAX_STATEMENTS)
    return proposed_grid(n, span if span is None or n >= 2 * span + 1 else None)


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
                if any(_cell(c).strip() for c in row):
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


# -- the library and sessions -------------------------------------------------


@functools.cache  # the shipped files do not change while the app runs; read once, not at every page rerun
def builtin_choices() -> tuple[SetChoice, ...]:
    """The shipped sets under data/ (the Goed Werk 50 by default), each with the shipped grid that fits
    it, or a proposed one."""
    grids = available_grids()
    out = []
    for s in available_statement_sets():
        grid = next((g for g in grids if g.size == len(s.statements)), None) or proposed_grid(len(s.statements))
        out.append(SetChoice(s, grid, None))
    return tuple(out)


def choices(store: Store) -> list[SetChoice]:
    """What a new session can be made from: the latest version of every library set still in use
    (not archived), then the shipped sets."""
    library = [SetChoice(e.statement_set, e.grid, set_ref(e.id, e.version)) for e in store.library_sets()]
    return [*library, *builtin_choices()]


def save_set(store: Store, statement_set: StatementSet, grid: Grid, version: int | None) -> tuple[int, bool]:
    """Save the edited set as its next version, unless nothing changed since ``version`` (the one the
    editor opened, when it is still the latest): then that version stays, and no empty new version
    fills the list. Returns the version now current and whether it is new."""
    if version is not None:
        old_set, old_grid, latest = store.library_set(statement_set.id)
        unchanged = old_set.to_dict() == statement_set.to_dict() and old_grid.counts == grid.counts
        if latest == version and unchanged:
            return version, False
    return store.save_statement_set(statement_set, grid), True


def taken_ids(store: Store) -> set[str]:
    return {e.id for e in store.library_sets(include_archived=True)} | {c.statement_set.id for c in builtin_choices()}


def session_from_choice(
    store: Store, title: str, choice: SetChoice, grid: Grid | None = None, **options: Any
) -> Session:
    """A new session from a library set (or a shipped one): the set's own grid unless another is
    given; a library set's ``set_ref`` is recorded so the library can count its sessions."""
    session = create_session(store, title, choice.statement_set, grid or choice.grid, **options)
    if choice.ref:
        store.set_set_ref(session.id, choice.ref)
    return session
