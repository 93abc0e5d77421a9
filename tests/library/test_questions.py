"""The reflective questions as content: the default set, every rule of an edited set, the rotation
and the round trip through the store."""

from __future__ import annotations

import json

import pytest

from review.errors import ReviewError
from review.library.questions import (
    CONTENT_KIND,
    DEFAULT_PATH,
    MAX_LENGTH,
    MAX_QUESTIONS,
    QUESTION_KINDS,
    InvalidQuestions,
    default_questions,
    is_default,
    load_questions,
    parse_questions,
    question_problems,
    reset_questions,
    save_questions,
)
from review.store import Store


def rows() -> list[dict]:
    """One valid question per kind."""
    return [{"kind": k, "nl": f"Vraag over {k}?", "en": f"Question about {k}?"} for k in QUESTION_KINDS]


def keys(problems: list[InvalidQuestions]) -> list[str]:
    return [p.key for p in problems]


def test_the_default_set_is_valid_with_four_to_six_questions_per_kind_in_both_languages() -> None:
    questions = default_questions()
    for kind in QUESTION_KINDS:
        pool = questions.of_kind(kind)
        assert 4 <= len(pool) <= 6, kind
        for q in pool:
            assert q.nl and q.en and q.nl != q.en
            assert len(q.nl) <= MAX_LENGTH and len(q.en) <= MAX_LENGTH
    assert not question_problems(json.loads(DEFAULT_PATH.read_text("utf-8"))["questions"])


def test_a_valid_set_passes_and_texts_are_trimmed() -> None:
    given = rows()
    given[0]["nl"] = "  Wat zie jij?  "
    questions = parse_questions(given)
    assert questions.of_kind("disputed")[0].nl == "Wat zie jij?"
    assert len(questions.questions) == len(QUESTION_KINDS)


def test_empty_rows_from_the_editor_are_left_out() -> None:
    given = [*rows(), {"kind": None, "nl": None, "en": float("nan")}, {"kind": "", "nl": " ", "en": ""}]
    assert not question_problems(given)
    assert len(parse_questions(given).questions) == len(QUESTION_KINDS)


def test_an_unknown_kind_is_named_with_its_row() -> None:
    given = [*rows(), {"kind": "gossip", "nl": "Wie?", "en": "Who?"}]
    (problem,) = question_problems(given)
    assert problem.key == "questions.unknown_kind"
    assert "Row 6" in problem.message("en") and "gossip" in problem.message("en")
    assert "Regel 6" in problem.message("nl")


def test_a_question_with_text_but_no_kind_is_an_unknown_kind() -> None:
    assert keys(question_problems([*rows(), {"kind": None, "nl": "Wie?", "en": "Who?"}])) == ["questions.unknown_kind"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_missing_translation_names_the_kind_and_the_number(lang: str) -> None:
    given = [*rows(), {"kind": "gap", "nl": "Wat nu?", "en": "What now?"}]
    given[-1][lang] = "   "
    (problem,) = question_problems(given)
    assert problem.key == f"questions.empty_{lang}"
    assert problem.params == {"kind": "gap", "number": 2}
    assert "Question 2 of 'Gap now–desired'" in problem.message("en")
    assert "Vraag 2 bij 'Kloof nu–gewenst'" in problem.message("nl")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_question_past_the_limit_says_how_long_it_is(lang: str) -> None:
    given = rows()
    given[1][lang] = "x" * (MAX_LENGTH + 1)
    (problem,) = question_problems(given)
    assert problem.key == f"questions.too_long_{lang}"
    assert f"{MAX_LENGTH + 1} characters; the maximum is {MAX_LENGTH}" in problem.message("en")
    given[1][lang] = "x" * MAX_LENGTH  # exactly the limit is fine
    assert not question_problems(given)


def test_every_kind_needs_a_question() -> None:
    given = [r for r in rows() if r["kind"] not in ("split", "session")]
    problems = question_problems(given)
    assert keys(problems) == ["questions.missing_kind", "questions.missing_kind"]
    assert "'Viewpoints split'" in problems[0].message("en") and "'Hele sessie'" in problems[1].message("nl")


def test_a_set_has_at_most_so_many_questions() -> None:
    extra = [{"kind": "session", "nl": f"Vraag {i}?", "en": f"Question {i}?"} for i in range(MAX_QUESTIONS)]
    assert keys(question_problems([*rows(), *extra])) == ["questions.too_many"]


def test_every_broken_rule_is_named_at_once_and_parse_raises_the_first() -> None:
    given = [{"kind": "disputed", "nl": "", "en": ""}, {"kind": "x", "nl": "a", "en": "b"}]
    problems = question_problems(given)
    assert keys(problems)[:3] == ["questions.empty_nl", "questions.empty_en", "questions.unknown_kind"]
    assert "questions.missing_kind" in keys(problems)
    with pytest.raises(InvalidQuestions) as caught:
        parse_questions(given)
    assert caught.value.key == "questions.empty_nl"


def test_questions_of_one_kind_take_turns_deterministically() -> None:
    questions = default_questions()
    pool = questions.of_kind("disputed")
    picked = [questions.pick("disputed", i, "session-1") for i in range(len(pool))]
    assert len(set(picked)) == len(pool)  # every question once before any comes back
    assert picked == [questions.pick("disputed", i, "session-1") for i in range(len(pool))]
    assert questions.pick("disputed", len(pool), "session-1") == picked[0]
    assert questions.pick("disputed", 0) == pool[0]


def test_the_content_round_trip_is_lossless(store: Store) -> None:
    assert store.content_doc("anything") is None
    doc = {"questions": [{"kind": "gap", "nl": "Wat is “goed”? <b>", "en": "What's 'good'? <b>"}], "n": 3}
    store.save_content("anything", doc)
    assert store.content_doc("anything") == doc
    store.save_content("anything", {"questions": []})  # a second save replaces the first
    assert store.content_doc("anything") == {"questions": []}
    store.drop_content("anything")
    assert store.content_doc("anything") is None


def test_an_edited_set_is_saved_loaded_and_reset(store: Store) -> None:
    assert is_default(store) and load_questions(store) == default_questions()
    saved = save_questions(store, rows())
    assert not is_default(store)
    assert load_questions(store) == saved != default_questions()
    assert reset_questions(store) == default_questions()
    assert is_default(store) and load_questions(store) == default_questions()


def test_an_invalid_set_is_not_stored(store: Store) -> None:
    save_questions(store, rows())
    with pytest.raises(ReviewError):
        save_questions(store, rows()[:2])
    assert load_questions(store) == parse_questions(rows())


def test_a_stored_set_that_breaks_the_rules_gives_way_to_the_default(store: Store) -> None:
    store.save_content(CONTENT_KIND, {"questions": [{"kind": "gap", "nl": "", "en": "x"}]})
    assert load_questions(store) == default_questions()
