"""Exports and imports: layouts other tools read, round trips that lose nothing, bad files."""

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from review.errors import ReviewError
from review.exports import long_table, pqmethod_dat, to_csv, to_json, to_pqmethod, to_xlsx
from review.imports import read_json, read_pqmethod, read_qmethod_csv, store_study
from review.sessions import join, submit_sort
from review.store import Store
from tests.conftest import columns_of

GOLDEN = Path(__file__).parent / "golden" / "workshop12"


def golden_sorts() -> pd.DataFrame:
    return pd.read_csv(GOLDEN / "sorts.csv", index_col=0)


def test_pqmethod_dat_matches_r_qmethod_byte_for_byte() -> None:
    sorts = golden_sorts()
    counts = tuple(int(n) for n in sorts.iloc[:, 0].value_counts().sort_index())
    values = tuple(sorted(int(v) for v in set(sorts.iloc[:, 0])))
    dat = pqmethod_dat(sorts, values, counts, "workshop12", "golden case workshop12")
    assert dat == (GOLDEN / "workshop12.dat").read_text()


def test_a_session_exports_the_golden_layout(store: Store) -> None:
    session = store_study(store, read_qmethod_csv((GOLDEN / "sorts.csv").read_text(), "workshop12"))
    dat, sta = to_pqmethod(store, session, "observed", "en")
    golden = (GOLDEN / "workshop12.dat").read_text().splitlines()
    ours = dat.splitlines()
    assert ours[0].startswith("  0 12 50 ")
    assert ours[1:] == golden[1:]  # distribution line and every Q-sort line, names included
    assert sta.splitlines() == [f"s{i:02d}" for i in range(1, 51)]  # the CSV's statement ids as texts


def test_pqmethod_round_trip_loses_nothing(store: Store, workshop) -> None:
    dat, sta = to_pqmethod(store, workshop, "observed", "nl")
    study = read_pqmethod(dat, sta)
    assert [s.text["nl"] for s in study.statement_set.statements] == [
        s.text["nl"] for s in workshop.statement_set.statements
    ]
    assert study.grid.values == workshop.grid.values and study.grid.counts == workshop.grid.counts
    table = long_table(store, workshop)
    observed = table[table["condition"] == "observed"]
    for sort in study.sorts:
        mine = observed[observed["participant"] == sort["participant"]]
        assert dict(zip(mine["statement_id"], mine["position"], strict=True)) == sort["placements"]
    assert len(study.sorts) == 12


def test_json_round_trip_loses_nothing(store: Store, workshop, grid, tmp_path) -> None:
    from tests.test_grid import valid_sort

    token = join(store, workshop)
    sort = valid_sort(grid, workshop.statement_set.ids)
    top = next(s for s, v in sort.items() if v == 4)
    store.set_status(workshop.id, "open")
    submit_sort(store, workshop, token, "observed", columns_of(sort), {str(top): "Waarom? <b>Daarom</b>."})
    first = to_json(store, workshop)
    other = Store.open(tmp_path / "other.duckdb")
    copy = store_study(other, read_json(json.dumps(first)))
    second = to_json(other, copy)
    other.close()
    for doc in (first, second):
        doc["session"].pop("code"), doc["session"].pop("created_at")
    assert second == first
    assert len(first["sorts"]) == 12 * 2 + 1 and first["comments"][0]["comment"] == "Waarom? <b>Daarom</b>."


def test_csv_and_xlsx_exports(store: Store, workshop) -> None:
    frame = pd.read_csv(io.StringIO(to_csv(store, workshop, "en")))
    assert list(frame.columns) == [
        "participant", "round", "condition", "statement_id", "statement", "position", "comment", "subgroup",
        "joined_at", "submitted_at",
    ]  # fmt: skip
    assert len(frame) == 12 * 2 * 50
    assert set(frame["participant"]) == {f"p{k:02d}" for k in range(1, 13)}  # pseudonyms, never tokens
    assert set(frame["subgroup"]) == {"professional", "leidinggevende"}
    first = workshop.statement_set.statements[0]
    assert set(frame.loc[frame["statement_id"] == first.id, "statement"]) == {first.text["en"]}
    book = load_workbook(io.BytesIO(to_xlsx(store, workshop)))
    assert book.sheetnames == ["observed", "desired", "statements", "grid", "participants", "comments"]
    sheet = book["observed"]
    assert sheet.max_row == 51 and sheet.max_column == 13  # statements x (id + 12 Q-sorts)
    people = list(book["participants"].values)
    assert people[0] == ("participant", "subgroup", "conditions", "rounds") and len(people) == 13
    assert {row[1] for row in people[1:]} == {"professional", "leidinggevende"}


def test_comments_reach_the_csv_and_xlsx_next_to_their_statement(store: Store, workshop) -> None:
    from review.sessions import join, submit_sort
    from tests.conftest import columns_of

    sort = store.sort_of(workshop.id, "demo-0001", "observed")
    token = join(store, workshop)
    top = next(sid for sid, v in sort.items() if v == 4)
    bottom = next(sid for sid, v in sort.items() if v == -4)
    notes = {str(top): "Dit doen we echt – elke dag.", str(bottom): "Zou wel moeten."}
    submit_sort(store, workshop, token, "observed", columns_of(sort), notes)
    frame = pd.read_csv(io.StringIO(to_csv(store, workshop, "nl")))
    written = frame.dropna(subset=["comment"])
    assert sorted(written["comment"]) == sorted(notes.values())
    row = written[written["statement_id"] == top].iloc[0]
    assert row["position"] == 4 and row["participant"] == "p13" and row["condition"] == "observed"
    assert row["statement"] == workshop.statement_set.by_id()[top].text["nl"]
    sheet = list(load_workbook(io.BytesIO(to_xlsx(store, workshop)))["comments"].values)
    assert sheet[0] == ("participant", "round", "condition", "statement_id", "statement", "position", "comment")
    assert sorted(r[6] for r in sheet[1:]) == sorted(notes.values())


def test_pqmethod_files_keep_typographic_characters_readable() -> None:
    from review.exports import latin1

    assert latin1("Team 3 – Zorg “Noord” …") == b'Team 3 - Zorg "Noord" ...'
    assert latin1("Één café") == "Één café".encode("latin-1")
    assert latin1("→") == b"?"  # what Latin-1 cannot hold at all still becomes a question mark


@pytest.mark.parametrize(
    ("dat", "where"),
    [
        ("  0  2  3 x: y\n -1  1  0  0  0  0  1  1  1  0  0  0  0\np1         1 0-1\np2         1 0\n", "line 4"),
        ("  0  2  3 x: y\n -1  1\np1         1 0-1\np2         1 x-1\n", "line 4"),
        ("  0  1  3 x: y\n -1  1\np1         1 0-1\np2         1 0-1\n", "announces 1 Q-sorts but the file holds 2"),
        ("  0  2  3 x: y\n -1  1\np1         1 0-1\np2         1 1-1\n", "Q-sort p2"),
        ("  0  2  3 x: y\n -1  1\np1         1 0-1\np1        -1 0 1\n", "appears twice"),
        ("nonsense", "line 1"),
    ],
)
def test_malformed_dat_files_name_the_line(store: Store, dat: str, where: str) -> None:
    with pytest.raises(ReviewError) as err:
        store_study(store, read_pqmethod(dat))
    assert where in err.value.message("en")
    assert "Nothing was imported" in err.value.message("en")
    assert store.sessions() == []


def test_a_sta_file_with_the_wrong_number_of_statements() -> None:
    dat = "  0  1  3 x: y\n -1  1\np1         1 0-1\n"
    with pytest.raises(ReviewError, match=r"holds 2 statements; the \.dat file has 3"):
        read_pqmethod(dat, "een\ntwee\n")


@pytest.mark.parametrize(
    ("csv", "where"),
    [
        (",a,b\ns1,1,0\ns2,,1\ns3,-1,-1\n", "line 3, column a: is empty"),
        (",a,b\ns1,1,0\ns2,nul,1\ns3,-1,-1\n", "'nul' is not a whole number"),
        (",a,b\ns1,1,0\ns1,0,1\ns3,-1,-1\n", "statement id s1 appears twice"),
        (",a,a\ns1,1,0\ns2,0,1\ns3,-1,-1\n", "its own name"),
        (",a,b\ns1,1,1\ns2,0,1\ns3,-1,-1\n", "Q-sort b: does not fit"),
    ],
)
def test_malformed_csv_files_name_the_place(store: Store, csv: str, where: str) -> None:
    with pytest.raises(ReviewError) as err:
        store_study(store, read_qmethod_csv(csv))
    assert where in err.value.message("en")
    assert store.sessions() == []


def test_an_import_is_all_or_nothing(store: Store) -> None:
    study = read_qmethod_csv(",a,b\ns1,1,0\ns2,0,1\ns3,-1,-1\n")
    broken = [*study.sorts, dict(study.sorts[0])]  # the same sort twice breaks the key half-way
    session = store_study(store, study)
    with pytest.raises(Exception):  # noqa: B017 - any database error; the point is what is left after it
        store.import_sorts(session.id, broken)
    assert store.sort_count(session.id, "observed") == 2  # the first import, not a half of the second


def test_imported_sessions_are_closed_and_analysable(store: Store) -> None:
    session = store_study(store, read_qmethod_csv((GOLDEN / "sorts.csv").read_text(), "workshop12"))
    assert session.status == "closed" and session.statement_set.statements[0].theme == ""
    from review.results import condition_summary

    assert condition_summary(store, session, "observed", scope=None).n_sorts == 12
