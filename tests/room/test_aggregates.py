"""Each aggregate against a small case computed by hand (see the comments)."""

import numpy as np
import pandas as pd
import pytest

from review.charts.comparison_figures import gap_figure, subgroup_figure, theme_figure
from review.charts.condition_figures import agreement_figure, extremes_figure, heatmap_figure
from review.charts.statement_figures import distribution_figure
from review.content.grid import Grid, load_grid
from review.content.statements import Statement, StatementSet
from review.room.aggregates import (
    disagreement_and_consensus,
    gaps,
    largest_gaps,
    most_and_least,
    role_differences,
    strong_threshold,
    subgroups,
    summarise,
    summary_json,
    theme_means,
)
from review.room.live import refresh
from review.room.sessions import create_session
from review.room.summaries import condition_summary
from review.views.results import PROJECTOR_ENDS, build_view

# Five statements on a grid of five one-card columns, four sorts:
#        s1  s2  s3  s4  s5
SORTS = [
    {1: 2, 2: 1, 3: 0, 4: -1, 5: -2},
    {1: 2, 2: -2, 3: 0, 4: -1, 5: 1},
    {1: 1, 2: 2, 3: 0, 4: -2, 5: -1},
    {1: 2, 2: -2, 3: 1, 4: 0, 5: -1},
]
THEMES5 = ["vakmanschap", "vakmanschap", "betrokkenheid", "betrokkenheid", "verantwoordelijkheid"]


def five() -> tuple[StatementSet, Grid]:
    statements = tuple(
        Statement(id=i, theme=THEMES5[i - 1], text={"nl": f"Wij doen {i}.", "en": f"We do {i}."}) for i in range(1, 6)
    )
    return StatementSet(id="five", name={}, statements=statements), Grid(
        id="g", name={}, values=(-2, -1, 0, 1, 2), counts=(1, 1, 1, 1, 1)
    )


def long_counts(sorts, role=None) -> pd.DataFrame:
    rows = {}
    for sort in sorts:
        for sid, pos in sort.items():
            rows[(sid, pos)] = rows.get((sid, pos), 0) + 1
    frame = pd.DataFrame([(s, p, n) for (s, p), n in rows.items()], columns=["statement_id", "position", "n"])
    return frame.assign(role=role) if role is not None else frame


@pytest.fixture
def summary():
    sset, grid = five()
    return summarise(long_counts(SORTS), len(SORTS), sset, grid)


def test_means_and_spreads_by_hand(summary) -> None:
    # s1: 2,2,1,2 -> mean 1.75, sample sd 0.5; s2: 1,-2,2,-2 -> -0.25, sqrt(12.75/3); s3: 0,0,0,1 -> 0.25, 0.5
    # s4: -1,-1,-2,0 -> -1, sqrt(2/3); s5: -2,1,-1,-1 -> -0.75, sqrt(4.75/3)
    np.testing.assert_allclose(summary.stats["mean"], [1.75, -0.25, 0.25, -1.0, -0.75])
    np.testing.assert_allclose(summary.stats["sd"], [0.5, np.sqrt(12.75 / 3), 0.5, np.sqrt(2 / 3), np.sqrt(4.75 / 3)])
    assert summary.n_sorts == 4
    assert summary.counts.loc[2].tolist() == [2, 0, 0, 1, 1]
    assert summary.counts.sum(axis=0).tolist() == [4, 4, 4, 4, 4]  # the grid, four times
    assert summary.by_mean() == [1, 3, 2, 5, 4]


def test_polarisation_and_ranks_by_hand(summary) -> None:
    # strong = |position| >= 1 here; s2 sits at both ends twice (0.5/0.5), s5 three low, one high
    assert strong_threshold(five()[1]) == 1 and strong_threshold(load_grid()) == 2
    np.testing.assert_allclose(summary.stats["polarisation"], [0, 0.5, 0, 0, 0.25])
    assert summary.stats["bimodal"].tolist() == [False, True, False, False, True]
    # widest spread first: s2, s5, s4, then s1 and s3 tie (sd 0.5, no polarisation): set order
    assert summary.stats["disagreement_rank"].tolist() == [4, 1, 5, 3, 2]
    assert summary.stats["consensus_rank"].tolist() == [1, 5, 2, 3, 4]
    assert most_and_least(summary, 2) == ([1, 3], [4, 5])
    assert disagreement_and_consensus(summary, 2) == ([2, 5], [1, 3])


def test_gaps_by_hand(summary) -> None:
    sset, grid = five()
    desired = summarise(long_counts([SORTS[0]]), 1, sset, grid, "desired")  # means 2, 1, 0, -1, -2
    table = gaps(summary, desired)
    # shifts: s1 +0.25, s2 +1.25, s3 -0.25, s4 0, s5 -1.25 -> by size, ties in set order
    assert list(table.index) == [2, 5, 1, 3, 4]
    np.testing.assert_allclose(table["gap"], [1.25, -1.25, 0.25, -0.25, 0.0])


def test_largest_gaps_leave_out_a_statement_one_condition_did_not_place(summary) -> None:
    sset, grid = five()
    partial = {sid: pos for sid, pos in SORTS[0].items() if sid != 3}  # statement 3 has no desired mean
    desired = summarise(long_counts([partial]), 1, sset, grid, "desired")
    table = gaps(summary, desired)
    assert 3 in table.index and list(largest_gaps(table, 5).index) == [2, 5, 1, 4]
    assert list(largest_gaps(table, 2).index) == [2, 5]


def test_role_differences_by_hand() -> None:
    # role a: sorts 1-3, means 5/3, 1/3, 0, -4/3, -2/3; role b: sorts 2-4, means 5/3, -2/3, 1/3, -1, -1/3
    # ranges: s2 1, s3 s4 s5 1/3 each (equal up to rounding), s1 0
    sset, grid = five()
    counts = pd.concat([long_counts(SORTS[:3], "a"), long_counts(SORTS[1:4], "b")])
    split = subgroups(counts, {"a": 3, "b": 3}, sset, grid, "observed")
    table = role_differences(split, 5)
    assert list(table.columns) == ["a", "b"]
    assert table.index[0] == 2 and set(table.index[1:4]) == {3, 4, 5} and table.index[4] == 1
    np.testing.assert_allclose(table.loc[2], [1 / 3, -2 / 3])
    assert list(role_differences(split, 2).index) == list(table.index[:2])


def test_theme_means_by_hand(summary) -> None:
    table = theme_means({"all": summary})
    np.testing.assert_allclose(table["all"].tolist(), [(1.75 - 0.25) / 2, (0.25 - 1.0) / 2, -0.75])


def test_a_single_sort_has_zero_spread_and_an_empty_one_has_none() -> None:
    sset, grid = five()
    one = summarise(long_counts([SORTS[0]]), 1, sset, grid)
    assert one.stats["sd"].tolist() == [0.0] * 5
    empty = summarise(long_counts([]).reindex(columns=["statement_id", "position", "n"]), 0, sset, grid)
    assert empty.n_sorts == 0 and empty.stats["mean"].isna().all()
    assert empty.by_mean() == [1, 2, 3, 4, 5]
    assert summary_json(empty)["statements"]["1"]["mean"] is None


@pytest.mark.parametrize(
    ("sizes", "shown", "withheld"),
    [
        ({"prof": 3, "lead": 3}, ["lead", "prof"], False),
        ({"prof": 3, "lead": 1}, [], True),  # total - prof = the one lead's sort
        ({"prof": 3, None: 2}, [], True),  # the same for people without a role
        ({"prof": 5, "lead": 1, "mgr": 2}, ["prof"], False),  # three hidden together: not derivable
        ({"prof": 2, "lead": 2}, [], False),  # nothing shown, nothing to subtract from
    ],
)
def test_subgroup_threshold_and_the_complement_rule(sizes, shown, withheld) -> None:
    sset, grid = five()
    frames = []
    k = 0
    for role, n in sizes.items():
        frames.append(long_counts([SORTS[(k + i) % 4] for i in range(n)], role=role))
        k += n
    split = subgroups(pd.concat(frames), sizes, sset, grid, "observed", min_size=3)
    assert sorted(split.shown) == shown
    assert split.withheld is withheld
    for role in shown:
        assert split.shown[role].n_sorts == sizes[role]


def test_the_threshold_never_goes_below_three() -> None:
    sset, grid = five()
    split = subgroups(long_counts(SORTS[:2], role="a"), {"a": 2}, sset, grid, "observed", min_size=1)
    assert split.min_size == 3 and split.shown == {}


def test_summary_json_shape(summary) -> None:
    body = summary_json(summary)
    assert body["n_submitted"] == 4
    s2 = body["statements"]["2"]
    assert s2["counts"] == {"-2": 2, "-1": 0, "0": 0, "1": 1, "2": 1}
    assert s2["disagreement_rank"] == 1 and s2["bimodal"] is True
    assert s2["mean"] == pytest.approx(-0.25) and s2["sd"] == pytest.approx(np.sqrt(12.75 / 3))


@pytest.mark.parametrize("n", [0, 1, 12, 500])
def test_every_view_works_from_0_to_500_sorts(store, statement_set, grid, n) -> None:
    from review.room.demo import demo_sorts

    session = create_session(
        store, "views", statement_set, grid, ("observed", "desired"), ("professional", "leidinggevende")
    )
    sorts = demo_sorts(statement_set, grid, n, seed=3)
    for k in range(n):  # everyone in the room before the first sort
        store.add_participant(session.id, f"p{k}", "nl")
    for k, sort in enumerate(sorts):
        store.save_sort(session.id, f"p{k}", "observed", sort, role="professional" if k % 3 else "leidinggevende")
        store.save_sort(session.id, f"p{k}", "desired", demo_sorts(statement_set, grid, 1, seed=k)[0])
    refresh(store, session)  # the screens read the published copy
    for name in ("heatmap", "extremes", "agreement", "gap", "subgroups", "themes"):
        for dark in (False, True):
            view = build_view(store, session, name, "nl", dark)
            if n < 3:
                assert view.figure is None and "Resultaten verschijnen vanaf 3" in view.notices[0]
            else:
                assert view.figure is not None, (name, view.notices)
                view.figure.to_json()  # serialisable as Streamlit will send it


def test_figures_from_plain_data(summary) -> None:
    sset, grid = five()
    desired = summarise(long_counts([SORTS[0]]), 1, sset, grid, "desired")
    heat = heatmap_figure(summary, sset, "en")
    assert list(heat.data[0].x) == ["-2", "-1", "0", "+1", "+2"]
    assert heat.data[0].y[0].startswith("We do 1.")  # most characteristic on top
    assert extremes_figure(summary, sset, "en", k=2).layout.annotations[0].text == "<b>Most characteristic</b>"
    assert len(agreement_figure(summary, sset, "en", k=2).data) == 4
    dumbbell = gap_figure(gaps(summary, desired), sset, "en", list(grid.values), k=3)
    assert [tr.name for tr in dumbbell.data if tr.name] == ["As it is", "As it should be"]
    assert len(theme_figure(theme_means({"a": summary, "b": desired}), "nl").data) == 2
    assert distribution_figure({"x": summary}, 2, sset, "en").data[0].y.tolist() == [2, 0, 0, 1, 1]
    split = subgroups(
        pd.concat([long_counts(SORTS[:3], "a"), long_counts(SORTS[1:4], "b")]), {"a": 3, "b": 3}, sset, grid, "o"
    )
    assert [tr.name for tr in subgroup_figure(split, sset, "en", list(grid.values)).data] == ["a (3)", "b (3)"]


def test_condition_summary_reads_the_store(store, workshop) -> None:
    summary = condition_summary(store, workshop, "observed", scope=None)
    assert summary.n_sorts == 12
    assert (summary.counts.sum(axis=1) == 12).all()
    assert summary.counts.sum(axis=0).tolist() == [12 * c for c in workshop.grid.counts]


def test_the_projector_heatmap_shows_both_ends(store, workshop) -> None:
    refresh(store, workshop)
    summary = condition_summary(store, workshop, "observed")
    fig = build_view(store, workshop, "heatmap", "en", compact=True).figure
    order = summary.by_mean()
    labels = list(fig.data[0].y)
    assert len(labels) == 2 * PROJECTOR_ENDS + 1  # both ends and one row saying what is left out
    ids = [y.rsplit("(", 1)[1].rstrip(")") for y in labels if "(" in y]
    assert ids == [str(i) for i in order[:PROJECTOR_ENDS] + order[-PROJECTOR_ENDS:]]
    assert any("30 statements in between" in y for y in labels)


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        (
            "nl",
            ["Zoals het is", "Zoals het zou moeten", "leidinggevende (zoals het is)", "professional (zoals het is)"],
        ),
        ("en", ["As it is", "As it should be", "leidinggevende (as it is)", "professional (as it is)"]),
    ],
)
def test_the_themes_legend_says_the_role_bars_are_as_it_is(store, statement_set, grid, lang, names) -> None:
    """Conditions and roles side by side: a role's bar is its view of the condition shown, and says so."""
    from review.room.demo import demo_sorts

    session = create_session(
        store, "themes", statement_set, grid, ("observed", "desired"), ("professional", "leidinggevende")
    )
    for k, sort in enumerate(demo_sorts(statement_set, grid, 12, seed=3)):
        store.add_participant(session.id, f"p{k}", "nl")
        store.save_sort(session.id, f"p{k}", "observed", sort, role="professional" if k % 3 else "leidinggevende")
        store.save_sort(session.id, f"p{k}", "desired", demo_sorts(statement_set, grid, 1, seed=k)[0])
    refresh(store, session)
    view = build_view(store, session, "themes", lang)
    assert sorted(trace.name for trace in view.figure.data) == sorted(names)
