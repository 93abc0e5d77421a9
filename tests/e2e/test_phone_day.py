"""The phone on the day (issue 8): overview, swap, notices by the finger, desired sort, done view, welcome."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, expect

from tests.e2e.conftest import Server, wait_settled
from tests.e2e.phone import place, placements, rough_sort_all, submit

SCREEN = {"width": 390, "height": 844}
HEADER_MAX = 844 / 10  # the issue: the header takes at most a tenth of the screen


def phone(browser: Browser, locale: str = "en-GB", **extra) -> BrowserContext:
    return browser.new_context(
        viewport=SCREEN, is_mobile=True, has_touch=True, device_scale_factor=2, locale=locale, **extra
    )


def open_board(ctx: BrowserContext, url: str) -> Page:
    page = ctx.new_page()
    page.goto(url)
    return page


def box(page: Page, selector: str) -> dict:
    b = page.locator(selector).first.bounding_box()
    assert b is not None, selector
    return b


def inside_viewport(b: dict) -> bool:
    return b["y"] >= 0 and b["x"] >= 0 and b["y"] + b["height"] <= SCREEN["height"] and b["x"] + b["width"] <= 390


@pytest.mark.browser_only
def test_welcome_is_on_the_first_screen_of_the_qr_link_and_the_header_is_small(browser: Browser, server: Server):
    ctx = phone(browser)
    page = open_board(ctx, server.join_url("plain"))  # what the QR code opens: straight to the board
    welcome = page.locator(".qs-welcome")
    expect(welcome).to_contain_text("nobody sees your own sort", timeout=20_000)
    expect(welcome).to_contain_text("no right or wrong answers")
    expect(welcome).to_contain_text("about 10 minutes")
    assert inside_viewport(box(page, ".qs-welcome"))
    assert inside_viewport(box(page, '.qs-pile-btn[data-pile="1"]'))  # and the first card can be sorted
    assert box(page, ".qs-head")["height"] <= HEADER_MAX
    rough_sort_all(page)
    assert box(page, ".qs-head")["height"] <= HEADER_MAX  # the fine sort's header, overview included
    page.locator(".qs-grid").scroll_into_view_if_needed()
    page.mouse.wheel(0, 600)
    expect(page.locator(".qs-overview")).to_be_in_viewport()  # sticky: in reach while scrolling
    ctx.close()
    # with roles, the welcome comes before the role question; in Dutch too
    ctx = phone(browser, locale="nl-NL")
    page = open_board(ctx, server.join_url("rich"))
    expect(page.locator(".qs-welcome")).to_contain_text("niemand ziet jouw sortering", timeout=20_000)
    expect(page.locator(".qs-welcome")).to_contain_text("ongeveer 15 minuten")  # two sorts: as it is, as it should be
    assert inside_viewport(box(page, ".qs-welcome"))
    ctx.close()


@pytest.mark.browser_only
def test_the_overview_jumps_to_a_column(browser: Browser, server: Server, shots) -> None:
    ctx = phone(browser)
    page = open_board(ctx, server.join_url("plain"))
    rough_sort_all(page)
    place(page, 9)  # -4 and -3 full, three at -2
    filled = page.locator('.qs-ov-col[data-ov="-2"] .qs-ov-cell.is-filled')
    expect(filled).to_have_count(3)
    expect(page.locator('.qs-ov-col[data-ov="-4"]')).to_have_class(re.compile("is-full"))
    page.locator('.qs-ov-col[data-ov="4"]').tap()
    expect(page.locator('section.qs-col[data-value="4"] .qs-col-head')).to_be_in_viewport(ratio=1)
    page.locator('.qs-ov-col[data-ov="-4"]').tap()
    head = page.locator('section.qs-col[data-value="-4"] .qs-col-head')
    expect(head).to_be_in_viewport(ratio=1)
    wait_settled(page)  # the smooth scroll ends below the sticky header, not under it
    assert box(page, 'section.qs-col[data-value="-4"] .qs-col-head')["y"] >= box(page, ".qs-head")["height"] - 2
    page.screenshot(path=str(shots / "phone-overview-jump.png"))
    ctx.close()


@pytest.mark.browser_only
def test_a_placed_card_scrolls_into_view(browser: Browser, server: Server) -> None:
    ctx = phone(browser)
    page = open_board(ctx, server.join_url("plain"))
    rough_sort_all(page)
    page.locator('.qs-ov-col[data-ov="-4"]').tap()  # look at the bottom of the grid ...
    wait_settled(page)  # (the smooth scroll there ends)
    hand = page.locator(".qs-hand").inner_text()
    page.locator('button.qs-target[data-column="4"]').tap()  # ... and place a card at the top
    card = page.locator('section.qs-col[data-value="4"] .qs-card', has_text=hand)
    expect(card).to_be_in_viewport(ratio=1)
    ctx.close()


@pytest.mark.browser_only
def test_a_full_column_offers_a_swap_next_to_the_finger(browser: Browser, server: Server, shots) -> None:
    ctx = phone(browser)
    page = open_board(ctx, server.join_url("plain"))
    rough_sort_all(page)
    place(page, 2)  # column -4 is full
    in_hand = page.locator(".qs-hand").inner_text()
    target = page.locator('button.qs-target[data-column="-4"]')
    tapped = target.bounding_box()
    target.tap()  # tap 1
    toast = page.locator(".qs-toast")
    expect(toast).to_contain_text("Column -4 is full")
    t = toast.bounding_box()
    assert inside_viewport(t)
    assert tapped["y"] - (t["y"] + t["height"]) < 60  # right above the finger, not at the top of the page
    swaps = page.locator('section.qs-col[data-value="-4"] .qs-card.is-swap')
    expect(swaps).to_have_count(2)
    page.screenshot(path=str(shots / "phone-swap-offer.png"))
    out_id = swaps.first.get_attribute("data-id")
    out_text = swaps.first.inner_text().strip()
    swaps.first.tap()  # tap 2: the two cards trade places
    expect(page.locator(".qs-toast")).to_have_count(0)
    grid = placements(page)
    assert out_id not in grid["-4"] and len(grid["-4"]) == 2
    assert page.locator('section.qs-col[data-value="-4"] .qs-card', has_text=in_hand).count() == 1
    expect(page.locator(".qs-hand")).to_have_text(out_text)  # the swapped-out card is in hand now
    expect(page.locator(".qs-progress")).to_have_text(re.compile(r"^2 / 50"))

    # two placed cards trade places too: a -3 card with a -4 card
    place(page, 4)
    moving = page.locator('section.qs-col[data-value="-3"] .qs-card').first
    moving_id = moving.get_attribute("data-id")
    moving.tap()
    page.locator('button.qs-target[data-column="-4"]').tap()
    other = page.locator('section.qs-col[data-value="-4"] .qs-card.is-swap').first
    other_id = other.get_attribute("data-id")
    other.tap()
    grid = placements(page)
    assert moving_id in grid["-4"] and other_id in grid["-3"]
    # a tap elsewhere cancels an offer
    page.locator('section.qs-col[data-value="-3"] .qs-card').first.tap()
    page.locator('button.qs-target[data-column="-4"]').tap()
    page.locator('[data-action="swap-cancel"]').tap()
    expect(page.locator(".qs-card.is-swap")).to_have_count(0)
    ctx.close()


@pytest.mark.browser_only
def test_keyboard_users_can_swap(browser: Browser, server: Server) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = ctx.new_page()
    page.goto(server.join_url("plain"))
    expect(page.locator(".qs-pile-btn")).to_have_count(3, timeout=20_000)
    page.locator('.qs-pile-btn[data-pile="0"]').focus()
    for key in ["3", "1", "2", "2"] * 12 + ["3", "1"]:
        page.keyboard.press(key)
    expect(page.locator(".qs-progress")).to_have_text(re.compile(r"^0 / 50"))
    page.keyboard.press("Enter")  # focus is on the -4 target: two cards fill it
    page.keyboard.press("Enter")
    hand = page.locator(".qs-hand").inner_text()
    page.keyboard.press("Enter")  # full: the offer moves focus onto the column's first card
    expect(page.locator(".qs-card.is-swap")).to_have_count(2)
    focused = page.evaluate("() => document.activeElement.shadowRoot?.activeElement?.className || ''")
    assert "is-swap" in focused
    page.keyboard.press("Enter")
    expect(page.locator('section.qs-col[data-value="-4"] .qs-card', has_text=hand)).to_have_count(1)
    page.keyboard.press("Escape")
    ctx.close()


def is_draft(request: Request) -> bool:
    return request.url.endswith("/api/draft")


def test_the_first_card_sends_a_draft_at_once(browser: Browser, server: Server) -> None:
    ctx = phone(browser)
    page = open_board(ctx, server.join_url("plain"))
    expect(page.locator(".qs-pile-btn")).to_have_count(3, timeout=20_000)
    drafts: list[dict] = []
    page.on("request", lambda r: drafts.append(json.loads(r.post_data)) if is_draft(r) else None)
    # at once: well within the 20 s after which the board sends a change that waits (MAX_UNSAVED_MS);
    # and stored before the next cards, as the board sends no draft while one is on its way
    with page.expect_request_finished(is_draft, timeout=10_000):
        page.locator('.qs-pile-btn[data-pile="1"]').tap()
    assert len(drafts) == 1 and len(drafts[0]["draft"]["rough"]) == 1
    # then batched as before (every 25 rough piles): no draft for the next 24 cards, and the 25th
    # sends one with all 26 (waited for at most 10 s, as the first: not by the board's 20 s timer)
    with page.expect_request(is_draft, timeout=10_000):
        for _ in range(25):
            page.locator('.qs-pile-btn[data-pile="0"]').tap()
    assert len(drafts) == 2 and len(drafts[1]["draft"]["rough"]) == 26
    ctx.close()


def test_desired_counts_moves_asks_before_an_unchanged_copy_and_done_shows_texts(
    browser: Browser, server: Server, shots
) -> None:
    ctx = phone(browser)
    page = open_board(ctx, server.join_url("rich"))
    page.locator('.qs-role[data-role="professional"]').tap()
    rough_sort_all(page)
    place(page, 50)
    submit(page)
    expect(page.get_by_text("Now the second: how should it be?")).to_be_visible(timeout=20_000)
    expect(page.locator(".qs-step")).to_have_text("No card moved yet")
    submit(page)  # the unchanged copy: asked first
    expect(page.locator(".qs-confirm")).to_contain_text("You have not moved any card yet")
    assert inside_viewport(box(page, ".qs-confirm"))
    page.screenshot(path=str(shots / "phone-desired-confirm.png"))
    page.locator('[data-action="keep-sorting"]').tap()
    expect(page.locator(".qs-grid")).to_be_visible()
    # swap a +4 card with a -4 card: two cards moved
    page.locator('section.qs-col[data-value="4"] .qs-card').first.tap()
    page.locator('button.qs-target[data-column="-4"]').tap()
    page.locator('section.qs-col[data-value="-4"] .qs-card.is-swap').first.tap()
    expect(page.locator(".qs-step")).to_have_text("2 cards moved")
    page.screenshot(path=str(shots / "phone-desired-moved.png"))
    top = [
        page.locator(f'section.qs-col[data-value="4"] .qs-card[data-id="{i}"]').inner_text()
        for i in placements(page)["4"]
    ]
    submit(page)
    expect(page.get_by_text("Thank you! Your sort is in.")).to_be_visible(timeout=20_000)
    ends = page.get_by_test_id("own-sort")
    expect(ends).to_have_count(2)
    for text in top:
        expect(ends.nth(1).locator('[data-value="4"]')).to_contain_text(text.strip())
    expect(ends.first).to_contain_text("+4 · most characteristic")
    expect(ends.first).to_contain_text("-4 · least characteristic")
    assert not re.search(r"\b\d{1,2}\b(?! ·)", ends.first.locator("li").first.inner_text())  # texts, not numbers
    page.screenshot(path=str(shots / "phone-done.png"), full_page=True)
    page.get_by_role("button", name="Change: How it should be").tap()  # "change my sort" still works
    expect(page.locator(".qs-step")).to_have_text("2 cards moved", timeout=20_000)
    ctx.close()
