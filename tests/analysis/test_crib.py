"""A viewpoint in words: the crib sheet (by the rules Ken-Q Analysis documents and computes), the
paragraph made from it, and the facilitator's names and paragraphs for the room's viewpoints
(through a real DuckDB file)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from review.analysis.crib import LISTS, CribSheet, crib_sheet, crib_sheets, marks, paragraph
from review.analysis.qmethod import analyze
from review.analysis.viewpoints import NAME_LIMIT, TEXT_LIMIT, choose, forget_choice, name_viewpoints, room_viewpoints
from review.errors import ReviewError
from review.room import live as room
from review.room.demo import create_demo_session
from review.store import Store, ViewpointWords
from scripts.crib_lipset import kenq_lists  # Ken-Q's loops as its source reads; the lipset check uses it too

GOLDEN = Path(__file__).resolve().parents[1] / "golden"

# --- a case checked by hand ----------------------------------------------------------------------------------------
# Nine statements on a grid -2..+2 holding 1, 2, 3, 2, 1; two viewpoints.
Z = pd.DataFrame(
    {
        "f1": [2.0, 1.5, 1.0, 0.5, 0.0, -0.5, -1.0, -1.5, -2.0],
        "f2": [0.1, 2.0, -1.0, 1.2, 0.0, -2.0, 1.0, -1.2, -0.1],
    },
    index=[str(i) for i in range(1, 10)],
)
ARRAYS = pd.DataFrame({"f1": [2, 1, 1, 0, 0, 0, -1, -1, -2], "f2": [0, 2, -1, 1, 0, -2, 1, -1, 0]}, index=Z.index)
MARKS = pd.DataFrame(
    {"f1": ["", "", "D", "", "C", "D*", "", "", ""], "f2": ["", "", "", "", "C", "", "", "", ""]}, index=Z.index
)
TEXTS = {i: f"S{i}." for i in range(1, 10)}


def ids(sheet: CribSheet) -> dict[str, list[int]]:
    return {name: [i.statement_id for i in getattr(sheet, name)] for name in LISTS}


def test_the_four_lists_by_hand() -> None:
    # f1 in z order: 1..9. Top column (+2) holds one: 1; bottom (-2) one: 9.
    # Higher (at 0 or above and at least as high as f2): 3 (1 vs -1), 5 (0 vs 0: a tie counts), 6 (0 vs -2);
    # not 2 (1 vs 2) nor 4 (0 vs 1). Lower (at 0 or below, at least as low): 4 (0 vs 1), 5, 7 (-1 vs 1),
    # 8 (-1 vs -1); not 6 (0 vs -2).
    f1 = crib_sheet(Z, ARRAYS, MARKS, "f1")
    assert ids(f1) == {"highest": [1], "higher": [3, 5, 6], "lower": [4, 5, 7, 8], "lowest": [9]}
    assert f1.others == ("f2",) and f1.number == 1
    assert [(i.position, i.others, i.mark) for i in f1.higher] == [(1, (-1,), "D"), (0, (0,), "C"), (0, (-2,), "D*")]
    # f2 in z order: 2, 4, 7, 1, 5, 9, 3, 8, 6.
    f2 = crib_sheet(Z, ARRAYS, MARKS, "f2")
    assert ids(f2) == {"highest": [2], "higher": [4, 7, 5, 9], "lower": [1, 5, 3, 8], "lowest": [6]}


def test_one_viewpoint_has_no_higher_or_lower_than_the_others() -> None:
    sheet = crib_sheet(Z[["f1"]], ARRAYS[["f1"]], MARKS[["f1"]], "f1")
    assert ids(sheet) == {"highest": [1], "higher": [], "lower": [], "lowest": [9]}
    assert paragraph(sheet, TEXTS, "en") == "This viewpoint puts “S1” first. It puts “S9” last."


def test_the_paragraph_by_hand_in_both_languages() -> None:
    f1 = crib_sheet(Z, ARRAYS, MARKS, "f1")
    # higher: the consensus statement 5 is never said; 3 distinguishes (said first), then 6.
    # lower from the bottom: 8, 7, (5: consensus), 4; 8 ties with f2 (-1 and -1), so 7 and 4 come first.
    assert paragraph(f1, TEXTS, "en") == (
        "This viewpoint puts “S1” first. It ranks “S3” and “S6” higher than the other viewpoints do, "
        "and “S7” and “S4” lower. It puts “S9” last."
    )
    assert paragraph(f1, TEXTS, "nl") == (
        "Dit standpunt zet ‘S1’ voorop. Het zet ‘S3’ en ‘S6’ hoger dan de andere standpunten, "
        "en ‘S7’ en ‘S4’ lager. Het zet ‘S9’ achteraan."
    )


def test_the_paragraph_names_two_at_each_end_and_a_missing_side_is_left_out() -> None:
    arrays = ARRAYS.copy()
    arrays["f1"] = [2, 2, 1, 0, 0, 0, -1, -2, -2]  # two in each end column
    sheet = crib_sheet(Z, arrays, MARKS, "f1")
    assert [i.statement_id for i in sheet.highest] == [1, 2] and [i.statement_id for i in sheet.lowest] == [8, 9]
    text = paragraph(sheet, TEXTS, "en")
    assert text.startswith("This viewpoint puts “S1” and “S2” first.") and text.endswith("It puts “S9” and “S8” last.")
    only_higher = CribSheet("f1", ("f2",), sheet.highest, sheet.higher, (), sheet.lowest)
    assert "It ranks “S3” and “S6” higher than the other viewpoints do. It puts" in paragraph(only_higher, TEXTS, "en")
    only_lower = CribSheet("f1", ("f2",), sheet.highest, (), sheet.lower, sheet.lowest)
    assert "first. It ranks “S7” and “S4” lower than the other viewpoints do. It puts" in paragraph(
        only_lower, TEXTS, "en"
    )


# --- against R's numbers, by the rules as Ken-Q's code applies them (lipset: scripts/crib_lipset.py) ----------


def r_table(case: str, name: str, prefix: str = "") -> pd.DataFrame:
    table = pd.read_csv(GOLDEN / case / f"{name}.csv", index_col=0)
    return table.rename(columns=lambda c: c.removeprefix(prefix))


@pytest.mark.parametrize("case", ["workshop12", "group30", "bipolar40"])
def test_the_crib_sheets_equal_kenqs_rules_on_rs_numbers(case: str) -> None:
    source = (GOLDEN / case / "SOURCE.txt").read_text()
    z = r_table(case, "zscores", "zsc_")
    arrays = r_table(case, "factor_arrays", "fsc_")
    dist = r_table(case, "distinguishing_consensus").rename(columns={"dist.and.cons": "dist_and_cons"})
    sorts = r_table(case, "sorts")
    nfactors = z.shape[1]
    extraction = "centroid" if "centroid" in source.lower() else "pca"
    ours = crib_sheets(analyze(sorts, nfactors, extraction, "varimax"))
    r_marks = marks(dist, list(z.columns))
    for factor in z.columns:
        expected = kenq_lists(z, arrays, factor)
        assert ids(ours[factor]) == expected, factor
        # the same lists from R's own tables through the product's function, marks included
        from_r = crib_sheet(z, arrays, r_marks, factor)
        assert ids(from_r) == expected
        assert [[i.mark for i in getattr(from_r, n)] for n in LISTS] == [
            [i.mark for i in getattr(ours[factor], n)] for n in LISTS
        ]
    assert any(i.mark for sheet in ours.values() for n in LISTS for i in getattr(sheet, n))  # marks are set at all


# --- the facilitator's words for the room ---------------------------------------------------------------------


def named_room(store: Store):
    session = create_demo_session(store, participants=12)
    choose(store, session, "observed", "pca", "varimax", 2)
    session = store.session(session.id)
    room.refresh(store, session, 3)
    return store.session(session.id)


def test_names_and_paragraphs_reach_the_room_and_survive_a_restart(db_path: Path) -> None:
    store = Store.open(db_path)
    session = named_room(store)
    assert "0009_viewpoint_words" in store.applied_migrations()
    shown = room_viewpoints(store, session, 3).shown
    texts = {sid: s.in_language("en") for sid, s in session.statement_set.by_id().items()}
    made = shown[0].text(texts, "en")
    assert made.startswith("This viewpoint puts “") and shown[0].title("en") == "Viewpoint 1"
    name_viewpoints(store, session, {1: ("  The  careful\u202e ones ", "Our own words.\n"), 2: ("", "")}, 3)
    store.close()
    store = Store.open(db_path)
    session = store.session(session.id)
    assert session.viewpoint_words == (ViewpointWords(1, "The careful ones", "Our own words.", 12),)
    first, second = room_viewpoints(store, session, 3).shown
    assert first.title("nl") == "Standpunt 1: The careful ones" and first.text(texts, "en") == "Our own words."
    assert second.words is None and second.title("en") == "Viewpoint 2"
    store.close()


def test_a_kept_paragraph_follows_each_language(store: Store) -> None:
    session = named_room(store)
    view = room_viewpoints(store, session, 3).shown[0]
    by_lang = {
        lang: {sid: s.in_language(lang) for sid, s in session.statement_set.by_id().items()} for lang in ("nl", "en")
    }
    name_viewpoints(store, session, {1: ("Zorg", view.text(by_lang["nl"], "nl"))}, 3)
    kept = store.session(session.id).viewpoint_words
    assert kept == (ViewpointWords(1, "Zorg", "", 12),)  # the made paragraph is not frozen in Dutch
    view = room_viewpoints(store, store.session(session.id), 3).shown[0]
    assert view.text(by_lang["en"], "en").startswith("This viewpoint puts")


def test_each_rule_on_the_words_has_a_clear_message(store: Store) -> None:
    session = create_demo_session(store, participants=12)
    with pytest.raises(ReviewError) as err:
        name_viewpoints(store, session, {1: ("A", "")}, 3)
    assert err.value.message("en") == "The facilitator has not chosen an analysis yet."
    session = named_room(store)
    cases = [
        ({3: ("A", "")}, "Viewpoint 3 is not on the projector and cannot be named."),
        ({1: ("x" * (NAME_LIMIT + 1), "")}, f"A name can have at most {NAME_LIMIT} characters."),
        ({1: ("A", "x" * (TEXT_LIMIT + 1))}, f"A description can have at most {TEXT_LIMIT} characters."),
    ]
    for written, message in cases:
        with pytest.raises(ReviewError) as err:
            name_viewpoints(store, session, written, 3)
        assert err.value.message("en") == message
        assert err.value.message("nl") != message
    assert store.session(session.id).viewpoint_words == ()  # nothing half-kept
    name_viewpoints(store, session, {1: ("x" * NAME_LIMIT, "y" * TEXT_LIMIT)}, 3)  # the limits themselves pass
    assert store.session(session.id).viewpoint_words[0].name == "x" * NAME_LIMIT


def test_another_analysis_forgets_the_words_and_the_same_one_keeps_them(store: Store) -> None:
    session = named_room(store)
    name_viewpoints(store, session, {1: ("A", "")}, 3)
    choose(store, store.session(session.id), "observed", "pca", "varimax", 2)  # the same choice again
    assert store.session(session.id).viewpoint_words != ()
    choose(store, store.session(session.id), "observed", "pca", "varimax", 1)
    assert store.session(session.id).viewpoint_words == ()
    name_viewpoints(store, store.session(session.id), {1: ("A", "")}, 3)
    forget_choice(store, store.session(session.id))
    assert store.session(session.id).viewpoint_words == ()


def test_the_rooms_crib_sheets_say_nothing_of_a_viewpoint_it_is_not_shown(store: Store) -> None:
    """Viewpoint 3 of the demo rests on one sort: its model sort is that person's sort. The room's crib
    sheets compare the shown viewpoints with each other only, so no column, list or mark reads it."""
    session = create_demo_session(store, participants=12)
    choose(store, session, "observed", "pca", "varimax", 3)
    session = store.session(session.id)
    room.refresh(store, session, 3)
    shown = room_viewpoints(store, session, 3)
    assert [v.number for v in shown.shown] == [1, 2] and ("vp.few", {"n": 3, "min": 3}) in shown.notes
    for view in shown.shown:
        assert view.crib.others == (("f2",) if view.number == 1 else ("f1",))
        assert all(len(i.others) == 1 for n in LISTS for i in getattr(view.crib, n))
    # the lists equal those of a two-factor table of the same analysis: the third factor left out entirely
    from review.analysis.viewpoints import session_sorts

    result = analyze(session_sorts(store, session, "observed", published=True), 3, "pca", "varimax")
    two = crib_sheets(result, ["f1", "f2"])
    assert [ids(two[f]) for f in ("f1", "f2")] == [ids(v.crib) for v in shown.shown]
    choose(store, session, "observed", "pca", "varimax", 2)  # shared by 7 and 5
    alone = room_viewpoints(store, store.session(session.id), 6).shown  # a threshold of 6: viewpoint 1 alone
    assert [v.number for v in alone] == [1] and alone[0].crib.others == ()
    assert alone[0].crib.higher == alone[0].crib.lower == ()
