"""The group export: what a facilitator downloads by default (CSV, XLSX, JSON).

It keeps the promise the screens keep, in the file itself:

- **Aggregates only.** Per round, condition and statement: how many sorts put it in each column,
  the mean and the spread, from the *published copy* the screens and the report read
  (:mod:`review.room.anonymity`), so two downloads a minute apart never isolate one sort.
- **The threshold.** A condition with fewer than :func:`review.room.anonymity.threshold` sorts is left
  out. Per role, only roles with at least that many sorts; the smaller roles (and sorts without a
  role) are pooled as "other roles" when the pool reaches the threshold, else left out; and no role
  at all when the sorts outside the shown groups would be a group below the threshold (the
  complement rule of :func:`review.room.aggregates.subgroups`).
- **Chosen comments only**: those the facilitator featured on the projector
  (:func:`review.room.live.featured_comments`), without who wrote them.
- **The session's date**, no time of day.

The sorts one by one (pseudonymous, with roles, comments and times) are the research export,
:mod:`review.studies.exports`, a separate choice.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pandas as pd

from review.content.grid import column_label
from review.i18n import t
from review.room.aggregates import NO_ROLE, Summary, summarise
from review.room.anonymity import complement_too_small, may_show, separate_groups, threshold
from review.room.live import end_of, featured_comments, refresh
from review.room.sessions import CONDITIONS
from review.store import Session, Store
from review.studies.exports import neutralise_frame

FORMATS = ("csv", "xlsx", "json")
EXPORT_VERSION = 1
COMMENT_COLUMNS = ["round", "condition", "statement_id", "statement", "end", "comment"]
WHOLE, ROLE, OTHER = "all", "role", "other roles"  # the ``group`` column: stable words for programs


@dataclass(frozen=True)
class Group:
    """One aggregate in the file: the whole group, one role, or the pooled other roles."""

    round: int
    condition: str
    kind: str  # WHOLE, ROLE or OTHER
    role: str  # the role's name for ROLE, else ""
    summary: Summary


@dataclass(frozen=True)
class GroupExport:
    """What the default export holds, before it is written as a file."""

    session: Session
    min_group: int
    groups: list[Group]
    comments: list[dict[str, Any]]
    left_out: list[tuple[str, dict[str, Any]]]  # i18n keys and parameters: what is not in the file, and why


def _roles(store: Store, session: Session, condition: str, round_no: int, k: int, total: int) -> list[Group] | None:
    """The role groups of one condition from the subgroups' published copy, or None when the
    complement rule holds them all back."""
    sizes = {(r or NO_ROLE): int(n) for r, n in store.role_sizes(session.id, condition, round_no, "roles").items()}
    counts = store.position_counts(session.id, condition, round_no, by_role=True, scope="roles")
    counts = counts.assign(role=counts["role"].fillna(NO_ROLE))
    big = separate_groups(sizes, k, leave_out=NO_ROLE)
    small = [r for r in sizes if r not in big]
    pooled = sum(sizes[r] for r in small)
    shape = (session.statement_set, session.grid, condition)
    groups = [
        Group(round_no, condition, ROLE, r, summarise(counts[counts["role"] == r], sizes[r], *shape)) for r in big
    ]
    if may_show(pooled, k):
        rows = counts[counts["role"].isin(small)].groupby(["statement_id", "position"], as_index=False)["n"].sum()
        groups.append(Group(round_no, condition, OTHER, "", summarise(rows, pooled, *shape)))
    return None if complement_too_small(sum(g.summary.n_sorts for g in groups), total, k) else groups


def _conditions(store: Store, session: Session, round_no: int) -> list[str]:
    """The conditions a round asked: today's questions, and any an earlier round's sorts answer."""
    return [
        c for c in CONDITIONS if c in session.conditions or store.sort_count(session.id, c, round_no, scope="all") > 0
    ]


def group_export(store: Store, session: Session, min_group: int | str | None, lang: str) -> GroupExport:
    """Read every round's published aggregates (refreshed first) and the featured comments."""
    k = threshold(min_group)
    groups: list[Group] = []
    comments: list[dict[str, Any]] = []
    left_out: list[tuple[str, dict[str, Any]]] = []
    texts = {s.id: s.in_language(lang) for s in session.statement_set.statements}
    for round_no in range(1, session.current_round + 1):
        refresh(store, session, k, round_no)
        for condition in _conditions(store, session, round_no):
            where = {"round": round_no, "condition": t(f"chart.{condition}", lang), "min": k}
            n = store.sort_count(session.id, condition, round_no, scope="all")
            if not may_show(n, k):
                left_out.append(("export.left_out_condition", where))
                continue
            counts = store.position_counts(session.id, condition, round_no, scope="all")
            whole = summarise(counts, n, session.statement_set, session.grid, condition)
            groups.append(Group(round_no, condition, WHOLE, "", whole))
            if not session.roles:
                continue
            roles = _roles(store, session, condition, round_no, k, n)
            if roles is None:
                left_out.append(("export.left_out_roles", where))
            else:
                groups.extend(roles)
        comments.extend(
            {
                "round": round_no,
                "condition": c.condition,
                "statement_id": c.statement_id,
                "statement": texts.get(c.statement_id, str(c.statement_id)),
                "end": end_of(session, c.position),
                "comment": c.text,
            }
            for c in featured_comments(store, session, k, round_no)
        )
    return GroupExport(session, k, groups, comments, left_out)


def statements_table(export: GroupExport, lang: str) -> pd.DataFrame:
    """One row per group and statement: its size, the statement, mean, spread and the count per column."""
    texts = {s.id: s.in_language(lang) for s in export.session.statement_set.statements}
    values = export.session.grid.values
    frames = []
    for g in export.groups:
        stats = g.summary.stats
        frame = pd.DataFrame(
            {
                "round": g.round,
                "condition": g.condition,
                "group": g.kind,
                "role": g.role,
                "n_sorts": g.summary.n_sorts,
                "statement_id": stats.index,
                "statement": [texts[sid] for sid in stats.index],
                "theme": stats["theme"].to_numpy(),
                "mean": stats["mean"].round(3).to_numpy(),
                "sd": stats["sd"].round(3).to_numpy(),
            }
        )
        for v in values:
            frame[f"n_{column_label(v)}"] = g.summary.counts[v].to_numpy()
        frames.append(frame)
    columns = ["round", "condition", "group", "role", "n_sorts", "statement_id", "statement", "theme", "mean", "sd"]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def about(export: GroupExport, lang: str) -> list[str]:
    """What the file holds and what it leaves out, in the reader's language."""
    k = export.min_group
    lines = [t(key, lang, min=k) for key in ("export.about_what", "export.about_groups", "export.about_rest")]
    return lines + [t(key, lang, **params) for key, params in export.left_out]


def to_csv(store: Store, session: Session, min_group: int | str | None, lang: str = "nl") -> str:
    """The statements table (:func:`statements_table`); text cells neutralised for spreadsheets."""
    table = statements_table(group_export(store, session, min_group, lang), lang)
    return neutralise_frame(table).to_csv(index=False, lineterminator="\r\n")


def to_xlsx(store: Store, session: Session, min_group: int | str | None, lang: str = "nl") -> bytes:
    """Sheets: about (what the file holds), statements, comments (the featured ones), grid."""
    export = group_export(store, session, min_group, lang)
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as xl:
        neutralise_frame(pd.DataFrame({"about": about(export, lang)})).to_excel(xl, sheet_name="about", index=False)
        neutralise_frame(statements_table(export, lang)).to_excel(xl, sheet_name="statements", index=False)
        comments = pd.DataFrame(export.comments, columns=COMMENT_COLUMNS)
        neutralise_frame(comments).to_excel(xl, sheet_name="comments", index=False)
        grid = pd.DataFrame({"position": session.grid.values, "cards": session.grid.counts})
        grid.to_excel(xl, sheet_name="grid", index=False)
    return out.getvalue()


def to_json(store: Store, session: Session, min_group: int | str | None, lang: str = "nl") -> dict[str, Any]:
    """The same as the XLSX, as data for programs (texts exactly as typed)."""
    export = group_export(store, session, min_group, lang)
    table = statements_table(export, lang)
    return {
        "format": "review-group-export",
        "version": EXPORT_VERSION,
        "about": about(export, lang),
        "session": {
            "title": session.title,
            "code": session.code,
            "date": session.created_at.date().isoformat(),
            "rounds": session.current_round,
            "min_group": export.min_group,
            "grid": list(session.grid.values),
        },
        "statements": [
            {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
            for row in table.astype(object).to_dict("records")
        ],
        "comments": export.comments,
    }
