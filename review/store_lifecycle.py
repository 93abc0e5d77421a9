"""Store rows for the data lifecycle: archiving, deleting, and purging abandoned drafts.

Mixed into :class:`review.store.Store`; uses its ``_cursor`` and ``_transaction``.
"""

from __future__ import annotations


class LifecycleRows:
    """Archive and delete sessions and trajectories; purge old drafts."""
