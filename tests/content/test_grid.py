import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review.content.grid import Grid, GridBreak, available_grids, grid_break, grid_name, load_grid, proposed_grid
from review.errors import InvalidGrid, InvalidSort
from tests.conftest import columns_of


def valid_sort(grid: Grid, ids: list[int]) -> dict[int, int]:
    values = [v for v, n in zip(grid.values, grid.counts, strict=False) for _ in range(n)]
    return dict(zip(ids, values, strict=False))


def test_default_grid_is_the_review_shape() -> None:
    g = load_grid()
    assert g.values == (-4, -3, -2, -1, 0, 1, 2, 3, 4)
    assert g.counts == (2, 4, 6, 8, 10, 8, 6, 4, 2)
    assert g.size == 50


def test_every_shipped_grid_loads_and_round_trips() -> None:
    grids = available_grids()
    assert {g.id for g in grids} >= {"review-9", "wide-11"}
    for g in grids:
        assert Grid.from_dict(g.to_dict()) == g


def test_a_valid_sort_validates(grid: Grid) -> None:
    ids = list(range(1, 51))
    sort = valid_sort(grid, ids)
    assert grid.validate_columns(columns_of(sort), ids) == sort


@pytest.mark.parametrize(
    ("mutate", "rule", "fragment"),
    [
        (lambda c: c["4"].append(c["0"].pop()), "sort.column_count", "Column +4 holds 2 cards; this sort puts 3"),
        (lambda c: c["0"].append(c["0"][0]), "sort.duplicate_statement", "placed more than once"),
        (
            lambda c: c["1"].append(c["0"].pop()) or c["0"].append(c["-1"][0]),
            "sort.duplicate_statement",
            "more than once",
        ),
        (lambda c: c["0"].pop(), "sort.missing_statement", "missing"),
        (lambda c: c["0"].__setitem__(0, 99), "sort.unknown_statement", "Statement 99 is not part"),
        (lambda c: c.__setitem__("5", [c["4"].pop()]), "sort.unknown_column", "Column 5 does not exist"),
        (lambda c: c.__setitem__("x", []), "sort.unknown_column", "Column x"),
        (lambda c: c["0"].__setitem__(0, "abc"), "sort.not_an_id", "'abc' is not a statement number"),
        (lambda c: c["0"].__setitem__(0, True), "sort.not_an_id", "True"),
        (lambda c: c["0"].__setitem__(0, 1.5), "sort.not_an_id", "1.5"),
        (lambda c: c.__setitem__("0", "1,2,3"), "sort.not_columns", "cannot be read"),
    ],
)
def test_each_broken_rule_is_named(grid: Grid, mutate, rule: str, fragment: str) -> None:
    ids = list(range(1, 51))
    cols = columns_of(valid_sort(grid, ids))
    mutate(cols)
    with pytest.raises(InvalidSort) as err:
        grid.validate_columns(cols, ids)
    assert err.value.key == rule
    assert fragment in str(err.value)
    assert err.value.message("nl")  # and it speaks Dutch


@pytest.mark.parametrize("payload", [None, [], "columns", 42, [[1, 2]]])
def test_a_sort_that_is_not_a_mapping_is_refused(grid: Grid, payload: object) -> None:
    with pytest.raises(InvalidSort) as err:
        grid.validate_columns(payload, range(1, 51))
    assert err.value.key == "sort.not_columns"


def test_dutch_message_for_column_count(grid: Grid) -> None:
    ids = list(range(1, 51))
    cols = columns_of(valid_sort(grid, ids))
    cols["-4"].append(cols["0"].pop())
    with pytest.raises(InvalidSort) as err:
        grid.validate_columns(cols, ids)
    assert err.value.message("nl") == "Kolom -4 hoort 2 kaarten te hebben; deze sortering heeft er 3."


@pytest.mark.parametrize(
    ("values", "counts", "reason"),
    [
        ((), (), "no columns"),
        ((-1, 0, 1), (1, 2), "every column needs"),
        ((0, -1, 1), (1, 1, 1), "rise"),
        ((-1, -1, 1), (1, 1, 1), "rise"),
        ((-1, 0, 1), (1, 0, 1), "at least one"),
        ((-1, 0.5, 1), (1, 1, 1), "whole numbers"),
    ],
)
def test_invalid_grids_are_refused(values, counts, reason: str) -> None:
    with pytest.raises(InvalidGrid, match=reason):
        Grid(id="bad", name={}, values=values, counts=counts)


def test_grid_file_missing_fields() -> None:
    with pytest.raises(InvalidGrid, match="missing field"):
        Grid.from_dict({"id": "x", "columns": [{"value": 1}]})


shapes = st.lists(st.integers(min_value=1, max_value=8), min_size=1, max_size=13)


@settings(max_examples=60, deadline=None)
@given(counts=shapes, data=st.data())
def test_property_every_valid_sort_of_any_shape_validates(counts: list[int], data) -> None:
    half = len(counts) // 2
    grid = Grid(id="g", name={}, values=tuple(range(-half, len(counts) - half)), counts=tuple(counts))
    ids = data.draw(st.permutations(list(range(1, grid.size + 1))))
    sort = valid_sort(grid, ids)
    assert grid.validate_columns(columns_of(sort), range(1, grid.size + 1)) == sort


def test_grid_break_names_the_odd_sort_wherever_it_stands() -> None:
    grid = [-1, 0, 0, 1]
    odd = [-1, -1, 0, 1]  # column -1 holds 2 cards where the grid has 1
    assert grid_break(np.array([grid, grid[::-1], [0, 1, -1, 0]]).T) is None
    assert grid_break(np.array([odd, grid, grid[::-1]]).T) == GridBreak(sort=0, column=-1, actual=2, expected=1)
    assert grid_break(np.array([grid, odd, grid]).T) == GridBreak(sort=1, column=-1, actual=2, expected=1)
    # a tie between two grids: the first sort's is the grid
    assert grid_break(np.array([grid, odd]).T) == GridBreak(sort=1, column=-1, actual=2, expected=1)


def test_a_grid_is_named_after_its_shape_in_both_languages() -> None:
    counts = (2, 4, 6, 8, 10, 8, 6, 4, 2)
    assert grid_name(counts) == {"nl": "9 kolommen, 50 uitspraken", "en": "9 columns, 50 statements"}
    assert proposed_grid(50).name == grid_name(counts) and proposed_grid(50).counts == counts
