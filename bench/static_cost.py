"""Benchmark: the server's CPU per static-file request, side by side in one run.

Run: ``python bench/static_cost.py``. Replays a phone's first visit (the 73 files chromium fetched,
from the load generator's recording, ``bench/load_replay.json``) through each ASGI
handler in-process, with chromium's ``Accept-Encoding``, and prints the median CPU per request and
the bytes sent per visit:

- Streamlit's own static handler (uncompressed; the files read in worker threads);
- ServeStatic 4.4 over the compressed copy (where installed: it also reads in worker threads);
- :class:`ui.http.static_files.PrecompressedStatic` (the compressed copy, from memory, one message).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit import file_util  # noqa: E402
from streamlit.web.server.starlette.starlette_static_routes import create_streamlit_static_handler  # noqa: E402

from ui.http import static_files  # noqa: E402

VISITS = 20
ACCEPT = b"gzip, deflate, br, zstd"


def visit_paths() -> list[str]:
    """The ``/static/`` files of the recorded first visit (the rest are the page and the API)."""
    visit = json.loads((ROOT / "bench" / "load_replay.json").read_text())["visit"]
    return [step["path"] for step in visit if step["path"].startswith("/static/")]


async def one_visit(app, paths: list[str]) -> int:
    sent = 0
    requested: set[str] = set()

    async def receive() -> dict:  # the request's empty body, then a client that stays connected
        if path not in requested:
            requested.add(path)
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        nonlocal sent
        sent += len(message.get("body", b""))

    for path in paths:
        scope = {
            "type": "http", "method": "GET", "path": path, "raw_path": path.encode(), "root_path": "",
            "query_string": b"", "headers": [(b"accept-encoding", ACCEPT)], "extensions": {},
        }  # fmt: skip
        await app(scope, receive, send)
    return sent


def measure(app, paths: list[str]) -> tuple[float, int]:
    per_request, sent = [], 0
    for _ in range(VISITS):
        start = time.process_time()
        sent = asyncio.run(one_visit(app, paths))
        per_request.append((time.process_time() - start) * 1000 / len(paths))
    return statistics.median(per_request), sent


async def not_found(scope, receive, send) -> None:
    await send({"type": "http.response.start", "status": 404, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def main() -> None:
    folder = static_files.prepared_copy(Path(file_util.get_static_dir()) / "static", static_files.cache_folder())
    paths = visit_paths()
    handlers = {"Streamlit's static handler": create_streamlit_static_handler(file_util.get_static_dir(), None)}
    try:
        from servestatic import ServeStaticASGI

        handlers["ServeStatic 4.4, compressed copy"] = ServeStaticASGI(
            not_found, root=str(folder), prefix="/static/", immutable_file_test=lambda _p, _u: True
        )
    except ImportError:
        print("ServeStatic is not installed: its row is left out (pip install servestatic to compare).")
    handlers["PrecompressedStatic, from memory"] = static_files.PrecompressedStatic(
        not_found, root=str(folder), prefix="/static/"
    )
    print(f"{len(paths)} static files per first visit, {VISITS} visits each, median CPU per request")
    baseline = None
    for name, app in handlers.items():
        ms, sent = measure(app, paths)
        baseline = baseline or ms
        print(f"{name:36} {ms:7.3f} ms  {sent / 1e6:5.2f} MB per visit  ({baseline / ms:6.1f}x)")


if __name__ == "__main__":
    main()
