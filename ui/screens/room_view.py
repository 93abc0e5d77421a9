"""The room's screens: freshness notes, the participant list and the comments, for the
facilitator and the projector. Everything shown comes from :mod:`review.room.live`."""

from __future__ import annotations

import streamlit as st

from review.i18n import t
from review.room.anonymity import may_show
from review.room.live import (
    RoomState,
    comments,
    end_of,
    feature_comment,
    featured_keys,
    participants,
)
from review.room.pseudonyms import anonymous_name
from review.store import Session
from ui import state
from ui.screens.text import md_text


def freshness_note(room: RoomState, lang: str, condition: str = "observed") -> str | None:
    """The "k new sorts since this view" note while fewer than the threshold wait; else None."""
    fresh = room.freshness.get(condition)
    if fresh is None or not fresh.waiting or not may_show(fresh.shown, room.threshold):  # "too few" says it
        return None
    return t("fresh.waiting", lang, k=fresh.waiting, min=room.threshold)


def participant_list(session: Session, lang: str) -> None:
    """Who joined, who is sorting, who submitted: anonymous labels, never content. One element
    for the whole list: the live panel redraws it every second, and a browser redrawing an element
    per person fell seconds behind with hundreds of people."""
    people = participants(state.store(), session)
    if not people:
        st.caption(t("fac.nobody", lang))
        return
    lines = []
    for person in people:
        if person.submitted:
            done = ", ".join(t(f"done.condition.{c}", lang) for c in person.submitted)
            word = t("fac.state.submitted", lang, what=done)
        else:
            word = t("fac.state.sorting" if person.started else "fac.state.joined", lang)
        lines.append(f"- `{anonymous_name(person.participant_id)}` · {word}")
    st.markdown("\n".join(lines))


def comments_panel(session: Session, lang: str) -> None:
    """Per statement, the published comments at both ends; a tick puts one on the projector."""
    if not session.ask_comments:
        st.caption(t("comments.not_asked", lang))
        return
    store = state.store()
    st.caption(t("comments.help", lang, min=state.settings().min_group))
    by_statement = comments(store, session, state.settings().min_group)
    if not by_statement:
        st.info(t("comments.none", lang))
        return
    chosen = featured_keys(store, session)
    texts = session.statement_set.by_id()
    for sid, notes in by_statement.items():
        st.markdown(f"**{md_text(texts[sid].in_language(lang))}**")
        for note in notes:
            end = t(f"comments.end.{end_of(session, note.position)}", lang)
            label = f"{t(f'done.condition.{note.condition}', lang)} · {end}: “{md_text(note.text)}”"
            on = st.checkbox(label, value=note.key in chosen, key=f"feature_{note.key}")
            if on != (note.key in chosen):
                feature_comment(store, session, note.key, on)
