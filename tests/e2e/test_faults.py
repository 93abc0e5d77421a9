"""Faults against the real app (``streamlit run app.py``): a SIGKILL during concurrent submits,
a full disk under a live session, and start-ups on a broken, read-only or held database.

The promises: every sort the server acknowledged is stored exactly, every acknowledged
autosave restores; a participant on a full disk gets JSON in their own language (the phone
keeps the sort and tries again), and the same submit goes through once there is space; health
says so meanwhile; a database the app cannot use stops the start with one sentence.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from review.access.tokens import participant_of
from review.content.grid import load_grid
from review.content.statements import load_statement_set
from review.i18n import t
from review.room.sessions import check_draft, create_session, join
from review.store import Session, Store
from tests.disks import damage_the_middle, random_bytes, read_only_folder, small_disk
from tests.e2e.conftest import PASSWORD, ROOT, free_port

PARTICIPANTS = 30
KILL_AFTER = 8  # acknowledged submits before the SIGKILL: most of the room is still sending


class App:
    """``streamlit run app.py`` in its own process group (so SIGKILL takes all of it), its log
    kept outside the database's folder (a full disk must not silence it)."""

    def __init__(self, db: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {**os.environ, "REVIEW_DB": str(db), "REVIEW_FACILITATOR_PASSWORD": PASSWORD,
               "REVIEW_PUBLIC_URL": self.url}  # fmt: skip
        with open(log, "w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
                 "--server.address", "127.0.0.1", "--server.headless", "true"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def output(self) -> str:
        return self.log.read_text()

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.get("health")[0] != 200:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the app did not start:\n" + self.output())
            time.sleep(0.2)

    def request(self, name: str, body: dict | None = None) -> tuple[int, str, bytes]:
        """(status, content type, body); status 0 when nothing answered."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"{self.url}/api/{name}", data=data, headers={"Content-Type": "application/json"},
            method="GET" if body is None else "POST",
        )  # fmt: skip
        try:
            with urllib.request.urlopen(req, timeout=15) as r:
                return r.status, r.headers.get("content-type", ""), r.read()
        except urllib.error.HTTPError as err:
            return err.code, err.headers.get("content-type", ""), err.read()
        except OSError:
            return 0, "", b""

    def get(self, name: str) -> tuple[int, dict]:
        status, _, raw = self.request(name)
        return status, (json.loads(raw) if status else {})

    def post(self, name: str, body: dict) -> tuple[int, dict]:
        """A participant's call: the answer must be JSON whatever happened (no plain-text 500)."""
        status, kind, raw = self.request(name, body)
        if status:
            assert kind.startswith("application/json"), (status, kind, raw[:200])
            return status, json.loads(raw)
        return 0, {}

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=20)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def running(db: Path, log: Path) -> Iterator[App]:
    app = App(db, log)
    try:
        app.wait_healthy()
        yield app
    finally:
        app.stop()


def _seed(db: Path, joined: int, langs: tuple[str, ...] = ("nl", "en")) -> tuple[Session, list[str], bytes]:
    """A fresh session with ``joined`` participants' tokens (joined as the join page would)."""
    store = Store.open(db)
    session = create_session(store, "Fault", load_statement_set(), load_grid())
    tokens = [join(store, session, langs[i % len(langs)]) for i in range(joined)]
    secret = store.secret()
    store.close()
    return session, tokens, secret


def _a_sort(session: Session, rng: random.Random) -> dict[int, int]:
    ids = list(session.statement_set.ids)
    rng.shuffle(ids)
    values = [v for v, n in zip(session.grid.values, session.grid.counts, strict=True) for _ in range(n)]
    return dict(zip(ids, values, strict=True))


def _columns(sort: dict[int, int]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for sid, value in sort.items():
        out.setdefault(str(value), []).append(sid)
    return out


def _drafts(sort: dict[int, int], stamp: int) -> list[dict]:
    """Two autosaves on the way to ``sort``: part of the rough sort, then all of it and half the grid."""
    ids = list(sort)
    rough = {str(i): (sort[i] > 0) - (sort[i] < 0) for i in ids}
    first = {"rough": dict(list(rough.items())[:12]), "placed": {}, "stage": "rough", "updated": stamp}
    half = {str(i): sort[i] for i in ids[:25]}
    second = {"rough": rough, "placed": half, "stage": "fine", "updated": stamp + 1}
    return [first, second]


def test_sigkill_during_concurrent_submits_loses_no_acknowledged_sort_or_autosave(tmp_path: Path) -> None:
    db = tmp_path / "review.duckdb"
    session, tokens, secret = _seed(db, PARTICIPANTS)
    rng = random.Random(9)
    sorts = [_a_sort(session, rng) for _ in tokens]
    acked_drafts: dict[int, dict] = {}
    acked_submits: set[int] = set()
    lock = threading.Lock()
    enough = threading.Event()
    rng_delays = [rng.uniform(0, 1.5) for _ in tokens]  # people press submit at slightly different times

    def participant(i: int, app: App) -> None:
        time.sleep(rng_delays[i])
        base = {"s": session.code, "p": tokens[i], "condition": "observed", "lang": "nl"}
        for draft in _drafts(sorts[i], 1_000 * i):
            if app.post("draft", {**base, "draft": draft})[0] == 200:
                with lock:
                    acked_drafts[i] = draft
        if app.post("submit", {**base, "columns": _columns(sorts[i])})[0] == 200:
            with lock:
                acked_submits.add(i)
                if len(acked_submits) >= KILL_AFTER:
                    enough.set()

    with running(db, tmp_path / "first.log") as app:
        threads = [threading.Thread(target=participant, args=(i, app)) for i in range(PARTICIPANTS)]
        for thread in threads:
            thread.start()
        assert enough.wait(30), "the server acknowledged too few submits:\n" + app.output()
        app.kill()
        for thread in threads:
            thread.join(30)
    assert KILL_AFTER <= len(acked_submits) < PARTICIPANTS, "the kill came after everyone had submitted"

    with running(db, tmp_path / "second.log") as again:  # the same file: the restart replays the log
        status, health = again.get("health")
        assert status == 200 and health["status"] == "ok", health

    store = Store.open(db)
    try:
        for i, token in enumerate(tokens):
            pid = participant_of(secret, session.id, token)
            stored = store.sort_of(session.id, pid, "observed")
            if i in acked_submits:
                assert stored == sorts[i], f"participant {i}: an acknowledged sort is missing or changed"
                assert store.draft_of(session.id, pid, "observed") is None
            elif stored is not None:  # stored, but the answer died with the server: the whole sort
                assert stored == sorts[i], f"participant {i}: a half-stored sort"
            elif i in acked_drafts:
                expected = check_draft(session, acked_drafts[i])
                assert store.draft_of(session.id, pid, "observed") == expected, f"participant {i}: draft"
            else:
                assert store.draft_of(session.id, pid, "observed") is None
    finally:
        store.close()


def test_a_full_disk_keeps_the_participant_informed_and_the_submit_goes_through_later(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        db = disk.folder / "review.duckdb"
        session, tokens, secret = _seed(db, 2)
        sorts = [_a_sort(session, random.Random(i)) for i in range(2)]
        bodies = [
            {"s": session.code, "p": token, "condition": "observed", "lang": lang, "columns": _columns(sort)}
            for token, lang, sort in zip(tokens, ("nl", "en"), sorts, strict=True)
        ]
        with running(db, tmp_path / "server.log") as app:
            disk.pid = app.proc.pid
            disk.fill()
            try:
                for body in bodies:
                    status, answer = app.post("submit", body)
                    assert status == 503, (status, answer, app.output()[-2000:])
                    assert answer == {
                        "ok": False, "error": "store.unavailable", "message": t("store.unavailable", body["lang"])
                    }  # fmt: skip
                    # 6 kB, more than the log's last page may hold: a tiny draft can still slip in there
                    notes = {str(i): "x" * 500 for i in range(1, 13)}
                    draft = {"rough": {"1": 1}, "placed": {}, "comments": notes, "stage": "rough", "updated": 1}
                    status, answer = app.post("draft", {**body, "draft": draft})
                    assert status == 503 and answer["message"] == t("store.unavailable", body["lang"])
                status, health = app.get("health")
                assert (status, health) == (503, {"status": "error", "reason": "write"})  # no path for anyone
                assert t("error.store_full", "en", path=str(db)) in app.output()  # the log has the sentence
            finally:
                disk.free()
            for body in bodies:  # what the phone's retry sends, unchanged
                assert app.post("submit", body) == (200, {"ok": True})
            assert app.get("health")[0] == 200
        store = Store.open(db)
        try:
            for token, sort in zip(tokens, sorts, strict=True):
                assert store.sort_of(session.id, participant_of(secret, session.id, token), "observed") == sort
        finally:
            store.close()


def test_a_database_the_app_cannot_use_stops_the_start_with_one_sentence(tmp_path: Path) -> None:
    seeded = tmp_path / "seed.duckdb"
    _seed(seeded, 3)
    damaged, noise, held = (tmp_path / name for name in ("damaged", "noise", "held"))
    for folder in (damaged, noise, held):
        folder.mkdir()
        (folder / "review.duckdb").write_bytes(seeded.read_bytes())
    damage_the_middle(damaged / "review.duckdb")
    random_bytes(noise / "review.duckdb")
    holder = Store.open(held / "review.duckdb")  # this process holds the file, as a running app would
    try:
        with read_only_folder(tmp_path / "ro", seeded) as ro:
            expected = {
                ro: ("error.store_readonly", ro / "review.duckdb"),
                damaged: ("error.store_corrupt", damaged / "review.duckdb"),
                noise: ("error.store_corrupt", noise / "review.duckdb"),
                held: ("error.store_locked", held / "review.duckdb"),
            }
            apps = {folder: App(db, tmp_path / f"{folder.name}.log") for folder, (_, db) in expected.items()}
            for folder, app in apps.items():  # all four start at once: each takes a few seconds
                key, db = expected[folder]
                try:
                    code = app.proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    app.kill()
                    raise AssertionError(f"{folder.name}: the app started anyway") from None
                out = app.output()
                assert code != 0, out
                assert "Traceback" not in out, out
                for lang in ("en", "nl"):
                    assert t("start.refused", lang, reason=t(key, lang, path=str(db))) in out, out
    finally:
        holder.close()
