"""What every import reader shares: the :class:`ImportedStudy` it returns, the
:class:`StudyImportError` it raises, and the limits on what a file may hold.

A reader checks everything before anything is written; a problem is a :class:`StudyImportError`
that names the place in the user's terms (line 4, sort 3 (p02), comment 2) and says that
nothing was imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from review.content.grid import Grid
from review.content.statements import StatementSet
from review.content.text import MB
from review.errors import ReviewError

MAX_STATEMENTS = 200  # PQMethod's own limit; Q-sets in use hold 20-80 statements
MAX_SORTS = 5_000  # 500 people x 2 conditions x 5 rounds
GRID_SPAN = 12  # columns run at most -12..+12 (PQMethod allows -6..+6)
PARTICIPANT_LIMIT = 40  # pseudonyms (p01) and PQMethod names (10 characters) fit easily
# What a file may cost before it is read. A small file can cost gigabytes once parsed (a 5 MB CSV of
# a million rows took the app from 397 MB to 4.1 GB; a 120 kB .xlsx unpacking to 49 MB about 4 GB),
# so sizes are checked before parsing and rows are counted while reading.
MAX_FILE_BYTES = 5 * MB  # = server.maxUploadSize; a JSON export of 500 people x 2 sorts x 3 rounds is ~2 MB
# An .xlsx is a zip: R qmethod's table of 80 statements x 2,000 sorts unpacks to ~5 MB. openpyxl reads
# about 1 MB a second here, and a sheet without a size header is read twice: more costs seconds too.
MAX_XLSX_UNPACKED = 5 * MB
TABLE_ROWS = 1_000  # rows of a CSV or sheet read at most, empty ones included: the statements and room to spare


class StudyImportError(ReviewError):
    """A file that cannot be imported; the message names the place and says nothing was imported."""

    key = "import.invalid"


def bad(where: str, reason: str) -> StudyImportError:
    """The error for one broken rule: ``where`` in the user's terms, ``reason`` the rule."""
    return StudyImportError(where=where, reason=reason)


def too_big(kind: str) -> StudyImportError:
    """A file over :data:`MAX_FILE_BYTES`; ``kind`` names it in both languages ("CSV", ".dat")."""
    return StudyImportError("import.too_big", kind=kind, most=MAX_FILE_BYTES // MB)


def too_many_rows(kind: str, most: int) -> StudyImportError:
    return StudyImportError("import.too_many_rows", kind=kind, most=most, statements=MAX_STATEMENTS)


def unpacks_too_big() -> StudyImportError:
    return StudyImportError("import.unpacked_too_big", most=MAX_XLSX_UNPACKED // MB)


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
