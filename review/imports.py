"""Imports: sessions from PQMethod ``.dat``/``.sta`` files, qmethod-layout CSV, or our JSON.

Everything is read and checked before anything is written; a problem is
reported with the line (or column) it is on, and nothing is imported partially.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from review.errors import ReviewError
from review.grid import Grid
from review.sessions import CONDITIONS, TITLE_LIMIT
from review.statements import NO_THEME, Statement, StatementSet
from review.store import Session, Store

PQM_NAME_WIDTH = 10


class StudyImportError(ReviewError):
    """A file that cannot be imported; the message names the line."""

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
    sorts: list[dict[str, Any]]  # participant, round, condition, subgroup, placements {id: position}
    comments: list[dict[str, Any]]


def _plain_set(name: str, texts: list[str]) -> StatementSet:
    return StatementSet(
        id=name,
        name={"nl": name, "en": name},
        statements=tuple(
            Statement(id=i, theme=NO_THEME, text={"nl": text, "en": text}) for i, text in enumerate(texts, start=1)
        ),
    )


def _grid_of(values: list[int], where: str) -> Grid:
    """The grid a set of sorts implies: the distinct values and how many cards each holds."""
    counts = pd.Series(values).value_counts().sort_index()
    full = range(int(counts.index.min()), int(counts.index.max()) + 1)
    if list(counts.index) != list(full):
        raise _bad(where, "the sorts leave a column of the grid empty")
    return Grid(
        id="imported",
        name={"nl": "geïmporteerd", "en": "imported"},
        values=tuple(int(v) for v in counts.index),
        counts=tuple(int(c) for c in counts),
    )


def _check_sorts(frame: pd.DataFrame, grid: Grid, where: str) -> None:
    expected = sorted(v for v, c in zip(grid.values, grid.counts, strict=True) for _ in range(c))
    for column in frame.columns:
        if sorted(frame[column].tolist()) != expected:
            raise _bad(f"{where}, Q-sort {column}", "does not fit the grid the other sorts use")


def read_pqmethod(dat: str, sta: str | None = None, title: str | None = None) -> ImportedStudy:
    """Read a ``.dat`` file (and its ``.sta`` statements) as R qmethod's ``import.pqmethod`` does,
    but strictly: every line must have the width the header implies, every value must be a
    number, every sort must fit the distribution, and the sort count must match the header."""
    lines = dat.replace("\r\n", "\n").rstrip("\n").split("\n")
    if len(lines) < 3:
        raise _bad("line 1", "a .dat file has a header line, a distribution line and one line per Q-sort")
    head = lines[0]
    try:
        n_sorts, n_stat = int(head[3:6]), int(head[6:9])
    except ValueError:
        raise _bad("line 1", "columns 4-9 must hold the number of Q-sorts and of statements") from None
    frame: dict[str, list[int]] = {}
    for number, line in enumerate(lines[2:], start=3):
        if not line.strip():
            continue
        if len(line) != PQM_NAME_WIDTH + 2 * n_stat:
            raise _bad(f"line {number}", f"is {len(line)} characters; {PQM_NAME_WIDTH} + 2 x {n_stat} expected")
        name = line[:PQM_NAME_WIDTH].strip() or f"q{number - 2}"
        if name in frame:
            raise _bad(f"line {number}", f"Q-sort {name} appears twice")
        cells = [line[PQM_NAME_WIDTH + 2 * k : PQM_NAME_WIDTH + 2 * k + 2] for k in range(n_stat)]
        try:
            frame[name] = [int(c) for c in cells]
        except ValueError:
            raise _bad(f"line {number}", "holds something that is not a whole number") from None
    if len(frame) != n_sorts:
        raise _bad("line 1", f"announces {n_sorts} Q-sorts but the file holds {len(frame)}")
    data = pd.DataFrame(frame, index=range(1, n_stat + 1))
    grid = _grid_of(data.iloc[:, 0].tolist(), "line 3")
    _check_sorts(data, grid, "the .dat file")
    texts = [t.strip() for t in (sta or "").replace("\r\n", "\n").split("\n") if t.strip()]
    if sta is not None and len(texts) != n_stat:
        raise _bad("the .sta file", f"holds {len(texts)} statements; the .dat file has {n_stat}")
    texts = texts or [f"Statement {i}" for i in range(1, n_stat + 1)]
    name = (title or head[10:].strip() or "PQMethod")[:TITLE_LIMIT]
    return _study_from_wide(name, texts, grid, data)


def read_qmethod_csv(text: str, title: str = "CSV import") -> ImportedStudy:
    """R qmethod's layout: first column the statement id, then one column per Q-sort."""
    try:
        raw = pd.read_csv(io.StringIO(text), index_col=0, dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise _bad("the CSV file", f"cannot be read ({exc})") from None
    if raw.index.has_duplicates:
        raise _bad("the CSV file", f"statement id {raw.index[raw.index.duplicated()][0]} appears twice")
    header = next(csv.reader(io.StringIO(text)), [])
    if len(set(header[1:])) != len(header[1:]) or any(not h.strip() for h in header[1:]):
        raise _bad("the CSV header", "every Q-sort column needs its own name")
    for line, (_, row) in enumerate(raw.iterrows(), start=2):
        for column, value in row.items():
            if value.strip() == "":
                raise _bad(f"line {line}, column {column}", "is empty")
            if not value.strip().lstrip("+-").isdigit():
                raise _bad(f"line {line}, column {column}", f"{value!r} is not a whole number")
    data = raw.apply(lambda c: c.str.strip().astype(int))
    if data.shape[1] == 0:
        raise _bad("the CSV file", "has no Q-sort columns")
    data.index = range(1, len(data) + 1)
    grid = _grid_of(data.iloc[:, 0].tolist(), "column 2")
    _check_sorts(data, grid, "the CSV file")
    return _study_from_wide(title, [str(s) for s in raw.index], grid, data)


def _study_from_wide(title: str, texts: list[str], grid: Grid, data: pd.DataFrame) -> ImportedStudy:
    sorts = [
        {
            "participant": str(c),
            "round": 1,
            "condition": "observed",
            "subgroup": None,
            "placements": {int(s): int(p) for s, p in data[c].items()},
        }
        for c in data.columns
    ]
    return ImportedStudy(title, _plain_set(title, texts), grid, ("observed",), (), False, sorts, [])


def read_json(text: str) -> ImportedStudy:
    """Our own JSON export, for moving a session between installations."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise _bad("the JSON file", f"is not JSON ({exc.args[0][:80]})") from None
    if not isinstance(doc, dict) or doc.get("format") != "review-session":
        raise _bad("the JSON file", "is not a REVIEW session export")
    meta = doc.get("session") or {}
    statement_set = StatementSet.from_dict(doc["statement_set"])
    grid = Grid.from_dict(doc["grid"])
    conditions = tuple(c for c in meta.get("conditions", ["observed"]) if c in CONDITIONS) or ("observed",)
    sorts = []
    for k, sort in enumerate(doc.get("sorts") or [], start=1):
        columns: dict[str, list[int]] = {}
        for sid, pos in (sort.get("placements") or {}).items():
            columns.setdefault(str(pos), []).append(int(sid))
        try:
            placements = grid.validate_columns(columns, statement_set.ids)
        except ReviewError as exc:
            raise _bad(f"sort {k} ({sort.get('participant')})", exc.message("en")) from None
        sorts.append({**sort, "placements": placements})
    return ImportedStudy(
        str(meta.get("title") or "JSON import")[:TITLE_LIMIT],
        statement_set,
        grid,
        conditions,
        tuple(meta.get("roles") or ()),
        bool(meta.get("ask_comments")),
        sorts,
        list(doc.get("comments") or []),
    )


def store_study(store: Store, study: ImportedStudy) -> Session:
    """Write a checked study as a new (closed) session, all in one transaction."""
    from review.sessions import create_session

    session = create_session(
        store, study.title, study.statement_set, study.grid, study.conditions, study.roles, study.ask_comments
    )
    store.import_sorts(session.id, study.sorts, study.comments)
    store.set_status(session.id, "closed")  # an imported study takes no new sorts
    return store.session(session.id)
