"""Process-wide objects and per-visitor choices for the pages."""

from __future__ import annotations

import contextlib
import threading

import streamlit as st

from review.access.ratelimit import (
    CODE_BURST,
    CODE_EVERY,
    DEVICE_BURST,
    DEVICE_CODE_BURST,
    DEVICE_CODE_EVERY,
    DEVICE_EVERY,
    LOGIN_BURST,
    LOGIN_EVERY,
    RateLimiter,
    client_address,
)
from review.config import Settings
from review.errors import ReviewError
from review.i18n import LANGUAGES, pick_language, t
from review.room import admission
from review.store import Session, Store
from review.store.phones import DRAFT_BATCH, DRAFT_LINGER
from ui.priority import SubmitsFirst

# One DuckDB connection for the whole process (pages and /api routes alike); the
# store hands out a cursor per call. A plain guarded global rather than
# st.cache_resource, because the HTTP routes run outside any script context.
_store: Store | None = None
_store_lock = threading.Lock()


_script_runs = 0

# Submits before page runs, and two page runs at a time (ui/priority.py).
PRIORITY = SubmitsFirst(page_runs=2, longest_wait=1.0)

# Per-process counters of failed guesses, per client address (review.access.ratelimit).
LOGINS = RateLimiter(LOGIN_BURST, LOGIN_EVERY, kind="login", shared=lambda: _shared_store())
CODES = RateLimiter(CODE_BURST, CODE_EVERY, kind="code", shared=lambda: _shared_store())
# ... per device that carries the app's own cookie instead, and new device cookies per address.
DEVICE_CODES = RateLimiter(DEVICE_CODE_BURST, DEVICE_CODE_EVERY, kind="device-code", shared=lambda: _shared_store())
DEVICES = RateLimiter(DEVICE_BURST, DEVICE_EVERY, kind="device", shared=lambda: _shared_store())


def client(peer: str | None, forwarded_for: str | None = None) -> str:
    """The address a visitor's failed guesses count against."""
    return client_address(peer, forwarded_for, settings().trusted_proxy)


def code_guesses(cookie: object, address: str) -> tuple[RateLimiter, str]:
    """The bucket a wrong session code from this visitor spends: its device's, when it carries a
    device cookie the app issued (review.room.admission.guesser), else its address's."""
    device = admission.guesser(store().secret(), cookie, address)
    return (DEVICE_CODES, device) if device else (CODES, address)


def view_stamp(session: Session) -> tuple:
    """What the results views depend on: the published copy, the round and the questions."""
    return (store().view_stamp(session.id), session.current_round, session.conditions, session.roles)


def count_script_run() -> None:
    """Called at the top of every page-script run; the benchmark reads the total."""
    global _script_runs
    _script_runs += 1


def script_runs() -> int:
    return _script_runs


def settings() -> Settings:
    return Settings.from_env()


def store() -> Store:
    """The process's store, opened on first use; :class:`StoreLocked` or
    :class:`StoreUnavailable` (one sentence) when the database cannot be opened."""
    global _store
    with _store_lock:
        if _store is None:
            _store = Store.open(settings().database, draft_linger=DRAFT_LINGER, draft_batch=DRAFT_BATCH)
        return _store


def open_store_or_exit() -> Store:
    """Open the store and prove it takes a write and reads back, before the server starts.

    When it cannot (a read-only folder, a full disk, a damaged file, another process on the
    file), the process ends with that one sentence in English and Dutch and a non-zero exit
    status, not a traceback: the facilitator learns it at start-up, not from the first phone."""
    try:
        opened = store()
        opened.health(strict=True)
    except ReviewError as exc:
        with contextlib.suppress(Exception):  # closing a store that failed may fail the same way
            close_store()
        lines = (t("start.refused", lang, reason=exc.message(lang)) for lang in ("en", "nl"))
        raise SystemExit("\n" + "\n".join(f"  {line}" for line in lines) + "\n") from None
    return opened


def close_store() -> None:
    """Close the process's store (at shutdown, and between tests)."""
    global _store
    with _store_lock:
        if _store is not None:
            _store.close()
            _store = None


def language() -> str:
    """``?lang=`` if set (the switch writes it), else the browser's language."""
    chosen = st.query_params.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return pick_language(st.context.locale)


def language_switch(lang: str, key: str = "lang_switch") -> None:
    """A small button that flips the language, kept in the URL so reloads keep it."""
    if st.button(t("lang.switch", lang), key=key, type="tertiary"):
        st.query_params["lang"] = "en" if lang == "nl" else "nl"
        st.rerun()


def _shared_store() -> Store | None:
    """The store when other processes share its database: failed guesses are counted there."""
    opened = store()
    return opened if opened.shared else None
