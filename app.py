"""Entry point: ``streamlit run app.py``.

Defines the ASGI app so the same process serves the Streamlit pages and the
plain HTTP endpoints of ``ui/http/api.py`` (health, draft autosave, submit), all
sharing the process's one store.
"""

from __future__ import annotations

import os

# One BLAS thread, set before numpy is first imported: the analysis's matrices are small (50 x n),
# and on a busy 2-core server a second OpenBLAS thread made the 60-sort analysis 8x slower
# (2 ms -> 16 ms, bench/analysis.py --blas-threads 2) while phones waited for the same cores.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware
from streamlit import net_util

from review.access.joinlink import phones_join_at
from review.room.lifecycle import purge_abandoned_drafts
from ui import state
from ui.auth import new_epoch
from ui.http import api_exports, api_notes, api_reports, static_files
from ui.http.api import ROUTES, ParticipantLane
from ui.http.device_cookie import DeviceCookie
from ui.http.edge import BodyDeadline, SameOrigin, SecurityHeaders, bound_header_time, trust_forwarded_headers_only_from
from ui.http.upload_gate import UploadGate


@asynccontextmanager
async def lifespan(_app: st.App) -> AsyncIterator[None]:
    settings = state.settings()
    store = state.store()  # create and migrate the database now, so a problem shows at start-up
    purged = purge_abandoned_drafts(store, settings.draft_retention_days)  # before any phone can be mid-sort
    port = st.get_option("server.port")
    public = phones_join_at(settings.public_url, st.get_option("server.address"), net_util.get_internal_ip(), port)
    login = new_epoch(port, starting=True)  # cookies and keys of an earlier start stop working
    print(
        f"\n  REVIEW database:  {state.store().path}"
        f"\n  Facilitator:      {login}"
        f"\n  Phones join at:   {public}  (set REVIEW_PUBLIC_URL if phones cannot reach it)\n",
        flush=True,
    )
    if purged:
        print(f"  Purged {purged} drafts of sorts never submitted (older than {settings.draft_retention_days} days).")
    yield
    state.close_store()


# Open and check the database before the server starts. A read-only folder, a full disk, a damaged
# file or another process on the file ends the start with one sentence and exit status 1; raised in
# the lifespan instead, the same error would reach the terminal as uvicorn's traceback.
state.open_store_or_exit()
trust_forwarded_headers_only_from(state.settings().trusted_proxy)
bound_header_time(state.settings().body_seconds)
app = st.App(
    "main.py",
    routes=[*ROUTES, *api_exports.ROUTES, *api_notes.ROUTES, *api_reports.ROUTES],
    middleware=[
        # First in the list is outermost: its headers reach every response, the files' included.
        Middleware(SecurityHeaders),
        Middleware(SameOrigin),
        Middleware(BodyDeadline, seconds=state.settings().body_seconds),
        Middleware(DeviceCookie),
        *static_files.middleware(st.get_option("server.baseUrlPath") or ""),
        Middleware(ParticipantLane),
        Middleware(UploadGate, limit=st.get_option("server.maxUploadSize") * 1_048_576),
    ],
    lifespan=lifespan,
)
