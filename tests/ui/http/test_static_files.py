"""The compressed copy of Streamlit's static files (ui/http/static_files.py), on real folders."""

from __future__ import annotations

import asyncio
import gzip
import os
from pathlib import Path

import brotli
import pytest

from ui.http import static_files


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "source"
    (folder / "js").mkdir(parents=True)
    (folder / "media").mkdir()
    (folder / "js" / "index.abc123.js").write_text("function hello() { return 'hello'; }\n" * 200)
    (folder / "js" / "tiny.js").write_text("x")
    (folder / "media" / "font.woff2").write_bytes(os.urandom(2000))
    return folder


def test_each_text_file_gets_a_gzip_and_a_brotli_copy_that_unpack_to_it(source: Path, tmp_path: Path):
    folder = static_files.prepared_copy(source, tmp_path / "cache" / "v1")
    original = (source / "js" / "index.abc123.js").read_bytes()
    assert gzip.decompress((folder / "js" / "index.abc123.js.gz").read_bytes()) == original
    assert brotli.decompress((folder / "js" / "index.abc123.js.br").read_bytes()) == original
    assert (folder / "js" / "index.abc123.js").read_bytes() == original  # the plain file stays for old browsers


def test_no_copy_where_compression_would_not_shrink_the_file(source: Path, tmp_path: Path):
    folder = static_files.prepared_copy(source, tmp_path / "cache" / "v1")
    assert not (folder / "js" / "tiny.js.gz").exists()  # one byte: the gzip header alone is bigger
    assert not list((folder / "media").glob("*.br")) and not list((folder / "media").glob("*.gz"))  # woff2 is packed


def test_a_complete_copy_is_reused_not_rebuilt(source: Path, tmp_path: Path):
    target = tmp_path / "cache" / "v1"
    static_files.prepared_copy(source, target)
    marker = target / "js" / "index.abc123.js.br"
    marker.write_bytes(b"kept")
    static_files.prepared_copy(source, target)
    assert marker.read_bytes() == b"kept"
    assert [p.name for p in target.parent.iterdir()] == ["v1"]  # no half-built folder left beside it


def test_a_process_that_finishes_second_keeps_the_first_copy(source: Path, tmp_path: Path, monkeypatch):
    target = tmp_path / "cache" / "v1"
    compress = static_files.compress_tree

    def racing(folder: Path) -> None:  # another process renames its copy into place meanwhile
        compress(folder)
        target.mkdir(parents=True)
        (target / "theirs").write_text("first")

    monkeypatch.setattr(static_files, "compress_tree", racing)
    assert static_files.prepared_copy(source, target) == target
    assert (target / "theirs").read_text() == "first"
    assert [p.name for p in target.parent.iterdir()] == ["v1"]


def test_the_cache_folder_is_per_streamlit_version_and_can_be_moved(tmp_path: Path):
    import streamlit

    assert static_files.cache_folder({}) == static_files.DEFAULT_CACHE / f"streamlit-{streamlit.__version__}"
    moved = static_files.cache_folder({"REVIEW_STATIC_CACHE": str(tmp_path)})
    assert moved == tmp_path / f"streamlit-{streamlit.__version__}"


def test_a_read_only_cache_leaves_streamlit_to_serve_uncompressed(tmp_path: Path, monkeypatch, caplog):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv("REVIEW_STATIC_CACHE", str(locked / "cache"))
    if os.access(locked, os.W_OK):  # root ignores the mode: make the folder a file instead
        locked.chmod(0o700)
        monkeypatch.setenv("REVIEW_STATIC_CACHE", str(tmp_path / "a-file"))
        (tmp_path / "a-file").write_text("not a folder")
    assert static_files.middleware() == []
    assert "uncompressed" in caplog.text


def test_the_files_are_served_under_static_and_under_a_base_path(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("REVIEW_STATIC_CACHE", str(tmp_path))
    monkeypatch.setattr(static_files, "BROTLI_QUALITY", 0)  # the real folder, quickly
    (plain,) = static_files.middleware()
    (based,) = static_files.middleware("/review/")
    assert plain.kwargs["prefix"] == "/static/"
    assert based.kwargs["prefix"] == "/review/static/"
    assert Path(plain.kwargs["root"]).is_dir()


def call(app, path: str, method: str = "GET", **headers: str) -> tuple[int, dict[bytes, bytes], bytes]:
    """One request through the ASGI app: status, headers, body."""
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], dict(start["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


async def streamlit(scope, receive, send) -> None:
    await send({"type": "http.response.start", "status": 299, "headers": []})
    await send({"type": "http.response.body", "body": b"streamlit"})


@pytest.fixture
def served(source: Path, tmp_path: Path) -> static_files.PrecompressedStatic:
    folder = static_files.prepared_copy(source, tmp_path / "cache" / "v1")
    return static_files.PrecompressedStatic(streamlit, root=str(folder), prefix="/static/")


def test_the_best_coding_the_browser_accepts_is_sent(served, source: Path):
    original = (source / "js" / "index.abc123.js").read_bytes()
    status, headers, body = call(served, "/static/js/index.abc123.js", accept_encoding="gzip, deflate, br, zstd")
    assert (status, headers[b"content-encoding"]) == (200, b"br") and brotli.decompress(body) == original
    assert headers[b"content-length"] == str(len(body)).encode()
    assert headers[b"content-type"] == b"text/javascript; charset=utf-8"
    assert headers[b"cache-control"] == b"public, max-age=31536000, immutable"
    assert headers[b"vary"] == b"Accept-Encoding"
    _, headers, body = call(served, "/static/js/index.abc123.js", accept_encoding="gzip, br;q=0")
    assert headers[b"content-encoding"] == b"gzip" and gzip.decompress(body) == original
    _, headers, body = call(served, "/static/js/index.abc123.js")
    assert b"content-encoding" not in headers and body == original


def test_a_file_without_a_smaller_copy_goes_as_it_is(served, source: Path):
    _, headers, body = call(served, "/static/media/font.woff2", accept_encoding="br, gzip")
    assert b"content-encoding" not in headers and headers[b"content-type"] == b"font/woff2"
    assert body == (source / "media" / "font.woff2").read_bytes()


def test_a_cached_copy_is_confirmed_without_a_body(served):
    _, headers, _ = call(served, "/static/js/index.abc123.js", accept_encoding="br")
    status, again, body = call(
        served, "/static/js/index.abc123.js", accept_encoding="br", if_none_match=headers[b"etag"].decode()
    )
    assert (status, body) == (304, b"") and again[b"etag"] == headers[b"etag"]
    status, _, body = call(served, "/static/js/index.abc123.js", if_none_match='"something-else"')
    assert status == 200 and body


def test_head_has_the_headers_and_no_body(served):
    status, headers, body = call(served, "/static/js/index.abc123.js", "HEAD", accept_encoding="br")
    assert (status, body) == (200, b"") and int(headers[b"content-length"]) > 0


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/static/js/missing.js", "GET"),
        ("/static/js/index.abc123.js", "POST"),
        ("/static/js/index.abc123.js.br", "GET"),  # the copies are never addressed by name
        ("/static/../js/index.abc123.js", "GET"),
        ("/", "GET"),
        ("/api/health", "GET"),
    ],
)
def test_everything_else_goes_on_to_streamlit(served, path: str, method: str):
    assert call(served, path, method) == (299, {}, b"streamlit")


@pytest.mark.parametrize(
    ("header", "codings"),
    [("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}), ("br;q=0, gzip;q=0.5", {"gzip"}), ("", {""})],
)
def test_accept_encoding_is_read_with_refusals(header: str, codings: set[str]):
    assert static_files.accepted(header) == codings
