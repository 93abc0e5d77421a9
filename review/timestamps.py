"""How the store writes time, and how a day is written for people."""

from __future__ import annotations

from datetime import UTC, date, datetime

from review.i18n import t


def utc_now() -> datetime:
    """UTC, stored without a zone (a zoned TIMESTAMPTZ would need pytz to read back)."""
    return datetime.now(UTC).replace(tzinfo=None)


def long_date(moment: date, lang: str) -> str:
    """ "7 december 2026" / "7 December 2026": a day as the reports and screens write it."""
    months = t("report.months", lang).split()
    return f"{moment.day} {months[moment.month - 1]} {moment.year}"
