"""The facilitator's room in a real browser: the projector counts, reveals on command,
protects small subgroups; participants cannot reach any of it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect

from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.room.demo import demo_people
from tests.e2e.conftest import ROOT, Reruns, Server, free_port
from tests.e2e.phone import complete_sort

PEOPLE = demo_people(load_statement_set(), load_grid(), 8, seed=11)


def logged_in(browser: Browser, server: Server, path: str, dark: bool = False) -> Page:
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    page = ctx.new_page()
    server.login(page)
    page.goto(server.url + path + ("&theme=dark" if dark else ""))
    return page


def test_projector_counts_reveals_and_protects_small_subgroups(
    browser: Browser, playwright: Playwright, server: Server, shots
) -> None:
    code = server.sessions["room"].code
    projector = logged_in(browser, server, f"/projector?session={code}")
    count = projector.get_by_test_id("proj-count")
    expect(count).to_have_text("0 of 0 submitted", timeout=20_000)
    expect(projector.get_by_test_id("join-code")).to_have_text(code)
    projector.screenshot(path=str(shots / "projector-waiting.png"))

    # a phone sorts and submits: the projector counts it without a reload
    phone_ctx = browser.new_context(**playwright.devices["Pixel 7"], locale="en-GB")
    phone = phone_ctx.new_page()
    phone.goto(server.join_url("room"))
    complete_sort(phone, "professional")
    expect(count).to_have_text(re.compile(r"^1 of \d+ submitted"), timeout=30_000)
    phone_ctx.close()
    for observed, _, _ in PEOPLE[:3]:  # three more phones
        server.submit("room", observed, role="professional")
    expect(count).to_have_text(re.compile(r"^4 of \d+ submitted"), timeout=30_000)

    # results stay hidden until the facilitator reveals them
    assert projector.locator(".js-plotly-plot").count() == 0
    facilitator = logged_in(browser, server, f"/facilitator?session={code}&lang=en")
    facilitator.get_by_role("button", name=re.compile("^Next: What is characteristic")).click()
    expect(projector.get_by_test_id("proj-view")).to_have_attribute("data-view", "heatmap", timeout=30_000)
    expect(projector.locator(".js-plotly-plot")).to_be_visible(timeout=30_000)
    projector.screenshot(path=str(shots / "projector-heatmap.png"))

    # subgroups: four professionals and one manager -> nothing by role is shown, and the one new
    # sort waits for company instead of changing any view
    server.submit("room", PEOPLE[3][0], role="leidinggevende")
    facilitator.get_by_role("radio", name="How do the subgroups see it?").click()
    expect(projector.get_by_test_id("proj-view")).to_have_attribute("data-view", "subgroups", timeout=30_000)
    expect(projector.get_by_text("no two subgroups with enough sorts")).to_be_visible(timeout=30_000)
    # the manager's sort waits; so may the last of the three before it, when the projector refreshed
    # between their submits and published a batch of three (a slow machine): either way, fewer than 3
    expect(projector.get_by_test_id("proj-fresh")).to_contain_text(re.compile(r"^(1 new sort|2 new sorts) since"))
    expect(projector.locator(".js-plotly-plot")).to_have_count(0)
    projector.screenshot(path=str(shots / "projector-subgroups-withheld.png"))
    # two more managers make three: both groups appear, and nothing waits any more
    for observed, _, _ in PEOPLE[4:6]:
        server.submit("room", observed, role="leidinggevende")
    expect(projector.locator(".js-plotly-plot")).to_be_visible(timeout=30_000)
    expect(projector.get_by_test_id("proj-fresh")).to_have_count(0)

    # hide again
    facilitator.get_by_role("radio", name="Results hidden").click()
    expect(projector.get_by_test_id("join-code")).to_be_visible(timeout=30_000)
    facilitator.context.close()
    projector.context.close()


def test_participants_cannot_reach_the_facilitator(browser: Browser, playwright: Playwright, server: Server) -> None:
    code = server.sessions["demo"].code
    phone_ctx = browser.new_context(**playwright.devices["Pixel 7"], locale="en-GB")
    phone = phone_ctx.new_page()
    for path in ("/facilitator", f"/facilitator?session={code}", f"/projector?session={code}"):
        phone.goto(server.url + path)
        expect(phone.get_by_text("For the facilitator only")).to_be_visible(timeout=20_000)
        expect(phone.get_by_text("Demo")).to_have_count(0)
        expect(phone.locator(".js-plotly-plot")).to_have_count(0)
    response = phone.request.get(f"{server.url}/api/summary/{code}")
    assert response.status == 403
    # a forged cookie does not help
    phone_ctx.add_cookies([{"name": "review_facilitator", "value": "9999999999.abc", "url": server.url}])
    assert phone.request.get(f"{server.url}/api/summary/{code}").status == 403
    phone.goto(server.url + "/api/login")
    phone.get_by_label("Password").fill("guess")
    phone.get_by_role("button", name="Log in").click()
    expect(phone.get_by_text("That password is not right.")).to_be_visible()
    phone_ctx.close()

    facilitator = logged_in(browser, server, "/facilitator")
    body = facilitator.request.get(f"{server.url}/api/summary/{code}").json()
    assert body["n_submitted"] >= 12 and set(body["statements"]["1"]) >= {"counts", "mean", "sd", "disagreement_rank"}
    facilitator.context.close()


def test_without_a_password_the_printed_key_logs_in(browser: Browser, tmp_path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "REVIEW_FACILITATOR_PASSWORD"}
    env["REVIEW_DB"] = str(tmp_path / "key.duckdb")
    log = tmp_path / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while "api/login?key=" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.3)
        url = re.search(r"(http://localhost:\d+/api/login\?key=\S+)", log.read_text()).group(1)
        page = browser.new_context(locale="en-GB").new_page()
        page.goto(url.replace("localhost", "127.0.0.1"))
        expect(page.get_by_text("New session")).to_be_visible(timeout=20_000)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/login?key=wrong")
            raise AssertionError("a wrong key was accepted")
        except urllib.error.HTTPError as err:
            assert err.code == 403
        page.context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_import_a_study_and_download_its_exports(browser: Browser, server: Server, tmp_path) -> None:
    page = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB").new_page()
    runs = Reruns(page)  # as logged_in, watching the page's refreshes from its first run
    server.login(page)
    page.goto(server.url + "/facilitator?lang=en")
    page.get_by_text("Import a study").click()
    page.locator("input[type=file]").set_input_files(str(ROOT / "tests" / "golden" / "workshop12" / "sorts.csv"))
    page.get_by_label("Title").nth(1).fill("Workshop 12 (paper cards)")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="Workshop 12 (paper cards)")).to_be_visible(timeout=20_000)
    expect(page.get_by_test_id("stMetric").filter(has_text="submitted").get_by_test_id("stMetricValue")).to_have_text(
        "12"
    )
    page.get_by_text("Export the data").click()
    runs.refreshes(3)  # several refreshes of the live part of the page go by first
    csv_link = page.get_by_role("link", name="CSV", exact=True)
    response = page.request.get(server.url + "/" + csv_link.get_attribute("href"))
    assert response.status == 200 and "attachment" in response.headers["content-disposition"]
    lines = response.text().splitlines()
    assert lines[0].startswith("round,condition,group,role,n_sorts,statement_id,statement,theme,mean,sd")
    assert len(lines) == 1 + 50  # the whole group, one row per statement: no single sort
    expect(page.get_by_role("link", name="Research · CSV")).to_have_count(0)  # not before the choice
    page.get_by_text("I want to download the single sorts").click()
    research = page.get_by_role("link", name="Research · CSV")
    response = page.request.get(server.url + "/" + research.get_attribute("href"))
    assert '_research.csv"' in response.headers["content-disposition"]
    lines = response.text().splitlines()
    assert lines[0].startswith("participant,round,condition,statement_id,statement,position,comment")
    assert len(lines) == 1 + 12 * 50
    dat_link = page.get_by_role("link", name="PQMethod .dat · How it is now")
    dat = page.request.get(server.url + "/" + dat_link.get_attribute("href")).text()
    golden = (ROOT / "tests" / "golden" / "workshop12" / "workshop12.dat").read_text().splitlines()
    assert dat.splitlines()[1:] == golden[1:]
    xlsx = page.request.get(server.url + "/" + page.get_by_role("link", name="Excel", exact=True).get_attribute("href"))
    assert xlsx.status == 200 and xlsx.body()[:2] == b"PK"  # a zip container, as xlsx files are
    # without the facilitator's cookie, nothing
    assert urllib_status(server.url + "/" + csv_link.get_attribute("href")) == 403
    assert urllib_status(server.url + "/" + research.get_attribute("href")) == 403
    page.context.close()


def urllib_status(url: str) -> int:
    try:
        return urllib.request.urlopen(url).status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.mark.browser_only
def test_the_facilitators_preview_on_a_phone_in_dark_mode_is_readable(browser: Browser, server: Server, shots) -> None:
    """The preview of the projector follows the page's dark theme (light ink, not the light palette's
    near-black on the dark page) and keeps a projector's width, scrolling sideways on a phone
    instead of squeezing its labels until they are cut off."""
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, color_scheme="dark", is_mobile=True, has_touch=True, locale="en-GB"
    )
    page = ctx.new_page()
    server.login(page)
    page.goto(server.url + f"/facilitator?lang=en&session={server.sessions['demo'].code}")
    preview = page.locator(".st-key-projector_preview")
    chart = preview.get_by_test_id("stPlotlyChart")
    expect(chart.locator(".ytick text").first).to_be_visible(timeout=30_000)
    chart.scroll_into_view_if_needed()
    ink = chart.locator(".ytick text").first.evaluate("e => getComputedStyle(e).fill")
    assert ink == "rgb(240, 242, 246)"  # review.charts.colours.INK[True]
    sizes = preview.evaluate("e => [e.clientWidth, e.scrollWidth, getComputedStyle(e).overflowX]")
    assert sizes[0] < 400 and sizes[1] >= 960 and sizes[2] == "auto", sizes
    plot_width = chart.locator(".main-svg").first.evaluate("e => e.getBoundingClientRect().width")
    assert plot_width >= 960
    page.screenshot(path=str(shots / "facilitator-phone-dark-en.png"))
