"""A facilitator's whole engagement in a real browser: a new statement set from a CSV file, a
session run with it, notes typed in the discussion view (kept across a reload), the session in a
trajectory, and the session's and the trajectory's reports downloaded."""

from __future__ import annotations

import io
import re
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from review.content.grid import proposed_grid
from tests.e2e.conftest import Server, running_app

N = 20  # the smallest set the library takes
SET_NAME = "Teamset E2E"
NOTE = "We spreken af: elke vrijdag tien minuten terugblik <b>samen</b>."
MARK = "Zichtbaar werk"  # statement 1's Dutch text starts with this


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    with running_app(tmp_path_factory.mktemp("engagement") / "review.duckdb") as srv:
        yield srv


def statements_csv() -> bytes:
    rows = ["id;nl;en;theme"]
    for i in range(1, N + 1):
        nl = f"{MARK} {i}: we laten zien wat we doen" if i == 1 else f"Wij bespreken fouten openlijk, variant {i}"
        rows.append(f"{i};{nl};We discuss mistakes openly, variant {i};vakmanschap")
    return ("\n".join(rows) + "\n").encode()


def sort_for(shift: int) -> dict[str, list[int]]:
    """A valid sort on the proposed 20-card grid, rotated by ``shift`` so people differ."""
    grid = proposed_grid(N)
    ids = [(i + shift) % N + 1 for i in range(N)]
    columns: dict[str, list[int]] = {}
    for value, count in zip(grid.values, grid.counts, strict=True):
        columns[str(value)], ids = ids[:count], ids[count:]
    return columns


def join(browser: Browser, app: Server, code: str) -> str:
    """A phone opens the join link; the page hands it a token."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    phone = ctx.new_page()
    phone.goto(f"{app.url}/?s={code}")
    phone.wait_for_url(re.compile(r"[?&]p="), timeout=30_000)
    token = urllib.parse.parse_qs(urllib.parse.urlparse(phone.url).query)["p"][0]
    ctx.close()
    return token


def submit(app: Server, code: str, token: str, shift: int) -> None:
    """The phone's board submits."""
    status, body = app.post("submit", {"s": code, "p": token, "condition": "observed", "columns": sort_for(shift)})
    assert status == 200, body


def download(page: Page, name: str, folder: Path) -> Path:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("link", name=name).click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert all(round(float(p.mediabox.width)) == 595 and round(float(p.mediabox.height)) == 842 for p in reader.pages)
    return "\n".join(p.extract_text() for p in reader.pages)


def test_a_set_a_session_notes_a_trajectory_and_both_reports(browser: Browser, app: Server, tmp_path: Path) -> None:
    page = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-GB").new_page()
    app.login(page)

    # 1. A new statement set from a CSV file, saved as version 1.
    page.goto(app.url + "/library?lang=nl")
    page.get_by_role("button", name="Nieuwe set").click()
    page.get_by_label("Naam (Nederlands)").fill(SET_NAME)
    page.get_by_label("Naam (Engels)").fill("Team set E2E")
    page.get_by_text("Inlezen uit CSV of XLSX").click()
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "team.csv", "mimeType": "text/csv", "buffer": statements_csv()}]
    )
    expect(page.get_by_text(f"{N} uitspraken").first).to_be_visible(timeout=30_000)
    page.get_by_label("Naam (Nederlands)").fill(SET_NAME)  # the import renews the editors; the name stays
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_text("Bewaard als versie 1.")).to_be_visible(timeout=30_000)

    # 2. A session with that set (its own 20-card grid), and three phones that submit.
    page.goto(app.url + "/facilitator?lang=nl")
    page.get_by_label("Titel").first.fill("Team E2E")
    page.get_by_label("Set uitspraken").click()
    page.get_by_role("option", name=re.compile(SET_NAME)).click()
    page.get_by_role("button", name="Sessie aanmaken").click()
    expect(page.get_by_test_id("join-code")).to_be_visible(timeout=30_000)
    code = page.get_by_test_id("join-code").inner_text().strip()
    tokens = [join(browser, app, code) for _ in range(3)]  # all in the room before the first sort
    for shift, token in enumerate(tokens):
        submit(app, code, token, shift)

    # 3. The discussion view: starting points from the three sorts; a note typed is saved as typed.
    page.goto(f"{app.url}/discussion?session={code}&lang=nl")
    note = page.locator("textarea.rn-area").first
    expect(note).to_be_visible(timeout=20_000)
    note.click()
    note.press_sequentially(NOTE, delay=5)
    expect(page.get_by_text("Opgeslagen").first).to_be_visible(timeout=30_000)
    page.reload()
    expect(page.locator("textarea.rn-area").first).to_have_value(NOTE, timeout=20_000)

    # 4. A trajectory with this session as its intake.
    page.goto(app.url + "/trajectories?lang=nl")
    page.get_by_label("Organisatie").fill("Ziekenhuis De Linde")
    page.get_by_label("Begeleider").fill("Anna de Vries")
    page.get_by_role("button", name="Traject aanmaken").click()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Team E2E").first).to_be_visible(timeout=30_000)

    # 5. Both reports: the session's (PDF and HTML) and the trajectory's (PDF).
    trajectory_pdf = pdf_text(download(page, "Verslag (PDF)", tmp_path))
    assert "Ziekenhuis De Linde" in trajectory_pdf and "Anna de Vries" in trajectory_pdf
    page.goto(f"{app.url}/facilitator?session={code}&lang=nl")
    page.get_by_text("Verslag", exact=True).click()
    session_pdf = pdf_text(download(page, "Verslag (PDF)", tmp_path))
    html = download(page, "Verslag (HTML)", tmp_path).read_text("utf-8")
    assert "Ziekenhuis De Linde" in session_pdf and MARK in session_pdf
    assert "tien minuten terugblik" in session_pdf.replace("\n", " ")
    assert "tien minuten terugblik &lt;b&gt;samen&lt;/b&gt;" in html  # the note as typed, never markup
    assert MARK in html and "<script" not in html
