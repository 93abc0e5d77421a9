"""The store: every row the app keeps, behind one interface, in DuckDB or PostgreSQL.

- :mod:`review.store.core`: :class:`Store`, the interface the app uses: every topic below in one
  object, and :meth:`Store.open`;
- :mod:`review.store.base`: :class:`StoreBase`, what every topic builds on: the database, its
  write lock and transactions, the session row (remembered between changes) and the round;
- :mod:`review.store.rows`: the row types the topics share (:class:`Session`, :class:`Progress`,
  :class:`Change`, ...);
- the topics, each a subclass of :class:`StoreBase` with its own SQL: ``schema`` (migrations and
  health), ``settings``, ``sessions``, ``imports``, ``phones`` (what the phones write), ``sorts``
  (the live sorts read back), ``published`` (the published copy and the counts), ``discussion``,
  ``analysis``, ``admission``, ``library``, ``content``, ``trajectories``, ``lifecycle``, ``guesses``;
- :mod:`review.store.migrations`: the schema, as named migrations both backends run;
- :mod:`review.store.backend_duckdb` and :mod:`review.store.backend_postgres`: a connection to
  each database and the little SQL that differs between them.

SQL lives only in this package.
"""

from review.store.admission import Phones
from review.store.backend_duckdb import DuckDBDatabase
from review.store.backend_postgres import PostgresDatabase
from review.store.core import Store
from review.store.published import SCOPES
from review.store.rows import (
    AnalysisChoice,
    AnalysisStep,
    Change,
    ParticipantState,
    Progress,
    Session,
    ShownComment,
    ViewpointWords,
)

# What a failing database raises, whichever backend: callers turn it into "try again" (a 503).
STORE_ERRORS: tuple[type[BaseException], ...] = tuple(dict.fromkeys(DuckDBDatabase.errors + PostgresDatabase.errors))

__all__ = [
    "SCOPES",
    "STORE_ERRORS",
    "AnalysisChoice",
    "AnalysisStep",
    "Change",
    "ParticipantState",
    "Phones",
    "Progress",
    "Session",
    "ShownComment",
    "Store",
    "ViewpointWords",
]
