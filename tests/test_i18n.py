"""The app's words: the message files under review/i18n/, and the keys the code names.

Every message has both languages with the same placeholders; every key the code names (a literal
such as ``t("join.heading")`` or ``ReviewError("error.x")``, or an f-string family such as
``t(f"view.{view}")``, listed in FAMILIES) is in a file; every key in a file is named by the code.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from review.analysis.crib import LISTS
from review.i18n import (
    DEFAULT_LANGUAGE,
    FOLDER,
    LANGUAGES,
    MESSAGES,
    PLURAL,
    MessageFileError,
    load_messages,
    pick_language,
    plural,
    t,
    template,
)
from review.library.questions import QUESTION_KINDS
from review.room.live import ENDS, VIEWS
from review.room.sessions import CONDITIONS, REFUSED, STATUSES
from review.store.trajectories import NOTE_KINDS
from review.trajectories.agreements import STATUSES as AGREEMENT_STATUSES

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = [ROOT / "app.py", ROOT / "main.py"]
PRODUCT += sorted(
    p for part in ("review", "ui", "pages") for p in (ROOT / part).rglob("*.py") if FOLDER not in p.parents
)
KEY = re.compile(r"[a-z]+(\.[a-z0-9_]+)+")
NOT_A_KEY = re.compile(r"\.(css|js|py|toml|json|csv|xlsx|html|pdf|dat|sta|duckdb|png|svg|txt)$")  # a file's name
PREFIXES = {key.split(".")[0] for key in MESSAGES}
FIELD = re.compile(r"\{(\w+)[}:!]")  # {name}, {name:spec}, {name!r}


def constant(path: Path, name: str) -> Any:
    """A module's constant, read from its source (importing the ui modules starts Streamlit components)."""
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(x, ast.Name) and x.id == name for x in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError(f"{name} not in {path}")


BOARD_TEXTS = constant(ROOT / "ui" / "screens" / "qsort.py", "_BOARD_TEXT_KEYS")  # the board's texts, sent unfilled
NOTE_STATUS = constant(ROOT / "ui" / "screens" / "notes.py", "_STATUS_KEYS")  # a note field's saving/saved/... texts
# Streamlit's own words, said in the page's language:
FRAME_TEXTS = constant(ROOT / "ui" / "screens" / "page_language.py", "_TEXT_KEYS")

# The keys the code builds: each f-string, its filled-in parts as "{}" -> the values the code fills in
# (from the code's own constants where it has them).


def fill(family: str, value: str | tuple[str, ...]) -> str:
    """A family's key for one value (a pair fills a family with two parts)."""
    return family.format(*value) if isinstance(value, tuple) else family.format(value)


FAMILIES: dict[str, tuple] = {
    "view.{}": VIEWS,  # the reveal steps (pages/facilitator.py, pages/projector.py)
    "fac.status.{}": STATUSES,
    "error.status_{}_to_{}": REFUSED,  # a status change the table refuses (review.room.sessions.set_status)
    "done.condition.{}": CONDITIONS,
    "sort.heading.{}": CONDITIONS,
    "chart.{}": CONDITIONS + ENDS,  # a condition's label, an end of the grid
    "comments.end.{}": ENDS,
    "crib.{}": LISTS,  # a crib sheet's four lists (review.analysis.crib)
    "agr.status.{}": AGREEMENT_STATUSES,  # an agreement's status (review.trajectories.agreements)
    "agr.review.{}": ("next", "date"),  # when it is reviewed, as the form offers it (ui/screens/agreements_view.py)
    "questions.kind.{}": QUESTION_KINDS,
    "report.alt.{}": ("statements", "themes"),  # what a report figure shows (review.report.document.Document.chart)
    "log.{}": ("chosen", "reason", "forgotten"),  # a step of the analysis log (review.analysis.viewpoints)
    "q.correlation.{}": ("pearson", "spearman", "kendall"),  # the analysis panel's choice
    "q.number.col.{}": (
        "k",
        "eigen",
        "explained",
        "random",
        "humphrey",
        "loaders",
        "defining",
    ),  # the columns of the number-of-viewpoints table (ui/screens/analysis_view.number_panel)
    "questions.empty_{}": LANGUAGES,
    "questions.too_long_{}": LANGUAGES,
    "library.missing_{}": LANGUAGES,
    "lifecycle.archive{}_help": ("", "_trajectory"),  # a session, a trajectory (ui/screens/lifecycle_view.py)
    "lifecycle.restore{}_help": ("", "_trajectory"),
    "disc.fig.{}": ("mean", "sd", "observed", "desired", "gap", "higher", "lower"),  # review.views.discussion's Figures
    "notes.{}": NOTE_KINDS + NOTE_STATUS,
    "notes.{}_hint": NOTE_KINDS,
    "board.{}": BOARD_TEXTS,
    "frame.{}": FRAME_TEXTS,
}


def test_every_message_exists_in_both_languages_with_the_same_placeholders() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        fields = {lang: set(re.findall(r"\{(\w+)", text)) for lang, text in texts.items()}
        assert fields["nl"] == fields["en"], key
        filled = {lang: set(FIELD.findall(text)) for lang, text in texts.items()}
        assert filled["nl"] == filled["en"], key
        counted = {lang: {name for name, _, _ in PLURAL.findall(text)} for lang, text in texts.items()}
        assert counted["nl"] == counted["en"], key
        assert all(text.strip() for text in texts.values()), key


def test_every_message_fills_without_error() -> None:
    """No stray brace: each text formats with its own placeholders filled."""
    for key, texts in MESSAGES.items():
        for lang, text in texts.items():
            params = dict.fromkeys(re.findall(r"\{(\w+)", text), 2)
            assert "{" not in t(key, lang, **params).replace("{{", ""), (key, lang)


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
    one = t("lifecycle.delete_session_what", "nl", participants=1, sorts=2, drafts=1, comments=0, notes=1, agreements=1)
    assert "1 deelnemer, 2 sorteringen, 1 concept, 0 opmerkingen, 1 notitie en 1 afspraak." in one
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


# ---- the files -------------------------------------------------------------------------------


def test_the_words_come_from_the_files_beside_the_module() -> None:
    files = sorted(FOLDER.glob("*.toml"))
    assert len(files) >= 10 and (FOLDER / "join.toml") in files and (FOLDER / "errors.toml") in files
    assert load_messages() == MESSAGES and len(MESSAGES) > 500
    assert template("join.button", "en") == "Join" and template("join.button", "de") == template("join.button", "nl")
    assert DEFAULT_LANGUAGE == "nl" and LANGUAGES == ("nl", "en")


def test_errors_toml_is_in_the_order_of_its_keys() -> None:
    """errors.toml belongs to no one screen: its keys go alphabetically, so a new one has one place."""
    keys = list(tomllib.loads((FOLDER / "errors.toml").read_text("utf-8")))
    assert keys == sorted(keys)


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, "utf-8")


def test_a_file_holds_texts_with_quotes_braces_backslashes_and_new_lines(tmp_path: Path) -> None:
    toml = r"""["x.y"]
nl = "Zeg \"{n|een|twee}\" \\ {{niet}}\nregel"
en = "Say \"{n}\" é → ✓"
"""
    write(tmp_path, "a.toml", toml)
    assert load_messages(tmp_path) == {"x.y": {"nl": 'Zeg "{n|een|twee}" \\ {{niet}}\nregel', "en": 'Say "{n}" é → ✓'}}


def test_the_loader_refuses_a_key_in_two_files(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", '["x.y"]\nnl = "a"\nen = "a"\n')
    write(tmp_path, "b.toml", '["x.z"]\nnl = "b"\nen = "b"\n\n["x.y"]\nnl = "b"\nen = "b"\n')
    with pytest.raises(MessageFileError, match=r'b\.toml: \["x\.y"\]: this key is also in a\.toml'):
        load_messages(tmp_path)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('["x.y"]\nnl = "a"\n', r'\["x\.y"\]: the en text is missing'),
        ('["x.y"]\nen = "a"\n', r'\["x\.y"\]: the nl text is missing'),
        ('["x.y"]\nnl = "a"\nen = "a"\nde = "a"\n', r"de is not one of the languages"),
        ('["x.y"]\nnl = "a"\nen = 3\n', r"expected a message"),
        ('[x.y]\nnl = "a"\nen = "a"\n', r'a key with dots goes in quotes: \["x\.name"\]'),
        ('["x.y"]\nnl = "a\nen = "a"\n', r"not a TOML file"),
    ],
)
def test_the_loader_refuses_a_broken_file(tmp_path: Path, text: str, says: str) -> None:
    write(tmp_path, "a.toml", text)
    with pytest.raises(MessageFileError, match=says) as refused:
        load_messages(tmp_path)
    assert "a.toml" in str(refused.value)


# ---- the keys the code names -----------------------------------------------------------------


def pattern(node: ast.JoinedStr) -> str:
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def named_in_code() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The keys the product's code names as literals, and the f-string families it builds keys
    with, each with where (path:line)."""
    literals: dict[str, list[str]] = {}
    families: dict[str, list[str]] = {}
    for path in PRODUCT:
        tree = ast.parse(path.read_text("utf-8"))
        not_keys = {  # "error.unknown" in exc.key.startswith("error.unknown") is a prefix, not a key
            id(arg)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("startswith", "endswith", "removeprefix")
            for arg in node.args
        }  # fmt: skip
        not_keys |= {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in not_keys:
                text = node.value
                if KEY.fullmatch(text) and text.split(".")[0] in PREFIXES and not NOT_A_KEY.search(text):
                    literals.setdefault(text, []).append(where)
            elif isinstance(node, ast.JoinedStr):
                built = pattern(node)
                if re.match(r"[a-z]+\.", built) and built.split(".")[0] in PREFIXES and " " not in built:
                    families.setdefault(built, []).append(where)
    return literals, families


def test_the_scan_finds_the_ways_the_code_names_keys() -> None:
    literals, families = named_in_code()
    assert "join.heading" in literals  # t("join.heading", lang)
    assert "error.unknown_session" in literals  # class UnknownSession(ReviewError): key = "error.unknown_session"
    assert "qanalysis.warn.undefined" in literals  # review/analysis/viewpoints.py's UNDEFINED
    assert {"view.{}", "fac.status.{}", "board.{}", "lifecycle.archive{}_help"} <= set(families)
    assert "error.unknown" not in literals  # a prefix tested with startswith
    assert "board.css" not in literals  # a file's name


def test_every_key_the_code_names_is_a_message() -> None:
    literals, families = named_in_code()
    missing = {key: where for key, where in literals.items() if key not in MESSAGES}
    assert missing == {}, f"keys the code names that no file under review/i18n/ has: {missing}"
    unknown = {built: where for built, where in families.items() if built not in FAMILIES}
    assert unknown == {}, f"keys built from parts: add each to FAMILIES with the values the code fills in: {unknown}"
    assert sorted(set(FAMILIES) - set(families)) == [], "FAMILIES lists a family the code no longer builds"
    built = {fill(family, value) for family, values in FAMILIES.items() for value in values}
    assert sorted(built - set(MESSAGES)) == []


def test_every_message_is_named_by_the_code() -> None:
    literals, families = named_in_code()
    built = {fill(family, value) for family in families for value in FAMILIES.get(family, ())}
    unused = sorted(set(MESSAGES) - set(literals) - built)
    assert unused == [], f"messages nothing shows (remove them, or name them in FAMILIES if built): {unused}"


def test_the_browser_reads_exactly_the_texts_it_is_sent() -> None:
    """The board and the note fields get their texts by short name (``T.sent``): each one they
    read is sent, and each one sent is read."""
    board = set(re.findall(r"\bT\.(\w+)", (ROOT / "ui" / "screens" / "qsort" / "board.js").read_text("utf-8")))
    assert board == set(BOARD_TEXTS)  # "welcome" is board.welcome_two for a session of two sorts
    notes = set(re.findall(r"\bT\.(\w+)", (ROOT / "ui" / "screens" / "notes" / "notes.js").read_text("utf-8")))
    assert notes == set(NOTE_STATUS)
    frame_js = constant(ROOT / "ui" / "screens" / "page_language.py", "_JS")
    assert set(re.findall(r"\btext\.(\w+)", frame_js)) == set(FRAME_TEXTS)
