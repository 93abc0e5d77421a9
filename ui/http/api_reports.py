"""HTTP endpoints for the reports (issue 10); added to app.py's routes.

``GET /api/report/{code}.{fmt}`` and ``GET /api/report/trajectory/{id}.{fmt}`` (fmt html or pdf,
``?lang=nl|en``), for the facilitator only. Plain routes rather than Streamlit download buttons,
for the reason :mod:`ui.http.api_exports` gives; the report is built in the thread pool (a PDF takes a
few seconds) and sent as an attachment with a safe file name.
"""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from review.errors import ReviewError
from review.i18n import DEFAULT_LANGUAGE, LANGUAGES
from review.report import FORMATS, report_filename, session_report, trajectory_report
from review.room.sessions import find_session
from review.timestamps import utc_now
from ui import state
from ui.http.api import NOT_FOUND, _error, _facilitator

log = logging.getLogger("review")
MEDIA = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def _language(request: Request) -> str:
    lang = request.query_params.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


async def _report(request: Request, build, name: str) -> Response:
    if not _facilitator(request):
        return JSONResponse({"ok": False, "error": "forbidden"}, status_code=403)
    fmt, lang = request.path_params["fmt"], _language(request)
    if fmt not in FORMATS:
        return JSONResponse({"ok": False, "error": "unknown format"}, status_code=404)
    try:
        body = await run_in_threadpool(build, fmt, lang)
    except ReviewError as exc:
        return _error(exc, lang, 404 if isinstance(exc, NOT_FOUND) or exc.key.startswith("error.unknown") else None)
    filename = report_filename(name, utc_now(), fmt)
    return Response(
        body,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


async def session_report_route(request: Request) -> Response:
    code = request.path_params["code"]

    def build(fmt: str, lang: str) -> bytes:
        store = state.store()
        return session_report(store, find_session(store, code), state.settings().min_group, lang, fmt)

    return await _report(request, build, code)


async def trajectory_report_route(request: Request) -> Response:
    trajectory_id = request.path_params["trajectory_id"]

    def build(fmt: str, lang: str) -> bytes:
        return trajectory_report(state.store(), trajectory_id, state.settings().min_group, lang, fmt)

    return await _report(request, build, f"traject-{trajectory_id}")


ROUTES: list[Route] = [
    Route("/api/report/trajectory/{trajectory_id}.{fmt}", trajectory_report_route, methods=["GET"]),
    Route("/api/report/{code}.{fmt}", session_report_route, methods=["GET"]),
]
