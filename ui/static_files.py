"""Streamlit's own JavaScript and CSS, compressed once and served as files.

Streamlit serves its ``/static/`` folder uncompressed (its gzip middleware skips it so as not to
compress on every request): 2.9 MB per phone's first visit, and under load the largest part of the
server's work after the page runs (field notes). Here the folder is copied once per Streamlit
version into a cache folder with a gzip and a brotli file beside each compressible file, and
ServeStatic serves whichever the browser accepts, with ``Vary: Accept-Encoding``, ETags and a
year's ``immutable`` cache (every name under ``/static/`` carries a content hash). Everything else
(``index.html``, the API, the websocket) is left to Streamlit.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import tempfile
from pathlib import Path

import brotli
import streamlit as st
from servestatic import ServeStaticASGI
from starlette.middleware import Middleware
from streamlit import file_util

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
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


def _immutable(_path: str, _url: str) -> bool:
    return True  # every file under /static/ is named by its content hash


def middleware(base_url: str = "") -> list[Middleware]:
    """ServeStatic in front of Streamlit for ``/static/``; none when the copy cannot be made (a
    read-only folder): then Streamlit serves the files itself, uncompressed, and the log says why."""
    source = Path(file_util.get_static_dir()) / "static"
    try:
        folder = prepared_copy(source, cache_folder())
    except OSError as exc:
        log.warning("static files are served uncompressed: %s", exc)
        return []
    base = base_url.strip("/")
    prefix = f"/{base}/static/" if base else "/static/"
    return [
        Middleware(
            ServeStaticASGI,
            root=str(folder),
            prefix=prefix,
            immutable_file_test=_immutable,
            allow_all_origins=False,
        )
    ]
