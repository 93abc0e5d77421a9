"""Group aggregates of submitted sorts: the numbers behind every results view.

One function computes them (:func:`summarise`), so the projector, the
facilitator's screen and ``python -m review summary`` always agree. All values
are kept at full precision; rounding is for display only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from review.content.grid import Grid
from review.content.statements import THEMES, StatementSet
from review.room.anonymity import MIN_GROUP, complement_too_small, separate_groups, threshold

BIMODAL_SHARE = 0.25  # a statement is split when at least this share sits at each strong end
NO_ROLE = ""  # participants who gave no role


@dataclass(frozen=True)
class Summary:
    """Aggregates of one condition's sorts.

    ``counts``: statements (rows, statement-set order) x grid values, number of sorts.
    ``stats``: per statement ``n, mean, sd, low_share, high_share, polarisation,
    bimodal, disagreement_rank, consensus_rank, theme``.
    """

    condition: str
    n_sorts: int
    counts: pd.DataFrame
    stats: pd.DataFrame

    def by_mean(self) -> list[int]:
        """Statement ids, most characteristic (highest mean) first; ties keep set order."""
        return list(self.stats.sort_values(["mean", "order"], ascending=[False, True], kind="stable").index)


def strong_threshold(grid: Grid) -> int:
    """|position| from which a placement counts as strongly (un)characteristic: the
    outer half of each side, e.g. +-2..4 on a -4..+4 grid."""
    return max(1, -(-max(abs(v) for v in grid.values) // 2))


def summarise(
    counts_long: pd.DataFrame, n_sorts: int, statement_set: StatementSet, grid: Grid, condition: str = "observed"
) -> Summary:
    """Aggregate one condition's sorts, given as ``statement_id, position, n`` rows
    (how many sorts put each statement in each column) and the number of sorts.

    - mean position per statement, and its spread as the sample standard deviation
      (n - 1; 0 when there is a single sort);
    - low/high share: the share of sorts placing it at or beyond -t / +t, with t
      from :func:`strong_threshold`; polarisation = min(low, high): high when the
      group splits into camps; bimodal when both shares are at least BIMODAL_SHARE;
    - disagreement rank: 1 = widest spread (ties: more polarised first, then set
      order); consensus rank: 1 = tightest spread.
    """
    ids = statement_set.ids
    values = list(grid.values)
    row_of = {sid: i for i, sid in enumerate(ids)}
    col_of = {v: j for j, v in enumerate(values)}
    c = np.zeros((len(ids), len(values)))
    for sid, pos, k in counts_long[["statement_id", "position", "n"]].itertuples(index=False):
        if sid in row_of and pos in col_of:  # the grid and set were validated on submit
            c[row_of[sid], col_of[pos]] += k
    counts = pd.DataFrame(
        c.astype(int), index=pd.Index(ids, name="statement_id"), columns=pd.Index(values, name="position")
    )
    x = np.asarray(values, dtype=float)
    n = c.sum(axis=1)
    safe = np.where(n > 0, n, 1)
    mean = np.where(n > 0, c @ x / safe, np.nan)
    ss = (c * (x[None, :] - np.nan_to_num(mean)[:, None]) ** 2).sum(axis=1)
    sd = np.where(n > 1, np.sqrt(ss / np.where(n > 1, n - 1, 1)), np.where(n == 1, 0.0, np.nan))
    t = strong_threshold(grid)
    low = np.where(n > 0, c[:, x <= -t].sum(axis=1) / safe, np.nan)
    high = np.where(n > 0, c[:, x >= t].sum(axis=1) / safe, np.nan)
    polarisation = np.minimum(low, high)
    themes = statement_set.by_id()
    stats = pd.DataFrame(
        {
            "n": n.astype(int),
            "mean": mean,
            "sd": sd,
            "low_share": low,
            "high_share": high,
            "polarisation": polarisation,
            "bimodal": (low >= BIMODAL_SHARE) & (high >= BIMODAL_SHARE),
            "theme": [themes[i].theme for i in ids],
            "order": range(len(ids)),
        },
        index=pd.Index(ids, name="statement_id"),
    )
    spread = stats.assign(sd0=stats["sd"].fillna(-1), pol0=stats["polarisation"].fillna(-1))
    dis = spread.sort_values(["sd0", "pol0", "order"], ascending=[False, False, True], kind="stable").index
    con = spread.sort_values(["sd0", "order"], ascending=[True, True], kind="stable").index
    stats["disagreement_rank"] = pd.Series(range(1, len(ids) + 1), index=dis).reindex(ids)
    stats["consensus_rank"] = pd.Series(range(1, len(ids) + 1), index=con).reindex(ids)
    return Summary(condition=condition, n_sorts=int(n_sorts), counts=counts, stats=stats)


def most_and_least(summary: Summary, k: int = 5) -> tuple[list[int], list[int]]:
    """The k most characteristic statements (highest mean first) and the k least (lowest first)."""
    ordered = summary.by_mean()
    k = min(k, len(ordered) // 2)
    return ordered[:k], ordered[::-1][:k]


def disagreement_and_consensus(summary: Summary, k: int = 5) -> tuple[list[int], list[int]]:
    """The k statements the group disagrees on most, and the k it agrees on most."""
    stats = summary.stats
    k = min(k, len(stats) // 2)
    return (
        list(stats.sort_values("disagreement_rank").index[:k]),
        list(stats.sort_values("consensus_rank").index[:k]),
    )


def gaps(observed: Summary, desired: Summary) -> pd.DataFrame:
    """Per statement: mean observed, mean desired and the shift (desired - observed),
    largest absolute shift first."""
    table = pd.DataFrame({"observed": observed.stats["mean"], "desired": desired.stats["mean"]})
    table["gap"] = table["desired"] - table["observed"]
    table["order"] = range(len(table))
    table = table.assign(size=table["gap"].abs()).sort_values(["size", "order"], ascending=[False, True])
    return table.drop(columns=["size", "order"])


def largest_gaps(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """The first ``k`` rows of a :func:`gaps` table that have both means: the largest shifts among the
    statements placed in both conditions (what the gap view and the report show)."""
    return table.dropna().head(k)


@dataclass(frozen=True)
class SubgroupSplit:
    """Per role, the summary of its sorts, for the roles that may be shown.

    ``hidden`` lists roles with fewer than ``min_size`` sorts. When the hidden
    roles together hold 1..min_size-1 sorts while others are shown, nothing is
    shown at all (``withheld``): the group total minus the shown roles would give
    away the small group's aggregate.
    """

    shown: dict[str, Summary]
    hidden: dict[str, int]
    withheld: bool
    min_size: int
    sizes: dict[str, int] = field(default_factory=dict)


def subgroups(
    role_counts: pd.DataFrame,
    sizes: Mapping[str | None, int],
    statement_set: StatementSet,
    grid: Grid,
    condition: str,
    min_size: int = MIN_GROUP,
    total: int | None = None,
) -> SubgroupSplit:
    """Split by role, given ``role, statement_id, position, n`` rows and sorts per role.

    ``total``: the number of sorts behind the whole-group views shown beside the subgroups,
    when that can differ from the sum of ``sizes`` (the subgroups' published copy waits for
    enough sorts per role): the whole group minus the shown roles is a hidden group too."""
    min_size = threshold(min_size)
    sizes = {(r or NO_ROLE): int(n) for r, n in sizes.items()}
    big = {r: sizes[r] for r in separate_groups(sizes, min_size, leave_out=NO_ROLE)}
    hidden = {r: n for r, n in sizes.items() if r not in big}
    whole = sum(sizes.values()) if total is None else max(total, sum(big.values()))
    withheld = complement_too_small(sum(big.values()), whole, min_size)
    roles = role_counts.assign(role=role_counts["role"].fillna(NO_ROLE))
    shown = (
        {}
        if withheld
        else {r: summarise(roles[roles["role"] == r], big[r], statement_set, grid, condition) for r in sorted(big)}
    )
    return SubgroupSplit(shown=shown, hidden=hidden, withheld=withheld, min_size=min_size, sizes=sizes)


def role_differences(split: SubgroupSplit, k: int) -> pd.DataFrame:
    """The ``k`` statements on which the shown roles differ most, with each role's mean position:
    statements (rows) x roles (columns, in ``split.shown``'s order).

    A statement's difference is the range of the role means, max - min; largest first, ties in
    statement-set order (a statement no shown role placed comes last)."""
    means = pd.DataFrame({role: s.stats["mean"] for role, s in split.shown.items()})
    spread = (means.max(axis=1) - means.min(axis=1)).sort_values(ascending=False, kind="stable")
    return means.loc[spread.index[:k]]


def theme_means(
    summaries: Mapping[str, Summary], themes: Mapping[str, Mapping[str, str]] | None = None
) -> pd.DataFrame:
    """Mean position per theme (rows) for each labelled summary (columns).

    Rows follow ``themes``, the statement set's own (``StatementSet.themes``); without it, the
    themes the statements carry, the Goed Werk three first. Statements without a theme are left out."""
    table = {label: s.stats.groupby("theme")["mean"].mean() for label, s in summaries.items() if s.n_sorts}
    if themes is None:
        present = {th for s in summaries.values() for th in s.stats["theme"]} - {""}
        themes = {**{th: {} for th in THEMES}, **{th: {} for th in sorted(present - set(THEMES))}}
    return pd.DataFrame(table).reindex(list(themes))


def summary_json(summary: Summary) -> dict:
    """The aggregates as plain JSON: what ``python -m review summary`` prints."""
    out = {}
    for sid, row in summary.stats.iterrows():
        counts = summary.counts.loc[sid]
        out[str(sid)] = {
            "counts": {str(v): int(n) for v, n in counts.items()},
            "mean": _num(row["mean"]),
            "sd": _num(row["sd"]),
            "disagreement_rank": int(row["disagreement_rank"]),
            "consensus_rank": int(row["consensus_rank"]),
            "polarisation": _num(row["polarisation"]),
            "bimodal": bool(row["bimodal"]),
            "theme": row["theme"],
        }
    return {"condition": summary.condition, "n_submitted": summary.n_sorts, "statements": out}


def _num(value: float) -> float | None:
    return None if pd.isna(value) else float(value)
