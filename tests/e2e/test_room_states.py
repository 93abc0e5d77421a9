"""The room in a real browser: every page in every state of tests/pages/room_states.py renders
without an error, and a workshop where people join and never submit keeps every screen whole."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect

from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.i18n import t
from review.room.demo import demo_people
from review.room.live import available_views
from review.room.sessions import create_session
from review.store import Store
from tests.e2e.conftest import SHOTS, Reruns, Server, running_app, server_log, wait_settled
from tests.e2e.phone import place, rough_sort_all
from tests.pages.room_states import BIG, STATES, Built, big

CALM = [t("error.unexpected", lang) for lang in ("nl", "en")]
# every reveal step on the projector for one full session (AppTest walks them for 500 sorts too);
# the other states: hidden and heatmap
FULL_VIEWS = {"sorts_12_both_roles"}
# The browser walks every situation and the sizes 0 (empty), 1, 2, 3, 12 and 500 across both kinds of
# session; AppTest (tests/pages/test_room_states.py) renders all sizes of both kinds.
IN_BROWSER = [n for n in STATES if not n.startswith("sorts_")] + [
    "sorts_1_observed", "sorts_3_observed", "sorts_2_both_roles", "sorts_12_both_roles", BIG,
]  # fmt: skip


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, Built]]]:
    db = tmp_path_factory.mktemp("room-states") / "review.duckdb"
    store = Store.open(db)
    built = {name: STATES[name](store) for name in IN_BROWSER if name != BIG}
    built[BIG] = big(store)
    for name in FULL_VIEWS:  # reveal all views in turn through the projector's URL below
        store.set_pins(built[name].session.id, list(built[name].session.statement_set.ids[:3]))
    workshop = create_session(
        store, "Workshop", load_statement_set(), load_grid(), ("observed", "desired"), ("professional",), True
    )
    built["workshop"] = Built(workshop)
    secret = store.secret()
    store.close()
    with running_app(db, {name: b.session for name, b in built.items()}, secret) as srv:
        yield srv, built


def settled(page: Page) -> None:
    """Wait until the page has drawn its content (Streamlit's spinner gone, nothing stale, fading or
    drawing: conftest's wait_settled)."""
    page.wait_for_load_state("networkidle")
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=30_000)
    wait_settled(page)


def assert_whole(page: Page, where: str) -> None:
    """No exception box, no traceback, no calm error: the page drew what it meant to."""
    assert page.locator('[data-testid="stException"]').count() == 0, where
    body = page.locator("body").inner_text()
    assert "Traceback" not in body, where
    assert not any(message in body for message in CALM), (where, body[:400])


@pytest.mark.parametrize("name", IN_BROWSER)  # one test per state: the test workers share them out
def test_every_page_renders_every_state_in_a_real_browser(
    browser: Browser, playwright: Playwright, room, name: str
) -> None:
    server, built = room
    desk = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    fac = desk.new_page()
    fac_runs = Reruns(fac)
    server.login(fac)
    phone_ctx = browser.new_context(**playwright.devices["Pixel 7"], locale="nl-NL")
    phone = phone_ctx.new_page()
    b = built[name]
    code = b.session.code
    fac.goto(f"{server.url}/facilitator?session={code}&lang=en")
    # 500 people: the browser's first drawing takes 5-10 s alone, several times that beside a busy test worker
    expect(fac.get_by_text("sorting now")).to_be_visible(timeout=90_000 if name == BIG else 30_000)
    settled(fac)
    assert_whole(fac, f"{name}: facilitator")
    views = [*available_views(b.session), ""] if name in FULL_VIEWS else ["heatmap", ""]
    proj = desk.new_page()
    proj_runs = Reruns(proj)
    proj.goto(f"{server.url}/projector?session={code}&lang=en")
    expect(proj.get_by_test_id("proj-count")).to_be_visible(timeout=30_000)
    assert_whole(proj, f"{name}: projector hidden")
    for view in views:  # the facilitator reveals each step; the projector follows by itself
        steps = fac.get_by_role("radiogroup", name=t("fac.reveal", "en")).first  # one, even mid-rerun
        with fac_runs.page_run():  # the click's run of the facilitator's page, to its end
            steps.get_by_role("radio", name=t(f"view.{view or 'hidden'}", "en"), exact=True).click()
        if view:
            expect(proj.get_by_test_id("proj-view")).to_have_attribute("data-view", view, timeout=30_000)
        else:
            expect(proj.get_by_test_id("join-code")).to_be_visible(timeout=30_000)
        proj_runs.refreshes(1)  # the view's content is drawn in the same refresh: that one (or the next) ends
        assert_whole(proj, f"{name}: projector {view or 'hidden'}")
        assert_whole(fac, f"{name}: facilitator previewing {view or 'hidden'}")
    proj.close()
    for label, token in [("newcomer", None), *(("in", tok) for tok in (b.sorting or b.submitted)[:1])]:
        phone.goto(server.join_url(name, token) if token else f"{server.url}/?s={code}")
        settled(phone)
        assert_whole(phone, f"{name}: phone {label}")
    assert "unexpected error" not in server_log(server)
    desk.close()
    phone_ctx.close()


def test_a_workshop_where_people_join_and_never_submit(browser: Browser, playwright: Playwright, room) -> None:
    """Six phones: one opens the link and walks away, one places a few cards and stops, one sorts
    everything in the browser, three more submit as phones do. The facilitator's page stays whole
    the whole time; the projector counts people who started, not everyone who opened the link."""
    server, built = room
    code = built["workshop"].session.code
    desk = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    fac = desk.new_page()
    server.login(fac)
    fac.goto(f"{server.url}/facilitator?session={code}&lang=en")
    proj = desk.new_page()
    proj.goto(f"{server.url}/projector?session={code}&lang=en")
    count = proj.get_by_test_id("proj-count")
    expect(count).to_have_text("0 of 0 submitted", timeout=30_000)

    phones = [browser.new_context(**playwright.devices["Pixel 7"], locale="en-GB") for _ in range(3)]
    walker, stopper, sorter = (p.new_page() for p in phones)
    walker.goto(f"{server.url}/?s={code}")  # joins, reads the welcome, walks away
    expect(walker.get_by_text(re.compile("no right or wrong", re.I)).first).to_be_visible(timeout=30_000)
    stopper.goto(f"{server.url}/?s={code}")
    stopper.locator('.qs-role[data-role="professional"]').tap()
    for pile in ("1", "-1", "0"):  # three cards onto the piles, then the phone goes in a pocket
        stopper.locator(f'.qs-pile-btn[data-pile="{pile}"]').tap()
    expect(count).to_have_text("0 of 1 submitted", timeout=30_000)  # the walker does not count
    fac.reload()
    # the list is folded: nobody reads it off the page until the facilitator opens it (whether the folded
    # content is in the page at all is Streamlit's choice, and it has made both)
    expect(fac.get_by_text("opened the link, nothing placed yet")).to_be_hidden()
    fac.get_by_text("Participants (anonymous)").click()
    expect(fac.get_by_text("opened the link, nothing placed yet")).to_be_visible(timeout=30_000)
    expect(fac.get_by_text("sorting", exact=False).first).to_be_visible()
    assert_whole(fac, "facilitator while one walked away and one is mid-sort")

    sorter.goto(f"{server.url}/?s={code}")
    sorter.locator('.qs-role[data-role="professional"]').tap()
    rough_sort_all(sorter)
    place(sorter, 50)
    sorter.locator('[data-action="to-comments"]').tap()
    sorter.locator("button.qs-submit").tap()
    expect(count).to_have_text("1 of 2 submitted", timeout=30_000)
    for observed, _, _ in demo_people(built["workshop"].session.statement_set, load_grid(), 3, seed=4):
        server.submit("workshop", observed, role="professional")
    expect(count).to_have_text("4 of 5 submitted", timeout=30_000)
    fac.get_by_role("button", name=re.compile("^Next: What is characteristic")).click()
    expect(proj.get_by_test_id("proj-view")).to_have_attribute("data-view", "heatmap", timeout=30_000)
    expect(proj.locator(".js-plotly-plot")).to_be_visible(timeout=30_000)
    settled(fac)
    assert_whole(fac, "facilitator after the reveal")
    assert_whole(proj, "projector after the reveal")
    SHOTS.mkdir(exist_ok=True)
    fac.screenshot(path=str(SHOTS / "workshop-facilitator.png"), full_page=True)
    proj.screenshot(path=str(SHOTS / "workshop-projector.png"))
    for p in phones:
        p.close()
    desk.close()
