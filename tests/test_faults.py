"""A database that fails says so in one sentence: the health probe, Store.open, the start-up check.

Real faults, no mocks of DuckDB: a tmpfs filled to the last page (or a file-size limit),
a read-only mount, garbage written over a data block, a second process holding the file.
The e2e twin (tests/e2e/test_faults.py) does the same against the running app.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from starlette.requests import Request

from review.access.login import COOKIE, cookie_secret, make_cookie
from review.errors import StoreLocked, StoreUnavailable
from review.faults import store_failure
from review.i18n import t
from review.room.demo import create_demo_session
from review.store import Store
from review.store.migrations import MIGRATIONS
from tests.conftest import run_async
from tests.disks import damage_the_middle, random_bytes, read_only_folder, small_disk
from ui import state
from ui.http import api

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed database file with one demo workshop, to copy and break."""
    db = tmp_path_factory.mktemp("seed") / "review.duckdb"
    store = Store.open(db)
    create_demo_session(store, participants=12, seed=7, title="Workshop")
    store.close()
    return db


@pytest.fixture
def copy(seeded: Path, tmp_path: Path) -> Path:
    db = tmp_path / "review.duckdb"
    db.write_bytes(seeded.read_bytes())
    return db


@pytest.fixture
def process_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``ui.state``'s process-wide store, reset before and after the test."""
    state.close_store()
    yield
    state.close_store()


def _health_response(
    store: Store | None, monkeypatch: pytest.MonkeyPatch, cookie: str | None = None
) -> tuple[int, dict]:
    """``GET /api/health`` through the route function itself, over ``store`` (with the facilitator's
    ``cookie`` if given)."""
    monkeypatch.setattr(state, "_store", store)
    headers = [(b"cookie", f"{COOKIE}={cookie}".encode())] if cookie else []
    response = run_async(
        api.health(Request({"type": "http", "method": "GET", "headers": headers, "query_string": b""}))
    )
    return response.status_code, json.loads(response.body)


def test_health_reports_a_failed_write_on_a_full_disk_and_recovers(tmp_path: Path, monkeypatch, caplog) -> None:
    with small_disk(tmp_path / "disk") as disk:
        store = Store.open(disk.folder / "review.duckdb")
        assert store.health()["write"] == "ok"
        cookie = make_cookie(cookie_secret(store))
        disk.fill()
        try:
            report = store.health()
            status, body = _health_response(store, monkeypatch)
            facilitator = _health_response(store, monkeypatch, cookie)
            with pytest.raises(StoreUnavailable) as raised:
                store.health(strict=True)
        finally:
            disk.free()
        assert report["database"] == "error" and report["write"] == "error"
        assert report["detail"] == t("error.store_full", "en", path=str(disk.folder / "review.duckdb"))
        # Anyone may ask: they learn that it fails and where, not the database's path.
        assert (status, body) == (503, {"status": "error", "reason": "write"})
        assert facilitator == (503, {"status": "error", "reason": "write", **report})
        assert report["detail"] in caplog.text and "health check failed (write)" in caplog.text
        assert raised.value.key == "error.store_full"
        assert store.health() == {
            "database": "ok",
            "write": "ok",
            "read": "ok",
            "sessions": 0,
            "migrations": len(MIGRATIONS),
        }
        assert _health_response(store, monkeypatch)[0] == 200
        monkeypatch.setattr(state, "_store", None)
        store.close()


def test_health_reads_every_table_so_a_damaged_block_shows(copy: Path, monkeypatch) -> None:
    damage_the_middle(copy)
    store = Store.open(copy)  # the damage is in the data, not the catalog: the file still opens
    try:
        report = store.health()
        assert report["database"] == "error" and report["read"] == "error" and report["write"] == "ok"
        assert report["detail"] == t("error.store_corrupt", "en", path=str(copy))
        status, body = _health_response(store, monkeypatch)
        assert (status, body) == (503, {"status": "error", "reason": "read"})
        with pytest.raises(StoreUnavailable) as raised:
            store.health(strict=True)
        assert raised.value.key == "error.store_corrupt"
    finally:
        monkeypatch.setattr(state, "_store", None)
        store.close()


def test_a_read_only_data_folder_is_one_sentence_naming_the_setting(seeded: Path, tmp_path: Path) -> None:
    with read_only_folder(tmp_path / "ro", seeded) as folder:
        for db in (folder / "review.duckdb", folder / "new.duckdb", folder / "sub" / "review.duckdb"):
            with pytest.raises(StoreUnavailable) as raised:
                Store.open(db)
            assert raised.value.key == "error.store_readonly", db
            assert str(raised.value) == t("error.store_readonly", "en", path=str(db))
            assert "REVIEW_DB=" in raised.value.message("nl")


def test_a_damaged_file_is_one_sentence(tmp_path: Path) -> None:
    db = tmp_path / "review.duckdb"
    random_bytes(db)
    with pytest.raises(StoreUnavailable) as raised:
        Store.open(db)
    assert raised.value.key == "error.store_corrupt"
    assert raised.value.message("nl") == t("error.store_corrupt", "nl", path=str(db))


def test_a_second_process_on_the_file_gets_the_locked_sentence(copy: Path) -> None:
    script = f"from review.store import Store; s = Store.open({str(copy)!r}); print('held', flush=True); input()"
    holder = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLocked) as raised:
            Store.open(copy)
        assert str(raised.value) == t("error.store_locked", "en", path=str(copy))
    finally:
        holder.communicate("\n", timeout=20)
    Store.open(copy).close()  # free again once the other process is gone


def test_the_start_up_check_ends_the_process_with_a_sentence_in_both_languages(
    tmp_path: Path, copy: Path, process_store: None, monkeypatch
) -> None:
    monkeypatch.setenv("REVIEW_DB", str(copy))
    assert state.open_store_or_exit() is state.store()  # a sound file: opened, probed, kept
    state.close_store()

    damage_the_middle(copy)  # opens, but a table cannot be read: refuse now, not at the first phone
    with pytest.raises(SystemExit) as raised:
        state.open_store_or_exit()
    assert raised.value.code == (
        "\n  " + t("start.refused", "en", reason=t("error.store_corrupt", "en", path=str(copy)))
        + "\n  " + t("start.refused", "nl", reason=t("error.store_corrupt", "nl", path=str(copy))) + "\n"
    )  # fmt: skip
    assert state._store is None

    noise = tmp_path / "noise.duckdb"
    random_bytes(noise)
    monkeypatch.setenv("REVIEW_DB", str(noise))
    with pytest.raises(SystemExit) as raised:
        state.open_store_or_exit()
    assert "REVIEW cannot start. The database" in raised.value.code and "REVIEW start niet." in raised.value.code


def test_errors_the_store_cannot_place_keep_their_first_line(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    failure = store_failure(duckdb.IOException("IO Error: something new\nwith details"), db)
    assert failure.key == "error.store_failed"
    assert str(failure) == t("error.store_failed", "en", path=str(db), reason="IO Error: something new")
    # "block" in a checksum message is not a lock
    damaged = store_failure(duckdb.Error("Corrupt database file: computed checksum 1 does not match 2 in block 7"), "x")
    assert damaged.key == "error.store_corrupt"


def test_a_full_disk_at_start_is_named(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        disk.fill()
        try:
            with pytest.raises(StoreUnavailable) as raised:
                Store.open(disk.folder / "review.duckdb")
        finally:
            disk.free()
    assert raised.value.key == "error.store_full"
