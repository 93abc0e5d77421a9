"""Entry point: ``streamlit run app.py``.

Defines the ASGI app so the same process serves the Streamlit pages and a few
plain HTTP endpoints (``/api/health``) that share the cached store.
"""

from __future__ import annotations

import streamlit as st
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ui import state


async def health(request: Request) -> JSONResponse:
    try:
        body = {"status": "ok", **state.store().health()}
        return JSONResponse(body)
    except Exception as exc:  # the point of a health check is to report any failure
        return JSONResponse({"status": "error", "database": "error", "detail": str(exc)[:300]}, status_code=503)


app = st.App("main.py", routes=[Route("/api/health", health, methods=["GET"])])
