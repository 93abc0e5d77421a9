"""Store rows for the app's settings (table ``settings``): values by key, and the token secret."""

from __future__ import annotations

import secrets

from review.store.base import StoreBase


class SettingRows(StoreBase):
    """One value per key; the token-signing secret is one of them, made on first use."""

    _secret: bytes | None = None  # the secret once read: it never changes

    def setting(self, key: str) -> str | None:
        row = self._cursor().execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self._transaction() as tx:
            tx.execute(
                "INSERT INTO settings VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def secret(self) -> bytes:
        """The token-signing secret, generated on first use and kept in the file."""
        if self._secret is None:
            with self._transaction() as tx:
                tx.execute(
                    "INSERT INTO settings VALUES ('token_secret', ?) ON CONFLICT DO NOTHING", [secrets.token_hex(32)]
                )
            row = self._cursor().execute("SELECT value FROM settings WHERE key = 'token_secret'").fetchone()
            self._secret = row[0].encode()
        return self._secret
