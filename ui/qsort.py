"""The tap-to-place Q-sort board: a Streamlit custom component v2 (plain HTML/CSS/JS)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from review.grid import column_label
from review.i18n import template
from review.store import Session

_HERE = Path(__file__).parent / "qsort"
_BOARD_TEXT_KEYS = (
    "progress", "least", "most", "full", "count", "pile", "place", "target_label", "back", "submit",
    "sending", "start",
)  # fmt: skip

_board = st.components.v2.component(
    "review_qsort_board",
    html='<div class="qs-root"></div>',
    css=(_HERE / "board.css").read_text("utf-8"),
    js=(_HERE / "board.js").read_text("utf-8"),
)


def board_data(
    session: Session, lang: str, draft_key: str, initial: Mapping[int, int] | None, error: str | None
) -> dict[str, Any]:
    """Everything the board needs as JSON; the board fills the {placeholders} and sets all text as textContent."""
    return {
        "key": draft_key,
        "statements": [{"id": s.id, "text": s.in_language(lang)} for s in session.statement_set.statements],
        "columns": [
            {"value": v, "count": c, "label": column_label(v)}
            for v, c in zip(session.grid.values, session.grid.counts, strict=True)
        ],
        "initial": {str(k): v for k, v in (initial or {}).items()},
        "text": {k: template(f"board.{k}", lang) for k in _BOARD_TEXT_KEYS},
        "error": error or "",
    }


def sort_board(key: str, data: dict[str, Any], on_submit: Callable[[Any], None]) -> None:
    """Mount the board; ``on_submit`` gets the client's ``{"columns": {...}}`` payload."""

    def _submitted() -> None:
        on_submit(st.session_state[key].get("submit"))

    _board(key=key, data=data, on_submit_change=_submitted)
