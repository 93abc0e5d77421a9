"""The client's report (review/report): content, anonymity, escaping, the HTML file and the A4 PDF,
the trajectory report, the CLI and the /api/report routes. One seeded store for the module: a
report takes about a second (HTML) to three (PDF), so each is made once and read by many tests."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from starlette.requests import Request

from review.__main__ import main
from review.access.login import COOKIE, cookie_secret, make_cookie
from review.analysis.viewpoints import choose, name_viewpoints
from review.content.grid import load_grid
from review.content.statements import StatementSet, load_statement_set
from review.i18n import t
from review.report import report_filename, session_report, trajectory_report
from review.report.content import session_content
from review.room.demo import create_demo_session, demo_people
from review.room.live import feature_comment
from review.room.sessions import create_session
from review.store import Store
from review.trajectories.agreements import make_agreement, set_status
from review.trajectories.trajectory import DEFAULT_THEMES, create_trajectory, place_session
from tests.conftest import run_async

MIN = 3
MARKUP = '<b>vet</b> <img src=x onerror=alert(1)> =HYPERLINK("http://evil.example","klik")'
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", re.I)
SECTIONS = {
    "nl": ["Hoe leest u dit verslag", "1. Over deze sessie", "Eens en oneens", "Tussen nu en gewenst", "Subgroepen"],
    "en": ["How to read this report", "1. About this session", "Agreement and disagreement", "Between now and desired"],
}


def _people_session(store: Store, title: str, roles: list[str], statement_set: StatementSet | None = None):
    """A session with one sort pair per role given, seeded like the demo."""
    statement_set, grid = statement_set or load_statement_set(), load_grid()
    session = create_session(
        store, title, statement_set, grid, ("observed", "desired"), tuple(sorted(set(roles))), True
    )
    for k, ((observed, desired, _), role) in enumerate(
        zip(demo_people(statement_set, grid, len(roles), 5), roles, strict=True)
    ):
        pid = f"person-{k:03d}"
        store.add_participant(session.id, pid, "nl")
        low, high = min(observed, key=observed.get), max(observed, key=observed.get)
        store.save_sort(session.id, pid, "observed", observed, {low: f"opmerking {k}", high: MARKUP}, role=role)
        store.save_sort(session.id, pid, "desired", desired)
    return store.session(session.id)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> dict:
    store = Store.open(tmp_path_factory.mktemp("report") / "report.duckdb")
    base = load_statement_set()
    marked = StatementSet(
        "marked",
        {"nl": "Met opmaak", "en": "With markup"},
        (replace(base.statements[0], text={"nl": MARKUP, "en": MARKUP}), *base.statements[1:]),
    )
    main_session = _people_session(store, "Teamdag <i>zorg</i>", ["zorg"] * 6 + ["staf"] * 6, marked)
    store.set_cover(main_session.id, "Zorggroep Noord & Zuid", "Anna de Vries")
    choose(store, main_session, "observed", "pca", "varimax", 2)
    store.save_note(main_session.id, "", "note", "Veel herkenning.\n<script>alert(1)</script>")
    store.save_note(main_session.id, "disputed:1", "next", "=SUM(A1:A9) plan een vervolg {nb}")
    session_content(store, main_session, MIN, "nl")  # publishes, so comments can be featured
    for c in store.shown_comments(main_session.id)[:2]:
        feature_comment(store, main_session, c.key, True)
    small_group = _people_session(store, "Kleine subgroep", ["zorg"] * 5 + ["staf"] * 5 + ["stagiair"] * 2)
    few = _people_session(store, "Te weinig", ["zorg"] * 2)
    trajectory = create_trajectory(store, "Zorggroep Noord", "Goed Werk Traject", "Anna de Vries", "Groep A, Groep B")
    intake = create_demo_session(store, 8, 1, "Intake A")
    last = create_demo_session(store, 8, 2, "Bijeenkomst 4 A")
    place_session(store, trajectory, intake, "Groep A", 0, "")
    place_session(store, trajectory, last, "Groep A", 4, "Opbrengst")
    place_session(store, trajectory, few, "Groep B", 4, "Opbrengst")
    store.save_note(last.id, "", "next", "Terugkoppeling aan het MT in januari")
    sessions = {"main": store.session(main_session.id), "small": small_group, "few": store.session(few.id)}
    reports = {}
    for lang in ("nl", "en"):
        reports[("main", lang, "html")] = session_report(store, sessions["main"], MIN, lang, "html").decode()
    reports[("main", "nl", "pdf")] = session_report(store, sessions["main"], MIN, "nl", "pdf")
    reports[("small", "en", "html")] = session_report(store, small_group, MIN, "en", "html").decode()
    reports[("few", "en", "html")] = session_report(store, sessions["few"], MIN, "en", "html").decode()
    reports[("trajectory", "nl", "html")] = trajectory_report(store, trajectory.id, MIN, "nl", "html").decode()
    reports[("trajectory", "en", "pdf")] = trajectory_report(store, trajectory.id, MIN, "en", "pdf")
    yield {"store": store, "sessions": sessions, "reports": reports, "trajectory": trajectory}
    store.close()


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _participants(store: Store, session) -> list[str]:
    return [p.participant_id for p in store.participant_states(session.id)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_html_has_its_sections_and_inline_figures_and_nothing_from_outside(seeded, lang) -> None:
    html = seeded["reports"][("main", lang, "html")]
    assert html.startswith("<!doctype html>") and f'<html lang="{lang}">' in html
    for title in SECTIONS[lang]:
        assert title in html
    assert html.count("<svg") >= 4 and html.count("<figcaption>") == html.count("<svg")
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert "@import" not in html and "<link" not in html and "<iframe" not in html
    assert "content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\"" in html  # CSP: no fetch
    assert "Zorggroep Noord &amp; Zuid" in html and "Anna de Vries" in html


def test_the_html_holds_no_participant_and_no_single_sort(seeded) -> None:
    store, session = seeded["store"], seeded["sessions"]["main"]
    html = seeded["reports"][("main", "nl", "html")]
    for pid in _participants(store, session):
        assert pid not in html
    assert not re.search(r"\bp\d\d\b", html)  # the analysis' pseudonyms (p01, ...) never reach a report
    content = session_content(store, session, MIN, "nl")
    assert all(c.n_sorts >= MIN for c in content.conditions if c.shown)
    assert all(v.shared_by >= MIN for v in content.viewpoints)


def test_user_text_is_shown_escaped(seeded) -> None:
    html = seeded["reports"][("main", "en", "html")]
    assert "<b>vet</b>" not in html and "<img" not in html and "<i>zorg</i>" not in html
    assert "&lt;b&gt;vet&lt;/b&gt;" in html and "Teamdag &lt;i&gt;zorg&lt;/i&gt;" in html
    assert "=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)" in html  # text, not a link
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "=SUM(A1:A9) plan een vervolg {nb}" in html  # the next step, as typed


def test_the_pdf_is_a4_with_names_sections_and_page_numbers(seeded) -> None:
    """Dutch here; the English PDF is the trajectory's (below), to keep the module fast."""
    reader, text = _text(seeded["reports"][("main", "nl", "pdf")])
    assert len(reader.pages) >= 5
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    for word in ["Zorggroep Noord & Zuid", "Anna de Vries", "Verslag van de sessie", "1. Over deze sessie"]:
        assert word in text, word
    assert "2. Wat de groep herkent" in text and "Tussen nu en gewenst" in text
    assert f"pagina 2 / {len(reader.pages)}" in text
    assert "{nb}" in text  # fpdf2's page-count alias is not {nb}: a note's text stays as typed
    assert "person-0" not in text


def test_a_session_below_the_threshold_has_no_positions_and_says_why(seeded) -> None:
    html = seeded["reports"][("few", "en", "html")]
    assert "<svg" not in html
    assert ">Mean</th>" not in html and ">Spread</th>" not in html  # no table of positions
    assert "fewer than 3 sorts" in html and "someone&#x27;s own sort could be recognised" in html
    # placed in the trajectory afterwards: its cover now names the trajectory's client and group
    assert "Zorggroep Noord" in html and "<dd>Groep B</dd>" in html


def test_a_subgroup_below_the_threshold_is_only_fewer_than_n(seeded) -> None:
    html = seeded["reports"][("small", "en", "html")]
    assert "stagiair" in html and "fewer than 3" in html
    assert re.search(r"<td>stagiair</td><td class=\"num\">fewer than 3</td>", html)
    assert '<td class="num">2</td>' not in html
    # 2 interns beside 5 + 5: every subgroup figure is withheld (the total minus the others gives them away)
    assert "could then be worked out from the total" in html
    assert "Subgroups" in html and "Figure 4. Mean position per subgroup" not in html


def test_featured_comments_and_viewpoints_are_in_the_report(seeded) -> None:
    html = seeded["reports"][("main", "en", "html")]
    assert "Participants&#x27; comments" in html and "Viewpoints in the group" in html
    assert "Viewpoint 1, shared by" in html or "shared by fewer than" in html


def test_each_viewpoint_is_in_the_report_by_name_with_its_paragraph_and_crib_sheet(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "words.duckdb")
    session = create_demo_session(store, participants=12)
    choose(store, session, "observed", "pca", "varimax", 2)
    session_content(store, session, MIN, "en")  # publishes
    name_viewpoints(store, store.session(session.id), {1: ("The careful ones", ""), 2: ("", "Our own words.")}, MIN)
    session = store.session(session.id)
    html = session_report(store, session, MIN, "en", "html").decode()
    assert "Viewpoint 1: The careful ones, shared by 7 people" in html and "Viewpoint 2, shared by 5 people" in html
    assert "This viewpoint puts “" in html and "Our own words." in html
    # the crib sheets follow as an appendix, one per viewpoint, its others as columns
    appendix = html[html.index(t("report.sec.crib", "en")) :]
    for name in ("highest", "higher", "lower", "lowest"):
        assert appendix.count(t(f"crib.{name}", "en")) == 2, name
    assert t("crib.legend", "en").split(".")[0] in appendix and "Vp. 2" in appendix and "Vp. 1" in appendix
    _, text = _text(session_report(store, session, MIN, "nl", "pdf"))
    flat = " ".join(text.split())
    assert "Standpunt 1: The careful ones, gedeeld door 7 mensen" in flat and "Dit standpunt zet" in flat
    assert "Het hoogst geplaatst" in flat and "Our own words." in flat and "Bijlage: spiekbrieven" in flat
    store.close()


def test_agreements_and_what_became_of_them_are_in_both_reports(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "agreements.duckdb")
    trajectory = create_trajectory(store, "Zorggroep", "Traject", "", "Groep A")
    first, second = create_demo_session(store, 6, 1, "Eerste"), create_demo_session(store, 6, 2, "Tweede")
    place_session(store, trajectory, first, "Groep A", 1, "")
    place_session(store, trajectory, second, "Groep A", 2, "")
    kept = make_agreement(store, first, "We bespreken fouten in het overleg", "teamleider")
    make_agreement(store, first, "Nieuwe collega's lopen mee", "", "2027-03-01")
    set_status(store, second, kept, "done", "Staat elke week op de agenda")
    one = session_report(store, first, MIN, "en", "html").decode()
    assert "Agreements of this meeting" in one and "We bespreken fouten in het overleg" in one
    assert "<td>teamleider</td><td>at the next meeting</td>" in one and "on 1 March 2027" in one
    two = session_report(store, second, MIN, "nl", "html").decode()
    assert (
        "Afspraken van eerdere bijeenkomsten" in two and "gedaan bij bijeenkomst 2: Staat elke week op de agenda" in two
    )
    assert "bijeenkomst 1 · teamleider" in two and "Nieuwe collega" in two  # still open: looked back on too
    _, text = _text(trajectory_report(store, trajectory.id, MIN, "en", "pdf"))
    flat = " ".join(text.split())
    assert "Agreements and what became of them" in flat and "done at meeting 2: Staat elke week op de agenda" in flat
    assert "Nieuwe collega's lopen mee meeting 1 the team open" in flat
    store.close()


def test_the_trajectory_report_spans_its_meetings(seeded) -> None:
    html = seeded["reports"][("trajectory", "nl", "html")]
    for text in ("Verslag van het traject", "Overzicht van de bijeenkomsten", "Beweging tussen bijeenkomsten"):
        assert text in html
    assert "Groep A: Intake → Bijeenkomst 4" in html
    assert "Groepen vergeleken" in html and "minder dan 3" in html
    assert "Terugkoppeling aan het MT in januari" in html
    assert not EXTERNAL.search(html) and "<script" not in html
    reader, text = _text(seeded["reports"][("trajectory", "en", "pdf")])
    for word in ("Trajectory report", "Zorggroep Noord", "Anna de Vries", "How to read this report"):
        assert word in text, word
    assert "1. Overview of the meetings" in text and "2. Movement between meetings" in text
    assert f"page 2 / {len(reader.pages)}" in text
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(595, 842)}


def test_two_groups_are_a_difference_and_offered_themes_read_in_the_report_language(seeded) -> None:
    """An English report of a trajectory set up in Dutch names the offered theme in English (a typed
    one stays as typed), and two groups at one meeting are compared as a difference, not a movement."""
    store = seeded["store"]
    trajectory = create_trajectory(store, "Zorggroep Zuid", "Thema's", "", "Groep A, Groep B")
    first, second = create_demo_session(store, 6, 3, "A 1"), create_demo_session(store, 6, 4, "B 1")
    place_session(store, trajectory, first, "Groep A", 1, DEFAULT_THEMES[1]["nl"])
    place_session(store, trajectory, second, "Groep B", 1, "Ons eigen thema")
    english = trajectory_report(store, trajectory.id, MIN, "en", "html").decode()
    assert "Meeting 1: Good work and craftsmanship" in english and DEFAULT_THEMES[1]["nl"] not in english
    assert "Meeting 1: Ons eigen thema" in english
    assert "the statements on which Groep A and Groep B differ most (difference: Groep B - Groep A)" in english
    assert '<th scope="col">Difference</th>' in english.replace(' class="num"', "") and "Movement" not in english
    dutch = trajectory_report(store, trajectory.id, MIN, "nl", "html").decode()
    assert "Bijeenkomst 1: Goed Werk en vakmanschap" in dutch and "Beweging" not in dutch
    assert "het meest verschillen (verschil: Groep B - Groep A)" in dutch
    numbers = re.findall(r"<td[^>]*>([+-]?\d+[.,]\d)</td>", dutch)
    assert numbers and all("," in x for x in numbers), numbers[:5]  # +1,7, never +1.7


def test_report_filenames_are_safe() -> None:
    from datetime import datetime

    assert report_filename("K7QX3M", datetime(2026, 11, 30), "pdf") == "review-K7QX3M-2026-11-30.pdf"
    assert report_filename('../a "b"\r\n', datetime(2026, 1, 2), "html") == "review-a-b-2026-01-02.html"


# -- the command line -----------------------------------------------------------------------------


def test_the_cli_writes_both_files_and_refuses_unknowns(tmp_path: Path, workshop_factory, capsys) -> None:
    db = tmp_path / "cli.duckdb"
    code = workshop_factory(db)
    for fmt in ("html", "pdf"):
        out = tmp_path / f"report.{fmt}"
        assert main(["export", code, "--format", fmt, "--out", str(out), "--lang", "en", "--db", str(db)]) == 0
        assert out.stat().st_size > 10_000
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "About this session" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert main(["export", "ZZZZZZ", "--format", "pdf", "--out", str(tmp_path / "x.pdf"), "--db", str(db)]) == 2
    assert "no open session with code" in capsys.readouterr().err
    assert (
        main(["export", "--trajectory", "nope", "--format", "html", "--out", str(tmp_path / "t.html"), "--db", str(db)])
        == 2
    )
    assert "does not exist" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                code,
                "--trajectory",
                "x",
                "--format",
                "html",
                "--out",
                str(tmp_path / "t.html"),
                "--db",
                str(db),
            ]
        )
        == 2
    )
    assert "not both" in capsys.readouterr().err
    assert (
        main(["export", "--trajectory", "x", "--format", "csv", "--out", str(tmp_path / "t.csv"), "--db", str(db)]) == 2
    )
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "t.html").exists()


# -- /api/report ----------------------------------------------------------------------------------


def _get(path_params: dict, endpoint, cookie: str | None, lang: str = "en"):
    headers = [(b"cookie", f"{COOKIE}={cookie}".encode())] if cookie else []
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/api/report",
        "path_params": path_params,
        "headers": headers,
        "client": ("203.0.113.7", 5000),
        "query_string": f"lang={lang}".encode(),
    }
    return run_async(endpoint(Request(scope)))


def test_the_report_routes_need_the_facilitator_and_name_the_file(shared_store: Store) -> None:
    from ui.http.api_reports import session_report_route, trajectory_report_route

    session = create_demo_session(shared_store, 4, 3, "API")
    cookie = make_cookie(cookie_secret(shared_store))
    assert _get({"code": session.code, "fmt": "html"}, session_report_route, None).status_code == 403
    response = _get({"code": session.code, "fmt": "html"}, session_report_route, cookie)
    assert response.status_code == 200 and response.media_type.startswith("text/html")
    assert re.fullmatch(
        rf'attachment; filename="review-{session.code}-\d{{4}}-\d\d-\d\d\.html"',
        response.headers["content-disposition"],
    )
    assert b"About this session" in response.body
    assert _get({"code": "ZZZZZZ", "fmt": "pdf"}, session_report_route, cookie).status_code == 404
    assert _get({"code": session.code, "fmt": "docx"}, session_report_route, cookie).status_code == 404
    assert _get({"trajectory_id": "nope", "fmt": "pdf"}, trajectory_report_route, cookie).status_code == 404
    assert _get({"trajectory_id": "nope", "fmt": "pdf"}, trajectory_report_route, None).status_code == 403
