"""The viewpoints view on a real projector screen: at 1920x1080, light and dark, Dutch and English,
no text below 24 px, nothing scrolls and nothing lies off screen, with the hardest case for fitting:
three viewpoints whose cards are the longest statements of the set. Also screenshots of the
facilitator's factor panel (in screenshots/, looked at by a person)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser, expect

from review.analysis.viewpoints import NAME_LIMIT, TEXT_LIMIT, choose, name_viewpoints
from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.room import live as room
from review.room.demo import create_demo_session, forced_sort
from review.room.sessions import create_session
from review.store import Store
from tests.e2e.conftest import SHOTS, Server, running_app, wait_settled
from tests.e2e.test_projector_readability import MEASURE, MIN_CONTRAST, MIN_PX, open_case

CAMP = 5  # sorts per camp: above the threshold of 3, so each viewpoint shows with its count


def camp_sorts(statement_set, grid, seed: int = 0, lang: str = "nl") -> list[dict[int, int]]:
    """Three camps whose most and least characteristic statements are the set's longest ones."""
    rng = np.random.default_rng(seed)
    ids = statement_set.ids
    longest = sorted(ids, key=lambda i: -len(statement_set.by_id()[i].in_language(lang)))
    sorts = []
    for camp in range(3):
        base = rng.normal(scale=0.5, size=len(ids))
        for j, sid in enumerate(longest[camp * 6 : (camp + 1) * 6]):
            base[ids.index(sid)] = 3.0 if j % 2 == 0 else -3.0
        for _ in range(CAMP):
            noisy = base + rng.normal(scale=0.4, size=len(ids))
            sorts.append(forced_sort(dict(zip(ids, noisy.tolist(), strict=True)), grid))
    return sorts


def seed(db: Path) -> dict[str, str]:
    store = Store.open(db)
    statement_set, grid = load_statement_set(), load_grid()
    camps = create_session(store, "Team 3. Zorg (Noord)", statement_set, grid)
    for k, sort in enumerate(camp_sorts(statement_set, grid)):
        store.add_participant(camps.id, f"camp-{k}", "nl")
        store.save_sort(camps.id, f"camp-{k}", "observed", sort)
    demo = create_demo_session(store, participants=12, title="Team 3. Zorg (Noord)")
    few = create_demo_session(store, participants=2, title="Team 3. Zorg (Noord)")
    panel = create_demo_session(store, participants=12, title="Team 3. Zorg (Noord)")
    named = create_session(store, "Team 3. Zorg (Noord)", statement_set, grid)
    for k, sort in enumerate(camp_sorts(statement_set, grid, seed=1)):
        store.add_participant(named.id, f"camp-{k}", "nl")
        store.save_sort(named.id, f"camp-{k}", "observed", sort)
    for session, nfactors in ((camps, 3), (demo, 3), (few, 1), (panel, 2), (named, 3)):
        choose(store, session, "observed", "pca", "varimax", nfactors)
        if session is not panel:
            store.set_reveal(session.id, "viewpoints")
    # the longest words the facilitator can keep, on each of three viewpoints
    room.refresh(store, store.session(named.id), 3)
    name = ("Naam " * NAME_LIMIT)[: NAME_LIMIT - 3]
    text = ("Wij zeggen het eerlijk als iets niet goed gaat. " * 20)[:TEXT_LIMIT]
    name_viewpoints(store, store.session(named.id), {n: (f"{n}. {name}", text) for n in (1, 2, 3)}, 3)
    codes = {"camps": camps.code, "demo": demo.code, "few": few.code, "panel": panel.code, "named": named.code}
    store.close()
    return codes


@pytest.fixture(scope="module")
def vp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    db = tmp_path_factory.mktemp("viewpoints") / "review.duckdb"
    codes = seed(db)
    with running_app(db) as srv:
        yield srv, codes


@pytest.mark.parametrize(("theme", "lang"), [("light", "en"), ("dark", "nl")])  # both of each, in two runs
def test_viewpoints_fit_the_projector_and_read_from_the_back_row(
    browser: Browser, vp_server: tuple[Server, dict[str, str]], theme: str, lang: str
) -> None:
    server, codes = vp_server
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    page = ctx.new_page()
    server.login(page)
    SHOTS.mkdir(exist_ok=True)
    problems = []
    for name in ("camps", "demo", "few", "named"):
        open_case(page, server, codes[name], "viewpoints", theme, lang)
        if name == "few":
            expect(page.get_by_test_id("stAlertContainer")).to_be_visible()
        else:
            expect(page.get_by_test_id("viewpoints")).to_be_visible()
        page.screenshot(path=str(SHOTS / f"projector-viewpoints-{name}-{theme}-{lang}.png"))
        m = page.evaluate(MEASURE)
        assert m["texts"] > 0
        problems += [f"{name}: {i['size']:.1f} px < {MIN_PX}: {i['text']!r}" for i in m["small"]]
        problems += [f"{name}: contrast {i['contrast']:.2f} < {MIN_CONTRAST}: {i['text']!r}" for i in m["low"]]
        problems += [f"{name}: off screen: {i['text']!r} at {i['rect']}" for i in m["offscreen"]]
        if m["scroll"]:
            problems.append(f"{name}: the page scrolls: {m['scroll']}")
        if name == "camps":  # three columns, each with its count, six cards and 3-5 distinguishing statements
            assert page.locator(".vp-col").count() == 3
            assert page.locator(".vp-card").count() == 18
            for col in page.locator(".vp-col").all():
                assert 3 <= col.locator(".vp-apart li").count() <= 5
                expect(col.locator(".vp-shared")).to_have_text(
                    "gedeeld door 5 mensen" if lang == "nl" else "shared by 5 people"
                )
        if name == "named":  # three long names and the longest paragraphs: words only, each whole
            assert page.locator(".vp-col").count() == 3 and page.locator(".vp-card").count() == 0
            assert page.get_by_test_id("viewpoint-text").count() == 3
            expect(page.locator(".vp-title").first).to_contain_text("1. Naam")
        if name == "demo":  # the third viewpoint rests on one sort: a note, no column
            assert page.locator(".vp-col").count() == 2
            expect(page.get_by_test_id("viewpoints-notes")).to_contain_text("3")
    ctx.close()
    assert not problems, "\n".join(problems)


@pytest.mark.screens  # a picture to look at: `python -m pytest -m screens`
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_screenshot_the_facilitator_panel(
    browser: Browser, vp_server: tuple[Server, dict[str, str]], lang: str
) -> None:
    server, codes = vp_server
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB")
    page = ctx.new_page()
    server.login(page)
    page.goto(f"{server.url}/facilitator?session={codes['panel']}&lang={lang}")
    heading = "Standpunten in de groep (factoranalyse)" if lang == "nl" else "Viewpoints in the group (factor analysis)"
    page.get_by_text(heading).click()
    expect(page.get_by_test_id("model-sort").first).to_be_visible(timeout=20_000)
    model_sort = page.get_by_test_id("model-sort").first.locator("details")
    model_sort.locator("summary").click()
    expect(model_sort).to_have_attribute("open", "")
    wait_settled(page)
    # the page scrolls inside Streamlit's main container: a tall window shows the whole panel at once
    page.set_viewport_size({"width": 1920, "height": 4200})
    wait_settled(page)
    panel = page.get_by_test_id("stExpander").filter(has_text=heading)
    panel.screenshot(path=str(SHOTS / f"facilitator-viewpoints-{lang}.png"))
    ctx.close()
