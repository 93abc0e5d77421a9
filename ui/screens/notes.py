"""The discussion's note fields: a Streamlit custom component v2 that saves as the facilitator types.

Each field posts to ``/api/notes/{code}`` (ui/http/api_notes.py) by itself, so typing never reruns the
page; the page passes the stored text in, so a reload or a second tab shows what was typed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import streamlit as st

from review.i18n import t, template
from review.store.trajectories import SESSION_POINT
from review.views.discussion import NOTE_MAX

_HERE = Path(__file__).parent / "notes"
_STATUS_KEYS = ("saving", "saved", "retrying", "refused")

_field = st.components.v2.component(
    "review_note_field",
    html='<div class="rn-root"></div>',
    css=(_HERE / "notes.css").read_text("utf-8"),
    js=(_HERE / "notes.js").read_text("utf-8"),
)


def note_data(code: str, point: str, kind: str, body: str, lang: str) -> dict[str, Any]:
    """What one field needs, as JSON; its texts are set with textContent, the body as the value."""
    return {
        "key": f"{code}:{point}:{kind}",
        "code": code,
        "point": point,
        "kind": kind,
        "body": body,
        "lang": lang,
        "label": t(f"notes.{kind}", lang),
        "placeholder": t(f"notes.{kind}_hint", lang),
        "max": NOTE_MAX,
        "rows": 4 if point == SESSION_POINT else 3,
        "text": {k: template(f"notes.{k}", lang) for k in _STATUS_KEYS},
    }


def widget_key(point: str, kind: str) -> str:
    """A Streamlit key for the field (letters, digits and underscores: it also names a CSS class)."""
    return "note_" + re.sub(r"\W", "_", point or "session") + "_" + kind


def note_field(code: str, point: str, kind: str, body: str, lang: str) -> None:
    _field(key=widget_key(point, kind), data=note_data(code, point, kind, body, lang))
