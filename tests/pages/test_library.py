"""The library page (/library) with AppTest against a real DuckDB file: the gate, the list,
copying the shipped set, saving versions, refusals that keep the editor, archiving, and the
new-session form choosing a library set. The rules themselves are tested in test_library."""

from __future__ import annotations

import pytest

from review.content.grid import proposed_grid
from review.content.sets import build_set
from review.content.statements import THEMES
from review.library.statement_sets import choices, session_from_choice
from review.store import Store
from tests.content.test_sets import NAME, rows
from tests.pages.test_pages import app, texts


@pytest.fixture
def facilitator(monkeypatch) -> None:
    monkeypatch.setattr("ui.auth.is_facilitator", lambda: True)


def library(lang: str = "en"):
    at = app(lang=lang)
    at.switch_page("pages/library.py")
    return at.run()


def save(store: Store, name=NAME, n: int = 20, set_id: str = "zorg") -> None:
    sset, grid = build_set(set_id, name, rows(n), THEMES, proposed_grid(n))
    store.save_statement_set(sset, grid)


def test_the_library_is_for_the_facilitator_only(shared_store: Store) -> None:
    save(shared_store, {"nl": "Geheime set", "en": "Secret set"})
    at = library()
    assert "For the facilitator only" in texts(at)
    assert "Secret set" not in texts(at)


def test_copying_the_shipped_set_saves_a_first_version(shared_store: Store, facilitator) -> None:
    at = library()
    assert not at.exception
    assert "Statement sets" in [t.value for t in at.title]
    assert "Built in" in texts(at)
    at.button(key="copy_builtin_goed-werk-50").click().run()
    assert not at.exception
    assert at.text_input(key="lib_nl_1").value.startswith("Kopie van Goed Werk")
    at.button(key="lib_save").click().run()
    assert not at.exception
    assert "Saved as version 1." in texts(at)
    (entry,) = shared_store.library_sets()
    assert entry.id.startswith("kopie-van-goed-werk") and len(entry.statement_set.statements) == 50
    assert entry.grid.counts == (2, 4, 6, 8, 10, 8, 6, 4, 2)
    at.button(key="lib_save").click().run()  # a second save with nothing changed keeps version 1
    assert shared_store.library_sets()[0].version == 1
    assert "Nothing changed: version 1 stays the current one." in texts(at)
    at.text_input(key="lib_en_1").input("Copy, revised").run()
    at.button(key="lib_save").click().run()  # a change is a new version
    assert shared_store.library_sets()[0].version == 2


def test_a_new_set_that_is_not_right_is_refused_and_the_editor_stays(shared_store: Store, facilitator) -> None:
    at = library("nl")
    at.button(key="lib_new").click().run()
    at.text_input(key="lib_nl_1").input("Zorg <b>team</b>").run()
    at.button(key="lib_save").click().run()
    assert not at.exception
    page = texts(at)
    assert "Deze set kan zo niet bewaard worden" in page
    assert "De set heeft 0 uitspraken; er zijn er minstens 20 nodig." in page
    assert shared_store.library_sets(include_archived=True) == []  # nothing saved
    assert at.text_input(key="lib_nl_1").value == "Zorg <b>team</b>"  # nothing typed lost


def test_a_set_in_use_says_a_save_makes_a_new_version(shared_store: Store, facilitator) -> None:
    save(shared_store)
    session = session_from_choice(shared_store, "Team", choices(shared_store)[0])
    at = library()
    assert "20 statements · version 1 · 1 version · used in 1 session" in [c.value for c in at.caption]
    at.button(key="edit_zorg").click().run()
    assert "Saving makes version 2; those sessions keep their own version." in texts(at)
    at.text_input(key="lib_en_1").input("Care, revised").run()
    at.button(key="lib_save").click().run()
    assert shared_store.library_set("zorg")[0].name["en"] == "Care, revised"
    assert shared_store.session(session.id).statement_set.name["en"] == "Care"  # the session kept its version
    assert shared_store.session(session.id).set_ref == "zorg@1"


def test_markup_in_a_set_name_is_shown_as_text(shared_store: Store, facilitator) -> None:
    save(shared_store, {"nl": "**vet** [x](http://e.vil)", "en": "<b>bold</b> [x](http://e.vil)"})
    at = library()
    shown = [m.value for m in at.markdown if "bold" in m.value]
    assert shown and "\\<b\\>bold\\</b\\>" in shown[0] and "\\[x\\]" in shown[0]


def test_archiving_hides_a_set_from_the_list_and_the_new_session_form(shared_store: Store, facilitator) -> None:
    save(shared_store)
    at = library()
    at.button(key="archive_zorg").click().run()
    assert shared_store.library_sets() == [] and not any("Care" in m.value for m in at.markdown)
    assert [c.ref for c in choices(shared_store)] == [None]
    at.toggle(key="lib_archived").set_value(True).run()
    assert "Archived" in texts(at)
    at.button(key="archive_zorg").click().run()  # restore
    assert [e.id for e in shared_store.library_sets()] == ["zorg"]


def test_the_new_session_form_offers_library_sets_with_their_own_grid(shared_store: Store, facilitator) -> None:
    save(shared_store)
    at = app(lang="en")
    at.switch_page("pages/facilitator.py").run()
    assert at.selectbox(key="new_set").options[0] == "Care (20)"
    at.selectbox(key="new_set").set_value(choices(shared_store)[0])
    at.text_input[0].input("Zorgteam")
    at.button[0].click().run()
    assert not at.exception
    session = shared_store.session_by_code(at.query_params["session"])
    assert session.set_ref == "zorg@1" and session.grid.size == 20 and len(session.statement_set.statements) == 20


def test_a_wider_grid_is_proposed_for_the_same_statements(shared_store: Store, facilitator) -> None:
    at = library()
    at.button(key="copy_builtin_goed-werk-50").click().run()
    at.number_input(key="lib_span_1").set_value(5).run()
    assert not at.exception
    at.button(key="lib_save").click().run()
    assert "Saved as version 1." in texts(at)
    grid = shared_store.library_sets()[0].grid
    assert grid.values == tuple(range(-5, 6)) and grid.size == 50 and grid.counts == grid.counts[::-1]
