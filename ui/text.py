"""Showing user-supplied text safely."""

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: str) -> str:
    """Text that Markdown shows literally: no links, emphasis or HTML from a statement or title."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))
