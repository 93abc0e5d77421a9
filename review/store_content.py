"""Store rows for content edited in the app (table ``content``): the reflective questions.

Mixed into :class:`review.store.Store`; uses its ``_cursor`` and ``_transaction``.
"""

from __future__ import annotations


class ContentRows:
    """Content documents by kind; a kind without a row falls back to its file under data/."""
