"""The states a live session goes through, built with the domain's own calls.

One table serves the page tests (AppTest), the rule walk and the real-browser walk
(tests/e2e/test_room_states.py): every page must render every state without an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from review.analysis.viewpoints import choose
from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.room.anonymity import MIN_GROUP
from review.room.demo import demo_people
from review.room.live import new_round
from review.room.sessions import create_session, join, replace_code, save_draft, set_status, submit_sort
from review.store import Session, Store

ROLES = ("professional", "leidinggevende")


def columns_of(placements: dict[int, int]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for sid, value in placements.items():
        out.setdefault(str(value), []).append(sid)
    return out


def dress_for_every_view(store: Store, session: Session, reveal: str = "") -> Session:
    """Give every reveal step something to show: three published comments chosen for the projector,
    four pins, a two-viewpoint analysis; then reveal ``reveal``. Returns the session as it is now."""
    from review.room import live as room  # the room's rules, as the facilitator's page calls them
    from review.room.sessions import toggle_pin

    room.refresh(store, session)
    for notes in list(room.comments(store, session, MIN_GROUP).values())[:3]:
        room.feature_comment(store, session, notes[0].key, True)
    for sid in session.statement_set.ids[:4]:
        toggle_pin(store, store.session(session.id), sid)
    choose(store, store.session(session.id), "observed", "pca", "varimax", 2)
    room.reveal(store, store.session(session.id), reveal)
    return store.session(session.id)


@dataclass
class Built:
    """A session in some state, and tokens of people in it: ``joined`` never placed a card,
    ``sorting`` placed some, ``submitted`` handed in everything asked."""

    session: Session
    joined: list[str] = field(default_factory=list)
    sorting: list[str] = field(default_factory=list)
    submitted: list[str] = field(default_factory=list)


def _session(store: Store, title: str, both: bool, roles: bool) -> Session:
    conditions = ("observed", "desired") if both else ("observed",)
    return create_session(
        store, title, load_statement_set(), load_grid(), conditions, ROLES if roles else (), ask_comments=True
    )


def _people(store: Store, built: Built, joined: int = 0, sorting: int = 0, submitted: int = 0, seed: int = 7) -> Built:
    """Add people: some only open the link, some are mid-sort, some submit (with a comment)."""
    session = built.session
    people = demo_people(session.statement_set, session.grid, max(submitted, 1), seed)
    for _ in range(joined):
        built.joined.append(join(store, session))
    for k in range(sorting):
        token = join(store, session)
        rough = {str(sid): (-1, 0, 1)[(sid + k) % 3] for sid in session.statement_set.ids[: 5 + k]}
        save_draft(store, session, token, "observed", {"stage": "rough", "rough": rough, "placed": {}})
        built.sorting.append(token)
    arrived = [join(store, session) for _ in range(submitted)]  # in the room before anyone submits
    for k, token in enumerate(arrived):
        observed, desired, role = people[k]
        top = next(sid for sid, v in observed.items() if v == max(session.grid.values))
        comment = {str(top): f"Voorbeeld {k}: <b>niet vet</b> [geen link](http://e.vil)"}
        role = role if session.roles else None
        submit_sort(store, session, token, "observed", columns_of(observed), comment, role)
        if "desired" in session.conditions:
            submit_sort(store, session, token, "desired", columns_of(desired))
        built.submitted.append(token)
    return built


def empty(store: Store) -> Built:
    return Built(_session(store, "Leeg", both=True, roles=True))


def _chosen(store: Store, built: Built) -> Built:
    """The facilitator chose a factor analysis for the room: the reveal cycle has its viewpoints step."""
    choose(store, built.session, "observed", "pca", "varimax", 2)
    built.session = store.session(built.session.id)
    return built


def joined_none_submitted(store: Store) -> Built:
    return _people(store, Built(_session(store, "Binnen, niets ingeleverd", both=True, roles=True)), joined=3)


def some_mid_sort(store: Store) -> Built:
    built = Built(_session(store, "Half gesorteerd", both=True, roles=True))
    return _chosen(store, _people(store, built, joined=2, sorting=3, submitted=2))


def paused(store: Store) -> Built:
    built = _people(store, Built(_session(store, "Gepauzeerd", both=False, roles=False)), sorting=2, submitted=4)
    set_status(store, built.session, "paused")
    return built


def closed(store: Store) -> Built:
    built = _people(store, Built(_session(store, "Gesloten", both=True, roles=True)), sorting=1, submitted=5)
    set_status(store, built.session, "closed")
    return built


def reopened(store: Store) -> Built:
    built = closed(store)
    set_status(store, built.session, "open")
    return built


def next_round(store: Store) -> Built:
    built = _people(store, Built(_session(store, "Tweede ronde", both=True, roles=True)), submitted=6)
    new_round(store, built.session)
    fresh = Built(store.session(built.session.id))
    return _chosen(store, _people(store, fresh, joined=1, submitted=1, seed=11))


def new_code(store: Store) -> Built:
    built = _people(store, Built(_session(store, "Nieuwe code", both=False, roles=True)), sorting=1, submitted=3)
    replace_code(store, built.session)
    built.session = store.session(built.session.id)
    return built


def _sorts(n: int, both: bool, roles: bool) -> Callable[[Store], Built]:
    def build(store: Store) -> Built:
        kind = ("beide" if both else "huidig") + (", rollen" if roles else "")
        built = _people(store, Built(_session(store, f"{n} sorteringen ({kind})", both, roles)), submitted=n)
        return _chosen(store, built) if roles else built

    build.__name__ = f"sorts_{n}_{'both' if both else 'observed'}{'_roles' if roles else ''}"
    return build


STATES: dict[str, Callable[[Store], Built]] = {
    f.__name__: f
    for f in (
        empty,
        joined_none_submitted,
        some_mid_sort,
        paused,
        closed,
        reopened,
        next_round,
        new_code,
        *(_sorts(n, both=False, roles=False) for n in (1, 2, 3, 12)),
        *(_sorts(n, both=True, roles=True) for n in (1, 2, 3, 12)),
    )
}
BIG = "sorts_500_both_roles"  # slow to build: the walk renders it once per page


def big(store: Store) -> Built:
    """500 people with both sorts and roles, written in one transaction (as an import does)."""
    built = _people(store, Built(_session(store, "500 sorteringen", both=True, roles=True)), sorting=1)
    sorts = []
    for k, (observed, desired, role) in enumerate(demo_people(built.session.statement_set, built.session.grid, 500)):
        for condition, placements in (("observed", observed), ("desired", desired)):
            sorts.append(
                {"participant": f"p{k:03d}", "condition": condition, "subgroup": role, "placements": placements}
            )
    store.import_sorts(built.session.id, sorts)
    return _chosen(store, built)
