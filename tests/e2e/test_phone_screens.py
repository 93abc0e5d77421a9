"""Screenshots of every phone view at 390x844, light and dark, Dutch and English, to look at
(saved under screenshots/, git-ignored), plus the README's phone picture (docs/img/phone.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ROOT, Server, wait_settled
from tests.e2e.phone import place, rough_sort_all, submit

README_SHOT = ROOT / "docs" / "img" / "phone.png"
pytestmark = pytest.mark.screens  # pictures to look at, not checks: `python -m pytest -m screens`


@pytest.mark.parametrize(("scheme", "lang"), [("light", "en"), ("dark", "nl"), ("light", "nl"), ("dark", "en")])
def test_phone_views(browser: Browser, server: Server, shots, scheme: str, lang: str) -> None:
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        color_scheme=scheme,
        locale="en-GB" if lang == "en" else "nl-NL",
    )
    page = ctx.new_page()
    name = f"phone-{scheme}-{lang}"
    page.goto(server.join_url("rich"))
    expect(page.locator(".qs-role")).to_have_count(2, timeout=20_000)
    wait_settled(page)  # smooth scrolling and Streamlit's fade-in end
    page.screenshot(path=str(shots / f"{name}-1-welcome-role.png"))
    page.locator(".qs-role").first.tap()
    expect(page.locator(".qs-pile-btn")).to_have_count(3)
    for pile in ["1", "-1", "0"]:
        page.locator(f'.qs-pile-btn[data-pile="{pile}"]').tap()
    page.screenshot(path=str(shots / f"{name}-2-rough.png"))
    page.locator('[data-action="rough-back"]').tap()
    page.locator('[data-action="rough-back"]').tap()
    page.locator('[data-action="rough-back"]').tap()
    rough_sort_all(page)
    place(page, 14)
    wait_settled(page)
    page.screenshot(path=str(shots / f"{name}-3-fine-overview.png"))
    page.locator('button.qs-target[data-column="-4"]').tap()
    wait_settled(page)
    page.screenshot(path=str(shots / f"{name}-4-swap-offer.png"))
    page.locator('[data-action="swap-cancel"]').tap()
    place(page, 36)
    submit(page)
    expect(page.locator(".qs-confirm, .qs-grid").first).to_be_visible(timeout=20_000)
    expect(page.locator(".qs-step")).to_have_count(1, timeout=20_000)
    page.locator('section.qs-col[data-value="4"] .qs-card').first.tap()
    page.locator('button.qs-target[data-column="-4"]').tap()
    page.locator('section.qs-col[data-value="-4"] .qs-card.is-swap').first.tap()
    wait_settled(page)
    page.screenshot(path=str(shots / f"{name}-5-desired-moved.png"))
    submit(page)
    expect(page.get_by_test_id("own-sort")).to_have_count(2, timeout=20_000)
    wait_settled(page)
    page.screenshot(path=str(shots / f"{name}-6-done.png"), full_page=True)
    ctx.close()


def test_readme_phone_picture(browser: Browser, server: Server) -> None:
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=1, locale="en-GB"
    )
    page = ctx.new_page()
    page.goto(server.join_url("plain"))
    rough_sort_all(page)
    place(page, 14)
    wait_settled(page)
    README_SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(README_SHOT))
    assert README_SHOT.stat().st_size < 150_000
    ctx.close()
