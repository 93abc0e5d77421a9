import re

from review.i18n import LANGUAGES, MESSAGES, pick_language, t


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
