"""The phone's board when the server has a bad moment (issue 9, point 8 and the full disk).

The server's side is tested for real elsewhere: a full disk answers 503 JSON in the
participant's language (tests/e2e/test_faults.py) and a late draft is refused
(tests/e2e/test_hostile_requests.py). Here the browser's network is steered one layer
down, with Playwright's request routing, to show what the board does about it."""

from __future__ import annotations

import json
from collections.abc import Callable

from playwright.sync_api import Browser, Playwright, Route, expect

from tests.e2e.conftest import Server
from tests.e2e.phone import fine_sort_all, rough_sort_all
from tests.e2e.test_phone_sort import open_phone, phone_context

FULL_DISK = {
    "ok": False,
    "error": "store.unavailable",
    "message": "The server cannot store your sort right now. It stays on this phone and is sent again by "
    "itself; keep this page open.",
}


def full_disk_first(times: int, answers: list[int]) -> Callable[[Route], None]:
    """A route handler: the first ``times`` requests get the server's full-disk answer, the rest
    go through; ``answers`` records what each one got."""

    def handle(route: Route) -> None:
        if len(answers) < times:
            answers.append(503)
            route.fulfill(status=503, content_type="application/json", body=json.dumps(FULL_DISK))
        else:
            answers.append(200)
            route.continue_()

    return handle


def test_a_submit_the_server_cannot_store_is_kept_and_sent_again_without_a_tap(
    browser: Browser, playwright: Playwright, server: Server, shots
) -> None:
    ctx = phone_context(browser, playwright)
    phone = open_phone(ctx, server.join_url("plain"))
    rough_sort_all(phone)
    fine_sort_all(phone)
    answers: list[int] = []
    phone.route("**/api/submit", full_disk_first(2, answers))
    phone.locator("button.qs-submit").tap()
    expect(phone.locator(".qs-notice")).to_contain_text("cannot store your sort right now", timeout=30_000)
    kept = phone.evaluate("() => Object.values(localStorage).map((v) => JSON.parse(v)).find((d) => d.pending)")
    assert kept and len(kept["placed"]) == 50  # the whole sort waits on the phone
    phone.screenshot(path=str(shots / "phone-store-unavailable.png"))
    expect(phone.get_by_text("Thank you! Your sort is in.")).to_be_visible(timeout=30_000)  # no tap needed
    assert answers.count(503) == 2
    ctx.close()


def test_a_draft_on_its_way_lands_before_the_submit_leaves(
    browser: Browser, playwright: Playwright, server: Server
) -> None:
    ctx = phone_context(browser, playwright)
    phone = open_phone(ctx, server.join_url("plain"))
    held: list[Route] = []
    events: list[str] = []
    phone.route("**/api/draft", lambda route: held.append(route) if not held else route.continue_())
    phone.on("request", lambda r: events.append("submit sent") if r.url.endswith("/api/submit") else None)
    phone.on("requestfinished", lambda r: events.append("draft stored") if r.url.endswith("/api/draft") else None)
    rough_sort_all(phone)  # the first card is autosaved at once: that request hangs on a slow Wi-Fi
    fine_sort_all(phone)
    assert len(held) == 1
    phone.locator("button.qs-submit").tap()
    expect(phone.locator("button.qs-submit")).to_have_text("Submitting…", timeout=30_000)
    # The board shows "Submitting…" in the same step that would send the submit at once; a request the
    # page makes after it has come back, so a submit sent then would have been seen by now.
    assert phone.evaluate("() => fetch('/api/health').then((r) => r.status)") == 200
    assert "submit sent" not in events  # the submit waits for the draft on its way
    held[0].continue_()
    expect(phone.get_by_text("Thank you! Your sort is in.")).to_be_visible(timeout=20_000)
    assert events.index("draft stored") < events.index("submit sent")
    ctx.close()


def test_a_draft_the_server_cannot_store_is_sent_again(
    browser: Browser, playwright: Playwright, server: Server
) -> None:
    ctx = phone_context(browser, playwright)
    phone = open_phone(ctx, server.join_url("plain"))
    answers: list[int] = []
    phone.route("**/api/draft", full_disk_first(1, answers))
    expect(phone.locator(".qs-pile-btn")).to_have_count(3, timeout=20_000)
    with phone.expect_response(lambda r: r.url.endswith("/api/draft") and r.status == 200):  # stored
        phone.locator('.qs-pile-btn[data-pile="1"]').tap()  # the first card is saved at once, and refused
    assert answers == [503, 200]  # retried by itself, with no further tap
    ctx.close()


def test_a_submit_during_a_pause_goes_through_by_itself_on_resume(
    browser: Browser, playwright: Playwright, server: Server, shots
) -> None:
    """The facilitator pauses while a phone submits: the phone keeps the sort and says why; a phone that
    comes in meanwhile is told when it can join, one already in that it can go on sorting; on "Resume"
    the sort goes in without a tap."""
    desk = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    fac = desk.new_page()
    server.login(fac)
    fac.goto(f"{server.url}/facilitator?session={server.sessions['plain'].code}&lang=en")
    ctx = phone_context(browser, playwright)
    phone = open_phone(ctx, server.join_url("plain"))
    rough_sort_all(phone)
    fine_sort_all(phone)
    fac.get_by_role("button", name="Pause", exact=True).click()
    try:
        expect(fac.get_by_role("button", name="Resume", exact=True)).to_be_visible()
        newcomer = open_phone(phone_context(browser, playwright), server.join_url("plain"))
        expect(newcomer.get_by_text("You can join as soon as it resumes")).to_be_visible()
        expect(newcomer.get_by_text("Your sort is kept")).to_have_count(0)  # they have none yet
        midway = open_phone(phone_context(browser, playwright), phone.url)  # the same phone's link, reloaded
        expect(midway.get_by_text("You can go on sorting")).to_be_visible()
        phone.locator("button.qs-submit").tap()
        notice = phone.locator(".qs-notice")
        expect(notice).to_contain_text("paused the session")
        expect(notice).to_contain_text("goes through by itself when the session resumes")
        kept = phone.evaluate("() => Object.values(localStorage).map((v) => JSON.parse(v)).find((d) => d.pending)")
        assert kept and len(kept["placed"]) == 50  # the whole sort waits on the phone
        phone.screenshot(path=str(shots / "phone-paused-submit.png"))
    finally:
        fac.get_by_role("button", name="Resume", exact=True).click()
    expect(fac.get_by_role("button", name="Pause", exact=True)).to_be_visible()
    expect(phone.get_by_text("Thank you! Your sort is in.")).to_be_visible()  # no tap needed
    ctx.close()
    desk.close()
