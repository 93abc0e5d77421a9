"""The rows the store's sessions, sorts and published copies come back as: frozen dataclasses.

The topics with rows of their own keep them beside their SQL (:class:`review.store.admission.Phones`,
the library's entries, trajectories and notes); these are the ones several topics share, the
session first, which every topic reads for its round.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from review.content.grid import Grid
from review.content.statements import StatementSet


@dataclass(frozen=True)
class AnalysisChoice:
    """The factor analysis the facilitator chose for the room: what the projector's viewpoints show."""

    condition: str
    extraction: str
    rotation: str
    nfactors: int
    reason: str = ""  # why this number of viewpoints, in the facilitator's words (the report's methods box)
    correlation: str = "pearson"  # between the sorts: pearson, spearman or kendall (R's cor.method)


@dataclass(frozen=True)
class AnalysisStep:
    """One step of a session's analysis log: the room's analysis chosen, its reason changed, or
    forgotten; ``detail`` holds what was chosen (condition, extraction, rotation, nfactors, reason)."""

    at: datetime
    round: int
    step: str  # chosen, reason, forgotten
    detail: dict


def choice_from_json(value: str | None) -> AnalysisChoice | None:
    """The choice as the ``sessions.analysis`` column keeps it (JSON), or None when not chosen."""
    return None if value is None else AnalysisChoice(**json.loads(value))


@dataclass(frozen=True)
class ViewpointWords:
    """What the facilitator called one of the room's viewpoints, and the paragraph they kept for it."""

    number: int  # the viewpoint's number in the chosen analysis
    name: str  # "" : no name, the viewpoint is called by its number
    text: str  # the paragraph as the facilitator kept it
    n_sorts: int  # sorts in the published copy the words were written for


def words_from_json(value: str | None) -> tuple[ViewpointWords, ...]:
    """The ``sessions.viewpoint_words`` column (a JSON list), by number; () when none were written."""
    return tuple(sorted((ViewpointWords(**w) for w in json.loads(value)), key=lambda w: w.number)) if value else ()


@dataclass(frozen=True)
class Session:
    id: str
    code: str
    title: str
    statement_set: StatementSet
    grid: Grid
    conditions: tuple[str, ...]
    status: str
    created_at: datetime
    roles: tuple[str, ...] = ()  # the subgroup question's answers; empty: not asked
    ask_comments: bool = False  # post-sort comments on the cards at both extremes
    current_round: int = 1
    reveal: str = ""  # the results view the projector shows; "" while results are hidden
    pins: tuple[int, ...] = ()  # statements the facilitator pinned for the discussion
    analysis: AnalysisChoice | None = None  # the factor analysis chosen for the room; None: not chosen
    organisation: str = ""  # the client organisation, for the report's cover
    facilitator: str = ""  # who led the session, for the report's cover
    archived_at: datetime | None = None  # None: in the working list
    set_ref: str | None = None  # "set id@version" of the library set it was created from; None: a file
    group_size: int | None = None  # how many people the facilitator said the group has; None: not stated
    viewpoint_words: tuple[ViewpointWords, ...] = ()  # names and paragraphs for the room's viewpoints

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class Progress:
    joined: int  # ever opened the link (scripted joins count here, so screens do not show it)
    submitted: int  # participants with at least one submitted sort in this round
    started: int = 0  # phones (devices) that placed a card in this round, or submitted: what the projector counts


@dataclass(frozen=True)
class ParticipantState:
    """What the facilitator may know of one participant: never the content of a sort."""

    participant_id: str
    submitted: tuple[str, ...]  # conditions submitted in this round
    started: bool  # placed at least one card (a draft with a placement, or a submitted sort)


@dataclass(frozen=True)
class Change:
    """A submitted sort whose version differs from the published copy of one scope."""

    participant_id: str
    condition: str
    role: str | None
    shown_role: str | None
    new: bool  # not in the copy yet (else: a resubmission or a changed role)
    device: str | None = None  # the device it came from; None: the participant's own
    submitted_at: datetime | None = None
    # when its participant's phone was in the room; None: from the start (no device: a sort the
    # facilitator entered, by an import, a paper sort or the demo; phones always join with one)
    admitted_at: datetime | None = None


@dataclass(frozen=True)
class ShownComment:
    """A published post-sort comment, without who wrote it."""

    key: str
    condition: str
    statement_id: int
    position: int
    text: str
