"""Imports: every rule a file can break is named, nothing is ever half written, and no input
(random bytes, random text, a valid export with fields dropped or replaced) makes a reader or
``store_study`` fail with anything but a :class:`StudyImportError`."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from review.store import Store
from review.studies.imports import (
    MAX_STATEMENTS,
    ImportedStudy,
    StudyImportError,
    read_files,
    read_json,
    read_pqmethod,
    read_qmethod_csv,
    read_qmethod_xlsx,
    store_study,
)

GOLDEN = Path(__file__).parents[1] / "golden" / "workshop12"
TABLES = ("sessions", "session_codes", "participants", "sorts", "placements", "comments")


def rows(store: Store) -> dict[str, int]:
    """How many rows every table an import writes holds (a partial write shows here)."""
    cur = store._cursor()
    return {table: cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def message(exc: pytest.ExceptionInfo[StudyImportError]) -> str:
    return exc.value.message("en")


def valid_doc() -> dict[str, Any]:
    """A small export as ``to_json`` writes it: both conditions, two rounds, roles, comments."""
    texts = ["Wij luisteren.", "Wij delen.", "Wij leren.", "Wij helpen.", "Wij zijn efficiënt."]
    return {
        "format": "review-session",
        "version": 1,
        "session": {
            "title": "Mini",
            "code": "ABCDEF",
            "conditions": ["observed", "desired"],
            "roles": ["team", "lead"],
            "ask_comments": True,
            "created_at": "2025-03-14T09:00:00",
        },
        "statement_set": {
            "id": "mini",
            "name": {"nl": "Mini", "en": "Mini"},
            "statements": [{"id": i, "theme": "", "text": {"nl": t, "en": t}} for i, t in enumerate(texts, 1)],
        },
        "grid": {
            "id": "g3",
            "name": {"nl": "drie", "en": "three"},
            "columns": [{"value": -1, "count": 1}, {"value": 0, "count": 3}, {"value": 1, "count": 1}],
        },
        "sorts": [
            _sort("p01", 1, "observed", "team", {"1": 1, "2": 0, "3": 0, "4": 0, "5": -1}),
            _sort("p01", 1, "desired", "team", {"1": -1, "2": 0, "3": 0, "4": 0, "5": 1}),
            _sort("p02", 1, "observed", "lead", {"1": 0, "2": 1, "3": 0, "4": -1, "5": 0}),
            _sort("p01", 2, "observed", "team", {"1": 0, "2": 0, "3": 1, "4": -1, "5": 0}),
        ],
        "comments": [
            {"participant": "p01", "round": 1, "condition": "observed", "statement_id": 1, "comment": "Klopt."},
            {"participant": "p02", "round": 1, "condition": "observed", "statement_id": 2, "comment": "Echt\nwaar."},
        ],
    }


def _sort(who: str, round_no: int, condition: str, role: str | None, placements: dict[str, int]) -> dict[str, Any]:
    return {
        "participant": who,
        "round": round_no,
        "condition": condition,
        "subgroup": role,
        "submitted_at": "2025-03-14T09:30:00.123456",
        "placements": placements,
    }


def _json(doc: object) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


# -- a valid file --------------------------------------------------------------


def test_a_valid_export_is_read_and_stored_whole(store: Store) -> None:
    study = read_json(_json(valid_doc()))
    assert study.conditions == ("observed", "desired") and study.roles == ("team", "lead") and study.ask_comments
    assert len(study.sorts) == 4 and len(study.comments) == 2
    assert study.comments[1]["comment"] == "Echt\nwaar."  # a comment keeps its line break
    session = store_study(store, study)
    assert session.status == "closed" and session.current_round == 2 and session.title == "Mini"
    assert rows(store) == {
        "sessions": 1, "session_codes": 1, "participants": 2, "sorts": 4, "placements": 20, "comments": 2,
    }  # fmt: skip
    assert store.role_of(session.id, "p02") == "lead"


def test_imported_sessions_are_closed_and_analysable(store: Store) -> None:
    session = store_study(store, read_qmethod_csv((GOLDEN / "sorts.csv").read_bytes(), "workshop12"))
    assert session.status == "closed" and session.statement_set.statements[0].theme == ""
    from review.room.summaries import condition_summary

    assert condition_summary(store, session, "observed", scope=None).n_sorts == 12


# -- every JSON rule, named ------------------------------------------------------


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """A mutation that puts ``value`` at ``path`` (dots; numbers index lists)."""

    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return mutate


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]

    return mutate


def _rename(path: str, old: str, new: str) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        node: Any = doc
        for part in path.split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        node[new] = node.pop(old)

    return mutate


def _append(path: str, make: Callable[[dict[str, Any]], object]) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        doc[path].append(make(doc))

    return mutate


JSON_RULES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    # the five files of the hostile probe
    ("bad submitted_at", _set("sorts.0.submitted_at", "gisteren"), "sort 1 (p01): submitted_at 'gisteren' is not"),
    ("duplicated sort", _append("sorts", lambda d: copy.deepcopy(d["sorts"][0])), "sort 5 (p01): repeats sort 1"),
    ("text round", _set("sorts.1.round", "2"), "sort 2 (p01): round must be a whole number, not '2'"),
    ("huge round", _set("sorts.1.round", 10**9), "sort 2 (p01): round 1000000000 is outside 1..50"),
    ("comment missing fields", _drop("comments.0.round"), "comment 1: lacks round"),
    # sorts
    ("round zero", _set("sorts.0.round", 0), "round 0 is outside 1..50"),
    ("round true", _set("sorts.0.round", True), "round must be a whole number, not True"),
    ("submitted_at a number", _set("sorts.0.submitted_at", 5), "submitted_at 5 is not an ISO date"),
    ("desired in an observed-only study", _set("session.conditions", ["observed"]), "sort 2 (p01): is a desired sort"),
    ("unknown condition", _set("sorts.0.condition", "ideal"), "condition 'ideal' is not one of observed, desired"),
    ("missing condition", _drop("sorts.0.condition"), "condition None is not one of"),
    ("subgroup not a role", _set("sorts.2.subgroup", "boss"), "sort 3 (p02): subgroup 'boss' is not one of"),
    ("two subgroups", _set("sorts.1.subgroup", "lead"), "sort 2 (p01): gives p01 another subgroup"),
    ("empty participant", _set("sorts.0.participant", " \t"), "sort 1: participant is empty"),
    ("participant a number", _set("sorts.0.participant", 7), "sort 1: participant must be text, not 7"),
    ("long participant", _set("sorts.0.participant", "p" * 41), "participant is 41 characters; at most 40"),
    ("sort not an object", _set("sorts.0", [1, 2]), "sort 1: the sort must be an object, not a list"),
    ("sorts not a list", _set("sorts", {"a": 1}), "sorts must be a list, not an object"),
    ("too many sorts", _set("sorts", [{}] * 5001), "sorts holds 5001 entries; at most 5000"),
    ("placements a list", _set("sorts.0.placements", [1, 0]), "placements must be an object, not a list"),
    ("position as text", _set("sorts.0.placements.1", "1"), "the position of statement 1 must be a whole number"),
    ("huge position", _set("sorts.0.placements.1", 10**15), "the position of statement 1 a huge number is outside"),
    ("id not a number", _rename("sorts.0.placements", "5", "x"), "'x' is not a statement number"),
    ("position off the grid", _set("sorts.0.placements.1", 2), "Column 2 does not exist in this grid"),
    ("statement left out", _drop("sorts.0.placements.5"), "Not every statement is placed yet: 5 are missing"),
    ("too many placements", _set("sorts.0.placements.6", 0), "places 6 statements; the set has 5"),
    ("column overfull", _set("sorts.0.placements.5", 1), "Column +1 holds 1 cards; this sort puts 2 there"),
    # comments
    ("comment for an unknown participant", _set("comments.0.participant", "p09"), "comment 1: belongs to no sort"),
    (
        "comment for an unknown round",
        _set("comments.0.round", 3),
        "no sort in the file (p01, round 3",
    ),
    ("comment on an unknown statement", _set("comments.0.statement_id", 99), "statement 99 is not in the statement"),
    ("comment too long", _set("comments.0.comment", "x" * 501), "the comment is 501 characters; at most 500"),
    ("comment not text", _set("comments.0.comment", ["x"]), "the comment must be text, not a list"),
    (
        "comment on a middle card",
        _set("comments.0.statement_id", 2),
        "comment 1: statement 2 sits in column 0; comments belong only to cards in the outer columns (-1 and +1)",
    ),
    ("comment repeated", _append("comments", lambda d: dict(d["comments"][0])), "comment 3: repeats an earlier"),
    ("comments not a list", _set("comments", "x"), "comments must be a list"),
    ("too many comments", _set("comments", [{}] * 10_001), "comments holds 10001 entries; at most 10000"),
    # statement set and grid
    ("no statement set", _drop("statement_set"), "the statement set must be an object, not None"),
    ("statement text missing", _drop("statement_set.statements.0.text.en"), "its en text must be text, not None"),
    ("statement id as text", _set("statement_set.statements.0.id", "1"), "its id must be a whole number, not '1'"),
    ("statement ids repeated", _set("statement_set.statements.1.id", 1), "repeated ids [1]"),
    ("unknown theme", _set("statement_set.statements.0.theme", "x"), "theme 'x' is not one of"),
    ("theme a list", _set("statement_set.statements.0.theme", ["x"]), "theme a list is not one of"),
    ("statement too long", _set("statement_set.statements.0.text.nl", "w" * 301), "301 characters; at most 300"),
    ("set name a number", _set("statement_set.name.nl", 3), "its nl name must be text, not 3"),
    ("too many statements", _set("statement_set.statements", [{}] * 201), "its statements holds 201 entries"),
    ("too many grid columns", _set("grid.columns", [{}] * 26), "its columns holds 26 entries; at most 25"),
    ("grid value as text", _set("grid.columns.0.value", "-1"), "value must be a whole number, not '-1'"),
    ("grid value huge", _set("grid.columns.0.value", -(10**6)), "value -1000000 is outside -12..12"),
    ("grid count zero", _set("grid.columns.0.count", 0), "count 0 is outside 1..200"),
    ("grid too small", _set("grid.columns.1.count", 2), "has 4 places but the statement set has 5"),
    ("grid not rising", _set("grid.columns.0.value", 1), "column values must rise without repeats"),
    ("grid missing", _set("grid", None), "the grid must be an object, not None"),
    # the session
    ("too many roles", _set("session.roles", [f"r{k}" for k in range(9)]), "roles holds 9 entries; at most 8"),
    ("role with a comma", _set("session.roles", ["team", "a,b"]), "a role holds a comma"),
    ("role repeated", _set("session.roles", ["team", "team"]), "Roles: at most 8"),
    ("role not text", _set("session.roles", [1]), "role 1 must be text, not 1"),
    ("unknown conditions", _set("session.conditions", ["later"]), "conditions must be observed and/or desired"),
    ("no conditions", _set("session.conditions", []), "conditions must be observed and/or desired"),
    ("ask_comments not a bool", _set("session.ask_comments", "yes"), "ask_comments must be true or false"),
    ("title a number", _set("session.title", 12), "the title must be text, not 12"),
    ("session a list", _set("session", []), "session must be an object, not a list"),
    ("newer format", _set("version", 99), "has format version 99; this REVIEW reads up to 1"),
    ("another format", _set("format", "other"), "is not a REVIEW session export"),
]


@pytest.mark.parametrize(("mutate", "expected"), [r[1:] for r in JSON_RULES], ids=[r[0] for r in JSON_RULES])
def test_every_broken_json_rule_is_named_and_nothing_is_written(
    store: Store, mutate: Callable[[dict[str, Any]], None], expected: str
) -> None:
    doc = valid_doc()
    mutate(doc)
    with pytest.raises(StudyImportError) as err:
        store_study(store, read_json(_json(doc)))
    assert expected in message(err)
    assert message(err).endswith("Nothing was imported.")
    assert store.sessions() == [] and set(rows(store).values()) == {0}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{", "the JSON file: is not JSON"),
        (b"[" * 100_000, "the JSON file: is not JSON"),  # nesting deep enough to exhaust the recursion limit
        (b"[]", "is not a REVIEW session export"),
        (b'{"format": "review-session", "statement_set": {"id": "x", "statements": []}}', "no statements"),
    ],
)
def test_what_is_not_an_export_is_refused(data: bytes, expected: str) -> None:
    with pytest.raises(StudyImportError) as err:
        read_json(data)
    assert expected in message(err)


def test_the_five_files_of_the_probe_leave_no_session_behind(store: Store) -> None:
    """The probe's five files each left an open, joinable, empty session; now none does."""
    for _, mutate, _ in JSON_RULES[:5]:
        doc = valid_doc()
        mutate(doc)
        with pytest.raises(StudyImportError, match="Nothing was imported"):
            store_study(store, read_json(_json(doc)))
    assert store.sessions() == [] and set(rows(store).values()) == {0}


def test_comments_are_cleaned_as_on_the_phone() -> None:
    doc = valid_doc()
    doc["comments"][0]["comment"] = "  \x07 "  # blank once cleaned: no comment, as on the phone
    doc["comments"][1]["comment"] = "Echt\x1b waar\u202e.\n"
    study = read_json(_json(doc))
    assert [c["comment"] for c in study.comments] == ["Echt waar."]


def test_comments_sit_only_on_the_outer_columns_as_on_the_phone(store: Store) -> None:
    doc = valid_doc()
    doc["comments"][0]["statement_id"] = 3  # p01's first observed sort puts statement 3 in column 0
    with pytest.raises(StudyImportError) as err:
        store_study(store, read_json(_json(doc)))
    assert message(err) == (
        "Cannot import: comment 1: statement 3 sits in column 0; comments belong only to cards "
        "in the outer columns (-1 and +1). Nothing was imported."
    )
    assert store.sessions() == [] and set(rows(store).values()) == {0}
    doc["comments"][0]["comment"] = " "  # a blank comment is dropped before its card is checked
    assert [c["statement_id"] for c in read_json(_json(doc)).comments] == [2]


def test_timestamps_with_a_zone_are_stored_as_utc(store: Store) -> None:
    doc = valid_doc()
    doc["sorts"][0]["submitted_at"] = "2025-03-14T10:30:00+01:00"
    doc["sorts"][1]["submitted_at"] = None  # absent: the time of the import
    study = read_json(_json(doc))
    assert study.sorts[0]["submitted_at"].isoformat() == "2025-03-14T09:30:00"
    assert study.sorts[1]["submitted_at"] is None
    store_study(store, study)


# -- one transaction -----------------------------------------------------------


@pytest.mark.parametrize("table", ["placements", "comments"])
def test_a_failure_while_writing_leaves_no_session(store: Store, monkeypatch, table: str) -> None:
    """The database fails half-way (after the session row, its code and the participants):
    the whole import is rolled back and the error is the database's own."""
    real = Store._write_sorts

    def failing(tx, session_id, sorts, comments, now) -> None:
        real(tx, session_id, sorts, comments, now)
        assert tx.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0  # written, not yet committed
        raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_write_sorts", staticmethod(failing))
    with pytest.raises(RuntimeError, match=r"^disk full$"):
        store_study(store, read_json(_json(valid_doc())))
    assert store.sessions() == [] and set(rows(store).values()) == {0}


def test_store_study_checks_a_title_set_after_reading(store: Store) -> None:
    """``review import-json --title`` replaces the title of a read study; it is checked too."""
    from dataclasses import replace

    study = read_json(_json(valid_doc()))
    with pytest.raises(StudyImportError, match="the title: give the session a title"):
        store_study(store, replace(study, title=" \x07 "))
    assert store_study(store, replace(study, title="x" * 500 + "\t")).title == "x" * 120
    assert len(store.sessions()) == 1


# -- encodings -----------------------------------------------------------------

CSV_NL = ",a,b\nÉén,1,0\nTwee,0,1\nDrie – vier,-1,-1\n"


def test_utf8_is_read_with_or_without_a_byte_order_mark() -> None:
    for data in (CSV_NL.encode("utf-8"), b"\xef\xbb\xbf" + CSV_NL.encode("utf-8"), CSV_NL):
        study = read_qmethod_csv(data)
        assert [s.text["nl"] for s in study.statement_set.statements] == ["Één", "Twee", "Drie – vier"]


@pytest.mark.parametrize("reader", [read_qmethod_csv, read_json])
def test_windows_1252_csv_and_json_are_refused_with_the_fix(reader: Callable[[bytes], ImportedStudy]) -> None:
    data = CSV_NL.encode("cp1252") if reader is read_qmethod_csv else _json(valid_doc()).decode().encode("cp1252")
    with pytest.raises(StudyImportError) as err:
        reader(data)
    assert "is not UTF-8 (byte" in message(err) and "save it as UTF-8" in message(err)


def test_pqmethod_files_in_windows_1252_are_read_as_such() -> None:
    dat = "  0  1  3 x: y\n -1  1\np1         1 0-1\n"
    sta = "Wij zijn efficiënt – altijd\nÉén\nfoo\n".encode("cp1252")
    study = read_pqmethod(dat.encode("cp1252"), sta)
    assert [s.text["nl"] for s in study.statement_set.statements] == ["Wij zijn efficiënt – altijd", "Één", "foo"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (CSV_NL.encode("utf-16"), "is UTF-16 or not a text file"),
        (CSV_NL.replace("Één", "\ufffd\ufffdn"), "could not be read (U+FFFD)"),  # decoded with errors="replace"
        (b"\xef\xbf\xbd,a\n1,0\n", "could not be read (U+FFFD)"),
    ],
)
def test_text_that_lost_its_encoding_is_refused(data: bytes | str, expected: str) -> None:
    with pytest.raises(StudyImportError) as err:
        read_qmethod_csv(data)
    assert expected in message(err)
    with pytest.raises(StudyImportError):
        read_pqmethod("  0  1  1 x\n  0  0\np1         0\n", data)  # a .sta too


# -- text as given, cleaned ----------------------------------------------------


def test_control_characters_are_stripped_and_titles_cut() -> None:
    csv = ',a,b\n"Wij\x07 doen\tdit\u202e",1,0\nTwee,0,1\nDrie,-1,-1\n'
    study = read_qmethod_csv(csv, "Titel\x00 " + "t" * 200)
    assert study.statement_set.statements[0].text["nl"] == "Wij doen dit"
    assert study.title == ("Titel " + "t" * 200)[:120]
    doc = valid_doc()
    doc["session"]["roles"] = [" team\x1b ", "lead"]
    doc["statement_set"]["statements"][0]["text"]["en"] = "We\r\nlisten\ud800."  # a lone surrogate, too
    study = read_json(json.dumps(doc).encode())  # ASCII escapes: "\\ud800" reaches the reader
    assert study.roles == ("team", "lead") and study.statement_set.statements[0].text["en"] == "We listen."


@pytest.mark.parametrize(
    ("csv", "expected"),
    [
        (",a,b\n" + "w" * 301 + ",1,0\nTwee,0,1\nDrie,-1,-1\n", "line 2: the statement is 301 characters"),
        (",a," + "b" * 41 + "\ns1,1,0\ns2,0,1\ns3,-1,-1\n", "longer than 40 characters"),
        (",a,b\n\x07,1,0\ns2,0,1\ns3,-1,-1\n", "line 2: the statement is empty"),
    ],
)
def test_text_that_is_too_long_or_empty_is_refused(csv: str, expected: str) -> None:
    with pytest.raises(StudyImportError) as err:
        read_qmethod_csv(csv)
    assert expected in message(err)


# -- PQMethod ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dat", "where"),
    [
        ("  0  2  3 x: y\n -1  1  0  0  0  0  1  1  1  0  0  0  0\np1         1 0-1\np2         1 0\n", "line 4"),
        ("  0  2  3 x: y\n -1  1\np1         1 0-1\np2         1 x-1\n", "line 4"),
        ("  0  1  3 x: y\n -1  1\np1         1 0-1\np2         1 0-1\n", "announces 1 Q-sorts but the file holds 2"),
        ("  0  2  3 x: y\n -1  1\np1         1 0-1\np2         1 1-1\n", "Q-sort p2"),
        ("  0  2  3 x: y\n -1  1\np1         1 0-1\np1        -1 0 1\n", "appears twice"),
        ("nonsense", "line 1"),
        ("  0  1  0 x\n  0\np1        \n", "line 1: announces 1 Q-sorts of 0 statements"),
        ("  0  1999 x\n  0\np1        \n", "line 1: announces 1 Q-sorts of 999 statements"),
        ("  0  x  3 x: y\n -1  1\np1         1 0-1\n", "line 1: columns 4-9 must hold the number"),
        ("  0  1  2 x\n  0\np1         ² 0\n", "line 3: holds something that is not a whole number"),
        ("  0  1  2 x\n  0\np1        9919\n", "line 3: holds a position outside -12..+12"),
        ("  0  1  3 x\n  0\np1        -1 1 3\n", "the sorts leave a column of the grid empty"),
    ],
)
def test_malformed_dat_files_name_the_line(store: Store, dat: str, where: str) -> None:
    with pytest.raises(StudyImportError) as err:
        store_study(store, read_pqmethod(dat))
    assert where in message(err)
    assert "Nothing was imported" in message(err)
    assert store.sessions() == []


def test_a_sta_file_with_the_wrong_number_of_statements() -> None:
    dat = "  0  1  3 x: y\n -1  1\np1         1 0-1\n"
    with pytest.raises(StudyImportError, match=r"holds 2 statements; the \.dat file has 3"):
        read_pqmethod(dat, "een\ntwee\n")
    with pytest.raises(StudyImportError, match=r"the \.sta file, line 2: the statement is 301 characters"):
        read_pqmethod(dat, "een\n" + "w" * 301 + "\ndrie\n")


# -- CSV and XLSX ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("csv", "where"),
    [
        (",a,b\ns1,1,0\ns2,,1\ns3,-1,-1\n", "line 3, column a: is empty"),
        (",a,b\ns1,1,0\ns2\ns3,-1,-1\n", "line 3, column a: is empty"),  # a short line
        (",a,b\ns1,1,0,7\ns2,0,1\ns3,-1,-1\n", "line 2: has more cells than the header's 3"),
        (",a,b\ns1,1,0\ns2,nul,1\ns3,-1,-1\n", "'nul' is not a whole number"),
        (",a,b\ns1,1,0\ns2,²,1\ns3,-1,-1\n", "'²' is not a whole number"),
        (",a,b\ns1,1,0\ns2,1000,1\ns3,-1,-1\n", "'1000' is not a whole number"),
        (",a,b\ns1,1,0\ns2,13,1\ns3,-1,-1\n", "13 is outside -12..+12"),
        (",a,b\ns1,1,0\ns1,0,1\ns3,-1,-1\n", "statement id s1 appears twice"),
        (",a,a\ns1,1,0\ns2,0,1\ns3,-1,-1\n", "its own name"),
        (",a,\ns1,1,0\ns2,0,1\ns3,-1,-1\n", "line 2: has more cells than the header's 2"),
        (",a,b\ns1,1,1\ns2,0,1\ns3,-1,-1\n", "Q-sort b: does not fit"),
        (",a,b,c\ns1,1,1,0\ns2,1,0,1\ns3,-1,-1,-1\n", "Q-sort a: does not fit"),  # the odd one, though first
        ("s\ns1\n", "has no Q-sort columns"),
        (",a,b\n", "has no statements"),
        ("", "the CSV file: is empty"),
        (',a\n"s1,1\n', "line 2, column a: is empty"),  # an open quote swallows the rest
        (",a\n" + "".join(f"s{k},0\n" for k in range(MAX_STATEMENTS + 1)), f"at most {MAX_STATEMENTS} statements"),
    ],
)
def test_malformed_csv_files_name_the_place(store: Store, csv: str, where: str) -> None:
    with pytest.raises(StudyImportError) as err:
        store_study(store, read_qmethod_csv(csv))
    assert where in message(err)
    assert store.sessions() == []


def test_a_csv_with_semicolons_as_dutch_excel_writes_it() -> None:
    study = read_qmethod_csv(";a;b\r\ns1;1;0\r\ns2;0;1\r\ns3;-1;-1\r\n")
    assert [s["placements"] for s in study.sorts] == [{1: 1, 2: 0, 3: -1}, {1: 0, 2: 1, 3: -1}]


def xlsx(cells: list[list[object]]) -> bytes:
    book = Workbook()
    for row in cells:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_in_qmethod_layout_is_read_like_the_csv() -> None:
    study = read_qmethod_xlsx(xlsx([[None, "a", "b"], [1, 1, 0.0], ["Twee", "0", 1], [3, -1, -1]]), "x")
    assert [s.text["nl"] for s in study.statement_set.statements] == ["1", "Twee", "3"]
    assert [s["placements"] for s in study.sorts] == [{1: 1, 2: 0, 3: -1}, {1: 0, 2: 1, 3: -1}]


def _zip(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "is not an .xlsx workbook"),
        (b"\xd0\xcf\x11\xe0 an old .xls", "is not an .xlsx workbook (an old .xls"),
        (b"PK\x03\x04 broken", "cannot be read as .xlsx (BadZipFile)"),
        (_zip("hello.txt", b"hi"), "cannot be read as .xlsx"),
        (_zip("xl/worksheets/sheet1.xml", bytes(60_000_000)), "unpacks to more than 5 MB"),
        (xlsx([[None, "a"], ["s1", "nul"]]), "row 2, column a: 'nul' is not a whole number"),
        (xlsx([[None, "a"], ["s1", True]]), "row 2, column a: True is not a whole number"),
        (xlsx([[None, "a"], ["s1", 0.5]]), "row 2, column a: 0.5 is not a whole number"),
        (xlsx([[None, "a"], ["s1", None], ["s2", 0]]), "row 2, column a: is empty"),
        (xlsx([]), "the Excel file: is empty"),
        (xlsx([[None, "a"]] + [[f"s{k}", 0] for k in range(MAX_STATEMENTS + 1)]), "more than 201 rows"),
    ],
)
def test_a_broken_or_foreign_xlsx_is_refused(data: bytes, expected: str) -> None:
    with pytest.raises(StudyImportError) as err:
        read_qmethod_xlsx(data)
    assert expected in message(err)


# -- choosing the reader ---------------------------------------------------------


def test_read_files_picks_the_reader_by_extension() -> None:
    csv = (GOLDEN / "sorts.csv").read_bytes()
    assert read_files({"workshop12.CSV": csv}).title == "workshop12"
    assert read_files({"x.json": _json(valid_doc())}, "Nieuw").title == "Nieuw"
    assert read_files({"x.json": _json(valid_doc())}).title == "Mini"
    study = read_files({"s.sta": b"een\ntwee\ndrie\n", "s.dat": b"  0  1  3 x: y\n -1  1\np1         1 0-1\n"})
    assert study.statement_set.statements[1].text["en"] == "twee" and study.title == "x: y"
    for files in ({}, {"s.sta": b"een\n"}, {"notes.txt": b"x"}):
        with pytest.raises(StudyImportError) as err:
            read_files(files)
        assert message(err) == "Choose a .dat, .csv, .xlsx or .json file first. Nothing was imported."


# -- property: a clear error or a valid result, never a crash, never a partial write ---

_stores: dict[str, Store] = {}


def _fuzz_store() -> Store:
    """One in-memory store for all examples of a run (Hypothesis cannot use function fixtures)."""
    if "s" not in _stores:
        _stores["s"] = Store.open(":memory:")
    return _stores["s"]


def _clear_error_or_whole_study(read: Callable[[], ImportedStudy]) -> None:
    store = _fuzz_store()
    before = rows(store)
    try:
        study = read()
    except StudyImportError:
        return
    try:
        session = store_study(store, study)
    except StudyImportError:
        assert rows(store) == before
        return
    after = rows(store)
    assert after["sessions"] == before["sessions"] + 1
    assert after["sorts"] - before["sorts"] == len(study.sorts)
    assert after["comments"] - before["comments"] == len(study.comments)
    assert store.session(session.id).status == "closed"


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.integers(min_value=-3, max_value=60)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["", "\ud800", "p01", "observed", "desired", "team", "2025-13-40", "1", "-1", "x" * 600]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def _mutated_export(draw: st.DrawFn) -> dict[str, Any]:
    """A valid export with one to three fields replaced by junk, dropped, or (for lists) duplicated."""
    doc = valid_doc()
    for _ in range(draw(st.integers(1, 3))):
        node: Any = doc
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = node[key]
            if isinstance(child, dict | list) and child and draw(st.booleans()):
                node = child
                continue
            action = draw(st.sampled_from(["replace", "drop", "copy"]))
            if action == "replace":
                node[key] = draw(_junk)
            elif action == "drop" and isinstance(node, dict):
                del node[key]
            elif isinstance(node, list):
                node.append(copy.deepcopy(child))
            break
    return doc


@FUZZ
@given(_mutated_export())
def test_fuzz_json_mutations_of_a_valid_export(doc: dict[str, Any]) -> None:
    _clear_error_or_whole_study(lambda: read_json(json.dumps(doc).encode()))


@FUZZ
@given(st.binary(max_size=600) | st.text(max_size=300).map(str.encode))
def test_fuzz_random_bytes_in_every_reader(data: bytes) -> None:
    _clear_error_or_whole_study(lambda: read_json(data))
    _clear_error_or_whole_study(lambda: read_qmethod_csv(data))
    _clear_error_or_whole_study(lambda: read_pqmethod(data))
    _clear_error_or_whole_study(lambda: read_pqmethod(b"  0  1  3 x\n -1  1\np1         1 0-1\n", data))
    _clear_error_or_whole_study(lambda: read_qmethod_xlsx(data))
    _clear_error_or_whole_study(lambda: read_qmethod_xlsx(b"PK\x03\x04" + data))


_cell = st.one_of(
    st.integers(-3, 3),
    st.integers(),
    st.sampled_from(["", " ", "1", "-1", "+2", "nul", "=1+1", "\x00", "²", "1.0", '"', ",", ";", "\n"]),
    st.text(max_size=5),
)


@FUZZ
@given(st.lists(st.lists(_cell, min_size=1, max_size=5), min_size=1, max_size=6))
def test_fuzz_csv_tables(cells: list[list[object]]) -> None:
    lines = [",".join(str(c) for c in row) for row in cells]
    _clear_error_or_whole_study(lambda: read_qmethod_csv("\n".join(lines)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_cell | st.floats() | st.booleans() | st.none(), max_size=4), max_size=5))
def test_fuzz_xlsx_tables(cells: list[list[object]]) -> None:
    clean = [[c.replace("\x00", "") if isinstance(c, str) else c for c in row] for row in cells]
    clean = [[c if not isinstance(c, int) or abs(c) < 2**53 else str(c) for c in row] for row in clean]
    try:
        data = xlsx(clean)
    except (ValueError, IllegalCharacterError):  # what openpyxl will not write is no input of ours
        return
    _clear_error_or_whole_study(lambda: read_qmethod_xlsx(data))


_DAT = "  0  2  3 x: y\n -1  1\np1         1 0-1\np2        -1 0 1\n"


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(_DAT)), st.sampled_from(["del", "ins", "set"]), st.characters())))
def test_fuzz_dat_edits(edits: list[tuple[int, str, str]]) -> None:
    text = _DAT
    for at, kind, char in edits:
        at = min(at, len(text))
        text = {"del": text[:at] + text[at + 1 :], "ins": text[:at] + char + text[at:]}.get(
            kind, text[:at] + char + text[at + 1 :]
        )
    _clear_error_or_whole_study(lambda: read_pqmethod(text.encode("utf-8", "surrogatepass"), "a\nb\nc\n"))
