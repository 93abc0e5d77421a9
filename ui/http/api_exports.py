"""HTTP endpoints for a session's data files; added to app.py's routes. Facilitator only.

- ``GET /api/export/{code}.{fmt}`` (csv, xlsx, json): the group export (:mod:`review.studies.group_export`),
  aggregates at or above the anonymity threshold, the featured comments, the session's date.
- ``GET /api/export/{code}/research.{fmt}`` (csv, xlsx, json, dat, sta; ``?condition=`` for the
  PQMethod files): the research export (:mod:`review.studies.exports`), every sort under a pseudonym. Its own
  path and file name (``..._research.csv``), so it is only ever fetched by choosing it.

Plain routes rather than Streamlit's deferred download button: the facilitator page refreshes a
fragment every second, and such refreshes drop a deferred download's callable, so a click a few
seconds later downloaded nothing (Streamlit 1.67).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from review.errors import ReviewError
from review.i18n import DEFAULT_LANGUAGE, LANGUAGES
from review.room.sessions import check_condition, find_session
from review.store import Session, Store
from review.studies import exports, group_export
from ui import state
from ui.http.api import _error, _facilitator

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "dat": "text/plain; charset=latin-1",
    "sta": "text/plain; charset=latin-1",
}
GROUP_FORMATS = group_export.FORMATS
RESEARCH_FORMATS = ("csv", "xlsx", "json", "dat", "sta")


def _json(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _group(store: Store, session: Session, fmt: str, lang: str, condition: str) -> bytes:
    k = state.settings().min_group
    if fmt == "csv":
        return group_export.to_csv(store, session, k, lang).encode("utf-8")
    if fmt == "xlsx":
        return group_export.to_xlsx(store, session, k, lang)
    return _json(group_export.to_json(store, session, k, lang))


def _research(store: Store, session: Session, fmt: str, lang: str, condition: str) -> bytes:
    if fmt == "csv":
        return exports.to_csv(store, session, lang).encode("utf-8")
    if fmt == "xlsx":
        return exports.to_xlsx(store, session, lang)
    if fmt == "json":
        return _json(exports.to_json(store, session))
    check_condition(session, condition)
    dat, sta = exports.to_pqmethod(store, session, condition, lang)
    return exports.latin1(dat if fmt == "dat" else sta)


async def _download(
    request: Request, formats: tuple[str, ...], build: Callable[..., bytes], research: bool
) -> Response:
    if not _facilitator(request):
        return JSONResponse({"ok": False, "error": "forbidden"}, status_code=403)
    fmt, code = request.path_params["fmt"], request.path_params["code"]
    if fmt not in formats:
        return JSONResponse({"ok": False, "error": "unknown format"}, status_code=404)
    lang = request.query_params.get("lang", DEFAULT_LANGUAGE)
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    condition = request.query_params.get("condition", "observed")

    def work() -> bytes:
        store = state.store()
        return build(store, find_session(store, code), fmt, lang, condition)

    try:
        body = await run_in_threadpool(work)
    except ReviewError as exc:
        return _error(exc, lang)
    suffix = f"-{condition}" if fmt in ("dat", "sta") else ""
    name = f"review-{code}{suffix}{'_research' if research else ''}.{fmt}"
    return Response(
        body,
        media_type=TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


async def group_download(request: Request) -> Response:
    return await _download(request, GROUP_FORMATS, _group, research=False)


async def research_download(request: Request) -> Response:
    return await _download(request, RESEARCH_FORMATS, _research, research=True)


ROUTES: list[Route] = [
    Route("/api/export/{code}/research.{fmt}", research_download, methods=["GET"]),
    Route("/api/export/{code}.{fmt}", group_download, methods=["GET"]),
]
