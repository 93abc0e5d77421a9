"""Plain HTTP endpoints next to the pages (Streamlit 1.67 ``st.App`` routes).

The phone's board saves its draft and submits its sort here with ``fetch``, so
neither needs a page rerun and both can be retried after a dropped connection.
Handlers only parse, call ``review`` and map its errors to status codes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from review.errors import BadSessionCode, InvalidToken, ReviewError, SessionClosed, UnknownSession
from review.i18n import DEFAULT_LANGUAGE, LANGUAGES
from review.sessions import find_session, save_draft, submit_sort
from ui import state

BODY_LIMIT = 64_000  # bytes; a full sort with comments is a few kB
STATUS = {InvalidToken: 403, UnknownSession: 404, BadSessionCode: 404, SessionClosed: 409}


async def _json_body(request: Request) -> dict[str, Any] | None:
    if int(request.headers.get("content-length") or 0) > BODY_LIMIT:
        return None
    raw = await request.body()
    if len(raw) > BODY_LIMIT:
        return None
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def _error(exc: ReviewError, lang: str) -> JSONResponse:
    return JSONResponse(
        {"ok": False, "error": exc.key, "message": exc.message(lang)}, status_code=STATUS.get(type(exc), 400)
    )


def _participant_call(action: Callable[..., Any]) -> Callable[[Request], Any]:
    """An endpoint taking ``{"s": code, "p": token, "condition": ..., "lang": ...}`` plus the action's fields."""

    async def endpoint(request: Request) -> JSONResponse:
        body = await _json_body(request)
        lang = body.get("lang") if body and body.get("lang") in LANGUAGES else DEFAULT_LANGUAGE
        if body is None:
            return _error(ReviewError("request.invalid"), lang)

        def work() -> None:
            store = state.store()
            session = find_session(store, str(body.get("s", "")))
            action(store, session, str(body.get("p", "")), str(body.get("condition", "")), body)

        try:
            await run_in_threadpool(work)
        except ReviewError as exc:
            return _error(exc, lang)
        return JSONResponse({"ok": True})

    return endpoint


def _submit(store, session, token, condition, body) -> None:
    submit_sort(store, session, token, condition, body.get("columns"), body.get("comments"), body.get("role"))


def _draft(store, session, token, condition, body) -> None:
    save_draft(store, session, token, condition, body.get("draft"))


async def health(request: Request) -> JSONResponse:
    try:
        return JSONResponse({"status": "ok", **state.store().health()})
    except Exception as exc:  # a health check reports any failure instead of raising it
        return JSONResponse({"status": "error", "database": "error", "detail": str(exc)[:300]}, status_code=503)


async def metrics(request: Request) -> JSONResponse:
    """Counters for benchmarks: how many page-script runs this process has made."""
    return JSONResponse({"script_runs": state.script_runs()})


ROUTES = [
    Route("/api/health", health, methods=["GET"]),
    Route("/api/metrics", metrics, methods=["GET"]),
    Route("/api/draft", _participant_call(_draft), methods=["POST"]),
    Route("/api/submit", _participant_call(_submit), methods=["POST"]),
]
