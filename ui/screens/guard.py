"""A page-level guard: an unexpected error shows a calm sentence, never a traceback.

The traceback goes to the server's log only (``client.showErrorDetails = "none"`` in
``.streamlit/config.toml`` covers anything that escapes this guard). Streamlit's own
control flow (``st.stop``, ``st.rerun``) derives from BaseException and passes through.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import streamlit as st

from review.i18n import t
from ui import state

log = logging.getLogger("review")
P = ParamSpec("P")
R = TypeVar("R")


def calm_error() -> None:
    """Log the exception being handled and tell the person, in their language, what to do."""
    log.exception("unexpected error while drawing a page")
    try:
        lang = state.language()
    except Exception:  # the language itself failed: fall back rather than raise again
        lang = "nl"
    st.error(t("error.unexpected", lang), icon="🛟")


def guarded(draw: Callable[P, R]) -> Callable[P, R | None]:
    """Run ``draw``; on an unexpected error show :func:`calm_error` instead of a traceback.
    Wrap page bodies and fragments alike: a fragment's reruns do not pass through the page."""

    @functools.wraps(draw)
    def run(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return draw(*args, **kwargs)
        except Exception:
            calm_error()
            return None

    return run
