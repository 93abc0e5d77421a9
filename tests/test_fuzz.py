"""Property-based fuzzing of everything that reads outside input (issue 9).

The property, for every parser and validator: a clear, named error or a valid result,
never an unhandled exception, and never a partial write. The imports (CSV, XLSX,
PQMethod, JSON) are fuzzed in tests/studies/test_imports.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from review.access.codes import ALPHABET, CODE_LENGTH, normalise_code
from review.access.login import cookie_ok, make_cookie
from review.access.ratelimit import client_address
from review.access.tokens import participant_of
from review.content.grid import Grid
from review.errors import BadSessionCode, InvalidSession, InvalidToken, ReviewError
from review.room.sessions import check_draft, create_session, join, parse_roles, submit_sort
from review.store import Store
from tests.conftest import call_endpoint, columns_of
from tests.content.test_grid import valid_sort
from tests.pages.test_pages import ROOT
from ui.http import api

FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=8), inner, max_size=6),
    max_leaves=25,
)
ids_or_junk = st.integers(-3, 60) | st.text(max_size=4) | st.floats() | st.booleans() | st.none()


@st.composite
def mutated_sorts(draw: st.DrawFn, grid: Grid, ids: list[int]) -> Any:
    """A valid sort as the board sends it, then broken in a few random places."""
    columns: dict[Any, Any] = {k: list(v) for k, v in columns_of(valid_sort(grid, ids)).items()}
    for _ in range(draw(st.integers(0, 4))):
        key = draw(st.sampled_from(sorted(columns, key=str)))
        kind = draw(st.integers(0, 4))
        cards = columns[key] if isinstance(columns[key], list) else []
        if kind == 0 and cards:
            cards[draw(st.integers(0, len(cards) - 1))] = draw(ids_or_junk)
        elif kind == 1:
            columns[draw(st.text(max_size=3) | st.integers(-9, 9))] = draw(st.lists(ids_or_junk, max_size=5))
        elif kind == 2:
            columns[key] = draw(json_values)
        elif kind == 3 and cards:
            cards.pop()
        else:
            columns.pop(key)
    return columns


@settings(max_examples=300, suppress_health_check=FIXTURES, deadline=None)
@given(data=st.data())
def test_a_sort_is_valid_or_refused_with_a_named_rule(grid: Grid, statement_set, data: st.DataObject) -> None:
    ids = list(statement_set.ids)
    columns = data.draw(mutated_sorts(grid, ids) | json_values)
    try:
        placements = grid.validate_columns(columns, ids)
    except ReviewError as exc:
        assert exc.key.startswith("sort.") and exc.message("nl") and exc.message("en")
        return
    assert sorted(placements) == sorted(ids)
    assert sorted(placements.values()) == sorted(
        v for v, c in zip(grid.values, grid.counts, strict=True) for _ in range(c)
    )


@st.composite
def drafts(draw: st.DrawFn) -> Any:
    base = {
        "rough": draw(
            st.dictionaries(st.text(max_size=3) | st.sampled_from(["1", "2", "50"]), ids_or_junk, max_size=5)
        ),
        "placed": draw(st.dictionaries(st.sampled_from(["1", "2", "3", "x", "99"]), ids_or_junk, max_size=5)),
        "comments": draw(st.dictionaries(st.text(max_size=3), json_values, max_size=3)),
        "role": draw(json_values),
        "stage": draw(json_values),
        "updated": draw(json_values),
    }
    drop = draw(st.sets(st.sampled_from(sorted(base))))
    return {k: v for k, v in base.items() if k not in drop}


@settings(max_examples=150, suppress_health_check=FIXTURES, deadline=None)
@given(draft=drafts() | json_values)
def test_a_draft_is_a_legal_board_or_refused(session, draft: Any) -> None:
    try:
        checked = check_draft(session, draft)
    except ReviewError as exc:
        assert exc.key in ("draft.invalid", "role.unknown") and exc.message("en")
        return
    assert check_draft(session, checked) == checked  # what is stored restores to the same legal board
    json.dumps(checked)


def test_superscript_digits_are_no_statement_numbers(session) -> None:
    """Found by the test above: '¹'.isdigit() is True and int('¹') raised a ValueError (a 500)."""
    for draft in ({"rough": {"¹": -1}, "placed": {}}, {"rough": {}, "placed": {"²": 0}}):
        with pytest.raises(ReviewError) as raised:
            check_draft(session, draft)
        assert raised.value.key == "draft.invalid"


@settings(max_examples=60, suppress_health_check=FIXTURES, deadline=None)
@given(columns=st.data(), comments=json_values, role=json_values)
def test_a_refused_submit_writes_nothing(store: Store, statement_set, grid, columns, comments, role) -> None:
    session = create_session(store, "Fuzz", statement_set, grid, roles=("a", "b"), ask_comments=True)
    token = join(store, session)
    pid = participant_of(store.secret(), session.id, token)
    sort = columns.draw(mutated_sorts(grid, list(statement_set.ids)))
    try:
        placements = submit_sort(store, session, token, "observed", sort, comments, role)
    except ReviewError:
        assert store.sort_of(session.id, pid, "observed") is None
        assert store.comments_of(session.id, pid) == {} and store.role_of(session.id, pid) is None
        return
    assert store.sort_of(session.id, pid, "observed") == placements


@settings(max_examples=400, deadline=None)
@given(text=st.text(max_size=120) | st.binary(max_size=60).map(lambda b: b.decode("latin-1")))
def test_tokens_cookies_codes_and_roles_never_raise_unexpectedly(text: str) -> None:
    secret = b"s" * 64
    with pytest.raises(InvalidToken):
        participant_of(secret, "session", text)
    assert cookie_ok(secret, text) is False
    try:
        code = normalise_code(text)
    except BadSessionCode:
        pass
    else:
        assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)
    try:
        roles = parse_roles(text)
    except InvalidSession:
        pass
    else:
        assert all(r.strip() == r and r for r in roles)
    assert isinstance(client_address(text, text, text), str)


@settings(max_examples=100, deadline=None)
@given(extra=st.text(max_size=20), shift=st.integers(-(10**12), 10**12))
def test_a_cookie_changed_in_any_way_is_refused(extra: str, shift: int) -> None:
    secret = b"k" * 64
    cookie = make_cookie(secret, now=1_000)
    expires, _, mac = cookie.partition(".")
    assert cookie_ok(secret, cookie, now=1_000)
    for forged in (cookie + extra, f"{int(expires) + shift}.{mac}", f"{expires}.{mac[:-1]}{extra[:1]}"):
        assert cookie_ok(secret, forged, now=1_000) is (forged == cookie)


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_a_request_body_is_an_object_or_refused(raw: bytes) -> None:
    body = api.parse_json_body(raw)
    assert body is None or (isinstance(body, dict) and api._depth(body) <= api.MAX_DEPTH)


def _call(endpoint, body: bytes) -> tuple[int, dict]:
    """An endpoint as Starlette calls it, on an in-memory request."""
    return call_endpoint(endpoint, "/api/submit", body)


@st.composite
def api_bodies(draw: st.DrawFn, code: str, token: str) -> dict:
    body = draw(
        st.dictionaries(st.sampled_from(["s", "p", "condition", "lang", "columns", "draft", "base"]), json_values)
    )
    for key, value in (("s", code), ("p", token), ("condition", "observed")):
        if draw(st.booleans()):
            body[key] = value  # often the real thing, so the checks behind the door are reached too
    return body


@pytest.mark.parametrize("name", ["submit", "draft"])
def test_the_participant_endpoints_answer_json_never_a_500(shared_store: Store, statement_set, grid, name) -> None:
    session = create_session(shared_store, "Fuzz", statement_set, grid)
    token = join(shared_store, session)
    endpoint = {"submit": api._participant_call(api._submit), "draft": api._participant_call(api._draft)}[name]

    @settings(max_examples=80, suppress_health_check=FIXTURES, deadline=None)
    @given(body=api_bodies(session.code, token))
    def check(body: dict) -> None:
        status, answer = _call(endpoint, json.dumps(body).encode())
        assert status in (200, 400, 404, 409, 429), (status, answer)
        assert answer.get("ok") is True or (answer["error"] and answer["message"])

    check()


@settings(max_examples=15, suppress_health_check=FIXTURES, deadline=None)
@given(params=st.dictionaries(st.sampled_from(["s", "p", "lang", "session", "view"]), st.text(max_size=40), max_size=4))
def test_the_join_page_takes_any_query_without_an_error(shared_store: Store, params: dict[str, str]) -> None:
    at = AppTest.from_file(str(ROOT / "main.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    shown = " ".join(str(e.value) for e in [*at.error, *at.markdown])
    assert "Something went wrong" not in shown and "Er ging hier iets mis" not in shown
