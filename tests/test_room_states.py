"""Every page renders every state of a session: a walk through the table in
tests/room_states.py with AppTest, failing on any exception or calm error message.

The same walk runs in a real browser in tests/e2e/test_room_states.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from review.i18n import t
from review.room import available_views, reveal
from review.store import Store
from tests.room_states import BIG, STATES, Built, big
from ui import state
from ui.text import md_text

ROOT = Path(__file__).resolve().parent.parent
CALM = {t("error.unexpected", lang) for lang in ("nl", "en")}
FULL_WALK = {"some_mid_sort", "sorts_12_both_roles", BIG}  # every reveal view, both themes


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, Built]]]:
    mp = pytest.MonkeyPatch()
    mp.setenv("REVIEW_DB", str(tmp_path_factory.mktemp("states") / "states.duckdb"))
    mp.delenv("REVIEW_PUBLIC_URL", raising=False)
    mp.setattr("ui.auth.is_facilitator", lambda: True)  # the cookie itself is tested in e2e and test_room
    state.close_store()
    store = state.store()
    built = {name: make(store) for name, make in STATES.items()}
    built[BIG] = big(store)
    yield store, built
    state.close_store()
    mp.undo()


def render(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "main.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    return at.run()


def assert_calm(at: AppTest, where: str) -> None:
    """No exception element, no "something went wrong": the page drew what it meant to."""
    assert not at.exception, (where, [e.value for e in at.exception])
    errors = [str(e.value) for e in at.error]
    assert not any(message in errors for message in CALM), (where, errors)


STATE_NAMES = [*STATES, BIG]


@pytest.mark.parametrize("name", STATE_NAMES)
def test_the_join_page_renders_every_state_for_everyone(room, name: str) -> None:
    _store, built = room
    b = built[name]
    who = {"newcomer": None} | {f"{kind}{i}": tok for kind in ("joined", "sorting", "submitted")
                                  for i, tok in enumerate(getattr(b, kind)[:1])}  # fmt: skip
    for label, token in who.items():
        for lang in ("nl", "en"):
            params = {"s": b.session.code, "lang": lang} | ({"p": token} if token else {})
            assert_calm(render(**params), f"{name}/{label}/{lang}")


@pytest.mark.parametrize("name", STATE_NAMES)
def test_the_facilitator_page_renders_every_state(room, name: str) -> None:
    store, built = room
    session = store.session(built[name].session.id)
    for lang in ("nl", "en"):
        at = render("pages/facilitator.py", session=session.code, lang=lang)
        assert_calm(at, f"{name}/facilitator/{lang}")
        assert at.metric, "the live panel is there"


@pytest.mark.parametrize("name", STATE_NAMES)
def test_the_projector_renders_every_state_and_view(room, name: str) -> None:
    store, built = room
    session = store.session(built[name].session.id)
    views = ["", *available_views(session)] if name in FULL_WALK else ["", "heatmap"]
    try:
        for view in views:
            reveal(store, session, view)
            for theme in ("light", "dark") if name in FULL_WALK else ("light",):
                at = render("pages/projector.py", session=session.code, lang="en", theme=theme)
                assert_calm(at, f"{name}/projector/{view or 'hidden'}/{theme}")
    finally:
        reveal(store, session, "")


def test_the_guard_turns_an_unexpected_error_into_a_calm_sentence(room, monkeypatch, caplog) -> None:
    """A fault deep in the room shows the calm sentence, not a traceback, and logs the traceback."""
    _store, built = room

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "progress", broken)
    at = render("pages/projector.py", session=built["sorts_3_observed"].session.code, lang="en")
    assert not at.exception
    assert t("error.unexpected", "en") in [str(e.value) for e in at.error]
    assert "disk on fire" not in " ".join(str(m.value) for m in at.markdown)
    assert any("disk on fire" in r.getMessage() or "disk on fire" in str(r.exc_info) for r in caplog.records)
    at = render("pages/facilitator.py", session=built["sorts_3_observed"].session.code, lang="nl")
    assert t("error.unexpected", "nl") in [str(e.value) for e in at.error]


# What each state's screens must say, written out by hand from the state's story in tests/room_states.py:
# (people who opened the link, sorting now, submitted in the round, round, status).
SHOWS = {
    "empty": (0, 0, 0, 1, "open"),
    "joined_none_submitted": (3, 0, 0, 1, "open"),
    "some_mid_sort": (7, 3, 2, 1, "open"),
    "paused": (6, 2, 4, 1, "paused"),
    "closed": (6, 1, 5, 1, "closed"),
    "reopened": (6, 1, 5, 1, "open"),
    "next_round": (8, 0, 1, 2, "open"),  # six sorted in round 1; one joins and one submits in round 2
    "new_code": (4, 1, 3, 1, "open"),
    **{f"sorts_{n}_{kind}": (n, 0, n, 1, "open") for n in (1, 2, 3, 12) for kind in ("observed", "both_roles")},
    BIG: (501, 1, 500, 1, "open"),  # 500 imported sorts and one person mid-sort
}


def test_every_state_has_its_expected_screen() -> None:
    assert set(SHOWS) == set(STATE_NAMES)


@pytest.mark.parametrize("name", STATE_NAMES)
def test_the_facilitator_sees_the_states_counts_and_status(room, name: str) -> None:
    _store, built = room
    joined, sorting, submitted, round_no, status = SHOWS[name]
    at = render("pages/facilitator.py", session=built[name].session.code, lang="en")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        t("fac.joined", "en"): str(joined),
        t("fac.sorting_now", "en"): str(sorting),
        t("fac.submitted", "en"): str(submitted),
        t("fac.round", "en"): str(round_no),
    }
    assert t(f"fac.status.{status}", "en") in [c.value for c in at.caption]


@pytest.mark.parametrize("name", STATE_NAMES)
def test_the_projector_counts_and_holds_back_what_is_too_few(room, name: str) -> None:
    """Hidden: the count of submitted against started. The heatmap: a figure from the threshold on,
    else the sentence that says how many are still needed, and no figure."""
    store, built = room
    _joined, sorting, submitted, _round, _status = SHOWS[name]
    session = store.session(built[name].session.id)
    at = render("pages/projector.py", session=session.code, lang="en")
    shown = " ".join(m.value for m in at.markdown)
    assert t("proj.submitted", "en", n=submitted, total=submitted + sorting) in shown
    try:
        reveal(store, session, "heatmap")
        at = render("pages/projector.py", session=session.code, lang="en")
    finally:
        reveal(store, session, "")
    too_few = md_text(t("results.too_few", "en", n=submitted, min=3))  # shown as text, not Markdown
    notices = [i.value for i in at.info]
    if submitted >= 3:
        assert at.get("plotly_chart") and too_few not in notices, (name, notices)
    else:
        assert not at.get("plotly_chart") and too_few in notices, (name, notices)
