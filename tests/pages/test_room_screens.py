"""What each state of a session shows, screen by screen: the facilitator's counts and status, the
projector's count, and whether the heatmap is drawn or held back (tests/pages/room_states.py; the walk
that proves every page renders every state is tests/pages/test_room_states.py). A module of its own, with
a database of its own: the walk's phones join the sessions they visit."""

from __future__ import annotations

import pytest

from review.i18n import t
from review.room.live import reveal
from tests.pages.room_states import BIG, STATES
from tests.pages.test_room_states import STATE_NAMES, render
from ui.screens.text import md_text

# What each state's screens must say, written out by hand from the state's story in tests/pages/room_states.py:
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
    assert set(SHOWS) == {*STATES, BIG}


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
