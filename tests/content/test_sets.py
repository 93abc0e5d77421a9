"""The statement set library: building a set from rows (every rule named), proposed grids,
CSV/XLSX in and out, versioned rows in a real DuckDB file, and sessions made from a library set."""

from __future__ import annotations

import csv
import io
from itertools import pairwise

import pytest
from openpyxl import Workbook, load_workbook

from review.content.grid import proposed_grid
from review.content.set_files import MAX_UPLOAD_BYTES, export_csv, export_xlsx, read_rows
from review.content.sets import SetProblems, build_set, build_themes, new_set_id, set_rows, theme_rows
from review.content.statements import THEMES, StatementSet
from review.errors import ReviewError
from review.library.statement_sets import builtin_choices, choices, save_set, session_from_choice, taken_ids
from review.store import Store

NAME = {"nl": "Zorg", "en": "Care"}


def rows(n: int = 20, theme: str = "vakmanschap") -> list[dict]:
    return [{"id": i, "nl": f"Wij doen {i}.", "en": f"We do {i}.", "theme": theme} for i in range(1, n + 1)]


def problems(rows_, grid=None, themes=THEMES, first_row: int = 1, name=NAME) -> list[tuple[str, dict]]:
    with pytest.raises(SetProblems) as caught:
        build_set("zorg", name, rows_, themes, grid or proposed_grid(max(len(rows_), 20)), first_row)
    return [(p.key, p.params) for p in caught.value.problems]


def test_a_good_set_builds_with_its_grid_and_themes() -> None:
    sset, grid = build_set("zorg", NAME, rows(20), THEMES, proposed_grid(20))
    assert len(sset.statements) == 20 and grid.size == 20
    assert sset.themes == THEMES and sset.name == NAME


def test_empty_rows_are_skipped_and_ids_may_arrive_as_text() -> None:
    typed = [{**r, "id": str(r["id"])} for r in rows(20)] + [{"id": None, "nl": "", "en": " ", "theme": ""}]
    sset, _ = build_set("zorg", NAME, typed, THEMES, proposed_grid(20))
    assert sset.ids == list(range(1, 21))


def test_every_problem_is_named_with_its_row_and_id() -> None:
    bad = rows(22)
    bad[1]["id"] = 1  # repeated id
    bad[2]["en"] = ""  # missing translation
    bad[3]["nl"] = bad[3]["en"] = ""  # empty
    bad[4]["nl"] = "Wij doen 1."  # repeated Dutch text
    bad[5]["theme"] = "kwaliteit"  # unknown theme
    bad[6]["id"] = "zeven"  # not a number
    bad[7]["nl"] = "x" * 301
    found = problems(bad, grid=proposed_grid(20), first_row=2)
    assert ("library.duplicate_id", {"row": 3, "id": 1, "first": 2}) in found
    assert ("library.missing_en", {"row": 4, "id": "3"}) in found
    assert ("library.empty_text", {"row": 5, "id": "4"}) in found
    assert ("library.duplicate_text", {"row": 6, "id": "5", "first": 2}) in found
    assert ("library.unknown_theme", {"row": 7, "id": "6", "theme": "kwaliteit"}) in found
    assert ("library.bad_id", {"row": 8, "value": "zeven"}) in found
    assert ("library.too_long", {"row": 9, "id": "8", "limit": 300}) in found
    assert ("library.grid_mismatch", {"cells": 20, "n": 22}) in found


def test_a_missing_dutch_text_is_named_too() -> None:
    bad = rows(20)
    bad[0]["nl"] = "  "
    assert ("library.missing_nl", {"row": 1, "id": "1"}) in problems(bad)


def test_texts_repeat_regardless_of_case() -> None:
    bad = rows(20)
    bad[3]["en"] = "WE DO 1."
    assert ("library.duplicate_text", {"row": 4, "id": "4", "first": 1}) in problems(bad)


@pytest.mark.parametrize(("n", "key"), [(19, "library.too_few"), (81, "library.too_many"), (0, "library.too_few")])
def test_a_set_holds_20_to_80_statements(n: int, key: str) -> None:
    keys = [k for k, _ in problems(rows(n), grid=proposed_grid(20))]
    assert key in keys


def test_20_and_80_are_allowed() -> None:
    for n in (20, 80):
        assert build_set("zorg", NAME, rows(n), THEMES, proposed_grid(n))[1].size == n


def test_a_grid_that_does_not_sum_is_named() -> None:
    counts = list(proposed_grid(20).counts)
    counts[0] += 1
    assert problems(rows(20), grid=counts) == [("library.grid_mismatch", {"cells": 21, "n": 20})]


@pytest.mark.parametrize("counts", [[1, 0, 18, 0, 1], [10, 10], [5, -1, 11, 4, 1]])
def test_grid_counts_must_be_positive_per_column_of_an_odd_row(counts) -> None:
    assert ("library.grid_counts", {}) in problems(rows(20), grid=counts)


def test_a_set_needs_a_name_and_one_language_names_both() -> None:
    assert ("library.no_name", {}) in problems(rows(20), name={"nl": " ", "en": ""})
    sset, _ = build_set("zorg", {"nl": "Zorg", "en": ""}, rows(20), THEMES, proposed_grid(20))
    assert sset.name == {"nl": "Zorg", "en": "Zorg"}


def test_the_set_s_own_themes_decide_what_is_known() -> None:
    themes = build_themes([{"id": "", "nl": "Kwaliteit van zorg", "en": "Quality of care"}])
    assert themes == {"kwaliteit-van-zorg": {"nl": "Kwaliteit van zorg", "en": "Quality of care"}}
    sset, _ = build_set("zorg", NAME, rows(20, "kwaliteit-van-zorg"), themes, proposed_grid(20))
    assert sset.theme_name("kwaliteit-van-zorg", "en") == "Quality of care"
    assert ("library.unknown_theme", {"row": 1, "id": "1", "theme": "vakmanschap"}) in problems(rows(20), themes=themes)


def test_no_theme_is_always_allowed() -> None:
    assert build_set("zorg", NAME, rows(20, ""), {}, proposed_grid(20))[0].statements[0].theme == ""


def test_themes_are_renamed_and_checked() -> None:
    renamed = theme_rows(THEMES)
    renamed[0]["nl"] = "Vakwerk"
    assert build_themes(renamed)["vakmanschap"]["nl"] == "Vakwerk"
    with pytest.raises(SetProblems) as caught:
        build_themes(
            [*renamed, {"id": "vakmanschap", "nl": "Nog eens", "en": "Again"}, {"id": "x", "nl": "X", "en": ""}]
        )
    assert [(p.key, p.params) for p in caught.value.problems] == [
        ("library.duplicate_theme", {"row": 4, "theme": "vakmanschap"}),
        ("library.theme_no_name", {"row": 5, "lang": "en"}),
    ]


def test_every_message_speaks_both_languages() -> None:
    bad = rows(21)
    bad[0]["theme"] = "<b>x</b>"
    for key, params in problems(bad):
        error = ReviewError(key, **params)
        assert error.message("nl") != error.message("en")


# -- proposed grids ------------------------------------------------------------


@pytest.mark.parametrize("n", range(20, 81))
def test_the_proposed_grid_fits_every_set_size(n: int) -> None:
    grid = proposed_grid(n)
    counts = list(grid.counts)
    span = len(counts) // 2
    assert grid.size == n
    assert list(grid.values) == list(range(-span, span + 1))
    assert counts == counts[::-1]  # symmetric
    assert counts[span] > counts[span - 1]  # the middle is the tallest
    half = counts[span:]
    assert all(a >= b for a, b in pairwise(half))  # never rising away from the middle
    assert min(counts) >= 1


def test_the_proposed_grid_for_50_is_the_shipped_one(grid) -> None:
    assert proposed_grid(50).counts == grid.counts and proposed_grid(50).values == grid.values


def test_a_grid_wider_than_its_statements_is_refused() -> None:
    with pytest.raises(ReviewError):
        proposed_grid(6, span=3)


# -- files -------------------------------------------------------------------------


def csv_bytes(table: list[list[object]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(table)
    return out.getvalue().encode(encoding)


def xlsx_bytes(table: list[list[object]]) -> bytes:
    book = Workbook()
    for line in table:
        book.active.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_csv_round_trips_with_formula_texts_neutralised() -> None:
    typed = rows(20)
    typed[0]["nl"] = '=HYPERLINK("http://e.vil")'
    typed[1]["en"] = "<b>We</b> [click](http://e.vil)"
    sset, _ = build_set("zorg", NAME, typed, THEMES, proposed_grid(20))
    data = export_csv(sset)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines[0] == ["id", "nl", "en", "theme"]
    assert lines[1][1] == '\'=HYPERLINK("http://e.vil")'  # a spreadsheet shows it as text
    back = read_rows(data, "zorg.csv")
    assert back[0]["nl"] == typed[0]["nl"] and back[1]["en"] == typed[1]["en"]  # our own quote comes off again
    assert build_set("zorg", NAME, back, THEMES, proposed_grid(20))[0] == sset


def test_xlsx_round_trips_and_never_holds_a_formula() -> None:
    typed = rows(20)
    typed[0]["nl"] = "+31 20 1234567 bellen wij terug"
    typed[1]["nl"] = "@iedereen: wij groeten."
    sset, _ = build_set("zorg", NAME, typed, THEMES, proposed_grid(20))
    data = export_xlsx(sset)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["B2"].value == "'+31 20 1234567 bellen wij terug" and sheet["B2"].data_type == "s"
    assert build_set("zorg", NAME, read_rows(data, "Zorg.XLSX"), THEMES, proposed_grid(20))[0] == sset


def test_an_excel_csv_with_semicolons_and_dutch_headings_reads() -> None:
    table = [["Nr", "Nederlands", "Engels", "Thema"], *[[r["id"], r["nl"], r["en"], r["theme"]] for r in rows(20)]]
    back = read_rows(csv_bytes(table, ";"), "set.csv")
    assert len(back) == 20 and back[0] == {"id": "1", "nl": "Wij doen 1.", "en": "We do 1.", "theme": "vakmanschap"}


def test_xlsx_numbers_as_ids_read_as_whole_numbers() -> None:
    table = [["id", "nl", "en", "theme"], *[[float(r["id"]), r["nl"], r["en"], None] for r in rows(20)]]
    back = read_rows(xlsx_bytes(table), "set.xlsx")
    assert back[0]["id"] == "1" and back[0]["theme"] == ""


@pytest.mark.parametrize(
    ("data", "name", "key"),
    [
        (b"id,nl,en,theme\n", "set.txt", "library.not_table"),
        (b"%PDF-1.4", "set.pdf", "library.not_table"),
        (b"id,nl,en,theme\n", "set", "library.not_table"),
        (b"not a zip", "set.xlsx", "library.not_table"),
        (b"PK\x03\x04 broken", "set.xlsx", "library.not_table"),
        ("id,nl,en,theme\n1,Wij zijn één,We are one,\n".encode("cp1252"), "set.csv", "library.not_utf8"),
        ("id,nl,en,theme\n".encode("utf-16"), "set.csv", "library.not_utf8"),
        (b"id,nl,theme\n1,a,b\n", "set.csv", "library.missing_columns"),
        (b"", "set.csv", "library.missing_columns"),
    ],
)
def test_files_that_are_not_a_set_are_refused(data: bytes, name: str, key: str) -> None:
    with pytest.raises(ReviewError) as caught:
        read_rows(data, name)
    assert caught.value.key == key


def test_a_file_over_1_mb_is_refused_before_it_is_read() -> None:
    with pytest.raises(ReviewError) as caught:
        read_rows(b"\xff" * (MAX_UPLOAD_BYTES + 1), "big.csv")  # not UTF-8 either: size is checked first
    assert caught.value.message("en") == (
        "This file is larger than 1 MB; a set may be at most 1 MB. Nothing was imported."
    )
    assert caught.value.message("nl") == (
        "Dit bestand is groter dan 1 MB; een set mag hoogstens 1 MB zijn. Er is niets ingelezen."
    )


# -- the library in the store ---------------------------------------------------------------


def saved(store: Store, n: int = 20, set_id: str = "zorg") -> StatementSet:
    sset, grid = build_set(set_id, NAME, rows(n), THEMES, proposed_grid(n))
    store.save_statement_set(sset, grid)
    return sset


def test_every_save_is_a_new_version_and_older_ones_stay(store: Store) -> None:
    first = saved(store, 20)
    second, grid = build_set("zorg", NAME, rows(24), THEMES, proposed_grid(24))
    assert store.save_statement_set(second, grid) == 2
    assert store.library_set("zorg")[0] == second and store.library_set("zorg")[2] == 2
    assert store.library_set("zorg", 1)[0] == first
    assert [(v.version, v.statements) for v in store.statement_set_versions("zorg")] == [(2, 24), (1, 20)]
    (entry,) = store.library_sets()
    assert (entry.id, entry.version, entry.versions, len(entry.statement_set.statements)) == ("zorg", 2, 2, 24)


def test_saving_an_unchanged_set_keeps_its_version(store: Store) -> None:
    saved(store, 20)
    same, grid = build_set("zorg", NAME, rows(20), THEMES, proposed_grid(20))
    assert save_set(store, same, grid, 1) == (1, False)  # nothing changed: no version 2
    assert [v.version for v in store.statement_set_versions("zorg")] == [1]
    changed, grid = build_set("zorg", NAME, rows(21), THEMES, proposed_grid(21))
    assert save_set(store, changed, grid, 1) == (2, True)
    again, grid = build_set("zorg", NAME, rows(21), THEMES, proposed_grid(21))
    assert save_set(store, again, grid, 2) == (2, False)
    assert save_set(store, same, proposed_grid(20), 1) == (3, True)  # opened at 1, but 2 came since: saved anew
    assert save_set(store, same, proposed_grid(20), None) == (4, True)  # a new set always saves


def test_an_unknown_set_or_version_says_so(store: Store) -> None:
    saved(store)
    with pytest.raises(ReviewError, match="zorg@7"):
        store.library_set("zorg", 7)
    with pytest.raises(ReviewError, match="geen"):
        store.library_set("geen")


def test_archived_sets_leave_the_form_but_stay_in_the_library(store: Store) -> None:
    saved(store)
    store.archive_statement_set("zorg")
    assert store.library_sets() == [] and store.library_sets(include_archived=True)[0].archived
    assert [c.ref for c in choices(store)] == [None]  # only the shipped set
    store.archive_statement_set("zorg", archived=False)
    assert [c.ref for c in choices(store)] == ["zorg@1", None]


def test_a_session_keeps_its_version_when_the_set_changes(store: Store) -> None:
    saved(store)
    choice = choices(store)[0]
    session = session_from_choice(store, "Team", choice)
    assert session.statement_set == choice.statement_set and store.session(session.id).set_ref == "zorg@1"
    changed = [{**r, "nl": r["nl"].replace("doen", "maken")} for r in rows(20)]
    sset, grid = build_set("zorg", NAME, changed, THEMES, proposed_grid(20))
    store.save_statement_set(sset, grid)
    store._snapshots.clear()  # read the snapshot from the file, as another process would
    assert store.session(session.id).statement_set.statements[0].text["nl"] == "Wij doen 1."
    assert store.sessions_using_set("zorg") == 1 and store.library_sets()[0].sessions == 1
    assert store.sessions_using_set("zorg-2") == 0  # a prefix of another set's id does not count


def test_a_session_from_the_shipped_set_records_no_ref_and_takes_its_grid(store: Store, grid) -> None:
    (builtin,) = builtin_choices()
    assert builtin.grid.counts == grid.counts and builtin.ref is None
    session = session_from_choice(store, "Team", builtin)
    assert session.set_ref is None and session.grid.counts == grid.counts


def test_a_session_with_another_grid_that_does_not_fit_is_refused(store: Store) -> None:
    saved(store)
    with pytest.raises(ReviewError, match="grid"):
        session_from_choice(store, "Team", choices(store)[0], grid=proposed_grid(50))


def test_a_copy_gets_a_fresh_id(store: Store) -> None:
    saved(store, set_id="goed-werk-50-kopie")
    assert new_set_id("Goed Werk 50 kopie", taken_ids(store)) == "goed-werk-50-kopie-2"
    assert new_set_id("Goed Werk — zorg & welzijn", []) == "goed-werk-zorg-welzijn"
    assert new_set_id("<>", []) == "set"


def test_older_snapshots_without_themes_get_the_default() -> None:
    doc = {"id": "t", "statements": [{"id": 1, "theme": "vakmanschap", "text": {"nl": "Wij a.", "en": "We a."}}]}
    assert StatementSet.from_dict(doc).themes == THEMES


def test_editor_rows_round_trip(statement_set: StatementSet, grid) -> None:
    built, _ = build_set(statement_set.id, statement_set.name, set_rows(statement_set), statement_set.themes, grid)
    assert built.statements == statement_set.statements


def test_theme_figures_use_the_set_s_own_themes_as_text(store: Store) -> None:
    from review.charts.comparison_figures import theme_figure
    from review.room.aggregates import summarise, theme_means
    from tests.room.test_aggregates import long_counts

    themes = {"b": {"nl": "<b>Zorg</b>", "en": "Care"}, "a": {"nl": "Aandacht", "en": "Attention"}}
    typed = [{**r, "theme": "a" if r["id"] <= 10 else "b"} for r in rows(20)]
    sset, grid = build_set("zorg", NAME, typed, themes, proposed_grid(20))
    sort = dict(zip(sset.ids, sorted(v for v, c in grid.capacity().items() for _ in range(c)), strict=True))
    summary = summarise(long_counts([sort]), 1, sset, grid, "observed")
    table = theme_means({"all": summary}, sset.themes)
    assert list(table.index) == ["b", "a"] and table.loc["b", "all"] > table.loc["a", "all"]
    assert list(theme_figure(table, "nl", themes=sset.themes).data[0].y) == ["&lt;b&gt;Zorg&lt;/b&gt;", "Aandacht"]
    assert list(theme_means({"all": summary}).index) == [*THEMES, "a", "b"]


def test_a_json_export_keeps_the_set_s_own_themes_and_refuses_a_theme_it_lacks(store: Store) -> None:
    import json

    from review.studies.exports import to_json
    from review.studies.import_json import read_json

    themes = {"zorg": {"nl": "Zorg", "en": "Care"}}
    sset, grid = build_set("zorg", NAME, rows(20, "zorg"), themes, proposed_grid(20))
    store.save_statement_set(sset, grid)
    doc = to_json(store, session_from_choice(store, "Team", choices(store)[0]))
    assert read_json(json.dumps(doc, default=str)).statement_set.themes == themes
    doc["statement_set"]["themes"] = {"anders": {"nl": "Anders", "en": "Other"}}
    with pytest.raises(ReviewError, match="'zorg' is not one of anders"):
        read_json(json.dumps(doc, default=str))
