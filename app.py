"""Entry point: ``streamlit run app.py``.

Defines the ASGI app so the same process serves the Streamlit pages and a few
plain HTTP endpoints (``/api/health``) that share the process's store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from streamlit import net_util

from ui import state


async def health(request: Request) -> JSONResponse:
    try:
        return JSONResponse({"status": "ok", **state.store().health()})
    except Exception as exc:  # a health check reports any failure instead of raising it
        return JSONResponse({"status": "error", "database": "error", "detail": str(exc)[:300]}, status_code=503)


@asynccontextmanager
async def lifespan(_app: st.App) -> AsyncIterator[None]:
    settings = state.settings()
    state.store()  # create and migrate the database now, so a problem shows at start-up
    port = st.get_option("server.port")
    public = settings.public_url or f"http://{net_util.get_internal_ip() or '<this-laptop>'}:{port}"
    print(
        f"\n  REVIEW database:  {settings.db_path}"
        f"\n  Facilitator page: http://localhost:{port}/facilitator"
        f"\n  Phones join at:   {public}  (set REVIEW_PUBLIC_URL if phones cannot reach it)\n",
        flush=True,
    )
    yield
    state.close_store()


app = st.App("main.py", routes=[Route("/api/health", health, methods=["GET"])], lifespan=lifespan)
