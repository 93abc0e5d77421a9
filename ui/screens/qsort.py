"""The phone's Q-sort board: a Streamlit custom component v2 (plain HTML/CSS/JS)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from review.content.grid import column_label
from review.i18n import template
from review.room.sessions import COMMENT_LIMIT
from review.store import Session

_HERE = Path(__file__).parent / "qsort"
_BOARD_TEXT_KEYS = (
    "progress", "least", "most", "neutral", "count", "pile", "place", "target_label", "back",
    "submit", "sending", "start", "step_rough", "step_fine", "pile_counts", "previous", "fine_intro",
    "redo_rough", "to_comments", "comments_title", "comments_hint", "back_to_grid", "sent", "offline",
    "waiting", "server_error", "role_question", "role_hint", "progress_rough", "intro_rough", "welcome", "free",
    "no_free", "target_full", "full_swap", "swap_with", "swap_cancel", "overview", "overview_col", "moved",
    "moved_one", "moved_none", "confirm_unchanged", "keep_sorting", "submit_unchanged",
)  # fmt: skip

# The participant page on a phone: Streamlit's (empty) top bar and padding hidden, and the page's
# title row kept to one short line, so the board's sticky header stays within a tenth of the screen.
PHONE_CSS = """<style>
header[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 0.6rem; }
.st-key-phone_head { gap: 0.2rem 0.7rem; }
h1 { font-size: 2rem; }  /* the join page's heading in two lines at most on a phone */
.st-key-phone_head h1 { font-size: 1.15rem; padding: 0; line-height: 1.3; }
.st-key-phone_head [data-testid="stCaptionContainer"] p { margin: 0; }
.st-key-phone_head [data-testid="stElementContainer"] { width: auto; flex: 0 1 auto; }
.st-key-phone_head button { min-height: 44px; }
</style>"""

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
    baseline: Mapping[int, int] | None = None,
    base: str | None = None,
) -> dict[str, Any]:
    """Everything the board needs as JSON; the board fills the {placeholders} and sets
    all text with textContent, never as HTML. ``baseline`` is the sort the desired one is
    compared with (the observed sort): the board counts the cards moved from it and asks
    before an unchanged copy is submitted. ``base`` is when the sort being changed was
    submitted (None for a first sort): drafts carry it, so one that arrives after a
    newer submit is refused."""
    return {
        "key": f"{session.id}:{token}:{condition}",
        "api": {"s": session.code, "p": token, "condition": condition, "lang": lang, "base": base},
        "statements": [{"id": s.id, "text": s.in_language(lang)} for s in session.statement_set.statements],
        "columns": [
            {"value": v, "count": c, "label": column_label(v)}
            for v, c in zip(session.grid.values, session.grid.counts, strict=True)
        ],
        "initial": {str(k): v for k, v in (initial or {}).items()},
        "baseline": {str(k): v for k, v in (baseline or {}).items()},
        "serverDraft": dict(server_draft) if server_draft else None,
        "roles": list(session.roles),
        "role": role,
        "askComments": session.ask_comments,
        "commentLimit": COMMENT_LIMIT,
        "text": {k: template(f"board.{k}", lang) for k in _BOARD_TEXT_KEYS}
        | ({"welcome": template("board.welcome_two", lang)} if len(session.conditions) > 1 else {}),
    }


def sort_board(key: str, data: dict[str, Any], on_submitted: Callable[[], None]) -> None:
    """Mount the board; ``on_submitted`` runs (before the rerun) once the server has the sort."""
    _board(key=key, data=data, on_submitted_change=on_submitted)
