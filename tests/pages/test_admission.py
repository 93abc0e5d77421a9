"""The admission on the pages (AppTest, a real DuckDB file): a phone beyond the group size waits
without a token until the facilitator lets it in; the facilitator and the projector show phones
against the group size. The rules themselves: tests/room/test_admission.py."""

from __future__ import annotations

import pytest

from review.i18n import t
from review.room import admission
from review.room.admission import device_cookie, device_key
from review.room.sessions import create_session, join_from
from review.store import Store
from tests.pages.test_pages import app, facilitator, texts  # noqa: F401 - a fixture


def full_room(store: Store, statement_set, grid, size: int = 2):
    session = create_session(store, "Vol", statement_set, grid)
    admission.set_group_size(store, session, size)
    for k in range(size):
        cookie = device_cookie(store.secret(), f"phone-cookie-{k:08d}")
        join_from(store, session, device_key(store.secret(), session.id, cookie, "10.0.0.1"), "nl")
    return store.session(session.id)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_phone_beyond_the_group_size_waits_without_a_token_until_let_in(
    shared_store: Store, statement_set, grid, lang: str
) -> None:
    session = full_room(shared_store, statement_set, grid)
    at = app(s=session.code, lang=lang).run()
    assert not at.exception
    assert t("join.waiting", lang, size=2) in texts(at)
    assert "p" not in at.query_params  # no token: it cannot autosave or submit
    assert shared_store.phones(session.id).waiting == 1
    at.run()  # waiting on: still one waiting phone, still no token
    assert "p" not in at.query_params and shared_store.phones(session.id).waiting == 1
    assert admission.admit_waiting(shared_store, session) == 1
    at.run()
    assert not at.exception and "." in at.query_params["p"]  # in, with a token of its own
    assert t("join.waiting", lang, size=2) not in texts(at)
    assert shared_store.phones(session.id).joined == 3


@pytest.mark.usefixtures("facilitator")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_facilitator_sees_waiting_phones_and_lets_them_in(
    shared_store: Store, statement_set, grid, lang: str
) -> None:
    session = full_room(shared_store, statement_set, grid)
    extra = device_cookie(shared_store.secret(), "extra-phone-cookie-01")
    join_from(shared_store, session, device_key(shared_store.secret(), session.id, extra, "10.0.0.1"), lang)
    at = app(lang=lang, session=session.code)
    at.switch_page("pages/facilitator.py").run()
    assert not at.exception
    assert t("fac.waiting_phones", lang, n=1) in texts(at)
    assert t("fac.phones", lang, joined=2, size=2) in [str(c.value) for c in at.caption]
    at.button(key="admit").click().run()
    assert not at.exception and shared_store.phones(session.id).joined == 3
    assert t("fac.phones_over", lang, joined=3, size=2) in texts(at)


@pytest.mark.usefixtures("facilitator")
def test_the_group_size_is_saved_from_the_session_page(shared_store: Store, statement_set, grid) -> None:
    session = create_session(shared_store, "Maat", statement_set, grid)
    at = app(lang="en", session=session.code)
    at.switch_page("pages/facilitator.py").run()
    size = next(n for n in at.number_input if n.label == t("fac.group_size", "en"))
    size.set_value(12)
    next(b for b in at.button if b.label == t("fac.save", "en") and "group_size" in str(b.form_id)).click().run()
    assert not at.exception and shared_store.session(session.id).group_size == 12


@pytest.mark.usefixtures("facilitator")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_projector_shows_phones_against_the_group_size(shared_store: Store, statement_set, grid, lang: str) -> None:
    session = full_room(shared_store, statement_set, grid, size=3)
    at = app(lang=lang, session=session.code)
    at.switch_page("pages/projector.py").run()
    assert not at.exception
    assert t("proj.phones", lang, joined=3, size=3) in texts(at)
