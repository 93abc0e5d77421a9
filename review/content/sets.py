"""A statement set's rules: a set (statements, themes and its grid) built from what the facilitator
typed or imported, every problem with it named at once.

A set is saved as a new version each time (:mod:`review.store.library`); a session keeps the
snapshot it was created with and records ``set_ref`` "id@version", so nothing changes under it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from review.content.grid import Grid, grid_name, proposed_grid
from review.content.statements import NO_THEME, StatementSet
from review.content.text import NAME_LIMIT, STATEMENT_LIMIT, one_line
from review.errors import InvalidGrid, ReviewError
from review.i18n import LANGUAGES

MIN_STATEMENTS = 20  # fewer and the forced grid hardly forces a choice
MAX_STATEMENTS = 80  # more and a sort takes longer than a workshop can give it
SET_ID_LIMIT = 40  # ids go into set_ref "id@version" and file names
FIELDS = ("id", "nl", "en", "theme")  # the columns of an export, and of the editor's rows


class SetProblems(ReviewError):
    """Everything wrong with a set at once; ``problems`` are errors whose messages name the row or id."""

    key = "library.problems"

    def __init__(self, problems: Sequence[ReviewError]) -> None:
        super().__init__(count=len(problems))
        self.problems = tuple(problems)


def set_ref(set_id: str, version: int) -> str:
    return f"{set_id}@{version}"


def slug(text: str, default: str = "set") -> str:
    """A lower-case ASCII id from a name: ``Goed Werk — zorg`` becomes ``goed-werk-zorg``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:SET_ID_LIMIT].strip("-") or default


def new_set_id(name: str, taken: Iterable[str]) -> str:
    """A fresh set id from its name, with -2, -3... when the id is taken (library sets and files alike)."""
    taken, base = set(taken), slug(name)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base[: SET_ID_LIMIT - len(str(n)) - 1]}-{n}"
    return candidate


def cell_text(value: object) -> str:
    """A cell as text: None and NaN are empty, 3.0 (a spreadsheet number) is "3"."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_line(value: object) -> str:
    return one_line(cell_text(value))


def _id(value: object) -> int | None:
    text = cell_text(value).strip()
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) <= 1_000_000 else None


def build_themes(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """The themes editor's rows ``{id, nl, en}`` as a set's themes; a new theme without an id gets
    one from its Dutch name. Raises :class:`SetProblems` for a theme without a name or a repeated id."""
    themes: dict[str, dict[str, str]] = {}
    problems: list[ReviewError] = []
    for k, row in enumerate(rows, start=1):
        names = {lang: cell_line(row.get(lang))[:NAME_LIMIT] for lang in LANGUAGES}
        theme = slug(cell_line(row.get("id")), "") or slug(names["nl"] or names["en"], "")
        if not theme and not any(names.values()):
            continue  # an empty row the editor added
        missing = [lang for lang in LANGUAGES if not names[lang]]
        if missing:
            problems.append(ReviewError("library.theme_no_name", row=k, lang=", ".join(missing)))
        elif theme in themes:
            problems.append(ReviewError("library.duplicate_theme", row=k, theme=theme))
        else:
            themes[theme] = names
    if problems:
        raise SetProblems(problems)
    return themes


def build_set(
    set_id: str,
    name: Mapping[str, str],
    rows: Sequence[Mapping[str, Any]],
    themes: Mapping[str, Mapping[str, str]],
    grid: Grid | Sequence[int],
    first_row: int = 1,
) -> tuple[StatementSet, Grid]:
    """A checked set and its grid from rows ``{id, nl, en, theme}`` (the editor's or a file's).

    Every problem is collected and raised together as :class:`SetProblems`, each naming its row
    (``first_row`` is the number of the first row: 2 in a spreadsheet under its heading) or id:
    a missing or repeated id, an empty text, a missing translation, a repeated text, a text too
    long, an unknown theme, fewer than 20 or more than 80 statements, a grid that does not sum to
    the number of statements. Rows with nothing in them are skipped. A text that looks like a
    formula (``=``, ``+``, ``-``, ``@`` first) is kept as typed: exports neutralise it.
    """
    problems: list[ReviewError] = []
    names = {lang: cell_line(name.get(lang))[:NAME_LIMIT] for lang in LANGUAGES}
    given = next((n for n in names.values() if n), "")
    if not given:
        problems.append(ReviewError("library.no_name"))
    names = {lang: names[lang] or given for lang in LANGUAGES}  # one language named: the other takes it
    statements: list[dict[str, Any]] = []
    seen_ids: dict[int, int] = {}
    seen_texts: dict[tuple[str, str], int] = {}
    for k, raw in enumerate(rows, start=first_row):
        row = {f: cell_line(raw.get(f)) for f in FIELDS}
        if not any(row.values()):
            continue
        sid = _id(raw.get("id"))
        if sid is None:
            problems.append(ReviewError("library.bad_id", row=k, value=row["id"]))
        elif sid in seen_ids:
            problems.append(ReviewError("library.duplicate_id", row=k, id=sid, first=seen_ids[sid]))
        else:
            seen_ids[sid] = k
        label = row["id"] or f"#{k}"
        if not row["nl"] and not row["en"]:
            problems.append(ReviewError("library.empty_text", row=k, id=label))
        for lang in LANGUAGES:
            text = row[lang]
            if not text:
                if row["nl"] or row["en"]:
                    problems.append(ReviewError(f"library.missing_{lang}", row=k, id=label))
                continue
            if len(text) > STATEMENT_LIMIT:
                problems.append(ReviewError("library.too_long", row=k, id=label, limit=STATEMENT_LIMIT))
            key = (lang, text.casefold())
            if key in seen_texts:
                problems.append(ReviewError("library.duplicate_text", row=k, id=label, first=seen_texts[key]))
            else:
                seen_texts[key] = k
        if row["theme"] != NO_THEME and row["theme"] not in themes:
            problems.append(ReviewError("library.unknown_theme", row=k, id=label, theme=row["theme"]))
        statements.append({"id": sid, "theme": row["theme"], "text": {lang: row[lang] for lang in LANGUAGES}})
    n = len(statements)
    if n < MIN_STATEMENTS:
        problems.append(ReviewError("library.too_few", n=n, least=MIN_STATEMENTS))
    elif n > MAX_STATEMENTS:
        problems.append(ReviewError("library.too_many", n=n, most=MAX_STATEMENTS))
    shaped = _grid(grid, set_id, problems)
    if shaped is not None and shaped.size != n:
        problems.append(ReviewError("library.grid_mismatch", cells=shaped.size, n=n))
    if problems:
        raise SetProblems(problems)
    doc = {"id": set_id, "name": names, "statements": statements, "themes": {k: dict(v) for k, v in themes.items()}}
    return StatementSet.from_dict(doc), shaped  # type: ignore[return-value]


def _grid(grid: Grid | Sequence[int], set_id: str, problems: list[ReviewError]) -> Grid | None:
    if isinstance(grid, Grid):
        return grid
    counts = list(grid)
    span = len(counts) // 2
    if len(counts) % 2 == 0 or any(not isinstance(c, int) or c < 1 for c in counts):
        problems.append(ReviewError("library.grid_counts"))
        return None
    try:
        return Grid(id=set_id, name=grid_name(counts), values=tuple(range(-span, span + 1)), counts=tuple(counts))
    except InvalidGrid:
        problems.append(ReviewError("library.grid_counts"))
        return None


def set_rows(statement_set: StatementSet) -> list[dict[str, Any]]:
    """The editor's rows ``{id, nl, en, theme}`` of a set."""
    return [
        {"id": s.id, "nl": s.text.get("nl", ""), "en": s.text.get("en", ""), "theme": s.theme}
        for s in statement_set.statements
    ]


def theme_rows(themes: Mapping[str, Mapping[str, str]]) -> list[dict[str, str]]:
    return [{"id": theme, **{lang: names.get(lang, "") for lang in LANGUAGES}} for theme, names in themes.items()]


def clamp_grid(n: int, span: int | None = None) -> Grid:
    """The proposed grid for ``n`` statements, or for the nearest allowed count while a set is being
    typed (fewer than 20 or more than 80 rows), so the editor always has a grid to show."""
    n = min(max(n, MIN_STATEMENTS), MAX_STATEMENTS)
    return proposed_grid(n, span if span is None or n >= 2 * span + 1 else None)
