"""Extra phones cannot read a colleague's sort off the group's screens (the n-1 attack), and extra
devices show and wait: review.room.admission and review.room.anonymity rule 3, on a real store.

The attack, as a hostile probe ran it: a colleague submits; the attacker submits sorts they know
from extra tabs or phones until the batch is published, then subtracts their own sorts from the
published aggregate. What is left is the colleague's sort whenever only one unknown sort remains.
"""

from __future__ import annotations

import pytest

from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.errors import ReviewError
from review.room import admission
from review.room.admission import device_cookie, device_key, guesser, issued_device, new_device_cookie
from review.room.demo import demo_people
from review.room.live import refresh, room_state
from review.room.sessions import create_session, join_from, save_draft, submit_sort
from review.room.summaries import shown_summary
from review.store import Store
from tests.pages.room_states import columns_of

SSET, GRID = load_statement_set(), load_grid()
PEOPLE = demo_people(SSET, GRID, 8, seed=5)


def sort_of(k: int) -> dict[int, int]:
    return PEOPLE[k][0]


class Room:
    """A session and the phones in it, each joining from a device (a browser's cookie)."""

    def __init__(self, store: Store, roles: tuple[str, ...] = (), size: int | None = None) -> None:
        self.store = store
        self.session = create_session(store, "Attack", SSET, GRID, ("observed",), roles)
        if size is not None:
            admission.set_group_size(store, self.session, size)
            self.session = store.session(self.session.id)

    def phone(self, cookie: str) -> tuple[str, bool]:
        secret = self.store.secret()
        device = device_key(secret, self.session.id, device_cookie(secret, cookie), "10.0.0.1")
        return join_from(self.store, self.session, device, "nl")

    def submit(self, token: str, k: int, role: str | None = None) -> None:
        submit_sort(self.store, self.session, token, "observed", columns_of(sort_of(k)), role=role)

    def published(self, role: str | None = None) -> tuple[int, dict[int, int]]:
        """What the screens rest on: how many sorts, and each statement's sum of positions."""
        refresh(self.store, self.session)
        scope = "roles" if role else "all"
        counts = self.store.position_counts(self.session.id, "observed", by_role=bool(role), scope=scope)
        if role:
            counts = counts[counts["role"] == role]
        n = int(counts.groupby("statement_id")["n"].sum().max()) if len(counts) else 0
        sums = {int(sid): int((g["position"] * g["n"]).sum()) for sid, g in counts.groupby("statement_id")}
        return n, sums


def recovered(room: Room, known: list[int], victim: int, role: str | None = None) -> int:
    """How many of the victim's positions the attacker reads off the published copy, knowing the
    sorts ``known``: all of them when one unknown sort remains; with more, the positions where the
    unknown sorts' sum leaves one answer (all of them at an extreme)."""
    n, sums = room.published(role)
    unknown = n - len(known)
    if n == 0 or unknown <= 0:
        return 0
    rest = {sid: total - sum(sort_of(k)[sid] for k in known) for sid, total in sums.items()}
    top, bottom = max(GRID.values), min(GRID.values)
    if unknown == 1:
        return sum(1 for sid, v in rest.items() if v == sort_of(victim)[sid])
    return sum(1 for v in rest.values() if v in (unknown * top, unknown * bottom))


def test_extra_tabs_on_one_device_do_not_make_up_a_batch(store: Store) -> None:
    room = Room(store)
    victim, _ = room.phone("victim-phone-cookie-0001")
    honest, _ = room.phone("honest-phone-cookie-0002")
    own, *tabs = [room.phone("attacker-phone-cookie-03")[0] for _ in range(3)]
    room.submit(victim, 0)
    room.submit(tabs[0], 1)
    room.submit(tabs[1], 2)  # the probe's attack: three sorts, two of them known
    assert room.published() == (0, {})
    assert recovered(room, [1, 2], victim=0) == 0
    with pytest.raises(ReviewError):
        shown_summary(store, room.session, "observed")  # /api/summary, the projector, the report: nothing
    room.submit(own, 3)
    assert room.published()[0] == 0  # still two people: the victim and the attacker
    room.submit(honest, 4)  # a third person: the batch goes out
    assert room.published()[0] == 5
    # what is left to the attacker is the sum of two sorts: only a position both put at an
    # extreme can be read, as from any group view of three
    assert recovered(room, [1, 2, 3], victim=0) <= 2


def test_the_attack_works_on_the_batch_rule_without_people_counted(store: Store) -> None:
    """The same attack against sorts that count (three devices in the room before): it recovers
    the whole sort. This is why the rule counts people, and why extra devices must show."""
    room = Room(store)
    victim, _ = room.phone("victim-phone-cookie-0001")
    first, _ = room.phone("attacker-phone-cookie-03")
    second, _ = room.phone("attacker-second-phone-04")  # a second phone, in before the victim submitted
    room.submit(victim, 0)
    room.submit(first, 1)
    room.submit(second, 2)
    assert recovered(room, [1, 2], victim=0) == len(SSET.ids)  # what the stated threat model accepts
    assert room_state(store, room.session.code).phones.joined == 3  # ... and what every screen shows


def test_devices_that_join_after_a_sort_waits_do_not_count_for_it(store: Store) -> None:
    room = Room(store)
    victim, _ = room.phone("victim-phone-cookie-0001")
    others = [room.phone(f"honest-phone-cookie-{k:04d}")[0] for k in range(2)]
    room.submit(victim, 0)
    late = [room.phone(f"attacker-new-browser-{k:04d}")[0] for k in range(2)]  # private windows
    for k, token in enumerate(late):
        room.submit(token, 1 + k)
    assert room.published()[0] == 0 and recovered(room, [1, 2], victim=0) == 0
    room.submit(others[0], 3)
    assert room.published()[0] == 0  # counted: the victim and one other; the late ones ride along only
    room.submit(others[1], 4)
    assert room.published()[0] == 5


def test_the_attack_fails_per_role_too(store: Store) -> None:
    room = Room(store, roles=("manager", "pro"))
    victim, _ = room.phone("victim-phone-cookie-0001")
    pros = [room.phone(f"pro-phone-cookie-{k:06d}")[0] for k in range(3)]
    tabs = [room.phone("attacker-phone-cookie-03")[0] for _ in range(3)]
    room.submit(victim, 0, "manager")
    room.submit(tabs[0], 1, "manager")
    room.submit(tabs[1], 2, "manager")
    for k, token in enumerate(pros):
        room.submit(token, 3 + k, "pro")
    assert room.published("manager") == (0, {})
    assert recovered(room, [1, 2], victim=0, role="manager") == 0


def test_phones_beyond_the_group_size_wait_until_let_in(store: Store) -> None:
    room = Room(store, size=3)
    assert [room.phone(f"phone-cookie-{k:08d}")[1] for k in range(3)] == [True, True, True]
    assert room.phone("phone-cookie-00000000")[1] is True  # a second tab of a phone in the room
    token, now_in = room.phone("extra-phone-cookie-0001")
    assert now_in is False and admission.is_in(store, room.session, token) is False
    again, still = room.phone("extra-phone-cookie-0001")  # the waiting phone reloads: still one phone
    assert still is False and admission.is_in(store, room.session, token) is False
    state = room_state(store, room.session.code)
    assert (state.phones.joined, state.phones.waiting) == (3, 1) and not admission.over(state.phones, room.session)
    assert admission.admit_waiting(store, room.session) == 1
    assert admission.is_in(store, room.session, again) is True and admission.is_in(store, room.session, token)
    state = room_state(store, room.session.code)
    assert (state.phones.joined, state.phones.waiting) == (4, 0) and admission.over(state.phones, room.session)


def test_a_phone_let_in_counts_only_for_sorts_submitted_after(store: Store) -> None:
    room = Room(store, size=2)
    victim, _ = room.phone("victim-phone-cookie-0001")
    honest, _ = room.phone("honest-phone-cookie-0002")
    extra, now_in = room.phone("attacker-phone-cookie-03")
    assert not now_in
    room.submit(victim, 0)
    admission.admit_waiting(store, room.session)  # the facilitator lets the third phone in
    room.submit(extra, 1)
    room.submit(honest, 2)
    assert room.published()[0] == 0  # the batch began before it was let in: two people count


def test_a_browser_without_the_apps_own_cookie_is_its_address() -> None:
    secret = b"s" * 32
    at = device_key(secret, "session", None, "10.0.0.1")
    assert device_key(secret, "session", None, "10.0.0.1") == at  # a script's joins: one phone
    made_up = "abcdefghijklmnop1234.0123456789abcdef0123"  # the right shape, not signed by this app
    assert device_key(secret, "session", made_up, "10.0.0.1") == at
    assert device_key(secret, "session", device_cookie(b"t" * 32, "abcdefghijklmnop1234"), "10.0.0.1") == at
    assert device_key(secret, "session", "<script>", "10.0.0.1") == at
    assert device_key(secret, "session", None, "10.0.0.2") != at
    assert "10.0.0.1" not in at


def test_a_cookie_the_app_issued_is_one_device_per_session_whatever_its_address() -> None:
    secret = b"s" * 32
    cookie = new_device_cookie(secret)
    assert issued_device(secret, cookie) and issued_device(b"t" * 32, cookie) is None
    assert device_key(secret, "one", cookie, "10.0.0.1") == device_key(secret, "one", cookie, "10.0.0.9")
    assert device_key(secret, "one", cookie, "10.0.0.1") != device_key(secret, "two", cookie, "10.0.0.1")  # unlinkable
    assert device_key(secret, "one", cookie, "10.0.0.1") != device_key(
        secret, "one", new_device_cookie(secret), "10.0.0.1"
    )
    assert cookie.split(".")[0] not in device_key(secret, "one", cookie, "10.0.0.1")
    for bad in (
        None,
        12,
        "",
        cookie + "0",
        cookie.replace(".", "-"),
        cookie[:-1] + ("0" if cookie[-1] != "0" else "1"),
    ):
        assert issued_device(secret, bad) is None


def test_wrong_codes_count_against_the_device_only_with_the_apps_own_cookie() -> None:
    secret = b"s" * 32
    cookie = new_device_cookie(secret)
    assert guesser(secret, cookie, "10.0.0.1") == guesser(secret, cookie, "10.0.0.2")
    assert guesser(secret, cookie, "10.0.0.1") != guesser(secret, new_device_cookie(secret), "10.0.0.1")
    assert cookie.split(".")[0] not in guesser(secret, cookie, "10.0.0.1")
    assert guesser(secret, None, "10.0.0.1") is None  # the address's bucket
    assert guesser(secret, device_cookie(b"t" * 32, "abcdefghijklmnop1234"), "10.0.0.1") is None


def test_scripted_one_card_joins_from_one_address_count_as_one_phone_on_the_projector(store: Store) -> None:
    """The probe's 40 joins with a one-card autosave moved the projector from "15 of 16" to "15 of
    56". A script that drops the cookie is its address: however often it joins, one phone."""
    room = Room(store)
    secret = store.secret()
    honest = [room.phone(f"honest-phone-cookie-{k:04d}")[0] for k in range(3)]
    script = device_key(secret, room.session.id, None, "10.0.0.66")
    scripted = [join_from(store, room.session, script)[0] for _ in range(40)]
    one_card = {"stage": "rough", "rough": {"1": 1}, "placed": {}}
    for token in honest + scripted:
        save_draft(store, room.session, token, "observed", one_card)
    assert store.progress(room.session.id).started == 4
    assert store.phones(room.session.id).joined == 4
    room.submit(honest[0], 0)
    assert store.progress(room.session.id).started == 4  # a submit does not count its phone twice


@pytest.mark.parametrize("value", ["1", "-3", "201", "twelve", "3.5", 1000])
def test_a_group_size_outside_2_to_200_is_refused_with_a_message(value) -> None:
    with pytest.raises(ReviewError) as err:
        admission.check_group_size(value)
    assert "2" in err.value.message("nl") and "200" in err.value.message("en")


@pytest.mark.parametrize(("value", "size"), [(None, None), ("", None), (0, None), ("12", 12), (2, 2), (200, 200)])
def test_a_group_size_is_a_whole_number_or_not_stated(value, size) -> None:
    assert admission.check_group_size(value) == size
