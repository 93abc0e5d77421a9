"""The two names a participant goes by (review/room/pseudonyms.py): the exports' p01, p02 and the
facilitator's list's #3f9a1c. Their exact output is pinned: files and screens must not change."""

from __future__ import annotations

import pandas as pd

from review.room.pseudonyms import anonymous_name, pseudonyms


def test_export_pseudonyms_number_people_by_first_submission() -> None:
    sorts = pd.DataFrame({"participant_id": ["b", "a", "b", "c", "a"]})
    assert pseudonyms(sorts) == {"b": "p01", "a": "p02", "c": "p03"}


def test_export_pseudonyms_widen_past_99_people() -> None:
    names = pseudonyms(pd.DataFrame({"participant_id": [f"id{k}" for k in range(100)]}))
    assert names["id0"] == "p001" and names["id99"] == "p100"
    assert pseudonyms(pd.DataFrame({"participant_id": []})) == {}


def test_a_screen_label_is_a_short_hash_of_one_id_alone() -> None:
    assert anonymous_name("abc") == "#ba7816"  # SHA-256 of "abc" starts ba7816bf
    assert anonymous_name("abc") != anonymous_name("abd")
    sorts = pd.DataFrame({"participant_id": ["abc"]})
    assert anonymous_name("abc") not in pseudonyms(sorts).values()
