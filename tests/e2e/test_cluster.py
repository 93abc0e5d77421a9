"""The app behind nginx as deploy/cluster.py runs it: TLS, the redirect from HTTP, the route cookie
that keeps a browser on one process (its websocket and its uploads), Streamlit's files served
precompressed by nginx, and the load generator's phones through it all, spread over the processes.

The backend fixture says how many processes share which database: three on a fresh schema of the
tests' PostgreSQL server (``REVIEW_TEST_DATABASE_URL``, which scripts/test.sh sets), or with
``BACKEND = "duckdb"`` one process on a DuckDB file (a file takes one process).
nginx must be installed (Debian: ``apt-get install nginx libnginx-mod-http-brotli-static``): without
it this test fails, it does not skip.
"""

from __future__ import annotations

import csv
import gzip
import http.client
import io
import re
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bench.loadkit.app import seed
from deploy.cluster import BROTLI_MODULE, Cluster, ClusterError, free_port, nginx_binary, unverified
from tests.conftest import postgres_schema
from tests.e2e.conftest import PASSWORD, ROOT

BACKEND = "postgres"  # three processes on one PostgreSQL database; "duckdb": one process on a DuckDB file
PHONES = 30
CACHE_CONTROL = "public, max-age=31536000, immutable"
LAST_LINE = re.compile(  # bench/load.py's last line; CPU and memory are nan with --url and no --server-pid
    r"participants=(?P<participants>\d+) acknowledged=(?P<acknowledged>\d+) stored=(?P<published>-?\d+) "
    r"lost=\d+ errors=(?P<errors>\d+) .*"
)
LOG_LINE = re.compile(
    r'^\S+ \[\S+\] "(?P<method>\S+) (?P<path>\S+) \S+" (?P<status>\d+) \d+ \S+ '
    r"upstream=(?P<upstream>.+?) route=(?P<route>\S+) encoding=(?P<encoding>\S+)$"
)


@dataclass
class Backend:
    processes: int
    db: Path | None = None  # a DuckDB file
    database_url: str | None = None  # postgresql://...

    @property
    def target(self) -> str:
        return self.database_url or str(self.db)


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    if BACKEND == "duckdb":
        yield Backend(processes=1, db=tmp_path_factory.mktemp("cluster-db") / "review.duckdb")
        return
    with postgres_schema() as url:  # a fresh schema on the tests' server (REVIEW_TEST_DATABASE_URL)
        yield Backend(processes=3, database_url=url)


@dataclass
class Running:
    cluster: Cluster
    code: str

    def log(self) -> list[dict[str, str]]:
        """nginx's access log, one dict per request (see log_format in deploy/nginx.conf.template)."""
        lines = self.cluster.access_log.read_text().splitlines()
        parsed = [LOG_LINE.match(line) for line in lines]
        assert all(parsed), [line for line, m in zip(lines, parsed, strict=True) if not m][:3]
        return [m.groupdict() for m in parsed if m]

    def log_until(self, holds: Callable[[list[dict[str, str]]], bool], timeout: float = 30) -> list[dict[str, str]]:
        """The access log once ``holds(log)`` (or once ``timeout`` seconds went by): nginx writes a
        request's line after it has sent the answer, so the client may read the log before it."""
        deadline = time.monotonic() + timeout
        while not holds(log := self.log()) and time.monotonic() < deadline:
            time.sleep(0.1)
        return log

    @property
    def upstreams(self) -> set[str]:
        return {u.removeprefix("http://") for u in self.cluster.app_urls}


@pytest.fixture(scope="module")
def running(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    try:
        nginx_binary()
    except ClusterError as exc:
        pytest.fail(f"{exc}: scripts/test.sh must install it", pytrace=False)
    code = seed(backend.target)  # the load generator's own: one open session, before the apps start
    cluster = Cluster(
        processes=backend.processes, port=free_port(), http_port=free_port(), plain_port=free_port(),
        db=backend.db, database_url=backend.database_url, password=PASSWORD,
        work=tmp_path_factory.mktemp("cluster"),
    )  # fmt: skip
    with cluster:
        yield Running(cluster, code)


def health_calls(log: list[dict[str, str]], route: str | None = None) -> int:
    """The requests for /api/health in ``log`` (with the route cookie ``route``, if given)."""
    return sum(r["path"] == "/api/health" and (route is None or r["route"] == route) for r in log)


def facilitator_cookie(url: str) -> str:
    """Log in with the password, as the form does (POST /api/login); the signed cookie."""
    status, headers, _ = post_form(url + "/api/login", {"password": PASSWORD})
    assert status == 303, status
    return headers["Set-Cookie"].split(";")[0]


def stored_sorts(url: str, code: str) -> int:
    """Participants with a stored sort, read from the facilitator's research CSV (the sorts
    themselves; /api/summary counts only the published copy, which waits for batches of 3)."""
    status, _, body = get(f"{url}/api/export/{code}/research.csv", {"Cookie": facilitator_cookie(url)})
    assert status == 200, body[:300]
    return len({row["participant"] for row in csv.DictReader(io.StringIO(body.decode("utf-8")))})


def get(url: str, headers: dict[str, str] | None = None, context: ssl.SSLContext | None = None, data: bytes = b""):
    """(status, headers, body) without following redirects; https unverified unless ``context``."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    handlers = [NoRedirect(), urllib.request.HTTPSHandler(context=context or unverified())]
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(urllib.request.Request(url, data=data or None, headers=headers or {}), timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def post_form(url: str, fields: dict[str, str]):
    data = urllib.parse.urlencode(fields).encode()
    return get(url, {"Content-Type": "application/x-www-form-urlencoded"}, data=data)


def test_tls_with_the_certificate_the_redirect_and_the_route_cookie(running: Running) -> None:
    cluster = running.cluster
    verified = ssl.create_default_context(cafile=str(cluster.cert))  # the self-signed one names 127.0.0.1
    status, headers, body = get(cluster.url + f"/?s={running.code}", context=verified)
    assert status == 200 and b"<html" in body.lower()
    cookies = {c.split("=")[0]: c for c in headers.get_all("Set-Cookie")}
    cookie = cookies["review_route"]
    assert re.fullmatch(r"review_route=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Lax; Secure", cookie), cookie
    assert cookies["review_device"].endswith("; HttpOnly; SameSite=Lax; Secure")  # behind TLS: Secure too
    route = cookie.split(";")[0].split("=")[1]

    # A browser with the cookie keeps it and keeps its process.
    for _ in range(12):
        status, headers, _ = get(cluster.url + "/api/health", {"Cookie": f"review_route={route}"})
        assert status == 200 and "Set-Cookie" not in headers
    log = running.log_until(lambda log: health_calls(log, route) >= 12)
    mine = {r["upstream"] for r in log if r["route"] == route}
    assert len(mine) == 1 and mine <= running.upstreams, mine

    # Different browsers are spread over every process.
    earlier = health_calls(log)
    for _ in range(30):
        get(cluster.url + "/api/health")
    log = running.log_until(lambda log: health_calls(log) >= earlier + 30)
    assert {r["upstream"] for r in log if r["path"] == "/api/health"} >= running.upstreams

    # Plain HTTP: only a redirect to the same place over HTTPS.
    status, headers, _ = get(f"http://127.0.0.1:{cluster.http_port}/facilitator?lang=en")
    assert status == 301 and headers["Location"] == f"{cluster.url}/facilitator?lang=en"
    with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):
        get(cluster.url + "/api/health", context=ssl.create_default_context())  # not a trusted certificate


SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=63072000",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def test_every_answer_carries_the_security_headers_once(running: Running) -> None:
    """nginx's own files and errors, and the apps' answers (whose copies nginx replaces, not doubles)."""
    url = running.cluster.url
    for path in ("/", "/" + static_names(running)[0], "/static/js/not-there.js", "/api/health", "/api/export/X.csv"):
        status, headers, _ = get(url + path)
        got = {name: headers.get_all(name) for name in SECURITY_HEADERS}
        assert got == {name: [value] for name, value in SECURITY_HEADERS.items()}, (path, status, got)


def tls_handshake(port: int, ciphers: str, tls13: bool = False) -> str:
    """The cipher nginx agrees to when the client offers only ``ciphers`` (TLS 1.2 unless ``tls13``)."""
    context = unverified()
    context.minimum_version = context.maximum_version = ssl.TLSVersion.TLSv1_3 if tls13 else ssl.TLSVersion.TLSv1_2
    if not tls13:
        context.set_ciphers(ciphers + ":@SECLEVEL=0")  # the client's own floor must not refuse first
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    with raw, context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        return tls.cipher()[0]


@pytest.mark.parametrize("weak", ["AES128-SHA", "AES256-SHA", "ECDHE-RSA-AES128-SHA", "AES128-GCM-SHA256"])
def test_tls_without_forward_secrecy_or_with_cbc_is_refused(running: Running, weak: str) -> None:
    with pytest.raises(ssl.SSLError):
        tls_handshake(running.cluster.port, weak)


def test_modern_tls_is_taken(running: Running) -> None:
    port = running.cluster.port
    assert tls_handshake(port, "ECDHE+AESGCM:ECDHE+CHACHA20") in {
        "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305",
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305",
    }  # fmt: skip
    assert tls_handshake(port, "", tls13=True).startswith("TLS_")


def static_names(running: Running) -> list[str]:
    _, _, html = get(running.cluster.url + "/")
    names = re.findall(r'(?:src|href)="\./(static/[^"]+\.(?:js|css))"', html.decode())
    assert any(n.endswith(".js") for n in names) and any(n.endswith(".css") for n in names), html[:2000]
    return names


def test_streamlits_files_come_precompressed_from_nginx_with_a_years_cache(running: Running) -> None:
    from ui.http.static_files import cache_folder

    folder = cache_folder(running.cluster.app_env())
    names = static_names(running)
    assert any(re.fullmatch(r"static/js/index\.\w+\.js", n) for n in names), names  # the entry script, 0.5 MB
    conn = http.client.HTTPSConnection("127.0.0.1", running.cluster.port, context=unverified(), timeout=10)

    def fetch(path: str, encoding: str):  # one keep-alive connection, as a browser's
        conn.request("GET", "/" + path, headers={"Accept-Encoding": encoding})
        response = conn.getresponse()
        return response.status, response.headers, response.read()

    for name in names:
        file = folder / name.removeprefix("static/")
        packed = {c: file.with_name(file.name + s).is_file() for c, s in (("gzip", ".gz"), ("br", ".br"))}
        assert packed["gzip"] or file.stat().st_size < 1000, name  # only tiny files stay unpacked
        status, headers, body = fetch(name, "gzip")
        assert status == 200 and headers["Cache-Control"] == CACHE_CONTROL, (name, dict(headers))
        assert headers["Content-Encoding"] == ("gzip" if packed["gzip"] else None), (name, dict(headers))
        assert (gzip.decompress(body) if packed["gzip"] else body) == file.read_bytes()
        _, headers, _ = fetch(name, "gzip, deflate, br, zstd")  # a phone's chromium
        best = "br" if packed["br"] and BROTLI_MODULE.is_file() else "gzip" if packed["gzip"] else None
        assert headers["Content-Encoding"] == best and headers["Vary"] == "Accept-Encoding", (name, dict(headers))
        status, headers, body = fetch(name, "identity")
        assert status == 200 and headers["Content-Encoding"] is None and body == file.read_bytes()
    conn.close()
    # A name the copy does not have, and index.html, are the app's.
    assert get(running.cluster.url + "/static/js/not-there.js")[0] in (200, 404)
    log = running.log_until(lambda log: any(r["path"] == "/static/js/not-there.js" for r in log))
    assert all(r["upstream"] == "-" for r in log if r["path"].startswith("/static/") and "not-there" not in r["path"])
    assert {r["upstream"] for r in log if r["path"] == "/static/js/not-there.js"} <= running.upstreams
    assert {r["upstream"] for r in log if r["path"] == "/"} <= running.upstreams


def test_a_browser_over_tls_keeps_its_websocket_and_upload_on_one_process(browser: Browser, running: Running) -> None:
    """A facilitator logs in over HTTPS and imports a study (a file upload through Streamlit's
    websocket session): every request of that browser reached one process."""
    cluster = running.cluster
    context = browser.new_context(ignore_https_errors=True, locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(cluster.url + "/api/login")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(cluster.url + "/facilitator")
    page.goto(cluster.url + "/facilitator?lang=en")
    page.get_by_text("Import a study").click()
    page.locator("input[type=file]").set_input_files(str(ROOT / "tests" / "golden" / "workshop12" / "sorts.csv"))
    page.get_by_label("Title").nth(1).fill("Imported behind nginx")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="Imported behind nginx")).to_be_visible(timeout=30_000)
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["review_route"]["secure"] and cookies["review_route"]["httpOnly"]
    assert cookies["review_facilitator"]["secure"], "the app did not believe nginx's X-Forwarded-Proto: https"
    route = cookies["review_route"]["value"]
    context.close()  # nginx logs the websocket once it has closed: wait for its line (a loaded machine is slow)
    deadline = time.monotonic() + 30
    while True:
        mine = [r for r in running.log() if r["route"] == route and r["upstream"] != "-"]
        paths = Counter(re.sub(r"^.*(/_stcore/(stream|upload_file)).*$", r"\1", r["path"]) for r in mine)
        if paths["/_stcore/stream"] >= 1 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert paths["/_stcore/stream"] >= 1 and paths["/_stcore/upload_file"] >= 1, paths
    assert len({r["upstream"] for r in mine}) == 1, [(r["path"], r["upstream"]) for r in mine]


def test_thirty_phones_through_nginx_lose_nothing_and_reach_every_process(running: Running, backend: Backend) -> None:
    """bench/load.py's phones and a projector through nginx (its loopback plain port: the
    generator speaks no TLS). Its phones keep no cookies, so each request is routed on its own:
    the autosaves and submits of one phone meet several processes, through one database."""
    start, earlier = time.monotonic(), len(running.log())
    database = ["--database-url", backend.target] if backend.database_url else []
    run = subprocess.run(
        [sys.executable, "bench/load.py", "--url", running.cluster.plain_url, "--code", running.code,
         "--password", PASSWORD, "--participants", str(PHONES), "--within", "15", "--projectors", "1",
         "--sort-seconds", "2-4", "--timeout", "60", *database],
        cwd=ROOT, capture_output=True, text=True, timeout=150,
    )  # fmt: skip
    output = run.stdout + run.stderr
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
    found = LAST_LINE.fullmatch(last)
    assert found, output
    counts = {k: int(v) for k, v in found.groupdict().items()}
    stored = stored_sorts(running.cluster.url, running.code)  # the session was new: all of them are ours
    assert counts["participants"] == counts["acknowledged"] == stored == PHONES, (stored, output)
    assert counts["errors"] == 0, output
    if backend.database_url:  # the generator counted the sorts in the database itself
        assert counts["published"] == PHONES and run.returncode == 0, output
    else:  # from /api/summary's published count: up to 2 behind
        assert PHONES - 2 <= counts["published"] <= PHONES, output
    assert time.monotonic() - start < 90, output

    def written(log: list[dict[str, str]]) -> bool:  # every submit's line, and each process's websockets'
        mine = log[earlier:]
        streams = {r["upstream"] for r in mine if r["path"] == "/_stcore/stream"}
        return sum(r["path"] == "/api/submit" for r in mine) >= PHONES and streams >= running.upstreams

    log = running.log_until(written)[earlier:]  # this run's requests
    by_path = {
        path: Counter(r["upstream"] for r in log if r["path"] == path)
        for path in ("/api/submit", "/api/draft", "/_stcore/stream")
    }
    assert sum(by_path["/api/submit"].values()) == PHONES, by_path
    for path, upstreams in by_path.items():
        assert set(upstreams) == running.upstreams, (path, upstreams)  # every process, and nothing else
    statics = [r for r in log if r["path"].startswith("/static/")]
    assert len(statics) > PHONES * 50 and all(r["upstream"] == "-" for r in statics)
    assert not [r for r in log if r["status"].startswith("5")], [r for r in log if r["status"].startswith("5")][:5]
    for app_log in running.cluster.work.glob("app-*.log"):
        assert "Traceback" not in app_log.read_text(), app_log.read_text()[-3000:]
