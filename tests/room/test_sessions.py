import pytest

from review.content.grid import Grid, load_grid
from review.content.statements import StatementSet
from review.content.text import one_line
from review.errors import (
    BadSessionCode,
    InvalidSession,
    InvalidSort,
    InvalidToken,
    ReviewError,
    SessionClosed,
    StatusChangeRefused,
    UnknownSession,
)
from review.i18n import LANGUAGES, MESSAGES
from review.room.sessions import (
    CONDITIONS,
    STATUSES,
    TRANSITIONS,
    create_session,
    find_session,
    join,
    next_statuses,
    own_sort,
    set_status,
    submit_sort,
    without_control,
)
from review.store import Store
from tests.conftest import columns_of
from tests.content.test_grid import valid_sort


def test_create_and_find_a_session(store: Store, session) -> None:
    assert session.is_open and session.conditions == ("observed",)
    assert find_session(store, session.code.lower()) == session
    assert store.sessions() == [session]


@pytest.mark.parametrize("title", ["", "   ", "x" * 121])
def test_a_session_needs_a_title(store: Store, statement_set: StatementSet, grid: Grid, title: str) -> None:
    with pytest.raises(InvalidSession) as err:
        create_session(store, title, statement_set, grid)
    assert "120" in err.value.message("en")


def test_the_grid_must_hold_the_set(store: Store, statement_set: StatementSet) -> None:
    small = Grid(id="s", name={}, values=(-1, 0, 1), counts=(1, 2, 1))
    with pytest.raises(InvalidSession, match="4 places but the set has 50"):
        create_session(store, "x", statement_set, small)


def test_conditions_are_kept_in_canonical_order(store: Store, statement_set, grid) -> None:
    s = create_session(store, "x", statement_set, grid, conditions=["desired", "observed", "bogus"])
    assert s.conditions == CONDITIONS


def test_unknown_and_malformed_codes(store: Store, session) -> None:
    with pytest.raises(UnknownSession) as err:
        find_session(store, "ABCDEF" if session.code != "ABCDEF" else "ABCDEG")
    assert "ABCDE" in err.value.message("nl")
    with pytest.raises(BadSessionCode):
        find_session(store, "12")


def test_join_submit_and_see_own_sort(store: Store, session, grid: Grid) -> None:
    token = join(store, session, "nl")
    sort = valid_sort(grid, session.statement_set.ids)
    assert submit_sort(store, session, token, "observed", columns_of(sort)) == sort
    assert own_sort(store, session, token, "observed") == sort
    assert store.progress(session.id).joined == 1


def test_a_second_submission_replaces_the_first(store: Store, session, grid: Grid) -> None:
    token = join(store, session)
    ids = session.statement_set.ids
    submit_sort(store, session, token, "observed", columns_of(valid_sort(grid, ids)))
    again = valid_sort(grid, ids[::-1])
    submit_sort(store, session, token, "observed", columns_of(again))
    assert store.sort_count(session.id, "observed") == 1
    assert own_sort(store, session, token, "observed") == again


def test_a_tampered_sort_stores_nothing_and_keeps_the_earlier_one(store: Store, session, grid: Grid) -> None:
    token = join(store, session)
    ids = session.statement_set.ids
    good = valid_sort(grid, ids)
    submit_sort(store, session, token, "observed", columns_of(good))
    bad = columns_of(valid_sort(grid, ids[::-1]))
    bad["4"].append(bad["0"].pop())
    with pytest.raises(InvalidSort):
        submit_sort(store, session, token, "observed", bad)
    assert own_sort(store, session, token, "observed") == good


def test_statements_from_another_set_are_refused(store: Store, session, grid: Grid) -> None:
    token = join(store, session)
    foreign = columns_of(valid_sort(grid, list(range(101, 151))))
    with pytest.raises(InvalidSort) as err:
        submit_sort(store, session, token, "observed", foreign)
    assert err.value.key == "sort.unknown_statement"
    assert store.sort_count(session.id, "observed") == 0


def test_a_closed_session_takes_no_sorts_and_no_joins(store: Store, session, grid: Grid) -> None:
    token = join(store, session)
    store.set_status(session.id, "closed")
    with pytest.raises(SessionClosed):
        submit_sort(store, session, token, "observed", columns_of(valid_sort(grid, session.statement_set.ids)))
    with pytest.raises(SessionClosed):
        join(store, store.session(session.id))
    assert store.sort_count(session.id, "observed") == 0


def test_forged_and_foreign_tokens_are_refused(store: Store, session, statement_set, grid: Grid) -> None:
    other = create_session(store, "Andere groep", statement_set, grid)
    foreign = join(store, other)
    sort = columns_of(valid_sort(grid, session.statement_set.ids))
    for token in (foreign, "abc.def", "nonsense", join(store, session) + "x"):
        with pytest.raises(InvalidToken):
            submit_sort(store, session, token, "observed", sort)
    assert store.sort_count(session.id, "observed") == 0


def test_a_condition_the_session_does_not_ask_is_refused(store: Store, session, grid: Grid) -> None:
    token = join(store, session)
    with pytest.raises(ReviewError, match="Unknown sorting condition"):
        submit_sort(store, session, token, "desired", columns_of(valid_sort(grid, session.statement_set.ids)))


def test_other_grid_shapes_work_end_to_end(store: Store, statement_set) -> None:
    wide = load_grid("wide-11")
    s = create_session(store, "Breed", statement_set, wide)
    token = join(store, s)
    sort = valid_sort(wide, statement_set.ids)
    assert submit_sort(store, s, token, "observed", columns_of(sort)) == sort


# ---- status changes (review.room.sessions.TRANSITIONS) ------------------------------------------------

ALLOWED = [(a, b) for a in STATUSES for b in sorted(TRANSITIONS[a])]
FORBIDDEN = [(a, b) for a in STATUSES for b in STATUSES if b != a and b not in TRANSITIONS[a]]


def test_the_transitions_are_those_the_facilitators_page_always_offered() -> None:
    """Pause and resume, close from open or paused, reopen a closed session; nothing else."""
    assert {"open": {"paused", "closed"}, "paused": {"open", "closed"}, "closed": {"open"}} == TRANSITIONS
    assert set(TRANSITIONS) == set(STATUSES)
    assert FORBIDDEN == [("closed", "paused")]
    assert next_statuses("archived") == frozenset()


@pytest.mark.parametrize(("before", "after"), ALLOWED)
def test_every_allowed_status_change_happens(store: Store, session, before: str, after: str) -> None:
    store.set_status(session.id, before)
    set_status(store, session, after)
    assert store.status(session.id) == after


@pytest.mark.parametrize(("before", "after"), FORBIDDEN)
def test_every_forbidden_status_change_is_refused_in_both_languages(
    store: Store, session, before: str, after: str
) -> None:
    store.set_status(session.id, before)
    with pytest.raises(StatusChangeRefused) as err:
        set_status(store, session, after)
    assert store.status(session.id) == before
    assert err.value.key == f"error.status_{before}_to_{after}"
    messages = {lang: err.value.message(lang) for lang in LANGUAGES}
    assert messages == MESSAGES[err.value.key] and messages["nl"] != messages["en"]


def test_a_closed_session_cannot_be_paused_and_says_so(store: Store, session) -> None:
    set_status(store, session, "closed")
    with pytest.raises(StatusChangeRefused) as err:
        set_status(store, session, "paused")
    assert err.value.message("nl") == "Een gesloten sessie kan niet meer worden gepauzeerd. Heropen de sessie eerst."
    assert err.value.message("en") == "A closed session cannot be paused any more. Reopen it first."
    assert isinstance(err.value, ValueError)  # as set_status raised before the refusal had words
    set_status(store, session, "open")
    set_status(store, session, "paused")  # reopened first, it pauses
    assert store.status(session.id) == "paused"


@pytest.mark.parametrize("status", STATUSES)
def test_the_status_a_session_already_has_changes_nothing(store: Store, session, status: str) -> None:
    """A second tab that still shows the old buttons asks for what the first tab did."""
    store.set_status(session.id, status)
    set_status(store, session, status)
    assert store.status(session.id) == status


def test_the_change_is_judged_from_the_status_now_not_the_page_that_asked(store: Store, session) -> None:
    assert session.status == "open"  # the page that holds this row shows "Pause"
    set_status(store, session, "closed")  # another tab closed the session meanwhile
    with pytest.raises(StatusChangeRefused):
        set_status(store, session, "paused")
    assert store.status(session.id) == "closed"


def test_a_change_between_the_judgement_and_the_write_is_judged_again(store: Store, session, monkeypatch) -> None:
    """The page read "open" and pauses; another process closed the session just before the write.
    The write does not land on the closed session: judged again, pausing a closed one is refused."""
    real = store.status
    reads = []

    def stale_then_real(session_id: str) -> str:
        reads.append(session_id)
        if len(reads) == 1:
            store.set_status(session_id, "closed")  # the other process, between this read and the write
            return "open"
        return real(session_id)

    monkeypatch.setattr(store, "status", stale_then_real)
    with pytest.raises(StatusChangeRefused) as err:
        set_status(store, session, "paused")
    assert err.value.key == "error.status_closed_to_paused"
    assert real(session.id) == "closed" and len(reads) == 2


def test_a_status_that_does_not_exist_is_refused_by_name(store: Store, session) -> None:
    with pytest.raises(StatusChangeRefused) as err:
        set_status(store, session, "deleted")
    assert err.value.message("nl").startswith('"deleted" is geen status van een sessie')
    assert err.value.message("en").startswith('"deleted" is not a status of a session')
    assert store.status(session.id) == "open"


def test_typed_text_follows_the_rule_imported_text_follows() -> None:
    """A comment or a cover typed on a page loses what an imported text loses: C0 and C1 controls
    and the overrides that make a text display as another one; its line breaks and tabs stay."""
    typed = "\x00Nooit\x07 \u202ezien\u202c we\x9b dit\n\tmeer\ud800"
    assert without_control(typed) == "Nooit zien we dit\n\tmeer"
    assert one_line(typed) == "Nooit zien we dit meer"  # the imported rule: the same, on one line
