"""A session's sorts as tables, participants under their pseudonyms (:mod:`review.room.pseudonyms`):
the long table (one row per placement), which the research export and the analysis share, and R
qmethod's wide layout (statements as rows, one column per Q-sort)."""

from __future__ import annotations

import pandas as pd

from review.room.pseudonyms import pseudonyms
from review.store import Session, Store


def long_table(store: Store, session: Session) -> pd.DataFrame:
    """One row per participant, round, condition and statement."""
    sorts = store.all_sorts(session.id)
    return named_long(sorts, pseudonyms(sorts))


def named_long(sorts: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """One row per placement, each participant under ``names[participant id]``."""
    table = sorts.assign(participant=sorts["participant_id"].map(names)).drop(columns=["participant_id"])
    return table[
        ["participant", "round", "condition", "statement_id", "position", "role", "joined_at", "submitted_at"]
    ].rename(columns={"role": "subgroup"})


def wide(table: pd.DataFrame, statement_ids: list[int], condition: str, round_no: int) -> pd.DataFrame:
    """R qmethod's layout for one condition and round: statements as rows, one column per Q-sort."""
    part = table[(table["condition"] == condition) & (table["round"] == round_no)]
    grid = part.pivot(index="statement_id", columns="participant", values="position")
    return grid.reindex(statement_ids).astype("Int64")
