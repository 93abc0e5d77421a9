"""Every page renders every state of a session: a walk through the table in
tests/pages/room_states.py with AppTest, failing on any exception or calm error message (the fixture
``room`` is in tests/conftest.py; what each screen must say is in tests/pages/test_room_screens.py).

The same walk runs in a real browser in tests/e2e/test_room_states.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from review.i18n import t
from review.room.live import available_views, reveal
from review.store import Store
from tests.pages.room_states import BIG, STATES

ROOT = Path(__file__).resolve().parents[2]
CALM = {t("error.unexpected", lang) for lang in ("nl", "en")}
FULL_WALK = {"some_mid_sort", "sorts_12_both_roles", BIG}  # every reveal view, both themes


def render(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "main.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    return at.run()


def assert_calm(at: AppTest, where: str) -> None:
    """No exception element, no "something went wrong": the page drew what it meant to."""
    assert not at.exception, (where, [e.value for e in at.exception])
    errors = [str(e.value) for e in at.error]
    assert not any(message in errors for message in CALM), (where, errors)


STATE_NAMES = [*STATES, BIG]


@pytest.mark.parametrize("name", STATE_NAMES)
def test_the_join_page_renders_every_state_for_everyone(room, name: str) -> None:
    _store, built = room
    b = built[name]
    who = {"newcomer": None} | {f"{kind}{i}": tok for kind in ("joined", "sorting", "submitted")
                                  for i, tok in enumerate(getattr(b, kind)[:1])}  # fmt: skip
    for label, token in who.items():
        for lang in ("nl", "en"):
            params = {"s": b.session.code, "lang": lang} | ({"p": token} if token else {})
            assert_calm(render(**params), f"{name}/{label}/{lang}")


@pytest.mark.parametrize("name", STATE_NAMES)
def test_the_facilitator_page_renders_every_state(room, name: str) -> None:
    store, built = room
    session = store.session(built[name].session.id)
    for lang in ("nl", "en"):
        at = render("pages/facilitator.py", session=session.code, lang=lang)
        assert_calm(at, f"{name}/facilitator/{lang}")
        assert at.metric, "the live panel is there"


@pytest.mark.parametrize("name", STATE_NAMES)
def test_the_projector_renders_every_state_and_view(room, name: str) -> None:
    store, built = room
    session = store.session(built[name].session.id)
    views = ["", *available_views(session)] if name in FULL_WALK else ["", "heatmap"]
    try:
        for view in views:
            reveal(store, session, view)
            for theme in ("light", "dark") if name in FULL_WALK else ("light",):
                at = render("pages/projector.py", session=session.code, lang="en", theme=theme)
                assert_calm(at, f"{name}/projector/{view or 'hidden'}/{theme}")
    finally:
        reveal(store, session, "")


def test_the_guard_turns_an_unexpected_error_into_a_calm_sentence(room, monkeypatch, caplog) -> None:
    """A fault deep in the room shows the calm sentence, not a traceback, and logs the traceback."""
    _store, built = room

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "progress", broken)
    at = render("pages/projector.py", session=built["sorts_3_observed"].session.code, lang="en")
    assert not at.exception
    assert t("error.unexpected", "en") in [str(e.value) for e in at.error]
    assert "disk on fire" not in " ".join(str(m.value) for m in at.markdown)
    assert any("disk on fire" in r.getMessage() or "disk on fire" in str(r.exc_info) for r in caplog.records)
    at = render("pages/facilitator.py", session=built["sorts_3_observed"].session.code, lang="nl")
    assert t("error.unexpected", "nl") in [str(e.value) for e in at.error]
