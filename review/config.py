"""Settings from environment variables, with safe defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from review.room.anonymity import MIN_GROUP, threshold

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "review.duckdb"
DEFAULT_DRAFT_RETENTION_DAYS = 30  # a month: long past any workshop, short enough not to hoard half-done sorts
# A phone's whole sort is a few kB: 30 s is a slow venue Wi-Fi many times over, and a client that
# holds a request open longer without finishing its body is not a phone (ui/http/edge.BodyDeadline).
DEFAULT_BODY_SECONDS = 30.0


@dataclass(frozen=True)
class Settings:
    db_path: Path
    public_url: str | None
    # REVIEW_DATABASE_URL=postgresql://...: a PostgreSQL database that several processes share;
    # None: the DuckDB file at db_path (one process).
    database_url: str | None = None
    facilitator_password: str | None = None  # None: a key is made at start-up and printed
    min_group: int = MIN_GROUP  # the anonymity threshold; never below MIN_GROUP
    trusted_proxy: str | None = None  # the reverse proxy's address: its X-Forwarded-For is believed
    # Drafts of sorts never submitted are deleted after this many days (at start-up and by
    # `python -m review purge`); REVIEW_DRAFT_RETENTION_DAYS, 0 keeps them for ever.
    draft_retention_days: int = DEFAULT_DRAFT_RETENTION_DAYS
    # REVIEW_BODY_SECONDS: time for a request's headers, and again for its whole body
    body_seconds: float = DEFAULT_BODY_SECONDS

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        return cls(
            db_path=Path(env.get("REVIEW_DB") or DEFAULT_DB),
            public_url=env.get("REVIEW_PUBLIC_URL") or None,
            database_url=env.get("REVIEW_DATABASE_URL") or None,
            facilitator_password=env.get("REVIEW_FACILITATOR_PASSWORD") or None,
            min_group=_min_group(env.get("REVIEW_MIN_GROUP")),
            trusted_proxy=env.get("REVIEW_TRUSTED_PROXY") or None,
            draft_retention_days=_retention_days(env.get("REVIEW_DRAFT_RETENTION_DAYS")),
            body_seconds=_body_seconds(env.get("REVIEW_BODY_SECONDS")),
        )

    @property
    def database(self) -> str:
        """What :meth:`review.store.Store.open` opens: the PostgreSQL URL if set, else the file."""
        return self.database_url or str(self.db_path)


def _min_group(text: str | None) -> int:
    """The anonymity threshold from the environment (see :func:`review.room.anonymity.threshold`)."""
    return threshold(text)


def _retention_days(text: str | None) -> int:
    """Days to keep abandoned drafts: a whole number, 0 for never purging. Anything else (empty,
    negative, not a number) falls back to the default, so a typo never deletes drafts early."""
    try:
        days = int(str(text).strip())
    except ValueError:
        return DEFAULT_DRAFT_RETENTION_DAYS
    return days if days >= 0 else DEFAULT_DRAFT_RETENTION_DAYS


def _body_seconds(text: str | None) -> float:
    """Seconds a client has for a request's body: a positive number, else the default."""
    try:
        seconds = float(str(text).strip())
    except ValueError:
        return DEFAULT_BODY_SECONDS
    return seconds if 0 < seconds < float("inf") else DEFAULT_BODY_SECONDS
