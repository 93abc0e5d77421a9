"""The viewpoints in the room: the facilitator's choice of analysis (through a real DuckDB file), the
viewpoint summaries (direction, top-k, shared-by count only from the threshold on) and the rule that
the projector analyses the published copy, never the live sorts."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from review.analysis.qmethod import QAnalysisError
from review.analysis.viewpoints import (
    APART_MAX,
    APART_MIN,
    RoomFit,
    analyse_session,
    choose,
    distinctions,
    forget_choice,
    log_lines,
    name_viewpoints,
    room_fit,
    room_viewpoints,
    session_sorts,
    viewpoints,
)
from review.errors import ReviewError
from review.i18n import t
from review.report import session_report
from review.room import live as room
from review.room.demo import create_demo_session, demo_sorts
from review.store import AnalysisChoice, Store


def test_the_choice_round_trips_through_the_file(db_path: Path) -> None:
    store = Store.open(db_path)
    session = create_demo_session(store, participants=12)
    assert "0005_analysis_choice" in store.applied_migrations()
    assert session.analysis is None and store.analysis_choice(session.id) is None
    choose(store, session, "desired", "centroid", "none", 2)
    store.close()
    store = Store.open(db_path)  # a restart keeps it
    chosen = AnalysisChoice(condition="desired", extraction="centroid", rotation="none", nfactors=2)
    assert store.analysis_choice(session.id) == chosen
    assert store.session(session.id).analysis == chosen
    assert store.session_by_code(session.code).analysis == chosen
    store.set_analysis(session.id, None)
    assert store.session(session.id).analysis is None
    store.close()


def test_the_reason_for_the_number_is_kept_cleaned_and_bounded(store: Store) -> None:
    session = create_demo_session(store, participants=12)
    choose(store, session, "observed", "pca", "varimax", 2, "Twee  boven toeval,\u202e elk\n gedeeld. ")
    session = store.session(session.id)
    assert session.analysis.reason == "Twee boven toeval, elk gedeeld."
    room.refresh(store, session, 3)  # the published copy the names rest on
    name_viewpoints(store, session, {1: ("De zorgvuldigen", "")}, 3)
    choose(store, store.session(session.id), "observed", "pca", "varimax", 2, "Nu met een andere reden.")
    session = store.session(session.id)
    assert session.analysis.reason == "Nu met een andere reden." and session.viewpoint_words  # names kept
    with pytest.raises(ReviewError) as err:
        choose(store, session, "observed", "pca", "varimax", 2, "x" * 301)
    assert err.value.message("nl") == "De reden is 301 tekens lang; houd het bij 300."
    assert err.value.message("en") == "The reason is 301 characters long; keep it to 300."
    assert store.session(session.id).analysis.reason == "Nu met een andere reden."  # nothing lost
    choose(store, session, "observed", "pca", "varimax", 3)  # another number: the names may not fit
    assert not store.session(session.id).viewpoint_words
    choose(store, store.session(session.id), "observed", "pca", "varimax", 3)  # the same again: no step
    forget_choice(store, store.session(session.id))
    log = store.analysis_log(session.id)
    assert [(e.step, e.detail["nfactors"], e.detail["reason"]) for e in log] == [
        ("chosen", 2, "Twee boven toeval, elk gedeeld."),
        ("reason", 2, "Nu met een andere reden."),
        ("chosen", 3, ""),
        ("forgotten", 3, ""),
    ]
    assert all(e.round == 1 and e.detail["extraction"] == "pca" for e in log)
    assert [e.at for e in log] == sorted(e.at for e in log)
    assert log_lines(store, store.session(session.id), "en")[1].endswith(
        ": the reason for 2 viewpoints changed; why: Nu met een andere reden."
    )
    assert log_lines(store, store.session(session.id), "nl")[3].endswith(
        ": de analyse (PCA, varimax, 3 standpunten) van het scherm gehaald"
    )


def test_the_viewpoints_step_exists_only_once_an_analysis_is_chosen(store: Store) -> None:
    session = create_demo_session(store, participants=12)
    assert "viewpoints" not in room.available_views(session)
    choose(store, session, "observed", "pca", "varimax", 3)
    session = store.session(session.id)
    views = room.available_views(session)
    assert views.index("viewpoints") == views.index("themes") + 1 == views.index("comments") - 1
    room.reveal(store, session, "viewpoints")
    forget_choice(store, store.session(session.id))
    session = store.session(session.id)
    assert "viewpoints" not in room.available_views(session) and session.reveal == ""  # the projector hides it
    with pytest.raises(ReviewError):
        room.reveal(store, session, "viewpoints")


def test_a_choice_the_room_cannot_use_is_refused(store: Store, session) -> None:
    for bad in (
        ("desired", "pca", "varimax", 2),  # this session asks "observed" only
        ("observed", "maximum-likelihood", "varimax", 2),
        ("observed", "pca", "promax", 2),
        ("observed", "pca", "varimax", 0),
    ):
        with pytest.raises(QAnalysisError):
            choose(store, session, *bad)
    with pytest.raises(ReviewError) as err:
        choose(store, session, "observed", "pca", "varimax", 4)
    assert err.value.message("en") == "At most 3 viewpoints fit on the projector."
    assert store.session(session.id).analysis is None


def fake(z: dict[str, list[float]], stars: dict[str, list[str]]) -> SimpleNamespace:
    """The two tables :func:`distinctions` reads, by hand."""
    ids = [str(i) for i in range(1, len(next(iter(z.values()))) + 1)]
    sig = pd.DataFrame({f"sig_{pair}": marks for pair, marks in stars.items()}, index=ids)
    return SimpleNamespace(zscores=pd.DataFrame(z, index=ids), distinguishing=sig)


def test_distinctions_by_hand() -> None:
    z = {
        "f1": [2.0, -1.5, 0.5, 1.0, 0.0, -0.5],
        "f2": [0.0, 0.5, 1.0, 0.9, 0.1, -0.1],
        "f3": [-1.0, 0.0, 0.0, 0.8, -0.5, 1.5],
    }
    stars = {
        "f1_f2": ["**", "*", "*", "", "", ""],
        "f1_f3": ["***", "*", "*", "", "", "*"],
        "f2_f3": ["", "", "", "", "", ""],
    }
    got = distinctions(fake(z, stars), "f1")
    # 1: higher than both (2.0 vs 0.0 and -1.0), gap to the nearest 2.0, significant in both pairs
    # 2: lower than both (-1.5 vs 0.5 and 0.0), gap 1.5, significant
    # 3: significant, but below f2 and above f3: no direction the room can use, so never listed
    # 5: below f2, above f3: left out. Only two significant, so the strongest other tops up to three:
    # 6 (lower than both, gap 0.4) before 4 (higher than both, gap 0.1), marked not significant
    expected = [(1, True, True), (2, False, True), (6, False, False)]
    assert [(d.statement_id, d.higher, d.significant) for d in got] == expected
    assert [d.gap for d in got] == pytest.approx([2.0, 1.5, 0.4])
    assert [d.stars for d in got] == ["**", "*", ""]  # the weakest of the pairs: ** against f2, *** against f3
    assert distinctions(fake({"f1": [1.0, -1.0, 0.0]}, {}), "f1") == []  # one viewpoint: nothing to compare with
    many = fake({"f1": [3.0, 2.0, 1.5, 1.0, 0.8, 0.6], "f2": [0.0] * 6}, {"f1_f2": ["*"] * 6})
    assert [d.statement_id for d in distinctions(many, "f1")] == [1, 2, 3, 4, 5]  # at most five, strongest first


def test_summaries_of_a_real_analysis(store: Store) -> None:
    session = create_demo_session(store, participants=12)
    result = analyse_session(store, session, "observed", 3)
    z = result.zscores
    views = viewpoints(result, 3)
    assert [v.factor for v in views] == ["f1", "f2", "f3"]
    for view in views:
        ranked = sorted(z[view.factor])  # by value: a viewpoint one sort defines has ties
        assert [z.loc[str(s), view.factor] for s in view.most] == ranked[::-1][:3]
        assert [z.loc[str(s), view.factor] for s in view.least] == ranked[:3]
        assert APART_MIN <= len(view.distinguishing) <= APART_MAX
        others = [f for f in z.columns if f != view.factor]
        for d in view.distinguishing:
            own = z.loc[str(d.statement_id), view.factor]
            assert all((own > z.loc[str(d.statement_id), o]) == d.higher for o in others)  # the direction is true
        gaps = [d.gap for d in view.distinguishing if d.significant]
        assert gaps == sorted(gaps, reverse=True)


def published_workshop(store: Store, threshold: int) -> tuple:
    session = create_demo_session(store, participants=12)
    choose(store, session, "observed", "pca", "varimax", 2)
    session = store.session(session.id)
    room.refresh(store, session, threshold)
    return session


def test_the_shared_by_count_and_the_viewpoint_need_the_threshold(store: Store) -> None:
    session = published_workshop(store, 3)
    shown = room_viewpoints(store, session, 3)
    assert shown.problem is None and shown.n_sorts == 12
    assert sorted(v.shared_by for v in shown.shown) == [5, 7] and shown.notes == []
    # with a threshold of 6 the viewpoint five sorts define is not shown at all (its cards would come
    # from five sorts), and no count of it appears; the room hears that it exists
    high = room_viewpoints(store, session, 6)
    assert [(v.number, v.shared_by) for v in high.shown] == [(1, 7)]
    assert high.notes == [("vp.few", {"n": 2, "min": 6})]


def test_the_room_fit_names_the_viewpoints_the_projector_would_leave_out(store: Store) -> None:
    session = published_workshop(store, 3)
    two = session.analysis
    assert room_fit(store, session, two, 3) == RoomFit(small=0, fits=2)  # 5 and 7 sorts: both shown
    assert room_fit(store, session, two, 6) == RoomFit(small=1, fits=1)  # the one of five is left out


@pytest.mark.parametrize("people", [6, 7, 9])
def test_the_proposed_number_of_viewpoints_is_shown_whole(store: Store, people: int) -> None:
    """Six sorts and three viewpoints asked (the field notes' room): the warning counts what the
    projector would leave out, and the number it proposes is one the projector shows all of."""
    session = create_demo_session(store, participants=people)
    room.refresh(store, session, 3)
    asked = AnalysisChoice("observed", "pca", "varimax", 3)
    fit = room_fit(store, session, asked, 3)
    choose(store, session, "observed", "pca", "varimax", 3)
    shown = room_viewpoints(store, store.session(session.id), 3)
    assert fit.small == sum(key == "vp.few" for key, _ in shown.notes)
    assert 0 <= fit.fits <= 3
    if fit.fits:
        choose(store, session, "observed", "pca", "varimax", fit.fits)
        proposed = room_viewpoints(store, store.session(session.id), 3)
        assert len(proposed.shown) == fit.fits and not any(key == "vp.few" for key, _ in proposed.notes)
    if fit.fits < 3:  # one more than proposed would leave one out (or not be defined)
        more = room_fit(store, session, AnalysisChoice("observed", "pca", "varimax", fit.fits + 1), 3)
        assert more.fits == fit.fits


def test_a_viewpoint_no_sort_defines_counts_as_left_out(store: Store) -> None:
    """Five centroid factors for twelve sorts: two are defined by no sort. The projector cannot show
    them either, so the warning counts them and the proposal is a number the room sees whole."""
    session = create_demo_session(store, participants=12)
    room.refresh(store, session, 3)
    fit = room_fit(store, session, AnalysisChoice("observed", "centroid", "varimax", 5), 3)
    choose(store, session, "observed", "centroid", "varimax", 3)  # the room takes at most three
    assert fit.small >= 2 and 1 <= fit.fits <= 3
    choose(store, session, "observed", "centroid", "varimax", fit.fits)
    proposed = room_viewpoints(store, store.session(session.id), 3)
    assert len(proposed.shown) == fit.fits and proposed.notes in ([], [("vp.one", {})])


def test_the_projector_analyses_the_published_copy_only(store: Store) -> None:
    session = create_demo_session(store, participants=12)
    choose(store, session, "observed", "pca", "varimax", 2)
    session = store.session(session.id)
    before = room_viewpoints(store, session, 3)
    assert before.problem == ("results.too_few", {"n": 0, "min": 3})  # 12 live sorts, nothing published yet
    room.refresh(store, session, 3)
    first = room_viewpoints(store, session, 3)
    # two more sorts arrive: fewer than the threshold, so they wait and the view cannot change
    for k, sort in enumerate(demo_sorts(session.statement_set, session.grid, 2, seed=99)):
        store.add_participant(session.id, f"late-{k}", "nl")
        store.save_sort(session.id, f"late-{k}", "observed", sort)
    room.refresh(store, session, 3)
    assert session_sorts(store, session, "observed").shape[1] == 14
    published = session_sorts(store, session, "observed", published=True)
    assert published.shape[1] == 12
    assert room_viewpoints(store, session, 3) == first
    # the published copy holds the same sorts as the live table did: same values, same analysis
    live12 = session_sorts(store, session, "observed").iloc[:, :12]
    assert np.array_equal(np.sort(published.to_numpy(), axis=1), np.sort(live12.to_numpy(), axis=1))
    store.add_participant(session.id, "late-2", "nl")
    store.save_sort(session.id, "late-2", "observed", demo_sorts(session.statement_set, session.grid, 1, seed=5)[0])
    room.refresh(store, session, 3)
    assert room_viewpoints(store, session, 3).n_sorts == 15


def test_a_failing_analysis_and_a_dropped_condition_say_so_calmly(store: Store) -> None:
    session = published_workshop(store, 3)
    store.set_analysis(session.id, AnalysisChoice("observed", "pca", "varimax", 13))  # more factors than sorts
    assert room_viewpoints(store, store.session(session.id), 3).problem == ("vp.failed", {})
    store.set_analysis(session.id, AnalysisChoice("gone", "pca", "varimax", 2))
    assert room_viewpoints(store, store.session(session.id), 3).problem == ("vp.not_chosen", {})
    assert "viewpoints" not in room.available_views(store.session(session.id))


def test_a_bipolar_viewpoint_says_how_many_hold_its_mirror_image(store: Store) -> None:
    """bipolar40 (R's golden case): with 2 factors, 7 of the 15 sorts that define the first load
    negatively; with 3, 3 of 6 and 2 of 7 (below the threshold of 3: "fewer than 3")."""
    from review.studies.imports import read_qmethod_csv, store_study

    golden = Path(__file__).resolve().parents[1] / "golden" / "bipolar40" / "sorts.csv"
    session = store_study(store, read_qmethod_csv(golden.read_text(), "bipolar40"))
    choose(store, session, "observed", "pca", "varimax", 2)
    session = store.session(session.id)
    room.refresh(store, session, 3)
    found = room_viewpoints(store, session, 3)
    assert ("vp.mirror", {"n": 1, "m": 7, "of": 15}) in found.notes
    note = dict(found.notes)["vp.mirror"]
    assert t("vp.mirror", "en", **note).startswith("Viewpoint 1: 7 of the 15 people who share it sorted its mirror")
    choose(store, session, "observed", "pca", "varimax", 3)
    found = room_viewpoints(store, store.session(session.id), 3)
    assert ("vp.mirror", {"n": 1, "m": 3, "of": 6}) in found.notes
    assert ("vp.mirror_few", {"n": 2, "of": 7, "min": 3}) in found.notes
    html = session_report(store, store.session(session.id), 3, "en", "html").decode()
    assert "fewer than 3 of the 7 people who share it sorted its mirror image" in html


def test_viewpoints_resting_on_a_heywood_case_say_so_in_the_room(store: Store) -> None:
    from review.studies.imports import read_qmethod_csv, store_study

    golden = pd.read_csv(Path(__file__).resolve().parents[1] / "golden" / "workshop12" / "sorts.csv", index_col=0)
    data = golden.assign(c1=golden["p01"], c2=golden["p01"], c3=golden["p01"])  # centroid: a Heywood case
    session = store_study(store, read_qmethod_csv(data.to_csv(), "twins"))
    choose(store, session, "observed", "centroid", "varimax", 3)
    session = store.session(session.id)
    room.refresh(store, session, 3)
    found = room_viewpoints(store, session, 3)
    assert found.shown and ("vp.heywood", {}) in found.notes
    assert any(w.key == "qanalysis.warn.heywood" for w in found.warnings)
    choose(store, session, "observed", "pca", "varimax", 3)
    assert ("vp.heywood", {}) not in room_viewpoints(store, store.session(session.id), 3).notes


def test_the_room_analyses_with_the_chosen_correlation(store: Store) -> None:
    session = create_demo_session(store, participants=12)
    choose(store, session, "observed", "pca", "varimax", 2, correlation="kendall")
    session = store.session(session.id)
    room.refresh(store, session, 3)
    published = session_sorts(store, session, "observed", published=True)
    kendall = analyse_session(store, session, "observed", 2, published=True, correlation="kendall")
    assert kendall.correlation == "kendall"
    found = room_viewpoints(store, session, 3)
    assert [v.shared_by for v in found.shown] == [int(n) for n in kendall.flagged.sum(axis=0) if n >= 3]
    pearson = analyse_session(store, session, "observed", 2, published=True)
    assert not np.allclose(pearson.loadings.to_numpy(), kendall.loadings.to_numpy())
    assert published.shape[1] == 12
    with pytest.raises(QAnalysisError):
        choose(store, session, "observed", "pca", "varimax", 2, correlation="maximal")
