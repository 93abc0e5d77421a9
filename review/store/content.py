"""Store rows for content edited in the app (table ``content``): the reflective questions."""

from __future__ import annotations

import json
from typing import Any

from review.store.base import StoreBase
from review.timestamps import utc_now


class ContentRows(StoreBase):
    """Content documents by kind; a kind without a row falls back to its file under data/."""

    def content_doc(self, kind: str) -> dict[str, Any] | None:
        """The edited document of ``kind``, or None when it was never edited (or was reset)."""
        row = self._cursor().execute("SELECT doc FROM content WHERE kind = ?", [kind]).fetchone()
        return None if row is None else json.loads(row[0])

    def save_content(self, kind: str, doc: dict[str, Any]) -> None:
        """Replace the document of ``kind`` (validated by its domain module before it gets here)."""
        with self._transaction() as tx:
            tx.execute(
                "INSERT INTO content VALUES (?, ?, ?) ON CONFLICT (kind) "
                "DO UPDATE SET doc = excluded.doc, saved_at = excluded.saved_at",
                [kind, json.dumps(doc, ensure_ascii=False), utc_now()],
            )

    def drop_content(self, kind: str) -> None:
        """Forget the edited document of ``kind``: the default file applies again."""
        with self._transaction() as tx:
            tx.execute("DELETE FROM content WHERE kind = ?", [kind])
