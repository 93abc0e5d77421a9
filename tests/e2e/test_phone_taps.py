"""How many taps a whole sort takes on a phone (issue 8 asks for the count before and after).

Before the overview and swap (commit 50432f1): 103 taps for a first sort with a role and comments
(1 role + 50 rough + 50 fine + 2 to finish), and 5 taps to trade two cards in a full grid."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Playwright, expect

from tests.e2e.conftest import Server
from tests.e2e.phone import GRID_COUNTS, ROUGH_PATTERN


class Taps:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, target: Locator) -> None:
        self.count += 1
        target.tap()


@pytest.mark.browser_only
def test_taps_for_a_whole_sort_and_for_a_swap(browser: Browser, playwright: Playwright, server: Server) -> None:
    ctx = browser.new_context(**playwright.devices["Pixel 7"], locale="en-GB")
    page = ctx.new_page()
    page.goto(server.join_url("rich"))
    tap = Taps()
    tap(page.locator('.qs-role[data-role="professional"]'))
    for pile in ROUGH_PATTERN:
        tap(page.locator(f'.qs-pile-btn[data-pile="{pile}"]'))
    for i, count in enumerate(GRID_COUNTS):
        for _ in range(count):
            tap(page.locator("button.qs-target").nth(i))
    tap(page.locator('[data-action="to-comments"]'))
    tap(page.locator("button.qs-submit"))
    expect(page.get_by_text("Your first sort is in")).to_be_visible(timeout=20_000)
    first_sort = tap.count

    swap = Taps()  # in the desired sort's full grid, trade a +4 card with a -4 card
    swap(page.locator('section.qs-col[data-value="4"] .qs-card').first)
    swap(page.locator('button.qs-target[data-column="-4"]'))
    swap(page.locator('section.qs-col[data-value="-4"] .qs-card.is-swap').first)
    expect(page.locator(".qs-step")).to_have_text("2 cards moved")
    expect(page.locator(".qs-progress")).to_have_text(re.compile(r"^50 / 50"))
    print(f"taps: first sort {first_sort}, trading two cards in a full grid {swap.count}")
    assert first_sort == 103  # 1 role + 50 rough + 50 fine + 2 to finish: unchanged
    assert swap.count == 3  # was 5
    ctx.close()
