"""Drafts, roles and post-sort comments: the rules behind the phone's board."""

import pytest

from review.errors import InvalidSession, InvalidToken, ReviewError, SessionClosed
from review.room.live import joined_view, own_comments, participant_view
from review.room.sessions import (
    COMMENT_LIMIT,
    DRAFT_LIMIT,
    check_draft,
    create_session,
    join,
    parse_roles,
    participant_id,
    save_draft,
    submit_sort,
)
from tests.conftest import columns_of
from tests.content.test_grid import valid_sort


@pytest.fixture
def rich(store, statement_set, grid):
    return create_session(
        store, "Rijk", statement_set, grid, ("observed", "desired"), ("professional", "leidinggevende"), True
    )


def extremes(sort: dict[int, int]) -> tuple[int, int]:
    return next(s for s, v in sort.items() if v == 4), next(s for s, v in sort.items() if v == -4)


def test_roles_are_parsed_from_what_a_facilitator_types() -> None:
    assert parse_roles("professional, leidinggevende\nstagiair") == ("professional", "leidinggevende", "stagiair")
    assert parse_roles("  ") == ()


@pytest.mark.parametrize("text", ["a, a", ",".join(f"r{i}" for i in range(9)), "x" * 41])
def test_bad_role_lists_are_refused(text: str) -> None:
    with pytest.raises(InvalidSession, match="at most 8"):
        parse_roles(text)


def test_sort_with_role_and_comments_round_trips(store, rich, grid) -> None:
    token = join(store, rich)
    sort = valid_sort(grid, rich.statement_set.ids)
    top, bottom = extremes(sort)
    notes = {str(top): "  Dit zien we elke dag. ", str(bottom): "\x00Nooit\x07"}
    submit_sort(store, rich, token, "observed", columns_of(sort), notes, "leidinggevende")
    pid = participant_id(store, rich, token)
    assert store.comments_of(rich.id, pid) == {"observed": {top: "Dit zien we elke dag.", bottom: "Nooit"}}
    assert store.role_of(rich.id, pid) == "leidinggevende"


def test_a_resubmission_replaces_the_comments(store, rich, grid) -> None:
    token = join(store, rich)
    sort = valid_sort(grid, rich.statement_set.ids)
    top, bottom = extremes(sort)
    submit_sort(store, rich, token, "observed", columns_of(sort), {str(top): "een", str(bottom): "twee"})
    submit_sort(store, rich, token, "observed", columns_of(sort), {str(top): "drie"})
    assert store.comments_of(rich.id, participant_id(store, rich, token)) == {"observed": {top: "drie"}}


@pytest.mark.parametrize(
    ("comments", "key"),
    [
        ({"TOP": "x" * (COMMENT_LIMIT + 1)}, "comment.too_long"),
        ({"MIDDLE": "niet aan de rand"}, "comment.not_extreme"),
        ({"abc": "geen nummer"}, "comment.not_extreme"),
        ({"TOP": 42}, "comment.not_text"),
        (["lijst"], "comment.not_text"),
    ],
)
def test_bad_comments_are_refused_and_store_nothing(store, rich, grid, comments, key) -> None:
    token = join(store, rich)
    sort = valid_sort(grid, rich.statement_set.ids)
    top, _ = extremes(sort)
    middle = next(s for s, v in sort.items() if v == 0)
    if isinstance(comments, dict):
        comments = {{"TOP": str(top), "MIDDLE": str(middle)}.get(k, k): v for k, v in comments.items()}
    with pytest.raises(ReviewError) as err:
        submit_sort(store, rich, token, "observed", columns_of(sort), comments)
    assert err.value.key == key
    assert store.sort_count(rich.id, "observed") == 0


def test_an_unknown_role_is_refused(store, rich, grid) -> None:
    token = join(store, rich)
    with pytest.raises(ReviewError, match="roles the facilitator listed"):
        submit_sort(store, rich, token, "observed", columns_of(valid_sort(grid, rich.statement_set.ids)), None, "ceo")


def test_comments_are_ignored_when_the_session_does_not_ask(store, session, grid) -> None:
    token = join(store, session)
    sort = valid_sort(grid, session.statement_set.ids)
    top, _ = extremes(sort)
    submit_sort(store, session, token, "observed", columns_of(sort), {str(top): "ongevraagd"})
    assert store.comments_of(session.id, participant_id(store, session, token)) == {}


def test_a_draft_round_trips_and_is_dropped_on_submit(store, rich, grid) -> None:
    token = join(store, rich)
    pid = participant_id(store, rich, token)
    draft = {"stage": "fine", "rough": {"1": 1, "2": -1}, "placed": {"1": 4}, "comments": {}, "updated": 17}
    save_draft(store, rich, token, "observed", draft)
    saved = store.draft_of(rich.id, pid, "observed")
    assert saved["placed"] == {"1": 4} and saved["rough"] == {"1": 1, "2": -1} and saved["updated"] == 17
    save_draft(store, rich, token, "observed", {**draft, "placed": {"1": 3}})
    assert store.draft_of(rich.id, pid, "observed")["placed"] == {"1": 3}
    submit_sort(store, rich, token, "observed", columns_of(valid_sort(grid, rich.statement_set.ids)))
    assert store.draft_of(rich.id, pid, "observed") is None


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        ("not a dict", "not an object"),
        ({"placed": {"99": 1}}, "unknown statement 99"),
        ({"placed": {"1": 9}}, "impossible position 9"),
        ({"placed": {"1": True}}, "impossible position True"),
        ({"rough": {"1": 2}}, "impossible position 2"),
        ({"placed": {"1": 4, "2": 4, "3": 4}}, "column 4 overfilled"),
        ({"placed": [1, 2]}, "must be objects"),
        ({"comments": {"1": "x" * (COMMENT_LIMIT + 1)}}, "short texts"),
        ({"stage": "x" * DRAFT_LIMIT}, "too large"),
        ({"role": "ceo"}, None),
    ],
)
def test_bad_drafts_are_refused(rich, draft, reason) -> None:
    with pytest.raises(ReviewError) as err:
        check_draft(rich, draft)
    if reason:
        assert reason in err.value.message("en")


def test_drafts_need_a_valid_token_and_an_open_session(store, rich) -> None:
    with pytest.raises(InvalidToken):
        save_draft(store, rich, "forged.token", "observed", {})
    token = join(store, rich)
    store.set_status(rich.id, "closed")
    with pytest.raises(SessionClosed):
        save_draft(store, rich, token, "observed", {})


@pytest.mark.parametrize("which", ["session", "rich"])
def test_a_phone_that_just_joined_is_shown_what_a_full_read_would_show(store, request, which: str) -> None:
    """Every phone's first page run skips the reads (room.joined_view); it must show the same."""
    session = request.getfixturevalue(which)
    token = join(store, session)
    assert joined_view(store, session, token) == participant_view(store, session, token)
    assert joined_view(store, session, token).current == "observed"


def test_a_participant_reads_back_both_sorts_their_comments_and_role(store, rich, grid) -> None:
    token = join(store, rich)
    observed = valid_sort(grid, rich.statement_set.ids)
    desired = valid_sort(grid, rich.statement_set.ids[::-1])
    top = extremes(observed)[0]
    submit_sort(store, rich, token, "observed", columns_of(observed), {str(top): "boven"}, "professional")
    view = participant_view(store, rich, token)
    assert (view.current, view.initial, view.starts_from) == ("desired", observed, "observed")
    assert view.sorts == {"observed": observed, "desired": None} and view.role == "professional"
    low = extremes(desired)[1]
    submit_sort(store, rich, token, "desired", columns_of(desired), {str(low): "onder"}, "professional")
    done = participant_view(store, rich, token)
    assert done.done and done.sorts == {"observed": observed, "desired": desired}
    assert own_comments(store, done) == {"observed": {top: "boven"}, "desired": {low: "onder"}}
    assert participant_view(store, rich, token, editing="observed").initial == observed
