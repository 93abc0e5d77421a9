"""The foundation, end to end: facilitator creates a session, a phone scans the
QR code, sorts all 50 statements with taps, submits; the facilitator's view
counts it and the heatmap changes."""

from __future__ import annotations

import re

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, Playwright, expect

from review.access.joinlink import link_tag
from review.content.grid import load_grid
from review.room.demo import demo_people
from tests.e2e.conftest import Server
from tests.e2e.phone import complete_sort, fine_sort_all, rough_sort_all, submit

PHONES = ["Pixel 7", "iPhone 13"]


def facilitator_page(browser: Browser, server: Server) -> Page:
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    page = ctx.new_page()
    server.login(page)
    page.goto(server.url + "/facilitator?lang=en")
    return page


def create_session(page: Page, title: str) -> str:
    page.get_by_label("Title").first.fill(title)
    page.get_by_role("button", name="Create session").click()
    expect(page.get_by_test_id("join-code")).to_be_visible(timeout=30_000)
    return page.get_by_test_id("join-code").inner_text().strip()


def scan_qr(page: Page, tmp_path) -> str:
    """Read the join URL the way a phone does: from the QR image's pixels."""
    qr = page.get_by_role("img").first
    qr.screenshot(path=str(tmp_path / "qr.png"))
    found = zxingcpp.read_barcodes(Image.open(tmp_path / "qr.png"))
    assert len(found) == 1
    return found[0].text


def submitted_metric(page: Page):
    return page.get_by_test_id("stMetric").filter(has_text="submitted").get_by_test_id("stMetricValue")


@pytest.mark.parametrize("device", PHONES)
def test_phone_joins_by_qr_sorts_and_the_dashboard_counts_it(
    browser: Browser, playwright: Playwright, server: Server, tmp_path, shots, device: str
) -> None:
    fac = facilitator_page(browser, server)
    code = create_session(fac, f"E2E {device}")
    expect(submitted_metric(fac)).to_have_text("0")
    expect(fac.get_by_text("Results appear from 3 sorts on").first).to_be_visible()
    url = scan_qr(fac, tmp_path)
    assert url == f"{server.url}/?s={code}&k={link_tag(server.secret, code)}"  # the code, signed: no guess

    phone_ctx = browser.new_context(**playwright.devices[device], locale="nl-NL")
    phone = phone_ctx.new_page()
    phone.goto(url)
    expect(phone.get_by_text("Hoe is het nu?")).to_be_visible(timeout=30_000)
    assert "p=" in phone.url  # the participant's signed token is in the URL
    rough_sort_all(phone)
    fine_sort_all(phone)
    phone.screenshot(path=str(shots / f"phone-{device.replace(' ', '-')}-all-placed.png"))
    submit(phone)
    expect(phone.get_by_text("Dank je! Je sortering is ingeleverd.")).to_be_visible(timeout=30_000)
    phone.screenshot(path=str(shots / f"phone-{device.replace(' ', '-')}-submitted.png"))

    # the facilitator's view counts it without a reload; one sort alone is never shown
    expect(submitted_metric(fac)).to_have_text("1", timeout=30_000)
    expect(fac.get_by_text("1 sort so far").first).to_be_visible()
    expect(fac.locator(".js-plotly-plot")).to_have_count(0)
    phone_ctx.close()
    fac.context.close()


# the sorts behind the heatmap, read in the browser: every shown row's counts add up to them
# (-1 while plotly redraws the chart and it has no data yet)
SHOWN = (
    "(() => { const z = document.querySelector('.js-plotly-plot')?.data?.[0]?.z;"
    " return z ? z[0].reduce((a, b) => a + (b || 0), 0) : -1; })()"
)


def heatmap_sorts(page: Page) -> int:
    """The sorts behind the drawn heatmap, once plotly has drawn it."""
    page.wait_for_function(f"() => {SHOWN} >= 0", timeout=30_000)
    return page.evaluate(f"() => {SHOWN}")


def test_the_heatmap_changes_only_in_steps_that_hide_each_phone(
    browser: Browser, playwright: Playwright, server: Server, shots
) -> None:
    """One phone's sort never moves the heatmap by itself (it would show where that person put
    every statement); with two more it does, and the screen said so meanwhile."""
    fac = facilitator_page(browser, server)
    fac.goto(server.url + f"/facilitator?lang=en&session={server.sessions['demo'].code}")
    expect(fac.locator(".js-plotly-plot").first).to_be_visible()
    before = int(submitted_metric(fac).inner_text())
    assert heatmap_sorts(fac) == before
    phone_ctx = browser.new_context(**playwright.devices["Pixel 7"], locale="nl-NL")
    phone = phone_ctx.new_page()
    phone.goto(server.join_url("demo"))
    complete_sort(phone, "professional")
    expect(phone.get_by_text("Nu de tweede")).to_be_visible()
    expect(submitted_metric(fac)).to_have_text(str(before + 1), timeout=30_000)
    expect(fac.get_by_text("1 new sort since this view")).to_be_visible(timeout=30_000)
    assert heatmap_sorts(fac) == before  # the one new sort waits for company
    for observed, _, _ in demo_people(server.sessions["demo"].statement_set, load_grid(), 2, seed=21):
        server.submit("demo", observed, role="professional")
    fac.wait_for_function(f"() => {SHOWN} === {before + 3}", timeout=30_000)
    expect(fac.get_by_text(re.compile("new sorts? since this view"))).to_have_count(0)
    fac.screenshot(path=str(shots / "facilitator-demo-heatmap.png"))
    phone_ctx.close()
    fac.context.close()


def test_health_endpoint(server: Server) -> None:
    body = server.health()
    assert body["status"] == "ok" and body["database"] == "ok"
