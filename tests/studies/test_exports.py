"""Exports: layouts other tools read, round trips that lose nothing, no live formulas in a
spreadsheet. Reading files in (and refusing bad ones) is tested in test_imports.py."""

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from review.content.grid import load_grid
from review.content.text import neutralise
from review.room.demo import create_demo_session
from review.room.live import new_round
from review.room.sessions import change_questions, join, submit_sort
from review.room.sort_tables import long_table
from review.store import Store
from review.studies.exports import latin1, pqmethod_dat, to_csv, to_json, to_pqmethod, to_xlsx
from review.studies.imports import read_json, read_pqmethod, read_qmethod_csv, read_qmethod_xlsx, store_study
from tests.conftest import columns_of

GOLDEN = Path(__file__).parents[1] / "golden" / "workshop12"


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
    from tests.content.test_grid import valid_sort

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
    from review.room.sessions import join, submit_sort
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
    assert latin1("Team 3 – Zorg “Noord” …") == b'Team 3 - Zorg "Noord" ...'
    assert latin1("Één café") == "Één café".encode("latin-1")
    assert latin1("→") == b"?"  # what Latin-1 cannot hold at all still becomes a question mark


def test_pqmethod_files_as_written_read_back_with_their_accents(store: Store, workshop) -> None:
    """The exporter writes Latin-1 bytes (``latin1``); the reader takes them as Windows-1252."""
    dat, sta = to_pqmethod(store, workshop, "observed", "nl")
    study = read_pqmethod(latin1(dat), latin1(sta))
    texts = [s.text["nl"] for s in study.statement_set.statements]
    assert texts == [s.text["nl"] for s in workshop.statement_set.statements]
    assert any("ë" in text for text in texts)  # "efficiënt", "ideeën": not garbled


def test_json_round_trip_across_rounds_with_changed_questions(store: Store, workshop, grid, tmp_path) -> None:
    """Round 2 asks only the observed sort and another role: the file names every condition
    and role its sorts use, so the stricter import reads it back, and the copy exports the same."""
    from tests.content.test_grid import valid_sort

    new_round(store, workshop)
    change_questions(store, workshop, ["observed"], "nieuw")
    now = store.session(workshop.id)
    store.set_status(now.id, "open")
    sort = valid_sort(grid, now.statement_set.ids)
    top = next(s for s, v in sort.items() if v == 4)
    submit_sort(store, now, join(store, now), "observed", columns_of(sort), {str(top): "Ronde twee."}, "nieuw")
    first = to_json(store, now)
    assert first["session"]["conditions"] == ["observed", "desired"]
    assert first["session"]["roles"] == ["nieuw", "professional", "leidinggevende"]
    other = Store.open(tmp_path / "other.duckdb")
    copy = store_study(other, read_json(json.dumps(first).encode()))
    second = to_json(other, copy)
    other.close()
    assert copy.current_round == 2
    for doc in (first, second):
        doc["session"].pop("code"), doc["session"].pop("created_at")
    assert second == first
    assert {s["round"] for s in first["sorts"]} == {1, 2} and first["comments"][-1]["comment"] == "Ronde twee."


def test_the_xlsx_first_sheet_reads_back_as_the_observed_sorts(store: Store, workshop) -> None:
    study = read_qmethod_xlsx(to_xlsx(store, workshop), "kopie")
    table = long_table(store, workshop)
    observed = table[table["condition"] == "observed"]
    assert len(study.sorts) == 12 and study.title == "kopie"
    for sort in study.sorts:
        mine = observed[observed["participant"] == sort["participant"]]
        assert dict(zip(mine["statement_id"], mine["position"], strict=True)) == sort["placements"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Wij = team", "Wij = team"),  # only a leading sign makes a formula
        ("", ""),
        (-4, -4),  # numbers stay numbers
        (None, None),
    ],
)
def test_neutralise_quotes_exactly_the_owasp_formula_starts(value: object, shown: object) -> None:
    assert neutralise(value) == shown


HOSTILE = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", '=HYPERLINK("http://ev.il")']


@pytest.fixture
def hostile(store: Store):
    """An imported study whose statements, role and comments are formulas, plus comments starting
    with a tab and a CR written past the import's checks (the export must not rely on them)."""
    texts = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "Gewoon"]
    doc = {
        "format": "review-session",
        "session": {"title": "=kwaad", "conditions": ["observed"], "roles": [HOSTILE[4]], "ask_comments": True},
        "statement_set": {
            "id": "kwaad",
            "statements": [{"id": i, "theme": "", "text": {"nl": t, "en": t}} for i, t in enumerate(texts, 1)],
        },
        "grid": {"id": "g", "columns": [{"value": -1, "count": 1}, {"value": 0, "count": 3}, {"value": 1, "count": 1}]},
        "sorts": [
            {
                "participant": "p01",
                "round": 1,
                "condition": "observed",
                "subgroup": HOSTILE[4],
                "placements": {"1": -1, "2": 0, "3": 0, "4": 0, "5": 1},
            },
        ],
        "comments": [
            {"participant": "p01", "round": 1, "condition": "observed", "statement_id": 1, "comment": "@SUM(A1)"}
        ],
    }
    session = store_study(store, read_json(json.dumps(doc)))
    placements = {1: 1, 2: 0, 3: 0, 4: 0, 5: -1}
    store.save_sort(session.id, "p02", "observed", placements, {1: "\tcmd", 5: "\rcmd"}, role=HOSTILE[4])
    return session


def test_no_csv_cell_starts_a_formula(store: Store, hostile) -> None:
    import csv

    rows = list(csv.DictReader(io.StringIO(to_csv(store, hostile, "en"), newline="")))
    assert len(rows) == 10
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), (column, cell)
        assert row["position"] in {"-1", "0", "1"}  # numbers stay numbers, a -1 is not quoted
        assert row["subgroup"] == "'" + HOSTILE[4]
    assert {r["statement"] for r in rows} == {"'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", "Gewoon"}
    assert {r["comment"] for r in rows} == {"'@SUM(A1)", "'\tcmd", "'\rcmd", ""}


def test_no_xlsx_cell_is_a_formula(store: Store, hostile) -> None:
    book = load_workbook(io.BytesIO(to_xlsx(store, hostile, "en")))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), (sheet.title, cell.value)
    for value in ["=1+1", "+cmd", "-2+3", "@SUM(A1)", HOSTILE[4], "\tcmd", "\ncmd"]:  # XML reads a CR as LF
        assert "'" + value in texts, value
    observed = list(book["observed"].values)
    assert {type(v) for row in observed[1:] for v in row} == {int}  # ids and positions: numbers
    assert min(v for row in observed[1:] for v in row[1:]) == -1


def test_the_json_export_holds_the_analysis_log(store: Store) -> None:
    from review.analysis.viewpoints import choose

    session = create_demo_session(store, participants=12)
    choose(store, session, "observed", "centroid", "none", 2, "Twee boven toeval.")
    log = to_json(store, store.session(session.id))["analysis_log"]
    assert len(log) == 1 and log[0]["step"] == "chosen" and log[0]["round"] == 1
    assert {k: log[0][k] for k in ("condition", "extraction", "rotation", "nfactors", "reason")} == {
        "condition": "observed",
        "extraction": "centroid",
        "rotation": "none",
        "nfactors": 2,
        "reason": "Twee boven toeval.",
    }
    assert datetime.fromisoformat(log[0]["at"]) <= datetime.now(UTC).replace(tzinfo=None)


@pytest.mark.parametrize("n", [12, 999, 1_000, 5_000])
def test_pqmethod_files_of_any_size_the_import_allows_read_back_whole(n: int) -> None:
    """R's header holds the count in columns 4-6; from 1,000 Q-sorts ours takes 1-6, so the statement
    count stays in 7-9, where R's import.pqmethod and ours read it (scripts/pqmethod_r.py runs R)."""
    from scripts.pqmethod_r import sorts_frame

    grid = load_grid()
    frame = sorts_frame(n, seed=n)
    dat = pqmethod_dat(frame, grid.values, grid.counts, "big", f"{n} sorts")
    head = dat.split("\n", 1)[0]
    assert head[6:9] == " 50" and int(head[:6].replace("  0", "", 1) if n < 1_000 else head[:6]) == n
    assert head.startswith("  0") == (n < 1_000)  # R's own bytes below 1,000
    study = read_pqmethod(dat)
    assert [s["participant"] for s in study.sorts] == list(frame.columns)
    for sort in study.sorts:
        assert sort["placements"] == {i: int(v) for i, v in frame[sort["participant"]].items()}
    assert study.grid.values == grid.values and study.grid.counts == grid.counts
