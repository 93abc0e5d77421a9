import re

from review.i18n import LANGUAGES, MESSAGES, PLURAL, pick_language, plural, t


def test_every_message_exists_in_both_languages_with_the_same_placeholders() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        fields = {lang: set(re.findall(r"\{(\w+)", text)) for lang, text in texts.items()}
        assert fields["nl"] == fields["en"], key


def test_browser_locale_picks_the_language() -> None:
    assert pick_language("en-GB") == "en"
    assert pick_language("nl_BE") == "nl"
    assert pick_language("de-DE") == "nl"
    assert pick_language(None) == "nl"
    assert t("board.count", "en", n=1, count=2) == "1 of 2"


def test_a_word_after_a_count_takes_its_singular_for_one() -> None:
    assert t("library.problems", "nl", count=1) == "Deze set kan zo niet bewaard worden (1 probleem):"
    assert t("library.problems", "nl", count=3) == "Deze set kan zo niet bewaard worden (3 problemen):"
    assert t("library.problems", "en", count=1) == "This set cannot be saved like this (1 problem):"
    assert t("library.problems", "en", count=0) == "This set cannot be saved like this (0 problems):"
    one = t("lifecycle.delete_session_what", "nl", participants=1, sorts=2, drafts=1, comments=0, notes=1)
    assert "1 deelnemer, 2 sorteringen, 1 concept, 0 opmerkingen en 1 notitie." in one
    assert t("library.row", "en", n=20, version=1, versions=1, sessions=2) == (
        "20 statements · version 1 · 1 version · used in 2 sessions"
    )


def test_every_plural_form_names_a_count_the_message_is_filled_with() -> None:
    """``{n|one|other}`` must name a placeholder of its own message, or it would never change."""
    for key, texts in MESSAGES.items():
        for text in texts.values():
            filled = set(re.findall(r"\{(\w+)[}:!]", text))
            for name, one, other in PLURAL.findall(text):
                assert name in filled and one and other and one != other, (key, name)
    assert plural("{n} {n|kaart|kaarten}", {"n": 1}) == "{n} kaart"  # the forms go before str.format
