import numpy as np
import pandas as pd

from review.aggregates import heatmap, session_heatmap
from review.charts import heatmap_figure
from review.grid import Grid
from review.sessions import create_session
from review.statements import Statement, StatementSet


def tiny() -> tuple[StatementSet, Grid]:
    statements = tuple(
        Statement(id=i, theme="vakmanschap", text={"nl": f"Wij {i}.", "en": f"We {i}."}) for i in (1, 2, 3, 4)
    )
    return StatementSet(id="tiny", name={}, statements=statements), Grid(
        id="g", name={}, values=(-1, 0, 1), counts=(1, 2, 1)
    )


def test_heatmap_by_hand(store) -> None:
    sset, grid = tiny()
    s = create_session(store, "tiny", sset, grid)
    # three sorts: {1:-1, 2:0, 3:0, 4:1}, {1:-1, 2:0, 3:1, 4:0}, {1:0, 2:-1, 3:1, 4:0}
    for k, sort in enumerate([{1: -1, 2: 0, 3: 0, 4: 1}, {1: -1, 2: 0, 3: 1, 4: 0}, {1: 0, 2: -1, 3: 1, 4: 0}]):
        store.save_sort(s.id, f"p{k}", "observed", sort)
    hm = session_heatmap(store, s)
    assert hm.n_sorts == 3
    # means: 1: -2/3, 2: -1/3, 3: 2/3, 4: 1/3  -> order 3, 4, 2, 1
    assert list(hm.counts.index) == [3, 4, 2, 1]
    np.testing.assert_allclose(hm.mean.to_numpy(), [2 / 3, 1 / 3, -1 / 3, -2 / 3])
    assert hm.counts.loc[3].tolist() == [0, 1, 2]
    assert hm.counts.loc[1].tolist() == [2, 1, 0]
    assert hm.counts.sum(axis=1).tolist() == [3, 3, 3, 3]
    assert hm.counts.sum(axis=0).tolist() == [3, 6, 3]  # the grid's column counts times 3


def test_empty_heatmap_keeps_set_order() -> None:
    sset, grid = tiny()
    s = type("S", (), {"statement_set": sset, "grid": grid})()
    hm = heatmap(s, pd.DataFrame(columns=["statement_id", "position", "n"]), 0)
    assert list(hm.counts.index) == [1, 2, 3, 4]
    assert hm.counts.to_numpy().sum() == 0
    assert hm.mean.isna().all()


def test_workshop_heatmap_and_figure(store, workshop) -> None:
    hm = session_heatmap(store, workshop)
    assert hm.n_sorts == 12
    assert (hm.counts.sum(axis=1) == 12).all()
    assert hm.counts.sum(axis=0).tolist() == [12 * c for c in workshop.grid.counts]
    assert hm.mean.is_monotonic_decreasing
    fig = heatmap_figure(hm, workshop.statement_set, "en")
    trace = fig.data[0]
    assert list(trace.x) == ["-4", "-3", "-2", "-1", "0", "+1", "+2", "+3", "+4"]
    assert len(trace.y) == 50 and trace.y[0].endswith(f"({hm.counts.index[0]})")
    assert fig.layout.height > 50 * 20
