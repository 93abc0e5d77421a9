"""What a facilitator and a participant do with a session: the rules around the store."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from review.access.codes import new_code, normalise_code
from review.access.joinlink import tag_ok
from review.access.tokens import new_token, participant_of
from review.content.grid import Grid
from review.content.statements import StatementSet
from review.content.text import CONTROL, TITLE_LIMIT
from review.errors import (
    DraftAfterSubmit,
    InvalidSession,
    ReviewError,
    SessionClosed,
    SessionPaused,
    StatusChangeRefused,
)
from review.store import Session, Store

# Conditions of instruction: the same set sorted as the culture is, and as it should be.
CONDITIONS = ("observed", "desired")


def conditions_asked(desired: bool) -> tuple[str, ...]:
    """The conditions a session asks for: the culture as it is, and as it should be when ``desired``."""
    return CONDITIONS if desired else CONDITIONS[:1]


def _chosen(conditions: Iterable[str]) -> tuple[str, ...]:
    """The conditions asked of ``conditions`` in their fixed order; the culture as it is at least."""
    return tuple(c for c in CONDITIONS if c in set(conditions)) or CONDITIONS[:1]


COMMENT_LIMIT = 500  # a post-sort comment is a sentence or two, not an essay
ROLE_LIMIT = 40  # "professional", "leidinggevende", "stagiair"...
MAX_ROLES = 8  # more subgroups than this cannot stay above the anonymity threshold in a group of 12
ROLES_TEXT_LIMIT = 400  # the roles as typed: MAX_ROLES of ROLE_LIMIT characters with their separators fit
DRAFT_LIMIT = 32_000  # bytes of JSON: a full board with comments is about 6 kB
ROUGH_PILES = (-1, 0, 1)  # least / neutral / most characteristic


def without_control(text: str | None) -> str:
    """Typed text without control characters (they break a PDF line or hide in a report) and without
    the overrides that make a text display as another, by the rule imported text follows
    (:data:`review.content.text.CONTROL`); its line breaks and tabs stay. Trimmed."""
    return CONTROL.sub("", text or "").strip()


def parse_roles(text: str) -> tuple[str, ...]:
    """Roles as a facilitator types them: one per line or separated by commas."""
    roles = tuple(r.strip() for r in re.split(r"[,\n]", text or "") if r.strip())
    if len(roles) > MAX_ROLES or len(set(roles)) != len(roles) or any(len(r) > ROLE_LIMIT for r in roles):
        raise InvalidSession("roles.invalid", max_roles=MAX_ROLES, limit=ROLE_LIMIT)
    return roles


def create_session(
    store: Store,
    title: str,
    statement_set: StatementSet,
    grid: Grid,
    conditions: Iterable[str] = CONDITIONS[:1],
    roles: Iterable[str] = (),
    ask_comments: bool = False,
) -> Session:
    """A new open session with a fresh code; the grid must hold exactly the set."""
    title = (title or "").strip()
    if not title or len(title) > TITLE_LIMIT:
        raise InvalidSession("session.bad_title", limit=TITLE_LIMIT)
    if grid.size != len(statement_set.statements):
        raise InvalidSession("session.grid_mismatch", cells=grid.size, statements=len(statement_set.statements))
    roles = parse_roles(",".join(roles))
    return store.insert_session(free_code(store), title, statement_set, grid, _chosen(conditions), roles, ask_comments)


COVER_LIMIT = 120  # an organisation's or a facilitator's name on the report's cover


def set_cover(store: Store, session: Session, organisation: str, facilitator: str) -> None:
    """Who the session was for and who led it, as the report's cover shows them."""
    organisation, facilitator = (organisation or "").strip(), (facilitator or "").strip()
    if len(organisation) > COVER_LIMIT or len(facilitator) > COVER_LIMIT:
        raise InvalidSession("fac.cover_too_long", limit=COVER_LIMIT)
    store.set_cover(session.id, CONTROL.sub("", organisation), CONTROL.sub("", facilitator))


def find_session(store: Store, code_text: str) -> Session:
    """The session for a code as typed or scanned; a clear error when there is none."""
    return store.session_by_code(normalise_code(code_text))


def join(store: Store, session: Session, lang: str | None = None, code: str | None = None) -> str:
    """Register a new participant and return their signed token for the URL.

    ``code`` is the code they came in with: a code the facilitator replaced (because
    it leaked) admits nobody new, though people who joined with it carry on."""
    _may_join(store, session, code)
    token = new_token(store.secret(), session.id)
    store.add_participant(session.id, participant_of(store.secret(), session.id, token), lang)
    return token


def join_from(
    store: Store, session: Session, device: str, lang: str | None = None, code: str | None = None
) -> tuple[str, bool]:
    """:func:`join` from a phone's ``device`` (review.room.admission.device_key); also says whether the
    phone is in, or waits for the facilitator because the room already has the group's phones."""
    _may_join(store, session, code)
    token = new_token(store.secret(), session.id)
    pid = participant_of(store.secret(), session.id, token)
    return token, store.join_device(session.id, pid, lang, device)


def _may_join(store: Store, session: Session, code: str | None) -> None:
    _open_now(store, session)
    if code is not None and not store.code_is_active(normalise_code(code)):
        raise ReviewError("error.code_retired")


def came_by_link(store: Store, code: object, tag: object) -> bool:
    """Whether a phone came by the QR code's link: its ``k`` signs this very code
    (review.access.joinlink.link_tag), so its join is no guess."""
    try:
        return isinstance(code, str) and tag_ok(store.secret(), normalise_code(code), tag)
    except ReviewError:  # not even a code
        return False


def participant_id(store: Store, session: Session, token: str) -> str:
    """Check the token belongs to this session; :class:`InvalidToken` if not."""
    return participant_of(store.secret(), session.id, token)


def check_condition(session: Session, condition: str) -> None:
    if condition not in session.conditions:
        raise ReviewError("error.unknown_condition", condition=str(condition)[:40])


def _open_now(store: Store, session: Session) -> None:
    status = store.status(session.id)  # the facilitator may have paused or closed it meanwhile
    if status == "paused":
        raise SessionPaused()
    if status != "open":
        raise SessionClosed()


def check_role(session: Session, role: object) -> str | None:
    if role in (None, ""):
        return None
    if role not in session.roles:
        raise ReviewError("role.unknown")
    return str(role)


def check_comments(session: Session, placements: Mapping[int, int], comments: object) -> dict[int, str]:
    """Post-sort comments: text, at most COMMENT_LIMIT characters, only on cards in the
    two outer columns. Blank ones are dropped; control characters are removed. The
    text is stored as typed and escaped wherever it is shown."""
    if comments in (None, {}):
        return {}
    if not isinstance(comments, Mapping):
        raise ReviewError("comment.not_text")
    extremes = {min(session.grid.values), max(session.grid.values)}
    out: dict[int, str] = {}
    for raw_id, raw_text in comments.items():
        if not isinstance(raw_text, str):
            raise ReviewError("comment.not_text")
        text = without_control(raw_text)
        if not text:
            continue
        sid = int(raw_id) if _whole(str(raw_id).lstrip("-")) else None
        if sid is None or placements.get(sid) not in extremes:
            raise ReviewError("comment.not_extreme", statement=str(raw_id)[:12])
        if len(text) > COMMENT_LIMIT:
            raise ReviewError("comment.too_long", statement=sid, length=len(text), limit=COMMENT_LIMIT)
        out[sid] = text
    return out


def submit_sort(
    store: Store,
    session: Session,
    token: str,
    condition: str,
    columns: Any,
    comments: Any = None,
    role: Any = None,
) -> dict[int, int]:
    """Validate a sort as the client sent it and store it, replacing an earlier one.

    Every check runs before anything is written, so a rejected sort stores nothing
    (and the draft the phone holds stays where it is).
    """
    pid = participant_id(store, session, token)
    check_condition(session, condition)
    _open_now(store, session)
    placements = session.grid.validate_columns(columns, session.statement_set.ids)
    notes = check_comments(session, placements, comments) if session.ask_comments else {}
    store.save_sort(session.id, pid, condition, placements, notes, check_role(session, role))
    return placements


def check_draft(session: Session, draft: Any) -> dict[str, Any]:
    """A half-done board as the phone sends it: ``{"rough": {id: -1|0|1}, "placed":
    {id: column}, "comments": {id: text}, "role": str, "stage": str, "updated": ms}``.
    Anything the board could not have produced is refused, so a stored draft always
    restores to a legal board."""

    def bad(reason: str) -> ReviewError:
        return ReviewError("draft.invalid", reason=reason)

    if not isinstance(draft, Mapping):
        raise bad("not an object")
    if len(json.dumps(draft)) > DRAFT_LIMIT:
        raise bad("too large")
    known = set(session.statement_set.ids)
    capacity = session.grid.capacity()
    rough, placed = draft.get("rough") or {}, draft.get("placed") or {}
    if not isinstance(rough, Mapping) or not isinstance(placed, Mapping):
        raise bad("piles and placements must be objects")
    for table, allowed in ((rough, set(ROUGH_PILES)), (placed, set(capacity))):
        for sid, value in table.items():
            if not _whole(str(sid)) or int(sid) not in known:
                raise bad(f"unknown statement {str(sid)[:12]}")
            if type(value) is not int or value not in allowed:
                raise bad(f"impossible position {str(value)[:12]}")
    for column, count in capacity.items():
        if sum(1 for v in placed.values() if v == column) > count:
            raise bad(f"column {column} overfilled")
    comments = draft.get("comments") or {}
    if not isinstance(comments, Mapping) or any(
        not isinstance(v, str) or len(v) > COMMENT_LIMIT for v in comments.values()
    ):
        raise bad("comments must be short texts")
    check_role(session, draft.get("role"))
    return {
        "rough": {str(k): v for k, v in rough.items()},
        "placed": {str(k): v for k, v in placed.items()},
        "comments": {str(k): v for k, v in comments.items() if _whole(str(k)) and int(k) in known},
        "role": draft.get("role") or None,
        "stage": str(draft.get("stage") or "")[:20],
        "updated": draft.get("updated") if type(draft.get("updated")) is int else 0,
    }


def save_draft(store: Store, session: Session, token: str, condition: str, draft: Any, base: Any = None) -> None:
    """Keep a half-done board. ``base`` is the submit the board started from (see
    :meth:`Store.sort_stamp`); a draft from before the latest submit is refused."""
    pid = participant_id(store, session, token)
    check_condition(session, condition)
    checked = check_draft(session, draft)
    if not store.save_draft(session.id, pid, condition, checked, base if isinstance(base, str) else None):
        _open_now(store, session)  # refused: a paused or closed session says so ...
        raise DraftAfterSubmit()  # ... else a submit came after the board opened


STATUSES = ("open", "paused", "closed")
# Where a session may go from each status (the facilitator's page offers exactly these buttons):
# pause and resume, close from either, reopen a closed one. A closed session reopens before it pauses.
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"paused", "closed"}),
    "paused": frozenset({"open", "closed"}),
    "closed": frozenset({"open"}),
}
# The changes the table refuses, each with its own message "error.status_<from>_to_<to>".
REFUSED = tuple((a, b) for a in STATUSES for b in STATUSES if a != b and b not in TRANSITIONS[a])


def next_statuses(status: str) -> frozenset[str]:
    """The statuses a session in ``status`` may go to (none from a status that does not exist)."""
    return TRANSITIONS.get(status, frozenset())


def set_status(store: Store, session: Session, status: str) -> None:
    """Move the session to ``status`` if :data:`TRANSITIONS` allows it from the status it has now,
    read from the store (another tab may have changed it). The status it already has changes nothing:
    a second tab asked for what the first did. Anything else is :class:`StatusChangeRefused`.
    The change is made only from the status it was judged from (one conditional update): when
    another tab or process changed it in between, it is judged again from the new status."""
    if status not in STATUSES:
        raise StatusChangeRefused("error.status_unknown", status=str(status)[:40])
    while True:
        current = store.status(session.id)
        if status == current:
            return
        if status not in next_statuses(current):
            raise StatusChangeRefused(f"error.status_{current}_to_{status}")
        if store.change_status(session.id, current, status):
            return


def free_code(store: Store) -> str:
    """A new join code that no session has had (a clash is one in hundreds of millions; retried anyway)."""
    code = new_code()
    while store.code_exists(code):
        code = new_code()
    return code


def replace_code(store: Store, session: Session) -> str:
    """Give the session a fresh join code (the old one leaked); returns it."""
    code = free_code(store)
    store.replace_code(session.id, code)
    return code


def change_questions(store: Store, session: Session, conditions: Iterable[str], roles_text: str) -> None:
    """Change which conditions and which roles are asked; only before anyone submitted
    in this round, so no sort is ever read against other questions than it answered."""
    if store.progress(session.id).submitted:
        raise InvalidSession("session.questions_locked")
    store.set_conditions(session.id, _chosen(conditions))
    store.set_roles(session.id, parse_roles(roles_text))


def toggle_pin(store: Store, session: Session, statement_id: int) -> tuple[int, ...]:
    """Pin a statement for the discussion, or unpin it; returns the pins in pinning order."""
    if statement_id not in session.statement_set.ids:
        raise ReviewError("sort.unknown_statement", statement=statement_id)
    pins = list(store.session(session.id).pins)
    pins = [p for p in pins if p != statement_id] if statement_id in pins else [*pins, statement_id]
    store.set_pins(session.id, pins)
    return tuple(pins)


def own_sort(store: Store, session: Session, token: str, condition: str) -> dict[int, int] | None:
    return store.sort_of(session.id, participant_id(store, session, token), condition)


def _whole(text: str) -> bool:
    """Digits 0-9 only: ``str.isdigit`` also takes '¹' and '²', which ``int`` refuses."""
    return text.isascii() and text.isdigit()


def has_choice(session: Session) -> bool:
    """Whether the room has a viewpoints step: an analysis chosen, of a condition the session still asks."""
    return session.analysis is not None and session.analysis.condition in session.conditions
