"""Page tests with Streamlit's AppTest against a real DuckDB file.

AppTest cannot fire custom-component events; the board's submit callback is the
domain's ``submit_sort`` (tested in test_sessions) and the board itself is
tested in a real browser (tests/e2e).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from review.access.codes import ALPHABET
from review.access.login import KEY_SETTING, cookie_ok, cookie_secret, key_ok, make_cookie, new_login_epoch
from review.access.ratelimit import CODE_BURST, CODE_EVERY, RateLimiter
from review.room.sessions import create_session, join, set_status, submit_sort
from review.store import Store
from tests.conftest import columns_of
from tests.content.test_grid import valid_sort
from ui import state

ROOT = Path(__file__).resolve().parents[2]


def app(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "main.py"), default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    return at


def texts(at: AppTest) -> str:
    elements = [*at.markdown, *at.error, *at.success, *at.info, *at.warning, *at.title, *at.header, *at.subheader]
    return " ".join(str(e.value) for e in elements)


def test_start_page_asks_for_a_code(app_db: Path) -> None:
    at = app(lang="en").run()
    assert not at.exception
    assert at.text_input(key="code").label.startswith("Session code")
    assert "Nobody sees your sort" in texts(at)


def test_a_mistyped_code_says_so(shared_store: Store) -> None:
    at = app(lang="en").run()
    at.text_input(key="code").input("K0QX3")
    at.button[0].click().run()
    assert "A session code has 6 characters" in texts(at)


def test_a_code_with_a_lookalike_names_the_character(shared_store: Store) -> None:
    """Six characters, one of them an O that codes never hold: the message names the O, not the length."""
    at = app(lang="nl").run()
    at.text_input(key="code").input("QGJ5QO")
    at.button[0].click().run()
    shown = texts(at)
    assert "nooit O, 0, I, 1 of L" in shown and "Wat je als O las" in shown and "6 tekens" not in shown
    assert at.text_input(key="code").value == "QGJ5QO"  # nothing the person typed is lost


def test_an_empty_code_gets_a_message(shared_store: Store) -> None:
    at = app(lang="en").run()
    at.button[0].click().run()
    assert "No session code was given" in texts(at)
    assert at.text_input(key="code").label.startswith("Session code")


def test_an_unknown_code_says_so_in_dutch(shared_store: Store) -> None:
    at = app(s="ABCDEF", lang="nl").run()
    assert "Er is geen open sessie met code ABCDEF" in texts(at)
    assert at.text_input(key="code").value == "ABCDEF"  # nothing the person typed is lost


def test_joining_gives_a_signed_token_in_the_url(shared_store: Store, statement_set, grid) -> None:
    session = create_session(shared_store, "Team", statement_set, grid)
    at = app(s=session.code.lower(), lang="en").run()
    assert not at.exception
    token = at.query_params["p"]
    assert "." in token
    assert shared_store.progress(session.id).joined == 1
    assert "How is it now?" in [h.value for h in at.title]
    at.run()  # a rerun (or reload) keeps the same participant
    assert at.query_params["p"] == token and shared_store.progress(session.id).joined == 1


def test_a_forged_token_is_answered_as_a_code_that_does_not_exist(shared_store: Store, statement_set, grid) -> None:
    session = create_session(shared_store, "Team", statement_set, grid)
    token = join(shared_store, session)
    forged = app(s=session.code, p=token[:-2] + "xx", lang="en").run()
    unknown = app(s="ZZZZZZ", p=token, lang="en").run()
    assert f"There is no open session with code {session.code}" in texts(forged)
    assert "There is no open session with code ZZZZZZ" in texts(unknown)
    assert not forged.subheader and not unknown.subheader  # no board
    assert [i.value for i in forged.text_input] == [session.code]  # the code to join afresh


@pytest.mark.parametrize("token", ["abc.é", "é.x", "ab\u202ec.d", "%FF.%00"])
def test_a_non_ascii_token_on_the_join_page_is_an_ordinary_refusal(
    shared_store: Store, statement_set, grid, token
) -> None:
    session = create_session(shared_store, "Team", statement_set, grid)
    at = app(s=session.code, p=token, lang="nl").run()
    assert not at.exception
    assert f"Er is geen open sessie met code {session.code}" in texts(at)
    assert "Traceback" not in texts(at) and "/work/" not in texts(at)


def test_a_closed_session_answers_a_newcomer_as_a_code_that_does_not_exist(
    shared_store: Store, statement_set, grid
) -> None:
    session = create_session(shared_store, "Team", statement_set, grid)
    set_status(shared_store, session, "closed")
    at = app(s=session.code, lang="en").run()
    assert f"There is no open session with code {session.code}" in texts(at)
    assert shared_store.progress(session.id).joined == 0


def test_guessing_codes_on_the_join_page_is_rate_limited(shared_store: Store, statement_set, grid, monkeypatch) -> None:
    monkeypatch.setattr(state, "CODES", RateLimiter(CODE_BURST, CODE_EVERY, clock=lambda: 1000.0))  # time stands still
    session = create_session(shared_store, "Team", statement_set, grid)
    for k in range(CODE_BURST - 1):
        at = app(s=f"ZZZZ{ALPHABET[k // 10]}{ALPHABET[k % 10]}", lang="en").run()
        assert "There is no open session" in texts(at)
    at = app(s="ZZZZZZ", lang="en").run()  # the last try of the burst: told to wait
    assert "Try again in 2 s" in texts(at)
    blocked = app(s=session.code, lang="en").run()  # while waiting, even a real code is not looked up
    assert "Try again in" in texts(blocked) and shared_store.progress(session.id).joined == 0


def test_a_submitted_participant_sees_their_sort_and_can_change_it(shared_store: Store, statement_set, grid) -> None:
    session = create_session(shared_store, "Team", statement_set, grid)
    token = join(shared_store, session)
    submit_sort(shared_store, session, token, "observed", columns_of(valid_sort(grid, statement_set.ids)))
    at = app(s=session.code, p=token, lang="en").run()
    assert "Thank you! Your sort is in." in texts(at)
    at.button(key="change_observed").click().run()
    assert "How is it now?" in [h.value for h in at.title]


@pytest.fixture
def facilitator(monkeypatch) -> None:
    """The cookie check itself is tested with real cookies in tests/e2e and tests/test_access."""
    monkeypatch.setattr("ui.auth.is_facilitator", lambda: True)


@pytest.mark.parametrize("page", ["pages/facilitator.py", "pages/projector.py"])
def test_facilitator_pages_need_the_facilitator(shared_store: Store, statement_set, grid, page: str) -> None:
    session = create_session(shared_store, "Geheim overleg", statement_set, grid)
    at = app(lang="en", session=session.code)
    at.switch_page(page).run()
    assert "For the facilitator only" in texts(at)
    assert "Geheim overleg" not in texts(at) and session.code not in texts(at)


@pytest.mark.parametrize(("lang", "words"), [("en", "Open the projector screen"), ("nl", "Projectorscherm openen")])
def test_a_projector_opened_without_a_session_says_where_to_open_it(
    shared_store: Store, facilitator, lang: str, words: str
) -> None:
    at = app(lang=lang)
    at.switch_page("pages/projector.py").run()
    assert not at.exception and not at.error
    assert [words in str(i.value) for i in at.info] == [True]  # the button on the facilitator's page
    assert "typed" not in texts(at) and "typte" not in texts(at)


def test_without_a_password_the_gate_points_to_the_printed_link_only(shared_store: Store, monkeypatch) -> None:
    monkeypatch.delenv("REVIEW_FACILITATOR_PASSWORD", raising=False)
    at = app(lang="en")
    at.switch_page("pages/facilitator.py").run()
    assert "Open the login link the app printed" in texts(at)
    assert any("REVIEW_FACILITATOR_PASSWORD" in str(c.value) for c in at.caption)
    assert not at.get("link_button")  # no button to a page that would only say the same again


def test_log_everyone_out_ends_every_facilitator_cookie_and_prints_a_new_key(
    shared_store: Store, monkeypatch, capsys
) -> None:
    monkeypatch.delenv("REVIEW_FACILITATOR_PASSWORD", raising=False)
    old_key = new_login_epoch(shared_store, password_configured=False)
    cookie = make_cookie(cookie_secret(shared_store))  # this browser's, and a colleague's
    monkeypatch.setattr("ui.auth.is_facilitator", lambda: cookie_ok(cookie_secret(state.store()), cookie))
    at = app(lang="en")
    at.switch_page("pages/facilitator.py").run()
    assert "Log everyone out" in [e.label for e in at.expander]
    at.button(key="logout_all").click().run()
    assert not at.exception
    assert "For the facilitator only" in texts(at)  # the cookie no longer opens the page
    printed = capsys.readouterr().out
    new_key = re.search(r"/api/login\?key=(\S+)", printed).group(1)
    assert key_ok(shared_store.setting(KEY_SETTING), new_key) and not key_ok(shared_store.setting(KEY_SETTING), old_key)


def test_facilitator_creates_a_session_and_sees_the_join_screen(shared_store: Store, facilitator) -> None:
    at = app(lang="en")
    at.switch_page("pages/facilitator.py").run()
    assert "No sessions yet" in texts(at)
    at.text_input[0].input("Douane Rotterdam, groep 2")
    at.button[0].click().run()
    assert not at.exception
    code = at.query_params["session"]
    session = shared_store.session_by_code(code)
    assert session.title == "Douane Rotterdam, groep 2"
    page = texts(at)
    assert code in page
    assert "phones cannot reach" in page  # AppTest's URL is a loopback address
    assert "Results appear from 3 sorts on" in page
    assert [m.value for m in at.metric] == ["0", "0", "0", "1"]  # started, submitted, joined, round


def test_facilitator_title_is_validated(shared_store: Store, facilitator) -> None:
    at = app(lang="en")
    at.switch_page("pages/facilitator.py").run()
    at.text_input[0].input("   ")
    at.button[0].click().run()
    assert "Give the session a title" in texts(at)
    assert shared_store.sessions() == []


def test_markup_in_a_comment_is_shown_literally_to_its_author(shared_store: Store, statement_set, grid) -> None:
    session = create_session(shared_store, "Team", statement_set, grid, ask_comments=True)
    token = join(shared_store, session)
    sort = valid_sort(grid, statement_set.ids)
    top = next(sid for sid, v in sort.items() if v == 4)
    submit_sort(shared_store, session, token, "observed", columns_of(sort), {str(top): "<b>vet</b> [x](http://e.vil)"})
    at = app(s=session.code, p=token, lang="en").run()
    shown = [m.value for m in at.markdown if "vet" in str(m.value)]
    assert len(shown) == 1  # under the statement's text, not its number
    assert shown[0].endswith("  \n" + r"\<b\>vet\</b\> \[x\]\(http:" + "\u2060" + r"//e\.vil\)") and not shown[
        0
    ].startswith(f"{top}.")


def test_desired_starts_from_a_copy_of_observed(shared_store: Store, statement_set, grid) -> None:
    session = create_session(shared_store, "Team", statement_set, grid, conditions=("observed", "desired"))
    token = join(shared_store, session)
    submit_sort(shared_store, session, token, "observed", columns_of(valid_sort(grid, statement_set.ids)))
    at = app(s=session.code, p=token, lang="en").run()
    assert "How should it be?" in [h.value for h in at.title]
    assert "You start from a copy of your previous sort" in texts(at)


def test_facilitator_sees_the_viewpoints_of_a_session(shared_store: Store, facilitator) -> None:
    from review.room.demo import create_demo_session

    session = create_demo_session(shared_store, participants=12)
    at = app(lang="en", session=session.code)
    at.switch_page("pages/facilitator.py").run()
    assert not at.exception
    page = texts(at)
    assert "Viewpoint 1" in page
    assert any("Defined by" in str(c.value) for c in at.caption)
    assert at.slider[0].value >= 1


def test_a_paused_session_lets_people_keep_sorting(shared_store: Store, statement_set, grid) -> None:
    session = create_session(shared_store, "Team", statement_set, grid)
    token = join(shared_store, session)
    shared_store.set_status(session.id, "paused")
    at = app(s=session.code, p=token, lang="en").run()
    assert "paused the session for a moment" in texts(at)
    assert "How is it now?" in [h.value for h in at.title]  # the board is still there
    assert "You can go on sorting" in texts(at) and "Your sort is kept" not in texts(at)
    newcomer = app(s=session.code, lang="en").run()
    assert "paused the session for a moment" in texts(newcomer)
    assert "You can join as soon as it resumes" in texts(newcomer) and "Your sort is kept" not in texts(newcomer)
    assert not newcomer.title


def test_the_session_page_offers_the_group_files_and_the_single_sorts_only_when_confirmed(
    shared_store: Store, facilitator
) -> None:
    from review.room.demo import create_demo_session

    session = create_demo_session(shared_store, participants=6)
    at = app(lang="en", session=session.code)
    at.switch_page("pages/facilitator.py").run()
    assert not at.exception

    def export_urls() -> list[str]:
        return [b.proto.url for b in at.get("link_button") if "api/export/" in b.proto.url]

    assert sorted(u.split("?")[0] for u in export_urls()) == [
        f"api/export/{session.code}.{fmt}" for fmt in ("csv", "json", "xlsx")
    ]
    captions = " ".join(str(c.value) for c in at.caption)
    assert "no times (the date only)" in captions  # what the group files hold, next to their buttons
    assert "can recognise their sort" in captions  # what the research files hold, before the choice
    at.checkbox(key=f"research_{session.code}").check().run()
    research = [u.split("?")[0] for u in export_urls() if "/research." in u]
    assert sorted(research) == sorted(
        [f"api/export/{session.code}/research.{fmt}" for fmt in ("csv", "xlsx", "json")]
        + [f"api/export/{session.code}/research.{fmt}" for fmt in ("dat", "sta") for _ in session.conditions]
    )


def test_a_guesser_drains_the_limit_for_typed_codes_only_not_for_the_qr_link(
    shared_store: Store, statement_set, grid, monkeypatch
) -> None:
    """A guesser behind the venue's address keeps the guessing limit empty; a newcomer who scans
    the QR code (its link signs the code) still gets in at once, and a forged signature does not."""
    from review.access.joinlink import link_tag

    monkeypatch.setattr(state, "CODES", RateLimiter(CODE_BURST, CODE_EVERY, clock=lambda: 1000.0))
    session = create_session(shared_store, "Team", statement_set, grid)
    for k in range(CODE_BURST):
        app(s=f"ZZZZ{ALPHABET[k // 10]}{ALPHABET[k % 10]}", lang="en").run()
    typed = app(s=session.code, lang="en").run()
    assert "Try again in" in texts(typed) and shared_store.progress(session.id).joined == 0
    forged = app(s=session.code, k="0" * 12, lang="en").run()
    assert "Try again in" in texts(forged) and shared_store.progress(session.id).joined == 0
    scanned = app(s=session.code, k=link_tag(shared_store.secret(), session.code), lang="en").run()
    assert not scanned.exception and "." in scanned.query_params["p"]
    assert shared_store.progress(session.id).joined == 1
