from ui.screens.text import md_escape


def test_markdown_in_user_text_is_shown_literally() -> None:
    assert md_escape("[klik](http://x) **vet** <b>") == r"\[klik\]\(http://x\) \*\*vet\*\* \<b\>"
    assert md_escape("Wij nemen de tijd voor elke klant.") == r"Wij nemen de tijd voor elke klant\."
