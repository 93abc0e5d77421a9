"""Agreements: what a group agrees at a meeting, carried to its next meetings until it is done or dropped.

An agreement has a text, who takes it up (a role or the team: never a participant, whose sort
nobody may see and whose name the product never asks for), when it is reviewed (the group's next
meeting, or a date) and a status (open, done or dropped) with a line of why. Its status is set on
the discussion page of a later meeting of the same group of the same trajectory, or of the
meeting itself; every status it was given is kept, so the reports tell its history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from review.content.text import CONTROL
from review.errors import ReviewError, UnknownSession
from review.i18n import t
from review.store import Session, Store
from review.store.agreements import OPEN, Agreement
from review.timestamps import long_date
from review.trajectories.trajectory import INTAKE

STATUSES = (OPEN, "done", "dropped")
NEXT = "next"  # reviewed at the group's next meeting
TEXT_LIMIT = 300  # one or two sentences, as a report lists them
OWNER_LIMIT = 60
WHY_LIMIT = 300
TEAM = "team"  # the owner a new agreement starts with, said as "the team" / "het team"


@dataclass(frozen=True)
class Placed:
    """An agreement with where it was made: the meeting's number in its group (None: no trajectory)."""

    agreement: Agreement
    meeting: int | None
    title: str  # the session's title


def _clean(text: object, limit: int, key: str) -> str:
    cleaned = CONTROL.sub("", " ".join(str(text or "").split()))
    if len(cleaned) > limit:
        raise ReviewError(key, limit=limit)
    return cleaned


def _checked(text: object, owner: object, review: object) -> tuple[str, str, str]:
    text = _clean(text, TEXT_LIMIT, "agr.text_too_long")
    if not text:
        raise ReviewError("agr.text_empty")
    owner = _clean(owner, OWNER_LIMIT, "agr.owner_too_long") or TEAM
    review = str(review or NEXT).strip()
    if review != NEXT:
        try:
            date.fromisoformat(review)
        except ValueError:
            raise ReviewError("agr.bad_review", value=review) from None
    return text, owner, review


def make_agreement(store: Store, session: Session, text: object, owner: object, review: object = NEXT) -> str:
    """A new open agreement made at ``session``; returns its id."""
    return store.insert_agreement(session.id, *_checked(text, owner, review))


def edit_agreement(
    store: Store, session: Session, agreement_id: str, text: object, owner: object, review: object
) -> None:
    """Change the words of an agreement made at this meeting (a later meeting sets its status only)."""
    _made_here(store, session, agreement_id)
    store.update_agreement(agreement_id, *_checked(text, owner, review))


def remove_agreement(store: Store, session: Session, agreement_id: str) -> None:
    """Take back an agreement made at this meeting, with its history (a slip, not a dropped agreement)."""
    _made_here(store, session, agreement_id)
    store.delete_agreement(agreement_id)


def set_status(store: Store, session: Session, agreement_id: str, status: str, why: object = "") -> None:
    """Give an agreement a new status at this meeting, with a line of why."""
    if status not in STATUSES:
        raise ReviewError("agr.bad_status", value=status)
    if agreement_id not in {p.agreement.id for p in _reachable(store, session)}:
        raise ReviewError("agr.unknown")
    store.add_agreement_event(agreement_id, status, _clean(why, WHY_LIMIT, "agr.why_too_long"), session.id)


def _made_here(store: Store, session: Session, agreement_id: str) -> None:
    if agreement_id not in {a.id for a in store.agreements([session.id])}:
        raise ReviewError("agr.unknown")


def _group_sessions(store: Store, session: Session) -> list[tuple[str, int | None]]:
    """(session id, meeting number) of this session's group in its trajectory, up to and with this one;
    only this session when it is in none."""
    here = store.meeting_of(session.id)
    if here is None:
        return [(session.id, None)]
    return [
        (m.session_id, m.meeting)
        for m in store.meetings(here.trajectory_id)
        if m.group == here.group and (m.meeting < here.meeting or m.session_id == session.id)
    ]


def _reachable(store: Store, session: Session) -> list[Placed]:
    """The agreements of this meeting and of the group's earlier meetings."""
    meetings = dict(_group_sessions(store, session))
    titles = {sid: store.session(sid).title for sid in meetings}
    return [Placed(a, meetings[a.session_id], titles[a.session_id]) for a in store.agreements(meetings)]


def of_meeting(store: Store, session: Session) -> tuple[list[Placed], list[Placed]]:
    """The agreements made at this meeting, and those of the group's earlier meetings it looks back on:
    the ones still open, and the ones given a status at this meeting (so they stay in view once set).
    One read for both (the report prints both)."""
    reachable = _reachable(store, session)
    made = [p for p in reachable if p.agreement.session_id == session.id]
    looked_back = [
        p
        for p in reachable
        if p.agreement.session_id != session.id
        and (p.agreement.status == OPEN or any(e.set_in == session.id for e in p.agreement.history[1:]))
    ]
    return made, looked_back


def made_at(store: Store, session: Session) -> list[Placed]:
    """The agreements made at this meeting."""
    return of_meeting(store, session)[0]


def carried_over(store: Store, session: Session) -> list[Placed]:
    """The agreements of the group's earlier meetings that this meeting looks back on (:func:`of_meeting`)."""
    return of_meeting(store, session)[1]


# -- in words ------------------------------------------------------------------------------------------------------


def owner_text(owner: str, lang: str) -> str:
    return t("agr.team", lang) if owner == TEAM else owner


def review_text(review: str, lang: str) -> str:
    return (
        t("agr.review.next", lang)
        if review == NEXT
        else t("agr.review_on", lang, date=long_date(date.fromisoformat(review), lang))
    )


def where_text(meeting: int | None, title: str, lang: str) -> str:
    """ "meeting 2", "the intake", or the session's title when it is in no trajectory."""
    if meeting is None:
        return title
    return t("agr.intake", lang) if meeting == INTAKE else t("agr.meeting", lang, n=meeting)


def line(agreement: Agreement, lang: str) -> str:
    """Who takes it up, when it is reviewed and its status, in one line."""
    status = t(f"agr.status.{agreement.status}", lang)
    return t(
        "agr.line",
        lang,
        owner=owner_text(agreement.owner, lang),
        review=review_text(agreement.review, lang),
        status=status,
    )


def history(store: Store, agreement: Agreement, lang: str) -> list[str]:
    """Each status it was given after it was made: "done at meeting 2: <why>"."""
    out = []
    for event in agreement.history[1:]:
        said = t(
            "agr.event", lang, status=t(f"agr.status.{event.status}", lang), where=_where(store, event.set_in, lang)
        )
        out.append(f"{said}: {event.note}" if event.note else said)
    return out


def _where(store: Store, session_id: str | None, lang: str) -> str:
    """Where a status was set; a meeting deleted since is "a deleted meeting"."""
    try:
        session = store.session(session_id or "")
    except UnknownSession:
        return t("agr.deleted_meeting", lang)
    placed = store.meeting_of(session.id)
    return where_text(placed.meeting if placed else None, session.title, lang)
