"""The participant's phone: two-step sort, nothing lost, two conditions, hostile input."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from tests.e2e.conftest import Server, wait_settled
from tests.e2e.phone import GRID_COUNTS, fine_sort_all, place, placements, rough_sort_all

PHONES = ["Pixel 7", "iPhone 13"]


def phone_context(browser: Browser, playwright: Playwright, device: str = "Pixel 7", **extra) -> BrowserContext:
    return browser.new_context(**{**playwright.devices[device], "locale": "en-GB", **extra})


def open_phone(ctx: BrowserContext, url: str) -> Page:
    page = ctx.new_page()
    page.goto(url)
    return page


# Run in a page before its own scripts: it counts the board's draft saves and their answers.
COUNT_DRAFTS = """(() => {
  const send = window.fetch;
  window.drafts = { sent: 0, answered: 0 };
  window.fetch = (url, ...rest) => {
    if (!String(url).endsWith("/api/draft")) return send(url, ...rest);
    window.drafts.sent++;
    return send(url, ...rest).finally(() => window.drafts.answered++);
  };
})()"""


def test_reload_in_the_fine_sort_restores_every_placement(
    browser: Browser, playwright: Playwright, server: Server, shots
) -> None:
    ctx = phone_context(browser, playwright, "iPhone 13")
    phone = open_phone(ctx, server.join_url("plain"))
    rough_sort_all(phone)
    place(phone, 23)
    expect(phone.locator(".qs-progress")).to_have_text(re.compile(r"^23 / 50"))
    before = placements(phone)
    assert sum(len(v) for v in before.values()) == 23
    phone.screenshot(path=str(shots / "phone-fine-sort-23.png"))
    phone.add_init_script(COUNT_DRAFTS)  # in the reloaded page
    phone.reload()  # the page going away sends the 3 cards not yet saved to the server
    expect(phone.locator(".qs-progress")).to_have_text(re.compile(r"^23 / 50"), timeout=20_000)
    assert placements(phone) == before
    url = phone.url

    # another browser (no localStorage) with the same link: the server's draft restores it, once the
    # server has all 23. The browser reports no answer to the save of a page that went away; but the
    # reloaded board, as it drew, sent its own copy if the server had not had all 23 when the page was
    # made: once that one is answered, the server has them either way.
    phone.wait_for_function("() => window.drafts.answered === window.drafts.sent")
    other = phone_context(browser, playwright, "Pixel 7")
    again = open_phone(other, url)
    expect(again.locator(".qs-progress")).to_have_text(re.compile(r"^23 / 50"), timeout=20_000)
    assert placements(again) == before
    other.close()
    ctx.close()


@pytest.mark.browser_only
def test_a_full_column_refuses_a_card(browser: Browser, playwright: Playwright, server: Server) -> None:
    ctx = phone_context(browser, playwright)
    phone = open_phone(ctx, server.join_url("plain"))
    rough_sort_all(phone)
    last = phone.locator("button.qs-target").nth(8)
    last.tap()
    last.tap()
    last.tap()
    expect(phone.locator(".qs-toast")).to_contain_text("Column +4 is full")  # and offers a swap
    expect(phone.locator(".qs-progress")).to_have_text(re.compile(r"^2 / 50"))
    ctx.close()


@pytest.mark.browser_only
def test_offline_submit_succeeds_once_the_connection_is_back(
    browser: Browser, playwright: Playwright, server: Server, shots
) -> None:
    ctx = phone_context(browser, playwright)
    phone = open_phone(ctx, server.join_url("plain"))
    rough_sort_all(phone)
    fine_sort_all(phone)
    ctx.set_offline(True)
    phone.locator("button.qs-submit").tap()
    expect(phone.locator(".qs-notice")).to_contain_text("No connection", timeout=30_000)
    phone.screenshot(path=str(shots / "phone-offline-submit.png"))
    ctx.set_offline(False)
    expect(phone.get_by_text("Thank you! Your sort is in.")).to_be_visible(timeout=30_000)
    expect(phone.get_by_test_id("own-sort")).to_be_visible()
    ctx.close()


def test_observed_then_desired_with_role_and_comments(
    browser: Browser, playwright: Playwright, server: Server, shots
) -> None:
    ctx = phone_context(browser, playwright, "Pixel 7")
    phone = open_phone(ctx, server.join_url("rich"))
    expect(phone.get_by_text("What is your role in this group?")).to_be_visible(timeout=20_000)
    phone.screenshot(path=str(shots / "phone-role.png"))
    phone.locator('.qs-role[data-role="leidinggevende"]').tap()
    rough_sort_all(phone)
    phone.screenshot(path=str(shots / "phone-fine-start.png"))
    fine_sort_all(phone)
    phone.locator('[data-action="to-comments"]').tap()
    areas = phone.locator("textarea.qs-comment-text")
    expect(areas).to_have_count(4)  # the two cards at +4 and the two at -4
    areas.first.fill("<script>alert(1)</script> Dit zien we **elke** dag")
    phone.screenshot(path=str(shots / "phone-comments.png"))
    phone.locator("button.qs-submit").tap()

    expect(phone.get_by_text("Your first sort is in. Now the second: how should it be?")).to_be_visible(timeout=20_000)
    expect(phone.locator(".qs-progress")).to_have_text(re.compile(r"^50 / 50"))  # a copy of the first
    phone.screenshot(path=str(shots / "phone-desired-copy.png"))
    # move one card: tap a +4 card, send it back to the pile, then put it at +3 by a swap
    phone.locator('section.qs-col[data-value="4"] .qs-card').first.tap()
    phone.locator('[data-action="unplace"]').tap()
    expect(phone.locator(".qs-progress")).to_have_text(re.compile(r"^49 / 50"))
    phone.locator("button.qs-target").nth(7).tap()
    phone.locator('section.qs-col[data-value="3"] .qs-card.is-swap').first.tap()
    phone.locator("button.qs-target").nth(8).tap()
    expect(phone.locator(".qs-step")).to_have_text("2 cards moved")
    phone.locator('[data-action="to-comments"]').tap()
    phone.locator("button.qs-submit").tap()
    expect(phone.get_by_text("Thank you! Your sort is in.")).to_be_visible(timeout=20_000)
    expect(phone.get_by_test_id("own-sort")).to_have_count(2)
    phone.get_by_text("Show the statements per column").first.tap()
    expect(phone.get_by_text("<script>alert(1)</script> Dit zien we **elke** dag")).to_be_visible()
    phone.screenshot(path=str(shots / "phone-done-two-conditions.png"), full_page=True)
    ctx.close()


def test_a_forged_token_is_refused_as_a_code_that_does_not_exist(
    browser: Browser, playwright: Playwright, server: Server
) -> None:
    ctx = phone_context(browser, playwright)
    real = server.token("plain")
    forged = real[:-3] + ("AAA" if not real.endswith("AAA") else "BBB")
    phone = open_phone(ctx, server.join_url("plain", forged))
    code = server.sessions["plain"].code
    expect(phone.get_by_text(f"There is no open session with code {code}")).to_be_visible(timeout=20_000)
    expect(phone.locator(".qs-root")).to_have_count(0)
    ctx.close()
    foreign = server.token("rich")  # valid, but for another session
    status, body = server.post("submit", {"s": server.sessions["plain"].code, "p": foreign, "condition": "observed"})
    assert status == 404 and body["error"] == "error.unknown_session"  # the same answer as a code that does not exist


@pytest.mark.browser_only
def test_keyboard_only_completion(browser: Browser, server: Server) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = ctx.new_page()
    page.goto(server.join_url("plain"))
    expect(page.locator(".qs-pile-btn")).to_have_count(3, timeout=20_000)
    for _ in range(40):  # Tab from the top of the page into the board
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.shadowRoot?.activeElement?.className || ''").startswith(
            "qs-pile-btn"
        ):
            break
    else:
        pytest.fail("Tab never reached the board")
    for key in ["3", "1", "2", "2"] * 12 + ["3", "1"]:
        page.keyboard.press(key)
    expect(page.locator(".qs-progress")).to_have_text(re.compile(r"^0 / 50"))
    for i, count in enumerate(GRID_COUNTS):
        for _ in range(count):
            page.keyboard.press("Enter")
        if i < len(GRID_COUNTS) - 1:
            page.keyboard.press("ArrowRight")
    expect(page.locator(".qs-progress")).to_have_text(re.compile(r"^50 / 50"))
    page.keyboard.press("Enter")  # focus moved to the submit button
    expect(page.get_by_text("Thank you! Your sort is in.")).to_be_visible(timeout=20_000)
    ctx.close()


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (b"{not json", 400, "request.invalid"),
        (b"x" * 70_000, 413, "request.too_large"),
        ({"s": "ABCDEF", "p": "x.y", "condition": "observed"}, 404, "error.unknown_session"),
        ({"s": "closed", "condition": "observed"}, 409, "error.session_closed"),
        ({"s": "plain", "condition": "observed", "columns": {"4": [1, 2, 3]}}, 400, "sort.column_count"),
        ({"s": "plain", "condition": "observed", "columns": {"4": [1, 999]}}, 400, "sort.unknown_statement"),
        ({"s": "plain", "condition": "desired", "columns": {}}, 400, "error.unknown_condition"),
        ({"s": "plain", "condition": "observed", "draft": {"placed": {"1": 7}}}, 400, "draft.invalid"),
    ],
)
def test_hostile_requests_get_a_clear_refusal(server: Server, body, status: int, error: str) -> None:
    name = "draft" if isinstance(body, dict) and "draft" in body else "submit"
    if isinstance(body, dict) and body["s"] in server.sessions:
        kind = body["s"]
        body = {**body, "s": server.sessions[kind].code, "p": server.token(kind), "lang": "nl"}
    got_status, payload = server.post(name, body)
    assert (got_status, payload.get("error")) == (status, error)
    assert payload["message"]  # a sentence a person can read


@pytest.mark.browser_only
@pytest.mark.parametrize("device", PHONES)
def test_narrow_dark_and_zoomed_screens_stay_usable(
    browser: Browser, playwright: Playwright, server: Server, shots, device: str
) -> None:
    ctx = phone_context(browser, playwright, device, color_scheme="dark", viewport={"width": 320, "height": 640})
    phone = open_phone(ctx, server.join_url("plain"))
    rough_sort_all(phone)
    place(phone, 5)
    phone.add_style_tag(content="html { font-size: 200% !important; }")
    wait_settled(phone)
    overflow = phone.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    sizes = phone.evaluate(
        """() => [...document.querySelectorAll('*')].filter(e => e.shadowRoot)
            .flatMap(e => [...e.shadowRoot.querySelectorAll('.qs-target, .qs-card, .qs-pile-btn')])
            .map(b => b.getBoundingClientRect()).filter(r => r.width > 0)
            .map(r => Math.min(r.height, 100))"""
    )
    assert sizes and min(sizes) >= 44
    phone.screenshot(path=str(shots / f"phone-320-dark-zoom-{device.replace(' ', '-')}.png"))
    ctx.close()


def test_switching_language_keeps_the_draft(browser: Browser, playwright: Playwright, server: Server) -> None:
    ctx = phone_context(browser, playwright, "Pixel 7", locale="nl-NL")
    phone = open_phone(ctx, server.join_url("plain"))
    rough_sort_all(phone)
    place(phone, 12)
    before = placements(phone)
    expect(phone.locator(".qs-progress")).to_have_text(re.compile(r"^12 / 50 geplaatst"))
    phone.get_by_role("button", name="English").tap()
    expect(phone.locator(".qs-progress")).to_have_text(re.compile(r"^12 / 50 placed"), timeout=20_000)
    assert placements(phone) == before
    expect(phone.locator(".qs-hand")).to_have_text(re.compile(r"^We "))  # the statements switched too
    ctx.close()


@pytest.mark.browser_only
def test_mouse_users_can_drag_cards_onto_columns(browser: Browser, server: Server) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = ctx.new_page()
    page.goto(server.join_url("plain"))
    rough_sort_all_by_click(page)
    card = page.locator(".qs-pile .qs-card").first
    card_id = card.get_attribute("data-id")
    card.drag_to(page.locator('section.qs-col[data-value="-4"]'))
    expect(page.locator(f'section.qs-col[data-value="-4"] .qs-card[data-id="{card_id}"]')).to_have_count(1)
    expect(page.locator(".qs-progress")).to_have_text(re.compile(r"^1 / 50"))
    # and back onto the pile
    page.locator(f'section.qs-col[data-value="-4"] .qs-card[data-id="{card_id}"]').drag_to(
        page.locator(".qs-pile-title")
    )
    expect(page.locator(".qs-progress")).to_have_text(re.compile(r"^0 / 50"))
    ctx.close()


def rough_sort_all_by_click(page: Page) -> None:
    expect(page.locator(".qs-pile-btn")).to_have_count(3, timeout=20_000)
    for _ in range(50):
        page.locator('.qs-pile-btn[data-pile="0"]').click()
