"""From meeting to meeting, in a real browser on a laptop screen. An agreement made on meeting 1's
discussion page opens meeting 2's discussion page, is given a status there with a line of why, and is
still there after a reload. The report's first page is read and rewritten in its dialog, and the report
prints the rewritten text. Screenshots at 1366x768 (light, English) and 1280x800
(dark, Dutch) in screenshots/, looked at by a person."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from review.room.demo import create_demo_session
from review.store import Store
from review.trajectories.trajectory import create_trajectory, place_session
from tests.e2e.conftest import Server, running_app, wait_settled

CASES = [((1366, 768), "light", "en"), ((1280, 800), "dark", "nl")]
WORDS = {
    "en": {
        "text": "Agreement",
        "owner": "Who takes it up (a role or the team)",
        "add": "Add agreement",
        "open_line": "team lead · review at the next meeting · open",
        "before": "Agreements from earlier meetings",
        "done": "done",
        "why": "Why (one line)",
        "save": "Save status",
        "became": "done at meeting 2: On the agenda every week",
    },
    "nl": {
        "text": "Afspraak",
        "owner": "Wie pakt het op (een rol of het team)",
        "add": "Afspraak toevoegen",
        "open_line": "team lead · terugkijken bij de volgende bijeenkomst · open",
        "before": "Afspraken van eerdere bijeenkomsten",
        "done": "gedaan",
        "why": "Waarom (een regel)",
        "save": "Stand bewaren",
        "became": "gedaan bij bijeenkomst 2: On the agenda every week",
    },
}


@pytest.fixture(scope="module")
def agreements_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, tuple[str, str]]]]:
    """Two groups (one per case), each meeting twice."""
    db = tmp_path_factory.mktemp("agreements") / "review.duckdb"
    store = Store.open(db)
    trajectory = create_trajectory(store, "Zorggroep", "Traject", "", "Groep EN, Groep NL")
    codes = {}
    for lang in ("en", "nl"):
        first = create_demo_session(store, 6, 1, f"Meeting 1 {lang}")
        second = create_demo_session(store, 6, 2, f"Meeting 2 {lang}")
        place_session(store, trajectory, first, f"Groep {lang.upper()}", 1, "")
        place_session(store, trajectory, second, f"Groep {lang.upper()}", 2, "")
        codes[lang] = (first.code, second.code)
    store.close()
    with running_app(db) as srv:
        yield srv, codes


@pytest.mark.parametrize(("size", "theme", "lang"), CASES, ids=["1366-light-en", "1280-dark-nl"])
def test_an_agreement_goes_from_meeting_1_to_meeting_2(
    browser: Browser, agreements_server, size, theme: str, lang: str, shots
) -> None:
    server, codes = agreements_server
    words = WORDS[lang]
    first, second = codes[lang]
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]}, color_scheme=theme, locale="en-GB")
    page = ctx.new_page()
    server.login(page)
    page.goto(f"{server.url}/discussion?session={first}&lang={lang}")
    text = page.get_by_label(words["text"], exact=True)
    text.fill("We discuss mistakes in the weekly meeting")
    page.get_by_label(words["owner"], exact=True).fill("team lead")
    page.get_by_role("button", name=words["add"]).click()
    expect(page.get_by_text(words["open_line"])).to_be_visible()
    expect(page.get_by_label(words["text"], exact=True)).to_have_value("")  # a fresh form for the next one

    page.goto(f"{server.url}/discussion?session={second}&lang={lang}")
    carried = page.locator(".st-key-agr_carried")
    expect(carried.get_by_text(words["before"])).to_be_visible()
    expect(carried.get_by_text("We discuss mistakes in the weekly meeting")).to_be_visible()
    carried.get_by_text(words["done"], exact=True).click()
    carried.get_by_label(words["why"]).fill("On the agenda every week")
    carried.get_by_role("button", name=words["save"]).click()
    expect(carried.get_by_text(words["became"])).to_be_visible()
    page.reload()
    expect(page.locator(".st-key-agr_carried").get_by_text(words["became"])).to_be_visible()
    wait_settled(page)
    page.locator(".st-key-agr_carried").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"discussion-agreements-{size[0]}-{theme}-{lang}.png"))
    ctx.close()


def test_the_facilitator_reads_and_rewrites_the_reports_first_page(browser: Browser, agreements_server, shots) -> None:
    """The dialog shows the story made from the data; a rewritten paragraph is what the report prints."""
    server, codes = agreements_server
    code = codes["en"][0]
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    page = ctx.new_page()
    server.login(page)
    page.goto(f"{server.url}/facilitator?session={code}&lang=en")
    page.get_by_text("Report", exact=True).click()
    page.get_by_role("button", name="Read and edit the first page").click()
    dialog = page.get_by_role("dialog")
    story = dialog.get_by_label("In brief")
    expect(story).to_have_value(re.compile(r"^As it is \(6 sorts\): recognised most were “"))
    wait_settled(page)
    page.screenshot(path=str(shots / "facilitator-story-1366-light-en.png"))
    story.fill("The team sees itself as careful.\n\nWe talk about mistakes next time.")
    dialog.get_by_role("button", name="Save for the report").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    report = page.request.get(f"{server.url}/api/report/{code}.html?lang=en")
    assert report.ok
    body = report.text()
    assert "The team sees itself as careful." in body and "recognised most were" not in body
    page.get_by_role("button", name="Read and edit the first page").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("In brief")).to_have_value(
        "The team sees itself as careful.\n\nWe talk about mistakes next time."
    )
    dialog.get_by_role("button", name="Back to the made text").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert "recognised most were" in page.request.get(f"{server.url}/api/report/{code}.html?lang=en").text()
    ctx.close()
