"""Plain HTTP endpoints next to the pages (Streamlit 1.67 ``st.App`` routes).

The phone's board saves its draft and submits its sort here with ``fetch``, so
neither needs a page rerun and both can be retried after a dropped connection.
Handlers only parse, call ``review`` and map its errors to status codes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from html import escape
from typing import Any, ClassVar
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from review.access.login import (
    COOKIE,
    COOKIE_HOURS,
    KEY_SETTING,
    cookie_ok,
    cookie_secret,
    key_ok,
    make_cookie,
    password_ok,
)
from review.errors import (
    BadSessionCode,
    DraftAfterSubmit,
    InvalidToken,
    ReviewError,
    SessionClosed,
    SessionPaused,
    UnknownSession,
)
from review.i18n import DEFAULT_LANGUAGE, LANGUAGES, pick_language, t
from review.room.admission import DEVICE_COOKIE
from review.room.aggregates import summary_json
from review.room.sessions import find_session, participant_id, save_draft, submit_sort
from review.room.summaries import shown_summary
from review.store import STORE_ERRORS
from review.store.phones import DRAFT_BATCH
from ui import state

log = logging.getLogger("review")
BODY_LIMIT = 64_000  # bytes; a full sort with comments is a few kB
LOGIN_BODY_LIMIT = 4_096  # a password form
MAX_DEPTH = 8  # a draft nests three levels; nothing we accept nests deeper
STATUS = {
    DraftAfterSubmit: 409,
    UnknownSession: 404,
    BadSessionCode: 404,
    InvalidToken: 404,
    SessionClosed: 409,
    SessionPaused: 409,
}
# Who cannot be told apart from outside: a code that does not exist, a closed one, a session
# with a token that is not its own. One answer for all, so guessing learns nothing.
NOT_FOUND = (UnknownSession, BadSessionCode, InvalidToken)


class BodyTooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, read chunk by chunk and refused as soon as it passes ``limit``
    (a chunked upload has no length header, so the size is only known while streaming)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not (declared.isascii() and declared.isdigit()) or int(declared) > limit):
        raise BodyTooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def is_json(request: Request) -> bool:
    """Sent as JSON? A page on another site can POST ``text/plain`` (a form) without asking first;
    ``application/json`` makes the browser ask (a CORS preflight), which this app never grants."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower() == "application/json"


def client_left(request: Request) -> Response:
    """The client went away before its body arrived (or took too long: ui/http/edge.BodyDeadline). Nobody
    reads the answer; one line in the log instead of a traceback."""
    log.warning("a client left before sending the whole request (%s %s)", request.method, request.url.path)
    return Response(status_code=400)


def _depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects (without recursion)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        node, level = todo.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, level)
            todo.extend((child, level + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def parse_json_body(raw: bytes) -> dict[str, Any] | None:
    """A JSON object of modest depth, or None for anything else."""
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    return body if isinstance(body, dict) and _depth(body) <= MAX_DEPTH else None


def _client(request: Request) -> str:
    return state.client(request.client.host if request.client else None, request.headers.get("x-forwarded-for"))


def _error(exc: ReviewError, lang: str, status: int | None = None, **extra: Any) -> JSONResponse:
    return JSONResponse(
        {"ok": False, "error": exc.key, "message": exc.message(lang), **extra},
        status_code=status or STATUS.get(type(exc), 400),
    )


def _too_many(lang: str, wait: int) -> JSONResponse:
    response = _error(ReviewError("rate.limited", seconds=wait), lang, 429, retry_after=wait)
    response.headers["Retry-After"] = str(wait)
    return response


# Autosaves wait in threads of their own, as many as make a full batch: one may linger for
# company (review.store.phones.DRAFT_LINGER), and at 1,000 phones a minute thirty lingering in the shared pool
# of forty made the submits queue behind them (submit p50 0.55 s -> 3.5 s). Submits keep that pool.
_DRAFT_THREADS = ThreadPoolExecutor(max_workers=DRAFT_BATCH, thread_name_prefix="review-draft")


class _NotFound(Exception):
    """The code and token do not lead to a session this client belongs to."""


def _participant_call(
    action: Callable[..., Any], urgent: bool = False, threads: ThreadPoolExecutor | None = None
) -> Callable[[Request], Any]:
    """An endpoint taking ``{"s": code, "p": token, "condition": ..., "lang": ...}`` plus the action's fields.

    Every answer is JSON in the participant's language; a database that cannot write
    (a full disk) answers 503, which the phone retries while it keeps the sort."""

    async def endpoint(request: Request) -> JSONResponse:
        lang = _browser_language(request)
        if not is_json(request):
            return _error(ReviewError("request.invalid"), lang, 415)
        try:
            body = parse_json_body(await _read_body(request, BODY_LIMIT))
        except BodyTooLarge:
            return _error(ReviewError("request.too_large"), lang, 413)
        except ClientDisconnect:
            return client_left(request)
        if body and body.get("lang") in LANGUAGES:
            lang = body["lang"]
        if body is None:
            return _error(ReviewError("request.invalid"), lang)
        code = str(body.get("s", ""))

        def work() -> None:
            store = state.store()
            try:
                session = find_session(store, code)
                participant_id(store, session, str(body.get("p", "")))
            except NOT_FOUND:
                raise _NotFound() from None
            action(store, session, str(body.get("p", "")), str(body.get("condition", "")), body)

        try:
            with state.PRIORITY.submit() if urgent else contextlib.nullcontext():
                if threads is None:
                    await run_in_threadpool(work)
                else:
                    await asyncio.get_running_loop().run_in_executor(threads, work)
        except _NotFound:
            guesses, guesser = state.code_guesses(request.cookies.get(DEVICE_COOKIE), _client(request))
            wait = guesses.fail(guesser)
            if wait:
                return _too_many(lang, wait)
            return _error(UnknownSession(code=code[:20]), lang, 404)
        except SessionPaused as exc:  # the phone keeps the sort and sends it again by itself
            return _error(exc, lang, retry=True)
        except ReviewError as exc:
            return _error(exc, lang)
        except STORE_ERRORS:
            log.exception("the store could not take a participant's request")
            return _error(ReviewError("store.unavailable"), lang, 503)
        except Exception:
            log.exception("unexpected error in a participant's request")
            return _error(ReviewError("error.unexpected"), lang, 500)
        return JSONResponse({"ok": True})

    return endpoint


def _submit(store, session, token, condition, body) -> None:
    submit_sort(store, session, token, condition, body.get("columns"), body.get("comments"), body.get("role"))


def _draft(store, session, token, condition, body) -> None:
    save_draft(store, session, token, condition, body.get("draft"), body.get("base"))


async def health(request: Request) -> JSONResponse:
    """200 ``{"status": "ok", ...}`` when the store takes a write and reads back (see
    :meth:`Store.health`); 503 ``{"status": "error", "reason": ...}`` when it does not, so a monitor
    notices a full disk or a damaged file before a participant's submit does. The reason is a
    short code (``open``, ``write``, ``read``, ``unexpected``); the sentence behind it names the
    database's path or URL, so only a logged-in facilitator gets it (and the server's log)."""
    try:
        report = await run_in_threadpool(lambda: state.store().health())
    except ReviewError as exc:  # the store cannot even be opened
        report = {"database": "error", "reason": "open", "detail": exc.message("en")}
    except Exception as exc:  # a health check reports any failure instead of raising it
        report = {"database": "error", "reason": "unexpected", "detail": str(exc)[:300]}
    if report.get("database") == "ok":
        return JSONResponse({"status": "ok", **report})
    reason = report.get("reason") or ("write" if report.get("write") == "error" else "read")
    log.warning("health check failed (%s): %s", reason, report.get("detail"))
    facilitator = await run_in_threadpool(_facilitator_if_store, request)
    answer = {"status": "error", "reason": reason, **(report if facilitator else {})}
    return JSONResponse(answer, status_code=503)


def _facilitator_if_store(request: Request) -> bool:
    """:func:`_facilitator`, False when the store that keeps the cookie secret cannot say."""
    try:
        return _facilitator(request)
    except Exception:  # a broken store is what the health check is reporting
        return False


async def metrics(request: Request) -> JSONResponse:
    """Counters for benchmarks: how many page-script runs this process has made."""
    return JSONResponse({"script_runs": state.script_runs()})


def _browser_language(request: Request) -> str:
    return pick_language(request.headers.get("accept-language", "").split(",")[0].strip() or None)


def _login_page(lang: str, message: str = "", status: int = 200) -> HTMLResponse:
    from ui.auth import configured_password

    form = (
        f'<form method="post"><label>{t("login.password", lang)}<br>'
        '<input type="password" name="password" autofocus required></label>'
        f'<button type="submit">{t("auth.login", lang)}</button></form>'
        if configured_password()
        else f"<p>{t('auth.key', lang)}</p>"
    )
    note = f'<p class="msg" role="alert">{escape(message)}</p>' if message else ""
    response = HTMLResponse(
        f'<!doctype html><html lang="{lang}"><meta name="viewport" content="width=device-width">'
        f"<title>REVIEW</title><style>body{{font:18px system-ui;max-width:30rem;margin:3rem auto;padding:0 1rem}}"
        "input,button{font:inherit;padding:.6rem;margin:.5rem 0;width:100%;box-sizing:border-box}"
        "button{background:#1f5fa8;color:#fff;border:0;border-radius:8px}.msg{color:#8a1c1c}"
        ":root{color-scheme:light dark}@media (prefers-color-scheme:dark){.msg{color:#ff9b9b}}</style>"
        f"<main><h1>{t('auth.heading', lang)}</h1>{note}{form}</main></html>",  # a landmark for screen readers
        status_code=status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _logged_in(request: Request) -> Response:
    response = RedirectResponse("../facilitator", status_code=303)  # relative: works behind a path prefix
    response.set_cookie(
        COOKIE,
        make_cookie(cookie_secret(state.store())),
        max_age=COOKIE_HOURS * 3600,
        httponly=True,
        samesite="lax",
        secure=_https(request),
    )
    return response


def _https(request: Request) -> bool:
    """Did the browser come over https (directly, or as the trusted reverse proxy says)?"""
    proxy = state.settings().trusted_proxy
    via_proxy = bool(proxy) and request.client is not None and request.client.host == proxy
    return request.url.scheme == "https" or (via_proxy and request.headers.get("x-forwarded-proto") == "https")


def _login_refused(lang: str, key: str, wait: int) -> HTMLResponse:
    """A wrong password or key; after too many, how long to wait (429)."""
    if wait:
        page = _login_page(lang, t("rate.limited", lang, seconds=wait), status=429)
        page.headers["Retry-After"] = str(wait)
        return page
    return _login_page(lang, t(key, lang), status=403)


async def login(request: Request) -> Response:
    """GET ?key=... (the printed URL) or a form; POST the password. Failed tries are
    rate limited per client address; while a client waits, even the right answer is refused."""
    from ui.auth import configured_password

    lang = _browser_language(request)
    client = _client(request)
    if request.method == "POST":
        try:
            raw = await _read_body(request, LOGIN_BODY_LIMIT)
        except BodyTooLarge:
            return _login_page(lang, t("request.too_large", lang), status=413)
        except ClientDisconnect:
            return client_left(request)
        if wait := state.LOGINS.wait(client):
            return _login_refused(lang, "login.wrong", wait)
        given = parse_qs(raw.decode("utf-8", "replace")).get("password", [""])[0]
        if password_ok(configured_password(), given):
            return _logged_in(request)
        return _login_refused(lang, "login.wrong", state.LOGINS.fail(client))
    key = request.query_params.get("key")
    if key is not None:
        if wait := state.LOGINS.wait(client):
            return _login_refused(lang, "login.bad_key", wait)
        if key_ok(state.store().setting(KEY_SETTING), key):
            return _logged_in(request)
        return _login_refused(lang, "login.bad_key", state.LOGINS.fail(client))
    return _login_page(lang)


def _facilitator(request: Request) -> bool:
    return cookie_ok(cookie_secret(state.store()), request.cookies.get(COOKIE))


async def summary(request: Request) -> JSONResponse:
    """The aggregates behind the results views, for the facilitator only."""
    if not _facilitator(request):
        return JSONResponse({"ok": False, "error": "forbidden"}, status_code=403)
    try:
        store = state.store()
        session = find_session(store, request.path_params["code"])
        condition = request.query_params.get("condition", "observed")
        body = summary_json(shown_summary(store, session, condition, state.settings().min_group))
    except ReviewError as exc:
        return _error(exc, DEFAULT_LANGUAGE)
    return JSONResponse(body)


class ParticipantLane:
    """ASGI middleware that hands a phone's ``POST /api/draft`` and ``/api/submit`` straight to their
    endpoints, ahead of Streamlit's middleware (sessions, gzip, path checks) and router, which
    these small JSON calls do not need: every phone sends about fourteen of them per sort. The
    endpoints catch every error themselves; other methods and paths go on as before."""

    LANE: ClassVar[dict[str, Callable[[Request], Any]]] = {
        "/api/draft": _participant_call(_draft, threads=_DRAFT_THREADS),
        "/api/submit": _participant_call(_submit, urgent=True),
    }

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        endpoint = self.LANE.get(scope.get("path", "")) if scope["type"] == "http" else None
        if endpoint is None or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        response = await endpoint(Request(scope, receive))
        await response(scope, receive, send)


ROUTES = [
    Route("/api/health", health, methods=["GET"]),
    Route("/api/metrics", metrics, methods=["GET"]),
    Route("/api/draft", ParticipantLane.LANE["/api/draft"], methods=["POST"]),  # behind the lane: what
    Route("/api/submit", ParticipantLane.LANE["/api/submit"], methods=["POST"]),  # it does not take
    Route("/api/login", login, methods=["GET", "POST"]),
    Route("/api/summary/{code}", summary, methods=["GET"]),
]
