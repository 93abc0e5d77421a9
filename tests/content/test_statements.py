from collections import Counter

import pytest

from review.content.statements import THEMES, StatementSet, available_statement_sets, load_statement_set
from review.errors import InvalidStatementSet
from review.i18n import LANGUAGES


def test_default_set_has_50_unique_statements(statement_set: StatementSet) -> None:
    ids = statement_set.ids
    assert len(ids) == 50
    assert len(set(ids)) == 50
    assert ids == list(range(1, 51))  # PQMethod numbers statements 1..N


def test_every_statement_speaks_both_languages_as_we(statement_set: StatementSet) -> None:
    for s in statement_set.statements:
        assert set(s.text) >= set(LANGUAGES)
        assert s.text["nl"].startswith("Wij "), s.id
        assert s.text["en"].startswith("We "), s.id
    assert len({s.text["nl"] for s in statement_set.statements}) == 50
    assert len({s.text["en"] for s in statement_set.statements}) == 50


def test_themes_are_balanced(statement_set: StatementSet) -> None:
    counts = Counter(s.theme for s in statement_set.statements)
    assert set(counts) == set(THEMES)
    assert max(counts.values()) - min(counts.values()) <= 1


def test_seed_examples_are_in_the_set(statement_set: StatementSet) -> None:
    texts = {s.text["nl"] for s in statement_set.statements}
    assert "Wij nemen de tijd voor elke klant." in texts
    assert "Wij laten waardering blijken aan collega's." in texts
    assert "Wij stellen vragen als we iets niet weten." in texts


def test_set_round_trips(statement_set: StatementSet) -> None:
    assert StatementSet.from_dict(statement_set.to_dict()) == statement_set
    assert [s.id for s in available_statement_sets()] == ["goed-werk-50"]
    assert load_statement_set().by_id()[18].in_language("en") == "We take time for every client."


def _doc(**change):
    stmt = {"id": 1, "theme": "vakmanschap", "text": {"nl": "Wij a.", "en": "We a."}}
    stmt.update(change)
    return {"id": "t", "statements": [stmt]}


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        ({"id": "t", "statements": []}, "no statements"),
        ({"id": "t", "statements": [_doc()["statements"][0]] * 2}, "repeated ids"),
        (_doc(theme="kwaliteit"), "unknown theme"),
        (_doc(text={"nl": "Wij a."}), "no en text"),
        (_doc(text={"nl": " ", "en": "We a."}), "no nl text"),
        (_doc(id="7"), "not a positive whole number"),
        (_doc(id=0), "not a positive whole number"),
        ({"id": "t"}, "missing field"),
    ],
)
def test_invalid_sets_are_refused(doc, reason: str) -> None:
    with pytest.raises(InvalidStatementSet, match=reason):
        StatementSet.from_dict(doc)
