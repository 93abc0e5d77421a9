"""The reflective questions that go with the discussion's starting points, as editable content.

The default set (``data/questions/goed-werk.json``) is written for this product in the spirit of
Goed Werk: professionals reflecting on the quality of their own work, open questions, a mirror and
not a verdict. A facilitator may edit the set in the app; the edited set lives in the store
(content kind ``questions``) and a reset brings the default back.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from review.errors import ReviewError
from review.i18n import LANGUAGES, t
from review.store import Store

QUESTION_KINDS = ("disputed", "gap", "split", "consensus", "session")  # four kinds of starting point, and the session
CONTENT_KIND = "questions"  # the row in the store's ``content`` table
MAX_LENGTH = 300  # characters: a question is read aloud in one breath and fits two lines of a card
MAX_QUESTIONS = 100  # all kinds together: more than any facilitator reads through, and a bound on the stored doc
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "questions" / "goed-werk.json"


class InvalidQuestions(ReviewError):
    """A question set that breaks a rule; ``kind`` in the params is said as the editor shows it."""

    key = "questions.invalid"

    def message(self, lang: str) -> str:
        params = dict(self.params)
        kind = str(params.get("kind", ""))
        if kind in QUESTION_KINDS:
            params["kind"] = t(f"questions.kind.{kind}", lang)
        return t(self.key, lang, **params)


@dataclass(frozen=True)
class Question:
    kind: str
    nl: str
    en: str

    def in_language(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class QuestionSet:
    questions: tuple[Question, ...]

    def of_kind(self, kind: str) -> list[Question]:
        return [q for q in self.questions if q.kind == kind]

    def pick(self, kind: str, index: int, seed: str = "") -> Question:
        """The ``index``-th question of ``kind`` in a rotation that starts at a place set by ``seed``
        (a session id): the points of one kind get different questions while the kind has enough,
        and the meetings of a trajectory do not all open with the same one. Deterministic, so a
        rerun or a second tab shows the same question."""
        pool = self.of_kind(kind)
        start = zlib.crc32(seed.encode("utf-8")) if seed else 0
        return pool[(start + index) % len(pool)]

    def to_dict(self) -> dict[str, Any]:
        return {"questions": [{"kind": q.kind, "nl": q.nl, "en": q.en} for q in self.questions]}


def question_problems(rows: Iterable[Mapping[str, Any]]) -> list[InvalidQuestions]:
    """Every rule a list of ``{kind, nl, en}`` rows breaks, in table order.

    Rows with neither a kind nor a text are left out (the editor's empty last row). Rules: a known
    kind; Dutch and English text, each at most :data:`MAX_LENGTH` characters; at most
    :data:`MAX_QUESTIONS`; at least one question of every kind. A question is named by its kind and
    its number within that kind, as the facilitator counts them in the editor."""
    problems: list[InvalidQuestions] = []
    counted: dict[str, int] = {}
    kept = 0
    for row_no, row in enumerate(rows, start=1):
        kind, texts = _text(row.get("kind")), {lang: _text(row.get(lang)) for lang in LANGUAGES}
        if not kind and not any(texts.values()):
            continue
        kept += 1
        if kind not in QUESTION_KINDS:
            problems.append(InvalidQuestions("questions.unknown_kind", row=row_no, kind=kind))
            continue
        counted[kind] = number = counted.get(kind, 0) + 1
        for lang, text in texts.items():
            if not text:
                problems.append(InvalidQuestions(f"questions.empty_{lang}", kind=kind, number=number))
            elif len(text) > MAX_LENGTH:
                too_long = InvalidQuestions(
                    f"questions.too_long_{lang}", kind=kind, number=number, n=len(text), max=MAX_LENGTH
                )
                problems.append(too_long)
    if kept > MAX_QUESTIONS:
        problems.append(InvalidQuestions("questions.too_many", n=kept, max=MAX_QUESTIONS))
    problems.extend(InvalidQuestions("questions.missing_kind", kind=k) for k in QUESTION_KINDS if k not in counted)
    return problems


def parse_questions(rows: Iterable[Mapping[str, Any]]) -> QuestionSet:
    """A valid question set from ``{kind, nl, en}`` rows (texts trimmed), or the first rule broken."""
    rows = list(rows)
    problems = question_problems(rows)
    if problems:
        raise problems[0]
    return QuestionSet(
        tuple(
            Question(_text(r.get("kind")), _text(r.get("nl")), _text(r.get("en")))
            for r in rows
            if _text(r.get("kind")) or _text(r.get("nl")) or _text(r.get("en"))
        )
    )


def default_questions() -> QuestionSet:
    """The set written for this product (valid by test)."""
    return parse_questions(json.loads(DEFAULT_PATH.read_text("utf-8"))["questions"])


def load_questions(store: Store) -> QuestionSet:
    """The facilitator's edited set, else the default. A stored set that no longer passes the rules
    (written by an older version) gives way to the default rather than break the discussion."""
    doc = store.content_doc(CONTENT_KIND)
    if doc is None:
        return default_questions()
    try:
        return parse_questions(doc.get("questions", []))
    except ReviewError:
        return default_questions()


def save_questions(store: Store, rows: Iterable[Mapping[str, Any]]) -> QuestionSet:
    """Check and store an edited set; raises :class:`InvalidQuestions` and stores nothing if it breaks a rule."""
    questions = parse_questions(rows)
    store.save_content(CONTENT_KIND, questions.to_dict())
    return questions


def reset_questions(store: Store) -> QuestionSet:
    """Back to the default set (and to later improvements of it)."""
    store.drop_content(CONTENT_KIND)
    return default_questions()


def is_default(store: Store) -> bool:
    return store.content_doc(CONTENT_KIND) is None


def _text(value: Any) -> str:
    """A cell as text: the data editor gives None (or NaN) for an empty cell."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()
