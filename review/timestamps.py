"""How the store writes time."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """UTC, stored without a zone (a zoned TIMESTAMPTZ would need pytz to read back)."""
    return datetime.now(UTC).replace(tzinfo=None)
