"""What a participant is called where their name must not appear: two schemes, on purpose.

- :func:`pseudonyms`, the research export's and the analysis's ``p01, p02, ...``: numbered in the
  order of first submission within the sorts given, so a study reads like any Q study (R qmethod,
  PQMethod) and a sort keeps its name in every file of one export. It depends on the whole set of
  sorts: a participant's number says when they submitted relative to the others.
- :func:`anonymous_name`, the facilitator's list of who is sorting (``#3f9a1c``): a hash of one
  participant id, stable from the moment they join, before any sort exists and whatever the others
  do. It must not match the export's number, or the live list (which shows when each person
  submitted) would tell which ``p07`` in a file was whom.

Both only ever name; neither can be turned back into the participant's token.
"""

from __future__ import annotations

import hashlib

import pandas as pd

SCREEN_LABEL_HEX = 6  # hex digits of the screen label: 16 million labels, for a room of at most a few hundred


def pseudonyms(sorts: pd.DataFrame) -> dict[str, str]:
    """``participant id -> p01, p02, ...`` in order of first submission (``p001`` from 100 people on)."""
    order = list(dict.fromkeys(sorts["participant_id"]))
    width = max(2, len(str(len(order))))
    return {pid: f"p{k:0{width}d}" for k, pid in enumerate(order, start=1)}


def anonymous_name(participant_id: str) -> str:
    """A stable, meaningless label for a participant in the facilitator's list of who is sorting:
    never their sort, never their name, and not the exports' p01, p02 (:func:`pseudonyms`)."""
    return "#" + hashlib.sha256(participant_id.encode()).hexdigest()[:SCREEN_LABEL_HEX]
