"""The compressed copy of Streamlit's static files (ui/static_files.py), on real folders."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli
import pytest

from ui import static_files


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
