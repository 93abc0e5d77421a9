"""The phone's Q-sort board: a Streamlit custom component v2 (plain HTML/CSS/JS)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from review.grid import column_label
from review.i18n import template
from review.sessions import COMMENT_LIMIT
from review.store import Session

_HERE = Path(__file__).parent / "qsort"
_BOARD_TEXT_KEYS = (
    "progress", "least", "most", "neutral", "full", "count", "pile", "place", "target_label", "back",
    "submit", "sending", "start", "step_rough", "step_fine", "pile_counts", "previous", "fine_intro",
    "redo_rough", "to_comments", "comments_title", "comments_hint", "back_to_grid", "sent", "offline",
    "waiting", "server_error", "role_question", "role_hint", "progress_rough", "intro_rough",
)  # fmt: skip

_board = st.components.v2.component(
    "review_qsort_board",
    html='<div class="qs-root"></div>',
    css=(_HERE / "board.css").read_text("utf-8"),
    js=(_HERE / "board.js").read_text("utf-8"),
)


def board_data(
    session: Session,
    lang: str,
    token: str,
    condition: str,
    initial: Mapping[int, int] | None = None,
    server_draft: Mapping[str, Any] | None = None,
    role: str | None = None,
) -> dict[str, Any]:
    """Everything the board needs as JSON; the board fills the {placeholders} and sets
    all text with textContent, never as HTML."""
    return {
        "key": f"{session.id}:{token}:{condition}",
        "api": {"s": session.code, "p": token, "condition": condition, "lang": lang},
        "statements": [{"id": s.id, "text": s.in_language(lang)} for s in session.statement_set.statements],
        "columns": [
            {"value": v, "count": c, "label": column_label(v)}
            for v, c in zip(session.grid.values, session.grid.counts, strict=True)
        ],
        "initial": {str(k): v for k, v in (initial or {}).items()},
        "serverDraft": dict(server_draft) if server_draft else None,
        "roles": list(session.roles),
        "role": role,
        "askComments": session.ask_comments,
        "commentLimit": COMMENT_LIMIT,
        "text": {k: template(f"board.{k}", lang) for k in _BOARD_TEXT_KEYS},
    }


def sort_board(key: str, data: dict[str, Any], on_submitted: Callable[[], None]) -> None:
    """Mount the board; ``on_submitted`` runs (before the rerun) once the server has the sort."""
    _board(key=key, data=data, on_submitted_change=on_submitted)
