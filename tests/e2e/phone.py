"""Playwright helpers that sort like a person with a phone: taps, one card at a time."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import STATE_TIMEOUT

GRID_COUNTS = [2, 4, 6, 8, 10, 8, 6, 4, 2]
# a plausible rough sort: 15 most, 15 least, 20 undecided, dealt in a mixed order
ROUGH_PATTERN = (["1", "-1", "0", "0"] * 13)[:50]


def rough_sort_all(phone: Page, pattern: list[str] = ROUGH_PATTERN) -> None:
    expect(phone.locator(".qs-pile-btn")).to_have_count(3, timeout=20_000)
    for pile in pattern:
        phone.locator(f'.qs-pile-btn[data-pile="{pile}"]').tap()
    expect(phone.locator(".qs-progress")).to_have_text(re.compile(r"^0 / 50"))


def places_left(phone: Page, i: int) -> int:
    """The free places the tray shows for column ``i`` ("2 free", "nog 2"; "full"/"vol" is 0)."""
    shown = phone.locator("button.qs-target").nth(i).locator(".qs-target-left").inner_text()
    digits = re.search(r"\d+", shown)
    return int(digits.group()) if digits else 0


def place(phone: Page, how_many: int) -> None:
    """Place the next ``how_many`` cards the tray hands out, filling columns left to right."""
    done = 0
    for i, _count in enumerate(GRID_COUNTS):
        left = places_left(phone, i)
        for _ in range(min(left, how_many - done)):
            phone.locator("button.qs-target").nth(i).tap()
            done += 1
        if done == how_many:
            return


def fine_sort_all(phone: Page) -> None:
    expect(phone.locator("button.qs-target")).to_have_count(9, timeout=30_000)
    place(phone, 50)
    expect(phone.locator(".qs-progress")).to_have_text(re.compile(r"^50 / 50"))


def placements(phone: Page) -> dict[str, list[str]]:
    """What the board shows: column value -> statement ids, in order."""
    return phone.evaluate(
        """() => {
        const out = {};
        for (const root of [document, ...[...document.querySelectorAll('*')].filter(e => e.shadowRoot)
                                          .map(e => e.shadowRoot)]) {
          root.querySelectorAll('section.qs-col').forEach(sec => {
            out[sec.dataset.value] = [...sec.querySelectorAll('.qs-card')].map(c => c.dataset.id);
          });
        }
        return out;
      }"""
    )


def submit(phone: Page) -> None:
    """Submit from the full grid, passing the optional comments step if the session asks for it."""
    to_comments = phone.locator('[data-action="to-comments"]')
    if to_comments.count():
        to_comments.tap()
    phone.locator("button.qs-submit").tap()


def complete_sort(phone: Page, role: str | None = None) -> None:
    """Pick a role if asked, rough-sort, fine-sort and submit: one whole sort with taps."""
    if role:
        chooser = phone.locator(f'.qs-role[data-role="{role}"]')
        try:
            chooser.wait_for(state="visible", timeout=STATE_TIMEOUT)
        except PlaywrightTimeoutError:  # say what the phone shows instead: the next look starts there
            shown = phone.locator("body").inner_text()[:800]
            raise AssertionError(f"no role to choose at {phone.url}; the phone shows: {shown!r}") from None
        chooser.tap()
    rough_sort_all(phone)
    fine_sort_all(phone)
    submit(phone)
