"""Plain HTTP endpoints next to the pages (Streamlit 1.67 ``st.App`` routes).

The phone's board saves its draft and submits its sort here with ``fetch``, so
neither needs a page rerun and both can be retried after a dropped connection.
Handlers only parse, call ``review`` and map its errors to status codes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from review.access import COOKIE, COOKIE_HOURS, cookie_ok, key_ok, make_cookie, password_ok
from review.aggregates import summary_json
from review.errors import BadSessionCode, InvalidToken, ReviewError, SessionClosed, SessionPaused, UnknownSession
from review.exports import latin1, to_csv, to_json, to_pqmethod, to_xlsx
from review.i18n import DEFAULT_LANGUAGE, LANGUAGES, pick_language, t
from review.results import shown_summary
from review.sessions import check_condition, find_session, save_draft, submit_sort
from ui import state

BODY_LIMIT = 64_000  # bytes; a full sort with comments is a few kB
STATUS = {InvalidToken: 403, UnknownSession: 404, BadSessionCode: 404, SessionClosed: 409, SessionPaused: 409}
KEY_SETTING = "facilitator_key_hash"


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
    """200 ``{"status": "ok", ...}`` when the store takes a write and reads back (see
    :meth:`Store.health`); 503 ``{"status": "error", ...}`` when it does not, so a monitor
    notices a full disk or a damaged file before a participant's submit does."""
    try:
        report = await run_in_threadpool(lambda: state.store().health())
    except ReviewError as exc:  # the store cannot even be opened
        report = {"database": "error", "detail": exc.message("en")}
    except Exception as exc:  # a health check reports any failure instead of raising it
        report = {"database": "error", "detail": str(exc)[:300]}
    ok = report.get("database") == "ok"
    return JSONResponse({"status": "ok" if ok else "error", **report}, status_code=200 if ok else 503)


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
    return HTMLResponse(
        f'<!doctype html><html lang="{lang}"><meta name="viewport" content="width=device-width">'
        f"<title>REVIEW</title><style>body{{font:18px system-ui;max-width:30rem;margin:3rem auto;padding:0 1rem}}"
        "input,button{font:inherit;padding:.6rem;margin:.5rem 0;width:100%;box-sizing:border-box}"
        "button{background:#1f5fa8;color:#fff;border:0;border-radius:8px}.msg{color:#8a1c1c}</style>"
        f"<h1>{t('auth.heading', lang)}</h1>{note}{form}</html>",
        status_code=status,
    )


def _logged_in() -> Response:
    response = RedirectResponse("../facilitator", status_code=303)  # relative: works behind a path prefix
    response.set_cookie(
        COOKIE, make_cookie(state.store().secret()), max_age=COOKIE_HOURS * 3600, httponly=True, samesite="lax"
    )
    return response


async def login(request: Request) -> Response:
    """GET ?key=... (the printed URL) or a form; POST the password."""
    from ui.auth import configured_password

    lang = _browser_language(request)
    if request.method == "POST":
        body = (await request.body())[:4096].decode("utf-8", "replace")
        given = parse_qs(body).get("password", [""])[0]
        if password_ok(configured_password(), given):
            return _logged_in()
        return _login_page(lang, t("login.wrong", lang), status=403)
    key = request.query_params.get("key")
    if key is not None:
        if key_ok(state.store().setting(KEY_SETTING), key):
            return _logged_in()
        return _login_page(lang, t("login.bad_key", lang), status=403)
    return _login_page(lang)


async def summary(request: Request) -> JSONResponse:
    """The aggregates behind the results views, for the facilitator only."""
    if not cookie_ok(state.store().secret(), request.cookies.get(COOKIE)):
        return JSONResponse({"ok": False, "error": "forbidden"}, status_code=403)
    try:
        store = state.store()
        session = find_session(store, request.path_params["code"])
        condition = request.query_params.get("condition", "observed")
        body = summary_json(shown_summary(store, session, condition, state.settings().min_group))
    except ReviewError as exc:
        return _error(exc, DEFAULT_LANGUAGE)
    return JSONResponse(body)


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "dat": "text/plain; charset=latin-1",
    "sta": "text/plain; charset=latin-1",
}


async def export(request: Request) -> Response:
    """A session's data as a file download, for the facilitator only.

    A plain route rather than Streamlit's deferred download button: the facilitator page
    refreshes a fragment every second, and such refreshes drop a deferred download's
    callable, so a click a few seconds later downloaded nothing (Streamlit 1.67)."""
    if not cookie_ok(state.store().secret(), request.cookies.get(COOKIE)):
        return JSONResponse({"ok": False, "error": "forbidden"}, status_code=403)
    fmt = request.path_params["fmt"]
    if fmt not in EXPORT_TYPES:
        return JSONResponse({"ok": False, "error": "unknown format"}, status_code=404)
    lang = request.query_params.get("lang", DEFAULT_LANGUAGE)
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    condition = request.query_params.get("condition", "observed")

    def work() -> bytes:
        store = state.store()
        session = find_session(store, request.path_params["code"])
        if fmt == "csv":
            return to_csv(store, session, lang).encode("utf-8")
        if fmt == "xlsx":
            return to_xlsx(store, session, lang)
        if fmt == "json":
            return json.dumps(to_json(store, session), ensure_ascii=False, indent=1).encode("utf-8")
        check_condition(session, condition)
        dat, sta = to_pqmethod(store, session, condition, lang)
        return latin1(dat if fmt == "dat" else sta)

    try:
        body = await run_in_threadpool(work)
    except ReviewError as exc:
        return _error(exc, lang)
    suffix = f"-{condition}" if fmt in ("dat", "sta") else ""
    name = f"review-{request.path_params['code']}{suffix}.{fmt}"
    return Response(
        body, media_type=EXPORT_TYPES[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


ROUTES = [
    Route("/api/health", health, methods=["GET"]),
    Route("/api/metrics", metrics, methods=["GET"]),
    Route("/api/draft", _participant_call(_draft), methods=["POST"]),
    Route("/api/submit", _participant_call(_submit), methods=["POST"]),
    Route("/api/login", login, methods=["GET", "POST"]),
    Route("/api/summary/{code}", summary, methods=["GET"]),
    Route("/api/export/{code}.{fmt}", export, methods=["GET"]),
]
