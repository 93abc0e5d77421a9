"""The facilitator's status buttons follow the domain's table (review.room.sessions.TRANSITIONS):
from each status the page offers exactly the changes the table allows, each button makes its
change, and a change the domain refuses shows its message in the page's language. The table
itself: tests/room/test_sessions.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from review.errors import StatusChangeRefused
from review.i18n import t
from review.room.sessions import STATUSES, TRANSITIONS, create_session, next_statuses
from review.store import Store
from tests.pages.test_pages import app, facilitator  # noqa: F401 - a fixture

# The button (its key) that makes each change, by where the session is and where it goes.
BUTTONS = {
    ("open", "paused"): "pause",
    ("paused", "open"): "resume",
    ("open", "closed"): "close",  # the confirm inside the close popover
    ("paused", "closed"): "close",
    ("closed", "open"): "reopen",
}
STATUS_KEYS = set(BUTTONS.values())


def session_page(store: Store, statement_set, grid, status: str, lang: str = "en") -> tuple[AppTest, str]:
    session = create_session(store, "Status", statement_set, grid)
    store.set_status(session.id, status)
    at = app(lang=lang, session=session.code)
    at.switch_page("pages/facilitator.py").run()
    assert not at.exception
    return at, session.id


def offered(at: AppTest) -> set[str]:
    return {b.key for b in at.button if b.key in STATUS_KEYS}


def test_every_change_in_the_table_has_a_button() -> None:
    assert set(BUTTONS) == {(a, b) for a in STATUSES for b in TRANSITIONS[a]}


@pytest.mark.usefixtures("facilitator")
@pytest.mark.parametrize("status", STATUSES)
def test_the_page_offers_the_changes_the_table_allows(shared_store: Store, statement_set, grid, status: str) -> None:
    at, _ = session_page(shared_store, statement_set, grid, status)
    assert offered(at) == {BUTTONS[(status, after)] for after in next_statuses(status)}


@pytest.mark.usefixtures("facilitator")
@pytest.mark.parametrize(("before", "after"), list(BUTTONS))
def test_each_button_makes_its_change(shared_store: Store, statement_set, grid, before: str, after: str) -> None:
    at, session_id = session_page(shared_store, statement_set, grid, before)
    at.button(key=BUTTONS[(before, after)]).click().run()
    assert not at.exception and not at.error
    assert shared_store.status(session_id) == after
    assert offered(at) == {key for (now, _), key in BUTTONS.items() if now == after}  # the new status's buttons


@pytest.mark.usefixtures("facilitator")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_refused_change_shows_the_domains_words(
    shared_store: Store, statement_set, grid, monkeypatch, lang: str
) -> None:
    """Another tab changed the status between this page's run and the click: the domain refuses,
    and the page says why in its own language instead of failing."""
    at, session_id = session_page(shared_store, statement_set, grid, "open", lang)

    def refused(*_args: object) -> None:
        raise StatusChangeRefused("error.status_closed_to_paused")

    monkeypatch.setattr("review.room.sessions.set_status", refused)
    at.button(key="pause").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("error.status_closed_to_paused", lang)]
    assert shared_store.status(session_id) == "open"
