"""The facilitator's controls: status, codes, rounds, questions, pins; and access."""

import pytest

from review.access.login import cookie_ok, key_hash, key_ok, make_cookie, new_key, password_ok
from review.errors import InvalidSession, ReviewError, SessionClosed, SessionPaused
from review.room.sessions import (
    change_questions,
    find_session,
    join,
    own_sort,
    replace_code,
    set_status,
    submit_sort,
    toggle_pin,
)
from review.views.results import available_views
from tests.conftest import columns_of
from tests.content.test_grid import valid_sort


def test_a_replaced_code_admits_nobody_new_but_keeps_those_inside(store, session, grid) -> None:
    old = session.code
    token = join(store, session, code=old)
    new = replace_code(store, session)
    assert new != old and store.session(session.id).code == new
    assert find_session(store, old).id == session.id  # still resolves, for people already in
    with pytest.raises(ReviewError, match="has been replaced"):
        join(store, find_session(store, old), code=old)
    sort = valid_sort(grid, session.statement_set.ids)
    submit_sort(store, find_session(store, old), token, "observed", columns_of(sort))
    assert own_sort(store, session, token, "observed") == sort
    assert join(store, find_session(store, new), code=new)


def test_pause_stops_joins_and_submissions_until_resumed(store, session, grid) -> None:
    token = join(store, session)
    set_status(store, session, "paused")
    sort = columns_of(valid_sort(grid, session.statement_set.ids))
    with pytest.raises(SessionPaused) as err:
        submit_sort(store, session, token, "observed", sort)
    assert "gepauzeerd" in err.value.message("nl")
    with pytest.raises(SessionPaused):
        join(store, session)
    set_status(store, session, "open")
    submit_sort(store, session, token, "observed", sort)
    set_status(store, session, "closed")
    with pytest.raises(SessionClosed):
        submit_sort(store, session, token, "observed", sort)
    with pytest.raises(ValueError):
        set_status(store, session, "deleted")


def test_a_new_round_starts_empty_and_keeps_the_old_one(store, session, grid) -> None:
    token = join(store, session)
    first = valid_sort(grid, session.statement_set.ids)
    submit_sort(store, session, token, "observed", columns_of(first))
    store.set_reveal(session.id, "heatmap")
    assert store.new_round(session.id) == 2
    again = store.session(session.id)
    assert again.current_round == 2 and again.reveal == ""  # results hidden again
    assert own_sort(store, again, token, "observed") is None
    assert store.sort_count(session.id, "observed") == 0
    assert store.sort_count(session.id, "observed", round_no=1) == 1
    second = valid_sort(grid, session.statement_set.ids[::-1])
    submit_sort(store, again, token, "observed", columns_of(second))
    assert own_sort(store, again, token, "observed") == second
    assert store.progress(session.id).submitted == 1 and store.progress(session.id, 1).submitted == 1


def test_questions_can_change_until_the_first_sort(store, session, grid) -> None:
    change_questions(store, session, ("observed", "desired"), "professional, leidinggevende")
    changed = store.session(session.id)
    assert changed.conditions == ("observed", "desired") and changed.roles == ("professional", "leidinggevende")
    assert available_views(changed) == ("heatmap", "extremes", "agreement", "gap", "subgroups", "themes", "pins")
    assert available_views(session) == ("heatmap", "extremes", "agreement", "themes", "pins")
    submit_sort(
        store, changed, join(store, changed), "observed", columns_of(valid_sort(grid, session.statement_set.ids))
    )
    with pytest.raises(InvalidSession, match="Start a new round"):
        change_questions(store, changed, ("observed",), "")


def test_pins_toggle_in_order(store, session) -> None:
    assert toggle_pin(store, session, 7) == (7,)
    assert toggle_pin(store, session, 3) == (7, 3)
    assert toggle_pin(store, session, 7) == (3,)
    with pytest.raises(ReviewError):
        toggle_pin(store, session, 999)


def test_facilitator_cookie_is_signed_and_expires() -> None:
    secret = b"k" * 32
    cookie = make_cookie(secret, now=1_000)
    assert cookie_ok(secret, cookie, now=1_000 + 3600)
    assert not cookie_ok(secret, cookie, now=1_000 + 13 * 3600)  # a workshop day later
    assert not cookie_ok(b"x" * 32, cookie, now=1_000)
    expires, mac = cookie.split(".")
    assert not cookie_ok(secret, f"{int(expires) + 99999}.{mac}", now=1_000)  # extended by hand
    for bad in (None, "", "abc", "123.", ".abc"):
        assert not cookie_ok(secret, bad, now=1_000)


def test_login_key_and_password_checks() -> None:
    key = new_key()
    assert key_ok(key_hash(key), key)
    assert not key_ok(key_hash(key), key + "x") and not key_ok(None, key) and not key_ok(key_hash(key), None)
    assert password_ok("geheim", "geheim")
    assert not password_ok("geheim", "Geheim") and not password_ok(None, "") and not password_ok("geheim", None)
