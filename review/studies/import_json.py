"""Our own JSON export (:func:`review.studies.exports.to_json`) read back: every field of the document
typed and bounded, every sort checked against the grid, every comment against its sort, as the
live session checks them (:mod:`review.room.sessions`)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from review.content.grid import Grid, column_label
from review.content.statements import NO_THEME, Statement, StatementSet, default_themes
from review.content.text import CONTROL, NAME_LIMIT, STATEMENT_LIMIT, one_line
from review.errors import ReviewError
from review.i18n import LANGUAGES
from review.room.sessions import COMMENT_LIMIT, CONDITIONS, MAX_ROLES, ROLE_LIMIT, parse_roles
from review.studies.exports import EXPORT_VERSION
from review.studies.import_study import GRID_SPAN, MAX_SORTS, MAX_STATEMENTS, PARTICIPANT_LIMIT, ImportedStudy, bad
from review.studies.import_text import clean_title, decode, shown

MAX_STATEMENT_ID = 1_000_000  # ids are small numbers; this keeps them far inside DuckDB's INTEGER
MAX_ROUNDS = 50  # a workshop series of weekly rounds for a year stays below this
TIMESTAMP_LIMIT = 40  # characters of an ISO timestamp with microseconds and an offset, and spare


def _text(value: object, where: str, field: str, limit: int) -> str:
    if not isinstance(value, str):
        raise bad(where, f"{field} must be text, not {shown(value)}")
    text = one_line(value)
    if not text:
        raise bad(where, f"{field} is empty")
    if len(text) > limit:
        raise bad(where, f"{field} is {len(text)} characters; at most {limit}")
    return text


def _int(value: object, where: str, field: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise bad(where, f"{field} must be a whole number, not {shown(value)}")
    if not low <= value <= high:
        raise bad(where, f"{field} {shown(value)} is outside {low}..{high}")
    return value


def _mapping(value: object, where: str, field: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise bad(where, f"{field} must be an object, not {shown(value)}")
    return value


def _list(value: object, where: str, field: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise bad(where, f"{field} must be a list, not {shown(value)}")
    if len(value) > limit:
        raise bad(where, f"{field} holds {len(value)} entries; at most {limit}")
    return value


def _names(value: object, where: str, default: str) -> dict[str, str]:
    """A name in both languages; a missing one is the id."""
    names = _mapping(value if value is not None else {}, where, "its name")
    for lang in LANGUAGES:
        if names.get(lang) is not None and not isinstance(names[lang], str):
            raise bad(where, f"its {lang} name must be text, not {shown(names[lang])}")
    return {lang: clean_title(names.get(lang), default) for lang in LANGUAGES}


def _statement_set(value: object) -> StatementSet:
    where = "the statement set"
    doc = _mapping(value, where, "the statement set")
    set_id = _text(doc.get("id"), where, "its id", NAME_LIMIT)
    name = _names(doc.get("name"), where, set_id)
    items = _list(doc.get("statements"), where, "its statements", MAX_STATEMENTS)
    themes = _themes(doc.get("themes"))
    statements = []
    for k, raw in enumerate(items, start=1):
        at = f"statement {k} of the statement set"
        item = _mapping(raw, at, "the statement")
        sid = _int(item.get("id"), at, "its id", 1, MAX_STATEMENT_ID)
        theme = item.get("theme", NO_THEME)
        if not isinstance(theme, str) or (theme not in themes and theme != NO_THEME):
            raise bad(at, f"theme {shown(theme)} is not one of {', '.join(themes)} or empty")
        text = _mapping(item.get("text"), at, "its text")
        texts = {lang: _text(text.get(lang), at, f"its {lang} text", STATEMENT_LIMIT) for lang in LANGUAGES}
        statements.append(Statement(id=sid, theme=theme, text=texts))
    try:
        return StatementSet(id=set_id, name=name, statements=tuple(statements), themes=themes)
    except ReviewError as exc:
        raise bad(where, exc.message("en").rstrip(".")) from None


def _themes(value: object) -> dict[str, dict[str, str]]:
    """The set's own themes; an export from before themes were content has the Goed Werk three."""
    if value is None:
        return default_themes()
    where = "the themes of the statement set"
    themes = _mapping(value, where, "the themes")
    _list(list(themes), where, "its themes", MAX_STATEMENTS)
    out = {}
    for theme, names in themes.items():
        if not theme:
            raise bad(where, "a theme id is empty")
        out[_text(theme, where, "a theme id", NAME_LIMIT)] = _names(names, f"theme {shown(theme)}", theme)
    return out


def _grid(value: object, n_statements: int) -> Grid:
    where = "the grid"
    doc = _mapping(value, where, "the grid")
    grid_id = _text(doc.get("id"), where, "its id", NAME_LIMIT)
    name = _names(doc.get("name"), where, grid_id)
    items = _list(doc.get("columns"), where, "its columns", 2 * GRID_SPAN + 1)
    values, counts = [], []
    for k, raw in enumerate(items, start=1):
        column = _mapping(raw, f"column {k} of the grid", "the column")
        values.append(_int(column.get("value"), f"column {k} of the grid", "value", -GRID_SPAN, GRID_SPAN))
        counts.append(_int(column.get("count"), f"column {k} of the grid", "count", 1, MAX_STATEMENTS))
    try:
        grid = Grid(id=grid_id, name=name, values=tuple(values), counts=tuple(counts))
    except ReviewError as exc:
        raise bad(where, exc.message("en").rstrip(".")) from None
    if grid.size != n_statements:
        raise bad(where, f"has {grid.size} places but the statement set has {n_statements} statements")
    return grid


def _timestamp(value: object, where: str) -> datetime | None:
    """An ISO 8601 time as naive UTC (how the store keeps times), or None when absent."""
    if value is None:
        return None
    example = "an ISO date and time such as 2025-03-14T09:30:00"
    if not isinstance(value, str) or len(value) > TIMESTAMP_LIMIT:
        raise bad(where, f"submitted_at {shown(value)} is not {example}")
    try:
        stamp = datetime.fromisoformat(value.strip())
        return stamp.astimezone(UTC).replace(tzinfo=None) if stamp.tzinfo else stamp
    except (ValueError, OverflowError):
        raise bad(where, f"submitted_at {shown(value)} is not {example}") from None


def _placements(value: object, grid: Grid, ids: list[int], where: str) -> dict[int, int]:
    raw = _mapping(value, where, "placements")
    if len(raw) > len(ids):
        raise bad(where, f"places {len(raw)} statements; the set has {len(ids)}")
    columns: dict[str, list[str]] = {}
    for sid, position in raw.items():
        if not re.fullmatch(r"[0-9]{1,7}", sid):
            raise bad(where, f"{shown(sid)} is not a statement number")
        value = _int(position, where, f"the position of statement {sid}", -GRID_SPAN, GRID_SPAN)
        columns.setdefault(str(value), []).append(sid)
    try:
        return grid.validate_columns(columns, ids)
    except ReviewError as exc:
        raise bad(where, exc.message("en").rstrip(".")) from None


def _sorts(
    items: list[Any], grid: Grid, ids: list[int], conditions: tuple[str, ...], roles: tuple[str, ...]
) -> list[dict[str, Any]]:
    sorts: list[dict[str, Any]] = []
    first_of: dict[tuple[str, int, str], int] = {}
    role_of: dict[str, str | None] = {}
    for k, raw in enumerate(items, start=1):
        sort = _mapping(raw, f"sort {k}", "the sort")
        who = _text(sort.get("participant"), f"sort {k}", "participant", PARTICIPANT_LIMIT)
        where = f"sort {k} ({who})"
        round_no = _int(sort.get("round", 1), where, "round", 1, MAX_ROUNDS)
        condition = sort.get("condition")
        if not isinstance(condition, str) or condition not in CONDITIONS:
            raise bad(where, f"condition {shown(condition)} is not one of {', '.join(CONDITIONS)}")
        if condition not in conditions:
            raise bad(where, f"is a {condition} sort, but the study asks only {', '.join(conditions)}")
        subgroup = sort.get("subgroup")
        if subgroup not in (None, "") and (not isinstance(subgroup, str) or one_line(subgroup) not in roles):
            raise bad(where, f"subgroup {shown(subgroup)} is not one of the study's roles")
        subgroup = one_line(subgroup) if subgroup else None
        if role_of.setdefault(who, subgroup) != subgroup:
            raise bad(where, f"gives {who} another subgroup than an earlier sort does")
        key = (who, round_no, condition)
        if key in first_of:
            raise bad(where, f"repeats sort {first_of[key]}: the same participant, round and condition")
        first_of[key] = k
        sorts.append(
            {
                "participant": who,
                "round": round_no,
                "condition": condition,
                "subgroup": subgroup,
                "submitted_at": _timestamp(sort.get("submitted_at"), where),
                "placements": _placements(sort.get("placements"), grid, ids, where),
            }
        )
    return sorts


def _comment_text(value: object, where: str) -> str:
    """A comment as the phone keeps it: line breaks allowed, other control characters removed."""
    if not isinstance(value, str):
        raise bad(where, f"the comment must be text, not {shown(value)}")
    text = CONTROL.sub("", value).strip()
    if len(text) > COMMENT_LIMIT:
        raise bad(where, f"the comment is {len(text)} characters; at most {COMMENT_LIMIT}")
    return text


def _comments(items: list[Any], sorts: list[dict[str, Any]], grid: Grid, ids: list[int]) -> list[dict[str, Any]]:
    """The comments, each on a card of a sort in the file; as on the phone
    (:func:`review.room.sessions.check_comments`), only cards in the two outer columns take one."""
    placed = {(s["participant"], s["round"], s["condition"]): s["placements"] for s in sorts}
    outer = (min(grid.values), max(grid.values))
    fields = ("participant", "round", "condition", "statement_id", "comment")
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, int, str, int]] = set()
    for k, raw in enumerate(items, start=1):
        where = f"comment {k}"
        comment = _mapping(raw, where, "the comment")
        missing = [f for f in fields if f not in comment]
        if missing:
            raise bad(where, f"lacks {', '.join(missing)}")
        who = _text(comment["participant"], where, "participant", PARTICIPANT_LIMIT)
        round_no = _int(comment["round"], where, "round", 1, MAX_ROUNDS)
        condition = comment["condition"]
        if not isinstance(condition, str) or (who, round_no, condition) not in placed:
            raise bad(where, f"belongs to no sort in the file ({who}, round {round_no}, {shown(condition)})")
        sid = _int(comment["statement_id"], where, "statement_id", 1, MAX_STATEMENT_ID)
        if sid not in ids:
            raise bad(where, f"statement {sid} is not in the statement set")
        if (who, round_no, condition, sid) in seen:
            raise bad(where, "repeats an earlier comment on the same card")
        seen.add((who, round_no, condition, sid))
        text = _comment_text(comment["comment"], where)
        if not text:  # a blank comment is no comment, as on the phone
            continue
        position = placed[(who, round_no, condition)][sid]  # a checked sort places every statement
        if position not in outer:
            raise bad(
                where,
                f"statement {sid} sits in column {column_label(position)}; comments belong only to cards "
                f"in the outer columns ({column_label(outer[0])} and {column_label(outer[1])})",
            )
        out.append(
            {"participant": who, "round": round_no, "condition": condition, "statement_id": sid, "comment": text}
        )
    return out


def read_json(data: bytes | str) -> ImportedStudy:
    """Our own JSON export (:func:`review.studies.exports.to_json`), for moving a session between
    installations; every field is checked, unknown extra fields are ignored."""
    what = "the JSON file"
    text = decode(data, "JSON")
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise bad(what, f"is not JSON ({str(exc)[:80]})") from None
    if not isinstance(doc, dict) or doc.get("format") != "review-session":
        raise bad(what, "is not a REVIEW session export")
    version = doc.get("version", EXPORT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > EXPORT_VERSION:
        raise bad(what, f"has format version {shown(version)}; this REVIEW reads up to {EXPORT_VERSION}")
    meta = _mapping(doc.get("session", {}), what, "session")
    raw_conditions = _list(meta.get("conditions", ["observed"]), "the session", "conditions", len(CONDITIONS))
    if not raw_conditions or not all(isinstance(c, str) and c in CONDITIONS for c in raw_conditions):
        raise bad("the session", f"conditions must be {' and/or '.join(CONDITIONS)}")
    conditions = tuple(c for c in CONDITIONS if c in raw_conditions)
    raw_roles = _list(meta.get("roles", []), "the session", "roles", MAX_ROLES)
    cleaned = [_text(r, "the session", f"role {k}", ROLE_LIMIT) for k, r in enumerate(raw_roles, start=1)]
    if any("," in r for r in cleaned):
        raise bad("the session", "a role holds a comma")
    try:
        roles = parse_roles(",".join(cleaned))
    except ReviewError as exc:
        raise bad("the session", exc.message("en").rstrip(".")) from None
    ask_comments = meta.get("ask_comments", False)
    if not isinstance(ask_comments, bool):
        raise bad("the session", f"ask_comments must be true or false, not {shown(ask_comments)}")
    if "title" in meta and meta["title"] is not None and not isinstance(meta["title"], str):
        raise bad("the session", f"the title must be text, not {shown(meta['title'])}")
    statement_set = _statement_set(doc.get("statement_set"))
    grid = _grid(doc.get("grid"), len(statement_set.statements))
    sorts = _sorts(_list(doc.get("sorts", []), what, "sorts", MAX_SORTS), grid, statement_set.ids, conditions, roles)
    comments = _comments(
        _list(doc.get("comments", []), what, "comments", MAX_SORTS * 2), sorts, grid, statement_set.ids
    )
    return ImportedStudy(
        clean_title(meta.get("title"), "JSON import"),
        statement_set,
        grid,
        conditions,
        roles,
        ask_comments,
        sorts,
        comments,
    )
