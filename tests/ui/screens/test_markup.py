"""Text shown as text, never as markup: titles, statement texts, role names, comments and whatever a
URL carries, on every page and every reveal step (issue 9, "Markup where text belongs").

A hostile session (``build_hostile``) puts links, outside images, HTML, huge styled text, a script,
Markdown, LaTeX, Streamlit's own colour and emoji syntax and bare URLs into every piece of text a
person or an imported file can set. The pages are rendered with AppTest and every sink checked by
what it interprets: Markdown (st.markdown, captions, titles, alerts, widget labels and help), HTML
(st.html, ``unsafe_allow_html``) and plotly (which renders a subset of HTML in its labels). The same
session is opened in a real browser in tests/e2e/test_hostile_text.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from review.access.ratelimit import RateLimiter
from review.analysis.qmethod import QAnalysisError
from review.charts.layout import plain
from review.content.grid import load_grid
from review.content.statements import Statement, StatementSet, load_statement_set
from review.errors import BadSessionCode, UnknownSession
from review.room import live as room
from review.room.demo import demo_people
from review.room.sessions import create_session, join, submit_sort
from review.store import Session, Store
from tests.pages.room_states import dress_for_every_view
from tests.pages.test_room_states import render as render_page
from ui import state
from ui.screens.text import WORD_JOINER, error_text, html_text, md_message, md_text

ROOT = Path(__file__).resolve().parents[3]

# Everything here must show as typed. Each line is something a sink would otherwise interpret.
EVIL = (
    "[Tap](//ev.il/a)",  # a Markdown link
    "![x](//ev.il/a.png)",  # a Markdown image: loads from outside
    '<img src="//ev.il/b.png">',  # an HTML image
    '<a href="//ev.il/c">c</a>',  # an HTML link (plotly renders <a href> too)
    '<span style="color:red;font-size:90px">BIG</span>',  # huge red text on the projector
    "<script>window.__pwned=1</script>",
    "**bold** # heading $x^2$ :red[red]",  # Markdown, LaTeX and Streamlit's colour syntax
    "javascript:alert(1)",
    "https://ev.il/d www.ev.il/e a@ev.il :smile:",  # bare URLs, an address, an emoji shortcode
)
LITERAL = "[Tap](//ev.il/a)"  # what every page must show, literally
TITLE = '[Tap](//ev.il/a) <img src="//ev.il/b.png"> <span style="font-size:90px">BIG</span> :red[red]'
ROLES = ('<a href="//ev.il/c">c</a>', "![x](//ev.il/a.png) :red[r]", '<span style="font-size:90px">B</span>')
PEOPLE = 12  # 4 per role: every role above the anonymity threshold of 3, so the subgroup views show
HOSTILE_PARAMS = ("[Tap](//ev.il)", "![](//ev.il/a.png)", "<img src=//ev.il/x>", "**b** :red[r] $x$")


def hostile_statements() -> StatementSet:
    """The default set (its themes, so the themes view shows) with every text made of EVIL."""
    base = load_statement_set()
    statements = tuple(
        Statement(s.id, s.theme, {lang: f"{EVIL[k % len(EVIL)]} {s.id}" for lang in ("nl", "en")})
        for k, s in enumerate(base.statements)
    )
    return StatementSet("hostile", {"nl": "[Tap](//ev.il/s)", "en": "[Tap](//ev.il/s)"}, statements)


@dataclass
class Hostile:
    session: Session
    submitted: list[str] = field(default_factory=list)  # tokens of people who sent both sorts


def build_hostile(store: Store, reveal: str = "") -> Hostile:
    """A session whose title, statements, roles and comments are all EVIL: 12 people with both sorts,
    a role and a comment each, published; comments featured, four statements pinned, an analysis
    chosen for the room (so every reveal step has something to show), and ``reveal`` on screen."""
    statement_set, grid = hostile_statements(), load_grid()
    session = create_session(store, TITLE, statement_set, grid, ("observed", "desired"), ROLES, ask_comments=True)
    built = Hostile(session)
    people = demo_people(statement_set, grid, PEOPLE)
    tokens = [join(store, session) for _ in people]  # everyone in the room before the first sort
    for k, ((observed, desired, _), token) in enumerate(zip(people, tokens, strict=True)):
        top = next(sid for sid, v in observed.items() if v == max(grid.values))
        bottom = next(sid for sid, v in observed.items() if v == min(grid.values))
        notes = {str(top): " ".join(EVIL[k % 3 :]), str(bottom): EVIL[k % len(EVIL)]}
        submit_sort(store, session, token, "observed", columns_of(observed), notes, ROLES[k % len(ROLES)])
        submit_sort(store, session, token, "desired", columns_of(desired))
        built.submitted.append(token)
    built.session = dress_for_every_view(store, session, reveal)
    return built


def columns_of(placements: dict[int, int]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for sid, value in placements.items():
        out.setdefault(str(value), []).append(sid)
    return out


# -- what each kind of sink must never receive ------------------------------------------------

# Markdown that would turn into a link, an image, HTML, emphasis, a heading, maths, a colour, an
# emoji or an autolink. Escaped text has a backslash before each special character and before a
# colon that starts a directive, and a word joiner inside each URL, address and shortcode, so none
# of these match it.
MARKDOWN_DANGER = re.compile(
    r"(?<!\\)\]\("  # [text](url), ![alt](src)
    r"|(?<!\\)<(?:img|a|span|script)\b"  # raw HTML
    r"|(?<!\\)\*\*bold|(?<!\\)# heading|(?<!\\)\$x"  # emphasis, a heading, LaTeX
    r"|(?<!\\):(?=red|smile|material)"  # Streamlit's colour and emoji syntax
    r"|https?:(?=//ev)|www(?=\\?\.ev)|@(?=ev)"  # autolinks
)
# HTML from user text: tags must arrive as &lt;...&gt;.
# (The join panel's own QR code, a PNG in a data: URI, is the one image the app draws itself.)
HTML_DANGER = re.compile(
    r"<(?:img\b(?! class=\"join-qr\" src=\"data:image/png;base64,)|a\b|script\b)"
    r"|<span style=\"(?:color:red|font-size:90px)"
)


def _walk(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def sinks(at: AppTest) -> Iterator[tuple[str, str, str]]:
    """Every text the page sends to the browser, as (how the browser treats it, where, text).

    Plain-text sinks (st.text, input values, selectbox options) and the board's data (set with
    textContent, checked in the browser) are left out: they show anything as typed."""
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = type(node).__name__
        d = MessageToDict(proto, preserving_proto_field_name=True)
        if kind == "Html":
            yield "html", kind, d.get("body", "")
        elif "body" in d and kind not in ("Text", "Code"):  # markdown, captions, titles, headings, alerts
            yield ("html" if d.get("allow_html") else "markdown"), kind, d["body"]
        if kind == "UnknownElement" and "spec" in d:  # plotly
            for text in _strings(json.loads(d["spec"])):
                yield "plotly", kind, text
        for name in ("label", "help"):  # widget labels and help, Streamlit renders their Markdown
            if isinstance(d.get(name), str):
                yield "markdown", f"{kind}.{name}", d[name]
        if kind in ("ButtonGroup", "Radio"):  # pills and radio options are Markdown too
            for text in _strings(d.get("options", [])):
                yield "markdown", f"{kind}.options", text
        if kind == "Block":  # expanders, popovers and tabs carry labels
            for part in ("expandable", "popover", "tab"):
                if isinstance(d.get(part), dict) and isinstance(d[part].get("label"), str):
                    yield "markdown", f"{part}.label", d[part]["label"]


def shown(text: str) -> str:
    """What a reader sees of escaped Markdown: no backslashes before punctuation, no word joiners."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace(WORD_JOINER, "")


def problems(at: AppTest) -> list[str]:
    found = []
    for kind, where, text in sinks(at):
        danger = {"markdown": MARKDOWN_DANGER, "html": HTML_DANGER, "plotly": HTML_DANGER}[kind]
        hit = danger.search(text)
        if hit:
            found.append(f"{kind} sink {where}: {hit.group()!r} in {text[:160]!r}")
    return found


def literal_shown(at: AppTest, literal: str = LITERAL) -> bool:
    """The hostile text reached the page, as text (so a clean result is not a page that showed nothing)."""
    for kind, _where, text in sinks(at):
        if kind == "markdown" and literal in shown(text):
            return True
        if kind in ("html", "plotly") and html_text(literal) in text.replace("&#x27;", "'"):
            return True
    return False


# -- the pages -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Hostile]]:
    mp = pytest.MonkeyPatch()
    mp.setenv("REVIEW_DB", str(tmp_path_factory.mktemp("markup") / "markup.duckdb"))
    mp.delenv("REVIEW_PUBLIC_URL", raising=False)
    mp.setattr("ui.auth.is_facilitator", lambda: True)  # the cookie is tested in e2e and test_room
    state.close_store()
    store = state.store()
    yield store, build_hostile(store)
    state.close_store()
    mp.undo()


def render(page: str | None = None, **params: str) -> AppTest:
    # hostile codes are failed guesses: the rate limit must not hide them (conftest restores it)
    state.CODES = RateLimiter(10**6, 1.0)
    return render_page(page, **params)


def check(at: AppTest, where: str, literal: str | None = LITERAL) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])  # never a traceback
    assert not problems(at), (where, problems(at))
    if literal:
        assert literal_shown(at, literal), f"{where}: {literal!r} is not on the page as text"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_join_page_shows_hostile_text_as_text(hostile, lang: str) -> None:
    _store, built = hostile
    code = built.session.code
    # a newcomer gets the board (its texts are the component's data, set with textContent)
    at = render(s=code, lang=lang)
    check(at, "newcomer", literal=None)
    assert md_text(TITLE) in [c.value for c in at.caption], "the title, escaped, above the board"
    # someone who sent both sorts: their ends, every column's texts and their comments
    done = render(s=code, p=built.submitted[0], lang=lang)
    check(done, "done")
    assert literal_shown(done, EVIL[0] + " 1"), "a statement text"
    assert literal_shown(done, '<a href="//ev.il/c">c</a>'), "a comment or a statement"


@pytest.mark.parametrize("value", HOSTILE_PARAMS)
def test_the_join_page_shows_hostile_query_parameters_as_text(hostile, value: str) -> None:
    _store, built = hostile
    for lang in ("nl", "en"):
        at = render(s=value, lang=lang)  # not a code: the error quotes what was typed
        check(at, f"s={value}", literal=value[:20])
        assert at.error, "the page says what is wrong"
        check(render(s=built.session.code, p=value, lang=lang), f"p={value}", literal=None)
        check(render(s=built.session.code, lang=value), f"lang={value}", literal=None)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_facilitator_page_shows_hostile_text_as_text(hostile, lang: str) -> None:
    _store, built = hostile
    at = render("pages/facilitator.py", session=built.session.code, lang=lang)
    check(at, "session")
    assert at.checkbox, "the comments panel with its comments"
    assert any(shown(c.label).count("ev.il") for c in at.checkbox), "comments in the checkbox labels"
    assert any("ev.il" in shown(e.value) for e in at.title), "the title"
    check(render("pages/facilitator.py", lang=lang), "the list of sessions")
    for value in HOSTILE_PARAMS:
        at = render("pages/facilitator.py", session=value, lang=lang)
        check(at, f"session={value}", literal=value[:20])


def test_the_projector_shows_hostile_text_at_every_step(hostile) -> None:
    store, built = hostile
    session = store.session(built.session.id)
    try:
        for view in ["", *room.available_views(session)]:
            room.reveal(store, session, view)
            for lang, theme in (("nl", "light"), ("en", "dark")):
                at = render("pages/projector.py", session=session.code, lang=lang, theme=theme)
                check(at, f"projector/{view or 'hidden'}/{lang}")
    finally:
        room.reveal(store, session, "")
    for value in HOSTILE_PARAMS:
        check(render("pages/projector.py", session=value, lang="en"), f"session={value}", literal=value[:20])
        at = render("pages/projector.py", session=session.code, lang=value, theme=value)
        check(at, f"lang/theme={value}")


# -- the helpers, one per kind of sink ----------------------------------------------------------


ARROWS = "a -> b <- c <-> d -- e >= f <= g ~= h"  # what Streamlit turns into arrows and dashes between spaces


@pytest.mark.parametrize("text", [*EVIL, TITLE, *ROLES, ARROWS, "a:red ::leaf", "Kop\n===", "&lt;b&gt;"])
def test_md_text_leaves_nothing_for_markdown_to_interpret(text: str) -> None:
    assert not MARKDOWN_DANGER.search(md_text(text))
    assert shown(md_text(text)).replace("  \n", "\n") == text
    assert not re.search(r"(?<!\\)[=&]", md_text(text)), "a heading's underline, an entity"
    assert not re.search(r"(?<!\\):[a-z]", md_text(text)), "a directive (:red swallows the word after it)"
    assert not re.search(r"(?:^|\s)(?:\\[-<>~]){2,3}(?:\s|$)", md_text(text)), "arrows: a word joiner inside each"


@pytest.mark.parametrize(
    "text", ["Opmerking: dit klopt", "Team 3: Zorg", "om 10:30 of 10: 45", "Vraag:\nantwoord", "ja: nee; a@ b"]
)
def test_ordinary_colons_and_signs_are_copied_as_typed(text: str) -> None:
    """No invisible character where Streamlit would rewrite nothing: a colon before a space or a digit,
    a lone @ (issue 24: a word joiner after every colon travelled with copied comments and names)."""
    assert WORD_JOINER not in md_text(text)
    assert shown(md_text(text)).replace("  \n", "\n") == text


def test_a_messages_own_markdown_stays_and_its_parameters_are_escaped() -> None:
    message = md_message("fac.loopback", "en", host="[Tap](//ev.il)", suggestion="http://10.0.0.2:8501")
    assert message.startswith("This link points at **\\[Tap\\]\\(//ev\\.il\\)**")
    assert not MARKDOWN_DANGER.search(message)


def test_error_text_escapes_what_the_error_quotes() -> None:
    typed = "[Tap](//ev.il)"
    for exc in (BadSessionCode(code=typed), UnknownSession(code=typed)):
        assert exc.message("en").endswith(typed) or typed in exc.message("en")  # the raw message quotes it
        assert not MARKDOWN_DANGER.search(error_text(exc, "en"))
        assert typed in shown(error_text(exc, "en"))
    # an error with its own message(): a file's line and field come first, escaped too
    exc = QAnalysisError(
        "qanalysis.not_integer", line=3, field="<img src=//ev.il/f>", sort="s1", statement=2, value="[x](//ev.il)"
    )
    assert not MARKDOWN_DANGER.search(error_text(exc, "en"))
    assert "<img src=//ev.il/f>" in shown(error_text(exc, "en"))
    assert "'[x](//ev.il)'" in shown(error_text(exc, "en")), "a {value!r} parameter: quoted, then escaped"
    assert exc.params["value"] == "[x](//ev.il)", "the error itself is untouched"


def test_html_text_and_plotly_labels_show_tags_as_text() -> None:
    for text in (*EVIL, TITLE, *ROLES):
        assert not HTML_DANGER.search(html_text(text))
        assert not HTML_DANGER.search(plain(text))
    assert html_text("'\"") == "&#x27;&quot;", "safe inside a quoted attribute"
