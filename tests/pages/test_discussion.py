"""The discussion page (/discussion?session=CODE) with Streamlit's AppTest against a real DuckDB file.

AppTest cannot type into the note fields (a custom component); what they are given is checked here
(the stored text, so a reload shows it), the saving itself in tests/ui/http/test_api_notes.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from review.library.questions import default_questions, is_default, load_questions, save_questions
from review.room.demo import create_demo_session
from review.room.sessions import create_session
from review.store import Store
from tests.conftest import app_page

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<img src=x onerror=alert(1)> **bold** [link](https://ev.il)"


@pytest.fixture
def facilitator(monkeypatch) -> None:
    monkeypatch.setattr("ui.auth.is_facilitator", lambda: True)


def page(**params: str) -> AppTest:
    return app_page("pages/discussion.py", **params)


def texts(at: AppTest) -> str:
    elements = [*at.markdown, *at.caption, *at.info, *at.error, *at.title, *at.header, *at.subheader]
    return " ".join(str(e.value) for e in elements)


def note_fields(at: AppTest) -> dict[tuple[str, str], dict]:
    """The data each note field was mounted with, by (point, kind)."""
    found = {}
    todo = [at._tree]
    while todo:
        node = todo.pop()
        todo.extend(getattr(node, "children", {}).values())
        proto = getattr(node, "proto", None)
        if type(proto).__name__ == "BidiComponent" and proto.component_name == "review_note_field":
            data = json.loads(proto.json)
            found[(data["point"], data["kind"])] = data
    return found


def test_the_page_is_for_the_facilitator_only(shared_store: Store) -> None:
    code = create_demo_session(shared_store).code
    at = page(session=code, lang="en")
    assert "For the facilitator only" in " ".join(h.value for h in at.title)
    assert not note_fields(at)


def test_the_starting_points_with_questions_and_the_stored_notes(shared_store: Store, facilitator) -> None:
    session = create_demo_session(shared_store, title="Team " + HOSTILE)
    shared_store.save_note(session.id, "", "next", "Jan belt <b>maandag</b>")
    at = page(session=session.code, lang="en")
    assert not at.exception
    assert at.title[0].value == "The discussion"
    assert "Based on 12 sorts" in texts(at)
    fields = note_fields(at)
    points = sorted({p for p, _ in fields if p})
    assert {p.split(":")[0] for p in points} == {"disputed", "gap", "consensus"}  # no analysis: no split
    assert len(fields) == 2 * (len(points) + 1)  # a note and a next step per point, and for the session
    assert fields[("", "next")]["body"] == "Jan belt <b>maandag</b>"  # what was typed, as the field's value
    assert fields[("", "note")]["body"] == "" and fields[("", "note")]["text"]["saved"] == "Saved"
    assert "choose an analysis on the facilitator's page first" in texts(at)
    questions = [i.value for i in at.info if i.value.startswith("**Question:**")]
    assert len(questions) == len(points)
    assert "DISPUTED" in [c.value for c in at.caption]
    assert "<img" not in texts(at).replace("\\<img", "")  # the title is escaped Markdown
    back = at.get("link_button")[0].proto
    assert back.url == f"facilitator?session={session.code}&lang=en"


def test_notes_typed_elsewhere_show_on_the_next_run(shared_store: Store, facilitator) -> None:
    session = create_demo_session(shared_store)
    at = page(session=session.code, lang="nl")
    point = next(p for p, _ in note_fields(at) if p.startswith("disputed:"))
    shared_store.save_note(session.id, point, "note", "In de andere tab getypt")  # a second tab, a reload
    at.button(key="disc_refresh").click().run()
    assert note_fields(at)[(point, "note")]["body"] == "In de andere tab getypt"
    assert note_fields(at)[(point, "note")]["label"] == "Notities"


def test_below_the_threshold_only_the_notice_and_the_session_notes(
    shared_store: Store, statement_set, grid, facilitator
):
    session = create_session(shared_store, "Klein team", statement_set, grid)
    at = page(session=session.code, lang="nl")
    assert not at.exception
    assert "Resultaten verschijnen vanaf 3 sorteringen" in texts(at)
    assert set(note_fields(at)) == {("", "note"), ("", "next")}


def test_an_unknown_or_missing_session_says_so(shared_store: Store, facilitator) -> None:
    at = page(session="ZZZZZZ", lang="en")
    assert "There is no open session with code ZZZZZZ" in texts(at) and not note_fields(at)
    at = page(lang="en")
    assert "Choose a session on the facilitator's page first" in texts(at)


def test_the_question_editor_saves_and_resets(shared_store: Store, facilitator) -> None:
    session = create_demo_session(shared_store)
    at = page(session=session.code, lang="en")
    assert "This is the default set." in texts(at)
    assert at.button(key="questions_reset").disabled
    at.button(key="questions_save").click().run()  # the table as shown: the default, now an edited copy
    assert not at.exception and "The questions are saved." in [s.value for s in at.success]
    assert not is_default(shared_store) and "This is an edited set." in texts(at)
    at.button(key="questions_reset").click().run()
    assert is_default(shared_store) and load_questions(shared_store) == default_questions()


def test_an_edited_question_set_is_what_the_points_ask(shared_store: Store, facilitator) -> None:
    session = create_demo_session(shared_store)
    kinds = ("disputed", "gap", "split", "consensus", "session")
    save_questions(shared_store, [{"kind": k, "nl": f"Eigen vraag {k}?", "en": f"Own question {k}?"} for k in kinds])
    at = page(session=session.code, lang="en")
    questions = {i.value for i in at.info if i.value.startswith("**Question:**")}
    assert questions == {f"**Question:** Own question {k}?" for k in ("disputed", "gap", "consensus")}
