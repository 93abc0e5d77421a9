"""The research export: a session's single sorts for researchers, as CSV, XLSX, PQMethod and JSON.

A deliberate choice apart from the default data export (:mod:`review.studies.group_export`), which holds
group results only: these files carry every sort with its role, comments and times.

Participants appear under pseudonyms (``p01``, ``p02`` ... in order of their
first submission: :func:`review.room.pseudonyms.pseudonyms`), never under their tokens,
names or anything they typed in the join flow. PQMethod's ``.dat``/``.sta`` layout follows R qmethod's
``export.pqmethod`` (compare ``tests/golden/workshop12/workshop12.dat``), which
PQMethod, KADE, Ken-Q and ``qmethod::import.pqmethod`` read.

The CSV and XLSX are opened in spreadsheets, so every text cell that a spreadsheet would
read as a formula is neutralised (:func:`neutralise`); numbers stay numbers. The JSON and
PQMethod files are data for programs and keep every text exactly.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from review.content.text import neutralise
from review.room.pseudonyms import pseudonyms
from review.room.sessions import CONDITIONS
from review.room.sort_tables import long_table, named_long, wide
from review.store import Session, Store

FORMATS = ("csv", "xlsx", "pqmethod", "json")
PQM_NAME_WIDTH = 10  # the Q-sort name field of a .dat line (read back by review.studies.import_tables)
PQM_DESCRIPTION = 68  # PQMethod shows at most this many characters of the study description
PQM_HEADER_SORTS = 1_000  # from this many Q-sorts the count no longer fits the header's columns 4-6
PQM_HALF_SPAN = 5  # the distribution line spans -5..+5: zeros pad a narrower grid on both sides
EXPORT_VERSION = 1


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text column neutralised (:func:`neutralise`); numeric and time columns untouched."""
    text = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    return frame.assign(**{str(c): frame[c].map(neutralise) for c in text}) if text else frame


def _with_texts_and_comments(store: Store, session: Session, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The long table with each statement's text and the post-sort comment on that card, if any."""
    names = pseudonyms(store.all_sorts(session.id))
    notes = store.all_comments(session.id)
    notes = notes.assign(participant=notes["participant_id"].map(names)).drop(columns=["participant_id"])
    texts = {s.id: s.in_language(lang) for s in session.statement_set.statements}
    out = table.assign(statement=table["statement_id"].map(texts))
    out = out.merge(notes, how="left", on=["participant", "round", "condition", "statement_id"])
    columns = ["participant", "round", "condition", "statement_id", "statement", "position", "comment"]
    return out[columns + [c for c in out.columns if c not in columns]]


def to_csv(store: Store, session: Session, lang: str = "nl") -> str:
    """One row per placement, with the statement's text and the comment on that card."""
    table = _with_texts_and_comments(store, session, long_table(store, session), lang)
    # CRLF line ends (RFC 4180) also make the writer quote a lone CR inside a comment, which
    # with "\n" line ends it left bare, splitting the row in every reader.
    return neutralise_frame(table).to_csv(index=False, date_format="%Y-%m-%dT%H:%M:%SZ", lineterminator="\r\n")


def to_xlsx(store: Store, session: Session, lang: str = "nl") -> bytes:
    """One sheet per condition (and round), plus the statements and the grid; text cells
    neutralised (:func:`neutralise`)."""
    table = long_table(store, session)
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as xl:
        for round_no in sorted(table["round"].unique()) or [session.current_round]:
            for condition in session.conditions:
                sheet = condition if table["round"].nunique() <= 1 else f"{condition} r{round_no}"
                part = wide(table, session.statement_set.ids, condition, round_no)
                part.rename(columns=neutralise).to_excel(xl, sheet_name=sheet)
        statements = pd.DataFrame(
            [
                {"statement_id": s.id, "theme": s.theme, "nl": s.text.get("nl"), "en": s.text.get("en")}
                for s in session.statement_set.statements
            ]
        )
        neutralise_frame(statements).to_excel(xl, sheet_name="statements", index=False)
        grid = pd.DataFrame({"position": session.grid.values, "cards": session.grid.counts})
        grid.to_excel(xl, sheet_name="grid", index=False)
        people = table.groupby("participant", sort=False).agg(
            subgroup=("subgroup", "first"),
            conditions=("condition", lambda c: ", ".join(dict.fromkeys(c))),
            rounds=("round", lambda r: ", ".join(str(x) for x in sorted(set(r)))),
        )
        neutralise_frame(people.reset_index()).to_excel(xl, sheet_name="participants", index=False)
        notes = _with_texts_and_comments(store, session, table, lang).dropna(subset=["comment"])
        notes = notes[["participant", "round", "condition", "statement_id", "statement", "position", "comment"]]
        neutralise_frame(notes).to_excel(xl, sheet_name="comments", index=False)
    return out.getvalue()


def pqmethod_dat(
    sorts: pd.DataFrame, values: tuple[int, ...], counts: tuple[int, ...], name: str, description: str
) -> str:
    """A PQMethod ``.dat`` file from an R-layout frame (statements x Q-sorts), byte for
    byte as R qmethod's ``export.pqmethod`` writes it up to 999 Q-sorts.

    From 1,000 the count no longer fits the header's three columns (4-6), and R's ``sprintf("% 3d")``
    would push the statement count out of columns 7-9, where ``import.pqmethod`` reads it: the
    file could not be read back. Here the count takes columns 1-6 instead, so the statement count
    stays in 7-9; R reads such a file whole, with a warning that columns 4-6 do not hold the count
    (:func:`review.studies.import_tables.read_pqmethod` reads either header)."""
    n_sorts, n_stat = sorts.shape[1], sorts.shape[0]
    count = f"  0{n_sorts:3d}" if n_sorts < PQM_HEADER_SORTS else f"{n_sorts:6d}"
    lines = [f"{count}{n_stat:3d} {name}: {description[:PQM_DESCRIPTION]}"]
    left = max(0, PQM_HALF_SPAN + min(values))
    right = max(0, PQM_HALF_SPAN - max(values))
    cells = [min(values), max(values)] + [0] * left + list(counts) + [0] * right
    lines.append("".join(f"{c:3d}" for c in cells))
    for column in sorts.columns:
        label = str(column)[:PQM_NAME_WIDTH].ljust(PQM_NAME_WIDTH)
        lines.append(label + "".join(f"{int(v):2d}" for v in sorts[column]))
    return "\n".join(lines) + "\n"


def pqmethod_sta(texts: list[str]) -> str:
    """The ``.sta`` file: one statement per line, in statement order."""
    return "".join(" ".join(str(text).split()) + "\n" for text in texts)


# PQMethod reads Latin-1 (a DOS-era program): typographic characters become their plain forms
# instead of "?" (an en dash in a title showed as "?").
_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "\u00a0": " "})


def latin1(text: str) -> bytes:
    """Text as PQMethod reads it: Latin-1, typographic characters made plain, the rest as "?"."""
    return text.translate(_PLAIN).encode("latin-1", "replace")


def to_pqmethod(
    store: Store, session: Session, condition: str = "observed", lang: str = "nl", round_no: int | None = None
) -> tuple[str, str]:
    """``(.dat, .sta)`` for one condition of one round (PQMethod holds one set of sorts)."""
    table = long_table(store, session)
    data = wide(table, session.statement_set.ids, condition, round_no or session.current_round)
    name = "".join(ch for ch in session.code if ch.isalnum())
    dat = pqmethod_dat(data, session.grid.values, session.grid.counts, name, f"{session.title} ({condition})")
    sta = pqmethod_sta([s.in_language(lang) for s in session.statement_set.statements])
    return dat, sta


def to_json(store: Store, session: Session) -> dict[str, Any]:
    """Everything needed to rebuild the session elsewhere (see ``imports.from_json``)."""
    raw = store.all_sorts(session.id)
    names = pseudonyms(raw)
    table = named_long(raw, names)
    comments = store.all_comments(session.id)
    sorts = []
    for (who, round_no, condition), part in table.groupby(["participant", "round", "condition"], sort=False):
        sorts.append(
            {
                "participant": who,
                "round": int(round_no),
                "condition": condition,
                "subgroup": part["subgroup"].iloc[0] if pd.notna(part["subgroup"].iloc[0]) else None,
                "submitted_at": part["submitted_at"].iloc[0].isoformat(),
                "placements": {
                    str(int(s)): int(p) for s, p in zip(part["statement_id"], part["position"], strict=True)
                },
            }
        )
    # A new round may change the questions: the file names every condition and role its sorts
    # use, so that the import (which refuses a sort its study does not ask for) reads it back.
    used = {s["condition"] for s in sorts}
    conditions = [c for c in CONDITIONS if c in session.conditions or c in used]
    roles = list(dict.fromkeys([*session.roles, *(s["subgroup"] for s in sorts if s["subgroup"])]))
    return {
        "format": "review-session",
        "version": EXPORT_VERSION,
        "session": {
            "title": session.title,
            "code": session.code,
            "conditions": conditions,
            "roles": roles,
            "ask_comments": session.ask_comments,
            "created_at": session.created_at.isoformat(),
        },
        "statement_set": session.statement_set.to_dict(),
        "grid": session.grid.to_dict(),
        "sorts": sorts,
        "comments": [_comment(r, names) for r in comments.itertuples() if r.participant_id in names],
        "analysis_log": [
            {"at": e.at.isoformat(), "round": e.round, "step": e.step, **e.detail}
            for e in store.analysis_log(session.id)
        ],
    }


def _comment(row: Any, names: dict[str, str]) -> dict[str, Any]:
    return {
        "participant": names[row.participant_id],
        "round": int(row.round),
        "condition": row.condition,
        "statement_id": int(row.statement_id),
        "comment": row.comment,
    }
