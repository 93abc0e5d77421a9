"""What every import reader shares: the :class:`ImportedStudy` it returns, the
:class:`StudyImportError` it raises, and the limits on what a file may hold.

A reader checks everything before anything is written; a problem is a :class:`StudyImportError`
that names the place in the user's terms (line 4, sort 3 (p02), comment 2) and says that
nothing was imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from review.errors import ReviewError
from review.grid import Grid
from review.sessions import TITLE_LIMIT
from review.statements import StatementSet

MAX_STATEMENTS = 200  # PQMethod's own limit; Q-sets in use hold 20-80 statements
MAX_SORTS = 5_000  # 500 people x 2 conditions x 5 rounds
GRID_SPAN = 12  # columns run at most -12..+12 (PQMethod allows -6..+6)
STATEMENT_LIMIT = 300  # a "we" statement is one sentence; the longest in data/ is ~110 characters
PARTICIPANT_LIMIT = 40  # pseudonyms (p01) and PQMethod names (10 characters) fit easily
NAME_LIMIT = TITLE_LIMIT  # ids and names of a statement set or grid (an imported set is named after its study)


class StudyImportError(ReviewError):
    """A file that cannot be imported; the message names the place and says nothing was imported."""

    key = "import.invalid"


def bad(where: str, reason: str) -> StudyImportError:
    """The error for one broken rule: ``where`` in the user's terms, ``reason`` the rule."""
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
