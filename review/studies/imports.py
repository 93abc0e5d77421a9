"""Imports: sessions from PQMethod ``.dat``/``.sta`` files, R qmethod's layout as CSV or XLSX,
or our own JSON export.

A reader checks everything before anything is written: the type and range of every field,
every sort against the grid, every comment against its sort, every text for length. A problem
is a :class:`StudyImportError` that names the place in the user's terms (line 4, sort 3 (p02),
comment 2) and says that nothing was imported; no other exception leaves a reader, whatever
the input (``tests/studies/test_imports.py`` fuzzes them). :func:`store_study` then writes the whole
study in one transaction (:meth:`Store.import_study`): a failure leaves no session behind.

This module is the public entry; the work is done in

- :mod:`review.studies.import_study`: the :class:`ImportedStudy` a reader returns, the error, the limits;
- :mod:`review.studies.import_text`: decoding (which encodings are taken and refused) and cleaning text;
- :mod:`review.studies.import_tables`: PQMethod files and R qmethod's layout as CSV or XLSX;
- :mod:`review.studies.import_json`: our own JSON export.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from review.content.text import TITLE_LIMIT
from review.room.sessions import free_code
from review.store import Session, Store
from review.studies.import_json import read_json
from review.studies.import_study import MAX_STATEMENTS, ImportedStudy, StudyImportError, bad
from review.studies.import_tables import read_pqmethod, read_qmethod_csv, read_qmethod_xlsx
from review.studies.import_text import clean_title

__all__ = [
    "MAX_STATEMENTS",
    "ImportedStudy",
    "StudyImportError",
    "read_files",
    "read_json",
    "read_pqmethod",
    "read_qmethod_csv",
    "read_qmethod_xlsx",
    "store_study",
]


def read_files(files: Mapping[str, bytes], title: str | None = None) -> ImportedStudy:
    """The study in uploaded files ``{file name: bytes}``: a ``.dat`` (with its ``.sta``),
    a ``.csv``, an ``.xlsx`` or a ``.json``; ``title`` (if given) names the session."""
    by_ext = {Path(name).suffix.lower(): (name, data) for name, data in files.items()}
    given = clean_title(title, "")
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
    title = clean_title(study.title, "")
    if not title:
        raise bad("the title", f"give the session a title of 1 to {TITLE_LIMIT} characters")
    if study.grid.size != len(study.statement_set.statements):
        raise bad("the grid", f"has {study.grid.size} places but the set has {len(study.statement_set.statements)}")
    return store.import_study(
        free_code(store),
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
