"""Showing user-supplied text safely: one helper per kind of sink.

Titles, statement texts (typed or imported from any file), role names, comments and whatever a URL
carries are shown as typed, never as markup:

- Markdown sinks (``st.markdown``/``write``/``caption``/``title``/``header``, ``st.error`` and the
  other alerts, widget labels and help): :func:`md_text`; a message whose template has Markdown of
  its own: :func:`md_message`; a domain error: :func:`error_text`.
- HTML sinks (``st.html``, ``unsafe_allow_html``): :func:`html_text`.
- Plotly labels: :func:`review.charts.layout.plain` (the domain builds the figures).
- The sorting board sets ``textContent`` only (``ui/screens/qsort/board.js``).
"""

from __future__ import annotations

import html
import re

from review.errors import ReviewError
from review.i18n import t

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
WORD_JOINER = "\u2060"  # invisible, no line break: splits a pattern without changing what a reader sees
# Streamlit's Markdown turns some patterns into links, icons, emoji or typographic arrows by matching
# the text after escapes and character references are resolved, so no escape can stop them (measured in
# the browser: ``https\://``, ``https&#58;//``, ``a&#64;b.nl`` and ``&#58;streamlit:`` still turn into
# links and a logo): bare URLs (``https://``, ``www.``), e-mail addresses, ``:emoji:``,
# ``:material/icon:`` and ``:streamlit:``, and the arrows ``->``, ``<-``, ``<->``, ``--``, ``>=``,
# ``<=``, ``~=`` standing between spaces. A word joiner inside each breaks it; it goes only there, never
# after an ordinary colon ("Note: ...", "10:30"), so ordinary text is copied as typed. It runs after
# md_escape, so it looks for the escaped characters.
_TEXT_PATTERNS = re.compile(
    r"(?<=:)(?=//)"  # a URL's scheme
    r"|(?<=:)(?=(?:[^\W_]|\\[-+_])+:|material/)"  # a shortcode: an emoji, a material icon, the logo
    r"|(?<=www)(?=\\\.)"  # www.
    r"|(?<=[\w.+-]@)(?=[^\W_]|\\[-_])",  # an e-mail address
    re.IGNORECASE,
)
_ARROWS = re.compile(r"(?:^|(?<=\s))(\\[-<>~])(?=(?:\\[->=]){1,2}(?:\s|$))")  # the joiner after the first character
# A colon before a letter starts one of Markdown's directives (``:red`` swallowed the word it was
# glued to, ``::name`` a whole line); a backslash, which shows nothing, stops that at the source.
_DIRECTIVE = re.compile(r":(?=[A-Za-z])")
_MORE_SPECIALS = re.compile(r"([=&])")  # a "===" line under text makes a heading; "&lt;" an entity
_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|\r|\n)+[ \t]*")


def md_escape(text: object) -> str:
    """Text with Markdown's special characters backslash-escaped: no links, emphasis or HTML from a
    statement or title. The building block of :func:`md_text`, which is what pages use."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def md_text(text: object) -> str:
    """User text for a Markdown sink, shown exactly as typed: the escapes of :func:`md_escape`, the
    heading underline and entities escaped too, a colon before a letter escaped (a directive), the
    patterns Streamlit rewrites after escapes (URLs, shortcodes, arrows) broken by an invisible word
    joiner inside them and nowhere else, and line breaks kept as line breaks (a blank line would end
    a surrounding ``**``)."""
    escaped = _MORE_SPECIALS.sub(r"\\\1", md_escape(text))
    broken = _ARROWS.sub(r"\1" + WORD_JOINER, _TEXT_PATTERNS.sub(WORD_JOINER, escaped))
    return _LINE_BREAKS.sub("  \n", _DIRECTIVE.sub(r"\\:", broken))


class _Escaped:
    """A text parameter that formats escaped, also as ``{value!r}`` (the repr is taken first: escaping
    first would double every backslash in the repr and undo the escapes)."""

    def __init__(self, value: str) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        return format(md_text(self.value), spec)

    def __str__(self) -> str:
        return md_text(self.value)

    def __repr__(self) -> str:
        return md_text(repr(self.value))


def _escaped(params: dict[str, object]) -> dict[str, object]:
    """Text parameters escaped; numbers stay numbers, so format specs such as ``{n:.1f}`` still work."""
    return {k: _Escaped(v) if isinstance(v, str) else v for k, v in params.items()}


def md_message(key: str, lang: str, /, **params: object) -> str:
    """The message ``key`` for a Markdown sink: the template's own Markdown (``**bold**``) kept,
    the text it is filled with (a URL, a host, role names) escaped."""
    return t(key, lang, **_escaped(params))


def error_text(exc: ReviewError, lang: str) -> str:
    """``exc``'s message for ``st.error`` and the like: the template's Markdown kept, every text it
    was filled with (a typed code, a line of an imported file) shown as typed.

    Built on a copy of the error whose text fields are escaped, so an error class with its own
    ``message`` (``QAnalysisError`` puts the file's line and field first) keeps its wording."""
    twin = BaseException.__new__(type(exc))
    twin.__dict__.update({k: md_text(v) if isinstance(v, str) and k != "key" else v for k, v in vars(exc).items()})
    twin.params = _escaped(exc.params)
    return twin.message(lang)


def html_text(text: object) -> str:
    """User text for ``st.html`` or ``unsafe_allow_html`` markup (element content or a quoted
    attribute): shown exactly as typed. Markdown escapes would show as backslashes there."""
    return html.escape(str(text), quote=True)
