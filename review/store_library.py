"""Store rows for content: the statement set library (sets, grids, themes) and edited content.

Mixed into :class:`review.store.Store`; uses its ``_cursor`` and ``_transaction``.
"""

from __future__ import annotations


class LibraryRows:
    """Statement sets as versioned content (table ``statement_sets``) and edited content (``content``)."""
