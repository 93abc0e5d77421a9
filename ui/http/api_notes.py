"""HTTP endpoint for the facilitator's notes (issue 10), added to app.py's routes.

The discussion page's note fields (ui/screens/notes/notes.js) post here as the facilitator types, so a
note is stored without a page rerun (which would fight the typing) and survives a reload.
"""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from review.errors import BadSessionCode, ReviewError, UnknownSession
from review.i18n import LANGUAGES
from review.room.sessions import find_session
from review.store import STORE_ERRORS
from review.views.discussion import save_note
from ui import state
from ui.http.api import (
    BodyTooLarge,
    _browser_language,
    _error,
    _facilitator,
    _read_body,
    client_left,
    is_json,
    parse_json_body,
)

log = logging.getLogger("review")
NOTES_BODY_LIMIT = 64_000  # bytes: a 5000-character note, JSON-escaped at worst 6 bytes a character, and change


async def notes(request: Request) -> JSONResponse:
    """POST ``{"point": key, "kind": "note"|"next", "body": text}`` for session ``code``.

    403 without the facilitator's cookie, 415 for a body not sent as JSON, 413 for a body past the
    limits, 400 for a point, kind or body that breaks a rule (with the message), 404 for an unknown
    code, 503 when the store cannot write (the page retries). 200 ``{"ok": true}`` once stored."""
    lang = _browser_language(request)
    if not _facilitator(request):
        return _error(ReviewError("notes.forbidden"), lang, 403)
    if not is_json(request):
        return _error(ReviewError("request.invalid"), lang, 415)
    try:
        body = parse_json_body(await _read_body(request, NOTES_BODY_LIMIT))
    except BodyTooLarge:
        return _error(ReviewError("request.too_large"), lang, 413)
    except ClientDisconnect:
        return client_left(request)
    if body is None:
        return _error(ReviewError("request.invalid"), lang)
    if body.get("lang") in LANGUAGES:
        lang = body["lang"]

    def work() -> None:
        store = state.store()
        session = find_session(store, request.path_params["code"])
        save_note(store, session, body.get("point"), body.get("kind"), body.get("body"))

    try:
        await run_in_threadpool(work)
    except (UnknownSession, BadSessionCode) as exc:
        return _error(exc, lang, 404)
    except ReviewError as exc:
        return _error(exc, lang, 413 if exc.key == "notes.too_long" else 400)
    except STORE_ERRORS:
        log.exception("the store could not take a note")
        return _error(ReviewError("notes.unavailable"), lang, 503)
    return JSONResponse({"ok": True})


ROUTES: list[Route] = [Route("/api/notes/{code}", notes, methods=["POST"])]
