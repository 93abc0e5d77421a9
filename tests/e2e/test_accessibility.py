"""axe-core (4.12, bundled by axe-playwright-python) on every page the app shows, light and dark:
the phone at each step (and the join page without a code or with a wrong one), the login, the
facilitator's list, archive and session, the projector's every view, the library, the trajectories
(list and one trajectory) and the discussion. Any violation, whatever its impact, fails the
test, which prints each one (rule, element, what is wrong) for every page.

Also: the page's language is what the app speaks (``<html lang>``), and Streamlit's own English
("Skip to main content", "Press Enter to submit form", "Help for ...") does not show on a Dutch page.

One app of its own (the projector's views need sessions revealed before the server starts: only
one process may open the DuckDB file), one run per theme (xdist workers can split them): light in
English, dark in Dutch, each with one desk context (1920x1080) and one phone (Pixel 7).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright, expect

from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.i18n import t
from review.room.demo import create_demo_session, demo_people
from review.room.lifecycle import archive_session
from review.room.sessions import create_session, join, submit_sort
from review.store import Session, Store
from review.trajectories.trajectory import create_trajectory, place_session
from tests.e2e.conftest import PASSWORD, Server, running_app, wait_settled
from tests.e2e.phone import place, rough_sort_all
from tests.pages.room_states import columns_of, dress_for_every_view

VIEWS = ("heatmap", "extremes", "agreement", "gap", "subgroups", "themes", "viewpoints", "comments", "pins")
WAIT = 30_000  # ms: a busy 2-core machine shared by several test workers
THEMES = {"light": "en", "dark": "nl"}  # each theme in one language; together both of each
FRAMEWORK_ENGLISH = ("Skip to main content", "Press Enter to submit form", "Help for ")


def full_session(store: Store, title: str, reveal: str) -> Session:
    """Twelve people with both sorts and roles, three comments featured, four statements pinned, a
    viewpoints analysis chosen: every view has something to show. ``reveal`` is on the projector."""
    session = create_demo_session(store, participants=12, title=title)
    statement_set, grid = session.statement_set, load_grid()
    for k, (observed, _, _) in enumerate(demo_people(statement_set, grid, 3, seed=5)):
        token = join(store, session)
        top = next(sid for sid, v in observed.items() if v == max(grid.values))
        note = {str(top): f"Opmerking {k}: klopt."}
        submit_sort(store, session, token, "observed", columns_of(observed), note, "professional")
    return dress_for_every_view(store, session, reveal)


def seed(db: Path) -> dict[str, str]:
    store = Store.open(db)
    statement_set, grid = load_statement_set(), load_grid()
    sessions = {view or "waiting": full_session(store, f"Team 3: {view or 'waiting'}", view) for view in ("", *VIEWS)}
    codes = {name: session.code for name, session in sessions.items()}
    phone = create_session(store, "Phone", statement_set, grid, ("observed",), ("professional", "manager"), True)
    codes["phone"] = phone.code
    trajectory = create_trajectory(store, "Gemeente", "Goed Werk", "Anna", "Groep A")
    place_session(store, trajectory, sessions["heatmap"], "Groep A", 1, "Regels")
    codes["trajectory"] = trajectory.id
    old = create_demo_session(store, participants=3, title="Last year's session")
    archive_session(store, old)
    store.close()
    return codes


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    db = tmp_path_factory.mktemp("accessibility") / "review.duckdb"
    codes = seed(db)
    with running_app(db) as srv:
        yield srv, codes


def axe_lines(page: Page) -> dict[str, str]:
    """axe's violations on the page as it is now, one per element: rule and target, with its summary."""
    wait_settled(page)  # a colour read mid-fade of a rerun is not what a person sees
    lines = {}
    for rule in Axe().run(page).response["violations"]:
        for node in rule["nodes"]:
            where = f"{rule['id']} ({rule['impact']}) {' '.join(map(str, node['target']))}"
            lines[where] = (node.get("failureSummary") or rule["help"]).replace("\n", " ")[:300]
    return lines


def violations(page: Page) -> list[str]:
    """The violations a person meets: those axe finds on the settled page, and again on a second
    look. A loaded machine once showed a primary button for one read without the page's CSS (white
    on light blue, in one run of about twenty); what stays is reported, with its summary."""
    first = axe_lines(page)
    if not first:
        return []
    again = axe_lines(page)
    return [f"{where}: {summary}" for where, summary in again.items() if where in first]


FRAMEWORK_WORDS = """(words) => {
  const said = [document.body.textContent,
                ...[...document.querySelectorAll("[aria-label], [title]")].map(
                  (e) => (e.getAttribute("aria-label") || "") + " " + (e.getAttribute("title") || ""))].join(" ");
  return { lang: document.documentElement.lang, found: words.filter((w) => said.includes(w)) };
}"""


def language_problems(page: Page, lang: str) -> list[str]:
    """``<html lang>`` is the page's language, and a Dutch page shows none of Streamlit's English."""
    said = page.evaluate(FRAMEWORK_WORDS, list(FRAMEWORK_ENGLISH) if lang == "nl" else [])
    problems = [f"html lang={said['lang']!r}, not {lang!r}"] if said["lang"] != lang else []
    return problems + [f"Streamlit's English on a Dutch page: {w!r}" for w in said["found"]]


def login(page: Page, server: Server, lang: str, check: Callable[[str, Page], None]) -> None:
    """The facilitator's login form, in the browser's language (Server.login speaks English)."""
    page.goto(server.url + "/api/login")
    expect(page.get_by_label(t("login.password", lang))).to_be_visible(timeout=WAIT)
    check("login", page)
    page.get_by_label(t("login.password", lang)).fill(PASSWORD)
    page.get_by_role("button", name=t("auth.login", lang)).click()
    page.wait_for_url(server.url + "/facilitator")


def settled(page: Page) -> None:
    """Streamlit has finished the script run (its running indicator is gone)."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=WAIT)


@pytest.mark.browser_only
@pytest.mark.parametrize("theme", list(THEMES))
def test_axe_finds_nothing_on_any_page(browser: Browser, playwright: Playwright, app, theme: str) -> None:
    server, codes = app
    lang = THEMES[theme]
    locale = "en-GB" if lang == "en" else "nl-NL"
    desk = browser.new_context(viewport={"width": 1920, "height": 1080}, color_scheme=theme, locale=locale)
    phone_ctx = browser.new_context(**playwright.devices["Pixel 7"], color_scheme=theme, locale=locale)
    page = desk.new_page()
    phone = phone_ctx.new_page()
    report: dict[str, list[str]] = {}
    wrong_language: list[str] = []

    def check(where: str, on: Page) -> None:
        settled(on)
        # the page's language is set by a component that loads after the page's first elements; a page
        # that never gets it is reported below with the rest
        with contextlib.suppress(AssertionError):
            expect(on.locator("html")).to_have_attribute("lang", lang, timeout=WAIT)
        report[where] = violations(on)
        wrong_language.extend(f"{where}: {problem}" for problem in language_problems(on, lang))

    # the phone: the join page with no code, a wrong code, then one person's whole sort
    phone.goto(f"{server.url}/?lang={lang}")
    expect(phone.get_by_role("button", name=t("join.button", lang))).to_be_visible(timeout=WAIT)
    phone.get_by_label(t("join.code_label", lang)).fill("K7Q")  # Streamlit's "Press Enter to submit form"
    expect(phone.get_by_test_id("InputInstructions")).to_be_visible(timeout=WAIT)
    check("phone: join, no code", phone)
    phone.goto(f"{server.url}/?s=ZZZZZZ&lang={lang}")
    expect(phone.get_by_test_id("stAlertContainer")).to_be_visible(timeout=WAIT)
    check("phone: join, wrong code", phone)
    phone.goto(f"{server.url}/?s={codes['phone']}&lang={lang}")
    expect(phone.locator(".qs-role")).to_have_count(2, timeout=WAIT)
    check("phone: welcome and role", phone)
    phone.locator(".qs-role").first.tap()
    expect(phone.locator(".qs-pile-btn")).to_have_count(3, timeout=WAIT)
    check("phone: rough sort", phone)
    rough_sort_all(phone)
    expect(phone.locator("button.qs-target")).to_have_count(9, timeout=WAIT)
    check("phone: fine sort", phone)
    place(phone, 50)
    phone.locator('[data-action="to-comments"]').tap()
    expect(phone.locator("button.qs-submit")).to_be_visible(timeout=WAIT)
    check("phone: comments", phone)
    phone.locator("button.qs-submit").tap()
    expect(phone.get_by_test_id("own-sort")).to_have_count(1, timeout=WAIT)
    check("phone: done", phone)

    # the facilitator: the list, the archive opened, one session
    login(page, server, lang, check)
    page.goto(f"{server.url}/facilitator?lang={lang}")
    expect(page.get_by_role("heading", name=t("fac.heading", lang))).to_be_visible(timeout=WAIT)
    check("facilitator: session list", page)
    page.get_by_text(t("fac.archived", lang), exact=True).click()
    expect(page.get_by_text("Last year's session")).to_be_visible(timeout=WAIT)
    check("facilitator: archive open", page)
    page.goto(f"{server.url}/facilitator?session={codes['heatmap']}&lang={lang}")
    expect(page.locator(".st-key-projector_preview .js-plotly-plot")).to_be_visible(timeout=WAIT)
    check("facilitator: session", page)
    page.get_by_role("button", name=t("fac.close", lang)).click()  # a confirm: drawn outside the app
    expect(page.get_by_role("button", name=t("fac.close_confirm", lang))).to_be_visible(timeout=WAIT)
    check("facilitator: session, closing asks first", page)
    page.keyboard.press("Escape")

    # the projector: waiting with the QR code, then every view
    dark = "&theme=dark" if theme == "dark" else ""
    for view in ("", *VIEWS):
        page.goto(f"{server.url}/projector?session={codes[view or 'waiting']}&lang={lang}{dark}")
        if view:
            expect(page.get_by_test_id("proj-view")).to_have_attribute("data-view", view, timeout=WAIT)
        else:
            expect(page.get_by_test_id("join-code")).to_be_visible(timeout=WAIT)
        if view not in ("viewpoints", "comments"):  # those two are cards of text
            expect(page.locator(".js-plotly-plot .main-svg, img.join-qr").first).to_be_visible(timeout=WAIT)
        check(f"projector: {view or 'waiting'}", page)

    # the library, the trajectories, the discussion
    page.goto(f"{server.url}/library?lang={lang}")
    expect(page.get_by_role("heading").first).to_be_visible(timeout=WAIT)
    check("library", page)
    page.goto(f"{server.url}/trajectories?lang={lang}")
    expect(page.get_by_text("Goed Werk").first).to_be_visible(timeout=WAIT)
    check("trajectories", page)
    page.goto(f"{server.url}/trajectories?t={codes['trajectory']}&lang={lang}")
    expect(page.get_by_role("heading", name="Goed Werk").first).to_be_visible(timeout=WAIT)
    check("trajectory", page)
    page.goto(f"{server.url}/discussion?session={codes['heatmap']}&lang={lang}")
    expect(page.get_by_text("Team 3: heatmap").first).to_be_visible(timeout=WAIT)  # as typed: no U+2060
    check("discussion", page)

    desk.close()
    phone_ctx.close()
    problems = [f"{where}: {line}" for where, lines in report.items() for line in lines]
    print(f"\naxe, {theme} ({lang}): {len(report)} pages, {len(problems)} violations")
    assert not problems and not wrong_language, "\n".join(
        [f"axe found {len(problems)} violation(s), {theme} theme:", *problems, "The page's language:", *wrong_language]
    )
