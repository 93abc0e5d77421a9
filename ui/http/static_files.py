"""Streamlit's own JavaScript and CSS, compressed once and served as files.

Streamlit serves its ``/static/`` folder uncompressed (its gzip middleware skips it so as not to
compress on every request): 2.9 MB per phone's first visit, and under load the largest part of the
server's work after the page runs (field notes). Here the folder is copied once per Streamlit
version into a cache folder with a gzip and a brotli file beside each compressible file, and
:class:`PrecompressedStatic` serves whichever the browser accepts from memory, with ``Vary:
Accept-Encoding``, an ETag and a year's ``immutable`` cache (every name under ``/static/`` carries
a content hash). Everything else (``index.html``, the API, the websocket) is left to Streamlit.
"""

from __future__ import annotations

import functools
import gzip
import logging
import os
import shutil
import tempfile
from pathlib import Path

import brotli
import streamlit as st
from starlette.middleware import Middleware
from streamlit import file_util

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CACHE = ROOT / "data" / "static-cache"
COMPRESSIBLE = {".js", ".css", ".json", ".svg", ".html", ".txt", ".map"}
# Quality 11 takes 83 s for Streamlit's 23 MB of JavaScript on this machine; 6 takes 2 s and is
# within 10 % of it, so a first start stays quick. Gzip at 9 (1.2 s) for browsers without brotli.
BROTLI_QUALITY = 6
GZIP_LEVEL = 9


def cache_folder(env: dict[str, str] | None = None) -> Path:
    """Where the compressed copy lives: ``REVIEW_STATIC_CACHE`` or ``data/static-cache``, one
    folder per Streamlit version so an upgrade never serves an old file."""
    env = os.environ if env is None else env
    return Path(env.get("REVIEW_STATIC_CACHE") or DEFAULT_CACHE) / f"streamlit-{st.__version__}"


def compress_tree(folder: Path) -> None:
    """Write ``name.gz`` and ``name.br`` beside each compressible file, where that is smaller."""
    for path in folder.rglob("*"):
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        for suffix, packed in (
            (".gz", gzip.compress(data, GZIP_LEVEL, mtime=0)),
            (".br", brotli.compress(data, quality=BROTLI_QUALITY)),
        ):
            if len(packed) < len(data):
                path.with_name(path.name + suffix).write_bytes(packed)


def prepared_copy(source: Path, target: Path) -> Path:
    """The compressed copy of ``source`` at ``target``, made now unless a complete one is there.

    Built in a temporary folder beside ``target`` and renamed into place, so a folder at
    ``target`` is always complete, and two processes starting together never serve a
    half-written copy (the slower one keeps the first one's)."""
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    try:
        copy = work / "static"
        shutil.copytree(source, copy)
        compress_tree(copy)
        try:
            copy.rename(target)
        except OSError:
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".map": "application/json",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".png": "image/png",
    ".gif": "image/gif",
}
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # in order of preference
CACHE_CONTROL = b"public, max-age=31536000, immutable"  # every name under /static/ carries a content hash


@functools.lru_cache(maxsize=64)  # phones send a handful of distinct headers, 73 times each
def accepted(header: str) -> frozenset[str]:
    """The codings an ``Accept-Encoding`` header allows (``br;q=0`` refuses brotli)."""
    codings = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if params.strip().replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            codings.add(name.strip())
    return frozenset(codings)


class StaticFile:
    """One file of the copy: its variants' paths, read into memory when first asked for."""

    def __init__(self, path: Path) -> None:
        self.variants = {"identity": path} | {
            coding: path.with_name(path.name + suffix)
            for coding, suffix in ENCODINGS
            if path.with_name(path.name + suffix).is_file()
        }
        self.media_type = MEDIA_TYPES.get(path.suffix, "application/octet-stream").encode()
        stat = path.stat()
        self.etag = f'"{stat.st_size:x}-{int(stat.st_mtime):x}"'.encode()
        self._bodies: dict[str, bytes] = {}

    def coding_for(self, accept_encoding: str) -> str:
        allowed = accepted(accept_encoding)
        return next((coding for coding, _ in ENCODINGS if coding in allowed and coding in self.variants), "identity")

    def body(self, coding: str) -> bytes:
        if coding not in self._bodies:
            self._bodies[coding] = self.variants[coding].read_bytes()
        return self._bodies[coding]


class PrecompressedStatic:
    """ASGI middleware: ``GET``/``HEAD`` of a file in the copy is answered from memory in one
    message, in the best coding the browser accepts; everything else goes on to Streamlit.

    ServeStatic did the same from disk, reading each block in a worker thread: 1.18 ms of CPU per
    request against 0.018 ms from memory, replaying a phone's first visit (bench/static_cost.py)."""

    def __init__(self, app, root: str, prefix: str) -> None:
        self.app = app
        folder = Path(root)
        self.files = {
            prefix + path.relative_to(folder).as_posix(): StaticFile(path)
            for path in folder.rglob("*")
            if path.is_file() and path.suffix not in (".gz", ".br")
        }

    async def __call__(self, scope, receive, send) -> None:
        found = self.files.get(scope["path"]) if scope["type"] == "http" else None
        if found is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        coding = found.coding_for(headers.get(b"accept-encoding", b"").decode("latin-1"))
        common = [(b"cache-control", CACHE_CONTROL), (b"etag", found.etag), (b"vary", b"Accept-Encoding")]
        if headers.get(b"if-none-match") == found.etag:
            await send({"type": "http.response.start", "status": 304, "headers": common})
            await send({"type": "http.response.body", "body": b""})
            return
        body = found.body(coding)
        response = [*common, (b"content-type", found.media_type), (b"content-length", str(len(body)).encode())]
        if coding != "identity":
            response.append((b"content-encoding", coding.encode()))
        await send({"type": "http.response.start", "status": 200, "headers": response})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


def middleware(base_url: str = "") -> list[Middleware]:
    """The compressed copy served in front of Streamlit for ``/static/``; none when the copy cannot
    be made (a read-only folder): then Streamlit serves the files itself, uncompressed, and the log
    says why."""
    source = Path(file_util.get_static_dir()) / "static"
    try:
        folder = prepared_copy(source, cache_folder())
    except OSError as exc:
        log.warning("static files are served uncompressed: %s", exc)
        return []
    base = base_url.strip("/")
    prefix = f"/{base}/static/" if base else "/static/"
    return [Middleware(PrecompressedStatic, root=str(folder), prefix=prefix)]
