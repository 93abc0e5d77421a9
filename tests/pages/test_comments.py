"""Participants' comments reach the facilitator (anonymous, per statement, both ends) and only
the ones the facilitator ticks reach the projector, never with who wrote them."""

from __future__ import annotations

from review.room.anonymity import MIN_GROUP
from review.room.live import comments, feature_comment, featured_comments, refresh
from review.room.pseudonyms import anonymous_name
from review.room.sessions import create_session, join, submit_sort
from review.store import Store
from tests.conftest import columns_of
from tests.pages.test_pages import app, texts

MARKUP = "<b>vet</b> [link](http://e.vil) ![x](http://e.vil/a.png)"


def three_with_comments(store: Store, statement_set, grid):
    from review.room.demo import demo_people

    session = create_session(store, "Comments", statement_set, grid, ask_comments=True)
    people = demo_people(statement_set, grid, 3, seed=9)
    tops = []
    tokens = [join(store, session) for _ in people]  # everyone in the room before the first sort
    for k, ((observed, _, _), token) in enumerate(zip(people, tokens, strict=True)):
        top = next(sid for sid, v in observed.items() if v == 4)
        bottom = next(sid for sid, v in observed.items() if v == -4)
        notes = {str(top): f"Top {k}: {MARKUP}", str(bottom): f"Bodem {k}"}
        submit_sort(store, session, token, "observed", columns_of(observed), notes)
        tops.append(top)
    return session, tops


def test_comments_wait_for_the_threshold_and_carry_no_author(store: Store, statement_set, grid) -> None:
    session, _ = three_with_comments(store, statement_set, grid)
    assert comments(store, session, MIN_GROUP) == {}  # nothing published before a screen refreshes
    refresh(store, session)
    shown = [c for notes in comments(store, session, MIN_GROUP).values() for c in notes]
    assert len(shown) == 6 and {c.position for c in shown} == {-4, 4}
    participant_ids = {r[0] for r in store._cursor().execute("SELECT participant_id FROM participants").fetchall()}
    for c in shown:
        assert not any(pid in c.key or c.key in pid for pid in participant_ids)
    assert featured_comments(store, session, MIN_GROUP) == []  # never automatically
    feature_comment(store, session, shown[0].key, True)
    assert [c.text for c in featured_comments(store, session, MIN_GROUP)] == [shown[0].text]
    feature_comment(store, session, shown[0].key, False)
    assert featured_comments(store, session, MIN_GROUP) == []


def test_the_facilitator_reads_and_picks_comments_and_the_projector_shows_only_those(
    shared_store: Store, statement_set, grid, monkeypatch
) -> None:
    monkeypatch.setattr("ui.auth.is_facilitator", lambda: True)
    session, _ = three_with_comments(shared_store, statement_set, grid)
    at = app(lang="en", session=session.code)
    at.switch_page("pages/facilitator.py").run()
    assert not at.exception
    boxes = [b for b in at.checkbox if str(b.key).startswith("feature_")]
    assert len(boxes) == 6 and not any(b.value for b in boxes)
    labels = " ".join(b.label for b in boxes)
    assert "most characteristic" in labels and "least characteristic" in labels
    assert r"\<b\>vet\</b\>" in labels and r"\[link\]" in labels  # shown as typed, never as markup
    for (pid,) in shared_store._cursor().execute("SELECT participant_id FROM participants").fetchall():
        assert anonymous_name(pid) not in labels
    chosen = next(b for b in boxes if "Top 1" in b.label)
    chosen.check().run()
    assert [c.text for c in featured_comments(shared_store, session, MIN_GROUP)] == [f"Top 1: {MARKUP}"]

    shared_store.set_reveal(session.id, "comments")
    proj = app(lang="en", session=session.code)
    proj.switch_page("pages/projector.py").run()
    assert not proj.exception
    html = " ".join(str(h.value) for h in proj.get("html"))
    assert "Top 1: &lt;b&gt;vet&lt;/b&gt;" in html and "Top 0" not in html and "Bodem" not in html


def test_the_empty_sessions_page_offers_an_example_and_roles_take_enter(shared_store: Store, monkeypatch) -> None:
    monkeypatch.setattr("ui.auth.is_facilitator", lambda: True)
    at = app(lang="en")
    at.switch_page("pages/facilitator.py").run()
    assert "No sessions yet" in texts(at) and "python -m review demo" not in texts(at)
    assert at.text_area[0].label.startswith("Roles")  # a text area: Enter adds a line, not a session
    at.button(key="demo").click().run()
    assert not at.exception
    session = shared_store.session_by_code(at.query_params["session"])
    assert shared_store.progress(session.id).submitted == 12
