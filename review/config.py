"""Settings from environment variables, with safe defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "review.duckdb"


@dataclass(frozen=True)
class Settings:
    db_path: Path
    public_url: str | None
    secret: str | None  # token-signing secret; None: the store keeps a generated one

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        return cls(
            db_path=Path(env.get("REVIEW_DB") or DEFAULT_DB),
            public_url=env.get("REVIEW_PUBLIC_URL") or None,
            secret=env.get("REVIEW_SECRET") or None,
        )
