"""Phones in a real browser against a stated group size: tabs on one phone are one phone (the
device cookie), a phone beyond the group size waits without a board until the facilitator lets
it in, and the projector shows the phones against the group size."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Playwright, expect

from review.access.codes import ALPHABET
from review.access.ratelimit import CODE_BURST
from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.i18n import t
from review.room import admission
from review.room.demo import demo_people
from review.room.sessions import create_session
from review.store import Store
from tests.e2e.conftest import Server, running_app


@pytest.fixture(scope="module")
def small_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    db = tmp_path_factory.mktemp("admission") / "review.duckdb"
    store = Store.open(db)
    session = create_session(store, "Klein", load_statement_set(), load_grid())
    admission.set_group_size(store, session, 2)
    store.close()
    with running_app(db) as srv:
        yield srv, session.code


@pytest.fixture
def guessed_room(tmp_path: Path) -> Iterator[tuple[Server, str]]:
    """A session of its own, so a guesser's spent limit touches no other test."""
    db = tmp_path / "review.duckdb"
    store = Store.open(db)
    session = create_session(store, "Open", load_statement_set(), load_grid())
    store.close()
    with running_app(db) as srv:
        yield srv, session.code


@pytest.mark.browser_only
def test_a_guesser_behind_the_rooms_address_does_not_lock_out_a_newcomer_who_types_the_code(
    browser: Browser, playwright: Playwright, guessed_room
) -> None:
    """The probe: newcomers behind the same address as a guesser were refused 3 times in 5. A
    browser that loaded a page carries the app's device cookie, and its tries are its own."""
    server, code = guessed_room
    newcomer = browser.new_context(**playwright.devices["Pixel 7"], locale="en-GB").new_page()
    newcomer.goto(f"{server.url}/?lang=en")  # the code-entry page, before the guessing starts
    expect(newcomer.get_by_label(t("join.code_label", "en"))).to_be_visible()
    wrong = (f"{a}{b}{c}" * 2 for a in ALPHABET for b in ALPHABET for c in ALPHABET)
    answers: list[int] = []
    for guess in wrong:  # a script without cookies, from the same address, until it is refused
        if guess == code:
            continue
        answers.append(server.post("submit", {"s": guess, "p": "x", "condition": "observed"})[0])
        if answers[-1] == 429 or len(answers) > 3 * CODE_BURST:
            break
    assert answers[-1] == 429 and answers.count(404) >= CODE_BURST - 1
    newcomer.get_by_label(t("join.code_label", "en")).fill(code)
    newcomer.get_by_role("button", name=t("join.button", "en")).click()
    expect(newcomer.locator(".qs-pile-btn")).to_have_count(3)  # in, with a board
    assert "p=" in newcomer.url


def test_a_page_sets_the_device_cookie_once_and_never_readable_by_scripts(small_room) -> None:
    server, code = small_room
    with urllib.request.urlopen(f"{server.url}/?s={code}", timeout=10) as r:
        cookie = r.headers.get("set-cookie", "")
    assert cookie.startswith(f"{admission.DEVICE_COOKIE}=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    again = urllib.request.Request(f"{server.url}/?s={code}", headers={"Cookie": cookie.split(";")[0]})
    with urllib.request.urlopen(again, timeout=10) as r:
        assert r.headers.get("set-cookie") is None
    made_up = f"{admission.DEVICE_COOKIE}=abcdefghijklmnop1234.0123456789abcdef0123"  # not signed by the app
    forged = urllib.request.Request(f"{server.url}/?s={code}", headers={"Cookie": made_up})
    with urllib.request.urlopen(forged, timeout=10) as r:
        assert r.headers.get("set-cookie", "").split(";")[0] not in ("", made_up)  # replaced by one of its own


@pytest.mark.browser_only
def test_tabs_are_one_phone_and_the_phone_beyond_the_group_waits(
    browser: Browser, playwright: Playwright, small_room
) -> None:
    server, code = small_room
    phone = playwright.devices["Pixel 7"]
    board = ".qs-pile-btn"
    first = browser.new_context(**phone, locale="en-GB")
    for _ in range(2):  # two tabs on one phone
        tab = first.new_page()
        tab.goto(f"{server.url}/?s={code}&lang=en")
        expect(tab.locator(board)).to_have_count(3)
    second = browser.new_context(**phone, locale="en-GB").new_page()
    second.goto(f"{server.url}/?s={code}&lang=en")
    expect(second.locator(board)).to_have_count(3)
    extra = browser.new_context(**phone, locale="en-GB").new_page()  # a third phone for a group of two
    extra.goto(f"{server.url}/?s={code}&lang=en")
    expect(extra.get_by_text(t("join.waiting", "en", size=2))).to_be_visible()
    expect(extra.locator(board)).to_have_count(0)
    assert "p=" not in extra.url

    desk = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    fac = desk.new_page()
    server.login(fac)
    projector = desk.new_page()
    projector.goto(f"{server.url}/projector?session={code}&lang=en")
    expect(projector.get_by_test_id("proj-phones")).to_have_text(t("proj.phones", "en", joined=2, size=2))
    fac.goto(f"{server.url}/facilitator?session={code}&lang=en")
    expect(fac.get_by_text(t("fac.waiting_phones", "en", n=1))).to_be_visible()
    fac.get_by_role("button", name=t("fac.admit", "en"), exact=True).click()
    fac.get_by_role("button", name=t("fac.admit_confirm", "en")).click()
    expect(extra.locator(board)).to_have_count(3)  # let in: the board, with a token of its own
    assert "p=" in extra.url
    over = projector.get_by_test_id("proj-phones")
    expect(over).to_have_text(t("proj.phones", "en", joined=3, size=2))
    expect(over).to_have_class("proj-phones proj-over")
    expect(fac.get_by_text(t("fac.phones_over", "en", joined=3, size=2))).to_be_visible()


@pytest.mark.browser_only
def test_log_everyone_out_ends_open_projector_and_session_pages_without_a_reload(browser: Browser, small_room) -> None:
    server, code = small_room
    open_pages = []
    for path in (f"/projector?session={code}&lang=en", f"/facilitator?session={code}&lang=en"):
        page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB").new_page()
        server.login(page)
        page.goto(server.url + path)
        expect(page.get_by_text(code).first).to_be_visible()
        open_pages.append(page)
    desk = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB").new_page()
    server.login(desk)
    desk.goto(f"{server.url}/facilitator?lang=en")
    desk.get_by_text(t("fac.logout_all", "en"), exact=True).click()
    desk.get_by_role("button", name=t("fac.logout_all_confirm", "en")).click()
    for page in open_pages:  # each redraws itself within a second or two: it asks to log in instead
        expect(page.get_by_text(t("auth.heading", "en"))).to_be_visible()
        expect(page.get_by_text(code)).to_have_count(0)


@pytest.fixture(scope="module")
def open_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("n-1") / "review.duckdb"
    store = Store.open(db)
    session = create_session(store, "Open", load_statement_set(), load_grid())  # no group size stated
    store.close()
    with running_app(db, {"open": session}) as srv:
        yield srv


def test_the_n_minus_1_attack_through_real_phones_reads_nothing_off_the_summary(
    browser: Browser, playwright: Playwright, open_room: Server
) -> None:
    """The probe's attack against the running app: phones join through the real page (their device
    cookies), the attacker posts made-up sorts from two extra tabs right after a colleague submitted,
    and reads /api/summary (what the projector, subgroups, report and exports are built from)."""
    server, code = open_room, open_room.sessions["open"].code
    people = demo_people(load_statement_set(), load_grid(), 4, seed=5)

    def tabs(n: int) -> list[str]:
        ctx = browser.new_context(**playwright.devices["Pixel 7"], locale="en-GB")
        tokens = []
        for _ in range(n):
            tab = ctx.new_page()
            tab.goto(f"{server.url}/?s={code}&lang=en")
            expect(tab.locator(".qs-pile-btn")).to_have_count(3)
            tokens.append(parse_qs(urlsplit(tab.url).query)["p"][0])
        return tokens

    victim, honest, attacker = tabs(1)[0], tabs(1)[0], tabs(3)
    desk = browser.new_context(locale="en-GB").new_page()
    server.login(desk)

    def published() -> dict | None:
        answer = desk.request.get(f"{server.url}/api/summary/{code}")
        return answer.json() if answer.ok else None

    server.submit("open", people[0][0], token=victim)
    server.submit("open", people[1][0], token=attacker[1])
    server.submit("open", people[2][0], token=attacker[2])
    assert published() is None  # three sorts, two people: the batch waits; nothing to subtract from
    server.submit("open", people[3][0], token=honest)
    summary = published()
    assert summary is not None and summary["n_submitted"] == 4
    known = [people[1][0], people[2][0]]
    top, bottom = max(load_grid().values), min(load_grid().values)
    rest = {
        int(sid): round(s["mean"] * 4) - sum(k[int(sid)] for k in known) for sid, s in summary["statements"].items()
    }
    readable = [sid for sid, v in rest.items() if v in (2 * top, 2 * bottom)]  # both unknown sorts at one extreme
    assert len(readable) <= 3, readable  # before: all 50 of the colleague's positions
