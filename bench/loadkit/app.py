"""The app under load: started on a fresh database (or given by URL), and what is read from it:
health, script runs, CPU and memory from /proc, and the sorts stored."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "load-facilitator-password"
T0 = time.monotonic()


def log(text: str) -> None:
    """Progress on stderr, so stdout stays the report."""
    print(f"[{time.monotonic() - T0:6.1f} s] {text}", file=sys.stderr, flush=True)


@dataclass
class App:
    url: str
    code: str
    password: str
    pid: int | None = None
    db: str | None = None  # the DuckDB file or the PostgreSQL URL it was started on
    log: Path | None = None  # the started server's output

    @property
    def host_port(self) -> tuple[str, int]:
        parts = urllib.parse.urlsplit(self.url)
        return parts.hostname or "127.0.0.1", parts.port or 80


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(db: str) -> str:
    """One open session on a fresh database, made before the server starts (one process per file)."""
    from review.content.grid import load_grid
    from review.content.statements import load_statement_set
    from review.room.sessions import create_session
    from review.store import Store

    store = Store.open(db)
    session = create_session(store, "Load", load_statement_set(), load_grid())
    store.close()
    return session.code


@contextmanager
def started_app(folder: Path, database_url: str | None = None) -> Iterator[App]:
    """``streamlit run app.py`` on a free loopback port over a fresh database (a DuckDB file in
    ``folder``, or the empty PostgreSQL database at ``database_url``); stopped afterwards."""
    db = database_url or str(folder / "load.duckdb")
    code = seed(db)
    port = free_port()
    env = {**os.environ, "REVIEW_DB": str(folder / "load.duckdb"), "REVIEW_FACILITATOR_PASSWORD": PASSWORD,
           "REVIEW_PUBLIC_URL": f"http://127.0.0.1:{port}"}  # fmt: skip
    if database_url:
        env["REVIEW_DATABASE_URL"] = database_url
    server_log = open(folder / "server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    app = App(f"http://127.0.0.1:{port}", code, PASSWORD, proc.pid, db, folder / "server.log")
    try:
        deadline = time.monotonic() + 60
        while not healthy(app.url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the app did not start: " + (folder / "server.log").read_text()[-2000:])
            time.sleep(0.2)
        log(f"app up at {app.url}, session {code}")
        yield app
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        server_log.close()


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/api/health", timeout=5) as r:
            return json.loads(r.read()).get("status") == "ok"
    except (OSError, ValueError):
        return False


def get_json(url: str, cookie: str = "") -> dict:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.loads(r.read())


def stored_in_file(db: str, code: str) -> int:
    """Participants with a submitted sort, read from the database (a DuckDB file opened read-only)."""
    import duckdb

    from review.store import Store
    from review.store.backend_duckdb import DuckDBDatabase
    from review.store.backend_postgres import is_url

    store = Store.open(db) if is_url(db) else Store(DuckDBDatabase(duckdb.connect(db, read_only=True), db))
    try:
        return store.progress(store.session_by_code(code).id).submitted
    finally:
        store.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # the login's 303 carries the cookie we want
        return None


def stored_via_api(app: App) -> int | None:
    """With --url: the session's submitted count from /api/summary (facilitator login); None if
    refused. Below the anonymity threshold the summary is refused ("results.too_few") and the
    count is only in its message ("3 sort(s) so far ..."): read from there."""
    form = urllib.parse.urlencode({"password": app.password}).encode()
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(urllib.request.Request(app.url + "/api/login", data=form), timeout=10)
        return None  # no redirect: the password was refused
    except urllib.error.HTTPError as err:
        cookie = (err.headers.get("Set-Cookie") or "").split(";")[0]
    try:
        body = get_json(f"{app.url}/api/summary/{app.code}", cookie)
    except urllib.error.HTTPError as err:
        try:
            body = json.loads(err.read() or b"{}")
        except ValueError:
            return None
    except (OSError, ValueError):
        return None
    if "n_submitted" in body:
        return int(body["n_submitted"])
    few = re.search(r"\d+", body.get("message", "")) if body.get("error") == "results.too_few" else None
    return int(few.group()) if few else None


def process_cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def descendants_cpu_s(exclude: int | None) -> float:
    """CPU of this process's descendants (the Playwright driver and chromium), the server left out."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0.0, list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        if pid == exclude:
            continue
        try:
            total += process_cpu_s(pid)
        except OSError:
            continue
        todo.extend(children.get(pid, []))
    return total


def script_runs(app: App) -> int | None:
    """Page-script runs the server has made so far (its /api/metrics), None if it does not say."""
    try:
        return int(get_json(app.url + "/api/metrics")["script_runs"])
    except (OSError, ValueError, KeyError):
        return None
