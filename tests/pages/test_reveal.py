"""The facilitator's reveal steps: a tap shows its view on the projector, a step shown elsewhere
(the "next" button, another tab) is followed, and a tap that comes while the page is still catching
up with an earlier step is not overwritten by it (the lost tap a room saw when a facilitator went
through the steps quickly)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from review.room.demo import create_demo_session
from review.store import Store
from tests.pages.test_pages import app, facilitator  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("facilitator")


def session_page(store: Store) -> tuple[AppTest, str]:
    session = create_demo_session(store, participants=4, title="Reveal")
    at = app(lang="en", session=session.code)
    at.switch_page("pages/facilitator.py").run()
    assert not at.exception
    return at, session.id


def steps(at: AppTest, session_id: str):
    return at.pills(key=f"reveal_{session_id}")


def test_a_tap_shows_its_view(shared_store: Store) -> None:
    at, session_id = session_page(shared_store)
    assert steps(at, session_id).value == ""  # results hidden to begin with
    steps(at, session_id).set_value("extremes").run()
    assert not at.exception
    assert shared_store.session(session_id).reveal == "extremes"
    assert steps(at, session_id).value == "extremes"


def test_a_step_shown_elsewhere_is_followed(shared_store: Store) -> None:
    at, session_id = session_page(shared_store)
    shared_store.set_reveal(session_id, "gap")  # another tab, or the "next" button
    at.run()
    assert steps(at, session_id).value == "gap"


def test_a_tap_before_the_page_caught_up_is_kept(shared_store: Store) -> None:
    """The heatmap was shown (stored) but the page's run that would show it was cut short by the
    next tap, on "extremes": the tap wins, the projector shows the extremes."""
    at, session_id = session_page(shared_store)
    shared_store.set_reveal(session_id, "heatmap")
    steps(at, session_id).set_value("extremes").run()
    assert shared_store.session(session_id).reveal == "extremes"
    assert steps(at, session_id).value == "extremes"


def test_tapping_the_shown_step_again_keeps_it_shown(shared_store: Store) -> None:
    at, session_id = session_page(shared_store)
    steps(at, session_id).set_value("heatmap").run()
    steps(at, session_id).set_value(None).run()  # a pill tapped again lets go of it
    assert not at.exception
    assert shared_store.session(session_id).reveal == "heatmap"
    assert steps(at, session_id).value == "heatmap"
