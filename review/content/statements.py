"""Statement sets: the "we" statements participants sort, in both languages."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review.errors import InvalidStatementSet
from review.i18n import LANGUAGES

STATEMENTS_DIR = Path(__file__).resolve().parents[2] / "data" / "statements"
DEFAULT_SET_ID = "goed-werk-50"
NO_THEME = ""  # statements imported from other studies carry no Goed Werk theme

# The three E's of the Good Work Project as Stichting Beroepseer translates them.
THEMES: dict[str, dict[str, str]] = {
    "vakmanschap": {"nl": "Vakmanschap", "en": "Craftsmanship"},
    "betrokkenheid": {"nl": "Persoonlijke betrokkenheid", "en": "Personal engagement"},
    "verantwoordelijkheid": {"nl": "Verantwoordelijkheid", "en": "Responsibility"},
}


def default_themes() -> dict[str, dict[str, str]]:
    """A fresh copy of :data:`THEMES`: the themes of a set that names none (older snapshots and files)."""
    return {theme: dict(names) for theme, names in THEMES.items()}


@dataclass(frozen=True)
class Statement:
    id: int
    theme: str
    text: Mapping[str, str]

    def in_language(self, lang: str) -> str:
        return self.text.get(lang) or self.text[LANGUAGES[0]]


@dataclass(frozen=True)
class StatementSet:
    id: str
    name: Mapping[str, str]
    statements: tuple[Statement, ...]
    # The set's own themes, {theme id: {lang: name}}: content like the statements themselves.
    themes: Mapping[str, Mapping[str, str]] = field(default_factory=default_themes)

    def __post_init__(self) -> None:
        ids = [s.id for s in self.statements]
        if not ids:
            raise InvalidStatementSet(name=self.id, reason="no statements")
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise InvalidStatementSet(name=self.id, reason=f"repeated ids {dupes}")
        for s in self.statements:
            if not isinstance(s.id, int) or isinstance(s.id, bool) or s.id < 1:
                raise InvalidStatementSet(name=self.id, reason=f"id {s.id!r} is not a positive whole number")
            if s.theme not in self.themes and s.theme != NO_THEME:
                raise InvalidStatementSet(name=self.id, reason=f"statement {s.id} has unknown theme {s.theme!r}")
            for lang in LANGUAGES:
                if not str(s.text.get(lang, "")).strip():
                    raise InvalidStatementSet(name=self.id, reason=f"statement {s.id} has no {lang} text")

    @property
    def ids(self) -> list[int]:
        return [s.id for s in self.statements]

    def by_id(self) -> dict[int, Statement]:
        return {s.id: s for s in self.statements}

    def theme_name(self, theme: str, lang: str) -> str:
        """A theme's name in ``lang`` (Dutch when missing); the id itself for a theme the set lacks."""
        names = self.themes.get(theme) or THEMES.get(theme) or {}
        return names.get(lang) or names.get(LANGUAGES[0]) or theme

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": dict(self.name),
            "statements": [{"id": s.id, "theme": s.theme, "text": dict(s.text)} for s in self.statements],
            "themes": {theme: dict(names) for theme, names in self.themes.items()},
        }

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> StatementSet:
        try:
            return cls(
                id=str(doc["id"]),
                name=dict(doc.get("name") or {"nl": doc["id"], "en": doc["id"]}),
                statements=tuple(
                    Statement(id=s["id"], theme=s["theme"], text=dict(s["text"])) for s in doc["statements"]
                ),
                themes=_themes(doc.get("themes")),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise InvalidStatementSet(name=str(doc.get("id", "?")), reason=f"missing field {exc}") from exc


def _themes(doc: object) -> dict[str, dict[str, str]]:
    """The themes of a stored document; a document from before themes were content has the default three."""
    if doc is None:
        return default_themes()
    return {str(theme): {str(lang): str(name) for lang, name in names.items()} for theme, names in doc.items()}


def load_statement_set(set_id: str = DEFAULT_SET_ID, directory: Path = STATEMENTS_DIR) -> StatementSet:
    return StatementSet.from_dict(json.loads((directory / f"{set_id}.json").read_text("utf-8")))


def available_statement_sets(directory: Path = STATEMENTS_DIR) -> list[StatementSet]:
    return [load_statement_set(p.stem, directory) for p in sorted(directory.glob("*.json"))]
