"""The facilitator's session page on the screens facilitators work on: laptops from 1280 px wide and
a 1920 px monitor, light and dark. The preview of the projector shows whole in its column (not
cropped, not scrolled), every control shows its whole label, and the room-changing controls ask
first, saying what happens to the phones."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from review.i18n import t
from tests.e2e.conftest import Server

SIZES = [(1280, 800), (1366, 768), (1440, 900), (1920, 1080)]
# every view a demo session can preview (it has both conditions, roles and comments; no analysis chosen)
VIEWS = ["heatmap", "extremes", "agreement", "gap", "subgroups", "themes", "comments", "pins"]


def session_page(
    browser: Browser, server: Server, size: tuple[int, int], theme: str, lang: str = "nl", kind: str = "laptop"
) -> Page:
    """The session page of a demo session with 12 sorts: ``laptop``, or ``closing`` for the test that
    closes and reopens it (the other browser tests' ``demo`` stays as it was, whatever happens here)."""
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]}, color_scheme=theme, locale="en-GB")
    page = ctx.new_page()
    server.login(page)
    page.goto(f"{server.url}/facilitator?session={server.sessions[kind].code}&lang={lang}")
    expect(page.locator(".st-key-projector_preview .js-plotly-plot").first).to_be_visible()
    return page


def preview_overflow(page: Page) -> dict:
    """How the preview's figure sits in its column: widths in CSS pixels, and whether anything scrolls."""
    return page.evaluate(
        """() => {
          const box = document.querySelector('.st-key-projector_preview');
          const svg = box.querySelector('.js-plotly-plot .main-svg');
          return {column: box.clientWidth, scroll: box.scrollWidth,
                  figure: svg ? svg.getBoundingClientRect().width : 0,
                  right: svg ? svg.getBoundingClientRect().right - box.getBoundingClientRect().right : 0};
        }"""
    )


def clipped_labels(page: Page) -> list[str]:
    """Every button, popover, link button, pill and metric label whose text is cut off (ellipsis)."""
    return page.evaluate(
        """() => {
          const sel = ['[data-testid^="stBaseButton"] p', '[data-testid="stPopover"] button p',
                       '[data-testid="stLinkButton"] p', '[data-testid="stMetricLabel"] p',
                       '[data-testid="stMetricLabel"] div'];
          const cut = [];
          for (const el of document.querySelectorAll(sel.join(','))) {
            if (el.offsetParent === null) continue;  // folded away in a closed expander
            if (el.scrollWidth > el.clientWidth + 1) cut.push(el.textContent);
          }
          return cut;
        }"""
    )


@pytest.mark.browser_only
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_session_page_fits_a_laptop(browser: Browser, server: Server, size, theme: str, shots) -> None:
    page = session_page(browser, server, size, theme)
    fit = preview_overflow(page)
    assert fit["scroll"] <= fit["column"] + 1, fit  # nothing scrolls sideways
    assert 0.9 * fit["column"] <= fit["figure"] <= fit["column"] + 1, fit  # the figure fills its column, whole
    assert fit["right"] <= 1, fit
    # the heatmap's grid is there: all nine column headings of the grid, drawn inside the column
    ticks = page.locator(".st-key-projector_preview .xtick text")
    expect(ticks).to_have_count(9)
    assert clipped_labels(page) == []
    for label in ("Pauzeren", "Sessie sluiten", "Nieuwe code", "Nieuwe ronde", "Projectorscherm openen"):
        expect(page.get_by_text(label, exact=True).first).to_be_visible()
    if size == (1366, 768):  # the preview in view (scrolled by the page itself: it is redrawn every second)
        page.evaluate("document.querySelector('.st-key-projector_preview').scrollIntoView()")
        page.screenshot(path=str(shots / f"facilitator-1366-{theme}.png"))


def reveal(page: Page, steps, view: str) -> None:
    """Click a reveal step and wait for the page to show it."""
    steps.get_by_role("radio", name=t(f"view.{view}", "en"), exact=True).click()
    expect(page.get_by_role("heading", name=t(f"view.{view}", "en"), exact=True)).to_be_visible()


@pytest.mark.browser_only
def test_every_preview_is_whole_at_1280(browser: Browser, server: Server) -> None:
    """Each view the facilitator can put on the projector, previewed at the narrowest laptop: its figure
    fills the column and nothing scrolls. The projector shows the session's views as they are revealed."""
    page = session_page(browser, server, (1280, 800), "light", lang="en")
    steps = page.get_by_role("radiogroup", name=t("fac.reveal", "en")).first
    try:
        for view in VIEWS:
            reveal(page, steps, view)
            if view == "comments":  # cards in words, no figure: none chosen in the demo yet
                expect(page.get_by_text(t("comments.none_featured", "en"))).to_be_visible()
                continue
            if view == "pins":
                expect(page.get_by_test_id("pins-empty")).to_be_visible()
                continue
            figure = page.locator(".st-key-projector_preview .js-plotly-plot")
            expect(figure).to_have_count(1)
            fit = preview_overflow(page)
            assert fit["scroll"] <= fit["column"] + 1, (view, fit)
            assert 0.9 * fit["column"] <= fit["figure"] <= fit["column"] + 1, (view, fit)
    finally:
        steps.get_by_role("radio", name=t("view.hidden", "en"), exact=True).click()
        expect(page.get_by_role("heading", name=t("view.heatmap", "en"), exact=True)).to_be_visible()


@pytest.mark.browser_only
@pytest.mark.parametrize(
    ("button", "says", "confirm"),
    [
        ("fac.new_code", "fac.new_code_help", "fac.new_code_confirm"),
        ("fac.close", "fac.close_help", "fac.close_confirm"),
        ("fac.new_round", "fac.new_round_help", "fac.new_round_confirm"),
    ],
)
def test_room_changing_controls_ask_first(
    browser: Browser, server: Server, button: str, says: str, confirm: str
) -> None:
    """One click opens the question, naming what happens to the phones; nothing changes until the
    confirm button (checked by the session's status and code, which stay as they were)."""
    page = session_page(browser, server, (1366, 768), "light", lang="en")
    code = server.sessions["laptop"].code
    page.get_by_role("button", name=t(button, "en")).click()
    first_words = re.escape(t(says, "en", round=2)[:30])
    expect(page.get_by_text(re.compile(first_words))).to_be_visible()
    expect(page.get_by_role("button", name=t(confirm, "en"))).to_be_visible()
    page.keyboard.press("Escape")  # changed their mind
    page.reload()
    expect(page.get_by_text(code).first).to_be_visible()
    expect(page.get_by_role("button", name=t("fac.pause", "en"))).to_be_visible()  # still open


@pytest.mark.browser_only
def test_closing_after_the_question_closes_and_reopening_opens(browser: Browser, server: Server) -> None:
    """The confirm button does act: the session closes (the page offers "Reopen"), and reopens."""
    page = session_page(browser, server, (1280, 800), "light", lang="en", kind="closing")
    page.get_by_role("button", name=t("fac.close", "en")).click()
    page.get_by_role("button", name=t("fac.close_confirm", "en")).click()
    try:
        expect(page.get_by_role("button", name=t("fac.reopen", "en"), exact=True)).to_be_visible()
        expect(page.get_by_text(t("fac.status.closed", "en"), exact=True).first).to_be_visible()
    finally:
        page.get_by_role("button", name=t("fac.reopen", "en"), exact=True).click()
    expect(page.get_by_role("button", name=t("fac.pause", "en"), exact=True)).to_be_visible()
