"""The store: every row the app keeps, behind one interface, in DuckDB or PostgreSQL.

- :mod:`review.store.core`: :class:`Store`, the interface the app uses, and its row types;
- :mod:`review.store.migrations`: the schema, as named migrations both backends run;
- :mod:`review.store.backend_duckdb` and :mod:`review.store.backend_postgres`: a connection to
  each database and the little SQL that differs between them;
- ``phones``, ``library``, ``content``, ``trajectories``, ``lifecycle``: the rows of one topic each,
  mixed into :class:`Store`.

SQL lives only in this package.
"""

from review.store.admission import Phones
from review.store.backend_duckdb import DuckDBDatabase
from review.store.backend_postgres import PostgresDatabase
from review.store.core import SCOPES, Store
from review.store.rows import AnalysisChoice, Change, ParticipantState, Progress, Session, ShownComment

# What a failing database raises, whichever backend: callers turn it into "try again" (a 503).
STORE_ERRORS: tuple[type[BaseException], ...] = tuple(dict.fromkeys(DuckDBDatabase.errors + PostgresDatabase.errors))

__all__ = [
    "SCOPES",
    "STORE_ERRORS",
    "AnalysisChoice",
    "Change",
    "ParticipantState",
    "Phones",
    "Progress",
    "Session",
    "ShownComment",
    "Store",
]
