"""Several REVIEW app processes behind nginx on one machine: TLS, sticky routing, static files.

Run (from the repository's root)::

    REVIEW_FACILITATOR_PASSWORD=... python -m deploy.cluster --processes 3 --port 8443 --database-url postgresql://...
    python -m deploy.cluster --processes 1 --db data/review.duckdb        # DuckDB: one process per file

It prepares the precompressed copy of Streamlit's static files once (ui/http/static_files.py), makes a
self-signed certificate for localhost and 127.0.0.1 unless ``--cert``/``--key`` are given, starts
the app processes on free loopback ports with one environment (database, facilitator password,
``REVIEW_TRUSTED_PROXY``, a shared ``STREAMLIT_SERVER_COOKIE_SECRET``, ``REVIEW_PUBLIC_URL``),
waits until each answers ``/api/health``, renders ``deploy/nginx.conf.template`` into the work
folder and runs nginx as a child (not a daemon), prints the addresses, and stops everything on
Ctrl-C or SIGTERM. Logs: ``app-PORT.log``, ``nginx-access.log`` (with the upstream of every
request), ``nginx-error.log`` in the work folder (``--work``, else a temporary one removed at
the end). Phones in a room need ``--host 0.0.0.0 --public-url https://THIS-MACHINE:PORT``.

From Python (the e2e test does this)::

    with Cluster(processes=3, database_url=URL, password=PW) as cluster:
        cluster.url  # https://127.0.0.1:8443
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
SECURITY_HEADERS = Path(__file__).with_name("nginx-security-headers.conf")  # included by the template
MIME_TYPES = Path("/etc/nginx/mime.types")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")  # libnginx-mod-http-brotli-static
START_S = 90.0  # an app process's first start may build the static copy and migrate the database
PROXY = "127.0.0.1"  # where nginx connects to the apps from: the address the apps trust


class ClusterError(RuntimeError):
    """Something the cluster needs is missing or did not start; the message says what."""


# ---- the nginx configuration -------------------------------------------------------------------

SECTION = re.compile(r"^[ \t]*# \{\{#(\w+)\}\}\n(.*?)^[ \t]*# \{\{/\1\}\}\n", re.S | re.M)
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def render(template: str, values: dict[str, object]) -> str:
    """``{{name}}`` replaced by its value; the lines between ``# {{#name}}`` and ``# {{/name}}``
    kept only when the value is set. A placeholder without a value is an error, not a blank."""
    text = SECTION.sub(lambda m: m.group(2) if values.get(m.group(1)) not in (None, "", False) else "", template)

    def value(match: re.Match) -> str:
        name = match.group(1)
        if values.get(name) is None:
            raise ClusterError(f"the nginx template needs a value for {{{{{name}}}}}")
        return str(values[name])

    return PLACEHOLDER.sub(value, text)


def render_config(
    app_ports: list[int],
    static_root: Path,
    cert: Path,
    key: Path,
    work: Path,
    https_port: int,
    listen: str = "127.0.0.1",
    http_port: int | None = None,
    plain_port: int | None = None,
    worker_processes: str = "auto",
) -> str:
    """The nginx configuration for apps on ``app_ports`` (loopback), as deploy/nginx.conf.template."""
    brotli = BROTLI_MODULE.is_file()
    values = {
        # Workers read the work folder, the static copy and the sockets' temp files: as root, let
        # them stay root rather than nginx's default "nobody", who cannot enter a private temp folder.
        "user_directive": "user root;" if os.geteuid() == 0 else "# (not root: the workers run as this user)",
        "load_modules": f"load_module {BROTLI_MODULE};" if brotli else "# (no brotli_static module installed)",
        "worker_processes": worker_processes,
        "work": work,
        "mime_types": MIME_TYPES,
        "upstream_servers": "\n".join(f"        server {PROXY}:{p} max_fails=1 fail_timeout=5s;" for p in app_ports),
        "listen": listen,
        "https_port": https_port,
        "https_port_suffix": "" if https_port == 443 else f":{https_port}",
        "plain_listen": f"127.0.0.1:{plain_port}" if plain_port else "",
        "http_port": http_port or "",
        "cert": cert,
        "key": key,
        "static_root": static_root,
        "security_headers": SECURITY_HEADERS,
        "brotli_static": "brotli_static on;" if brotli else "# brotli_static: install libnginx-mod-http-brotli-static",
    }
    return render(TEMPLATE.read_text(), values)


def nginx_binary() -> str:
    found = os.environ.get("REVIEW_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).is_file():
        raise ClusterError("nginx is not installed (Debian: apt-get install nginx), or set REVIEW_NGINX")
    return found


# ---- what the processes need -------------------------------------------------------------------


def static_copy(env: dict[str, str]) -> Path:
    """The precompressed copy of Streamlit's static folder, built now if it is not there yet (the
    app's own ui/http/static_files does it, into REVIEW_STATIC_CACHE or data/static-cache)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from streamlit import file_util

    from ui.http import static_files

    return static_files.prepared_copy(Path(file_util.get_static_dir()) / "static", static_files.cache_folder(env))


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1, valid 30 days, and its key (openssl)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the launcher dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def answers(url: str, context: ssl.SSLContext | None = None) -> bool:
    """GET ``url`` (an /api/health) answers 200 with status ok."""
    try:
        with urllib.request.urlopen(url, timeout=5, context=context) as r:
            return r.status == 200 and b'"ok"' in r.read()
    except (OSError, ValueError):
        return False


def unverified() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no log)"


# ---- the cluster -------------------------------------------------------------------------------


@dataclass
class Cluster:
    """N app processes and nginx in front of them, started on ``with`` and stopped after it."""

    processes: int = 1
    port: int = 8443  # HTTPS
    http_port: int | None = None  # plain HTTP that redirects to HTTPS
    plain_port: int | None = None  # plain HTTP on loopback serving the app (bench/load.py has no TLS)
    host: str = "127.0.0.1"  # where nginx listens; 0.0.0.0 for phones in a room
    database_url: str | None = None  # REVIEW_DATABASE_URL, shared by all processes
    db: Path | None = None  # REVIEW_DB, a DuckDB file: one process only
    password: str | None = None  # REVIEW_FACILITATOR_PASSWORD (else the one in the environment, else a key)
    public_url: str | None = None  # REVIEW_PUBLIC_URL, the phones' address (default: self.url)
    cert: Path | None = None
    key: Path | None = None
    work: Path | None = None
    env: dict[str, str] = field(default_factory=dict)  # more environment for the apps
    app_ports: list[int] = field(default_factory=list, init=False)
    login: str = field(default="", init=False)  # the facilitator's way in, as the last process printed it
    _apps: list[subprocess.Popen] = field(default_factory=list, init=False, repr=False)
    _nginx: subprocess.Popen | None = field(default=None, init=False, repr=False)
    _made_work: bool = field(default=False, init=False, repr=False)
    _logs: list = field(default_factory=list, init=False, repr=False)
    # Streamlit signs its cookies with this: the same on every process (from the environment if set there).
    _cookie_secret: str = field(default_factory=lambda: secrets.token_hex(32), init=False, repr=False)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"https://{host}:{self.port}"

    @property
    def plain_url(self) -> str | None:
        return f"http://127.0.0.1:{self.plain_port}" if self.plain_port else None

    @property
    def access_log(self) -> Path:
        return self.work / "nginx-access.log"

    @property
    def app_urls(self) -> list[str]:
        return [f"http://{PROXY}:{p}" for p in self.app_ports]

    def app_env(self) -> dict[str, str]:
        """The one environment every app process gets."""
        env = {**os.environ, **self.env}
        if self.database_url:
            env["REVIEW_DATABASE_URL"] = self.database_url
        if self.db:
            env["REVIEW_DB"] = str(self.db)
        if self.password:
            env["REVIEW_FACILITATOR_PASSWORD"] = self.password
        env["REVIEW_TRUSTED_PROXY"] = PROXY
        env["REVIEW_PUBLIC_URL"] = self.public_url or self.url
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", self._cookie_secret)
        return env

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        nginx = nginx_binary()
        env = self.app_env()
        shared = str(env.get("REVIEW_DATABASE_URL") or env.get("REVIEW_DB") or "").startswith("postgres")
        if self.processes > 1 and not shared:
            raise ClusterError("several processes need a shared database (--database-url postgresql://...): "
                               "a DuckDB file takes one process")  # fmt: skip
        if self.work is None:
            self.work, self._made_work = Path(tempfile.mkdtemp(prefix="review-cluster-")), True
        self.work = self.work.resolve()
        self.work.mkdir(parents=True, exist_ok=True)
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.work / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        static_root = static_copy(env)  # once, before the processes: they would each build it
        if self.cert and self.key:
            self.cert, self.key = self.cert.resolve(), self.key.resolve()
        else:
            self.cert, self.key = self_signed(self.work)
        self.app_ports = [free_port() for _ in range(self.processes)]
        # One after another: the first alone migrates the database, and each start replaces the
        # facilitator's login key and cookie secret (ui/auth.new_epoch), so the last one's counts.
        for port in self.app_ports:
            self._start_app(port, env)
        self.login = self._login_line(self.app_ports[-1])
        conf = self.work / "nginx.conf"
        config = render_config(self.app_ports, static_root, self.cert, self.key, self.work, self.port, self.host,
                               self.http_port, self.plain_port)  # fmt: skip
        conf.write_text(config)
        out = open(self.work / "nginx-stderr.log", "w")  # noqa: SIM115 - closed in stop()
        self._logs.append(out)
        self._nginx = subprocess.Popen(
            [nginx, "-p", str(self.work), "-e", str(self.work / "nginx-error.log"), "-c", str(conf),
             "-g", f"daemon off; pid {self.work / 'nginx.pid'};"],
            stdout=out, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while not answers(self.url + "/api/health", unverified()):
            if self._nginx.poll() is not None or time.monotonic() > deadline:
                raise ClusterError("nginx did not start:\n" + tail(self.work / "nginx-stderr.log")
                                   + tail(self.work / "nginx-error.log"))  # fmt: skip
            time.sleep(0.2)

    def _start_app(self, port: int, env: dict[str, str]) -> None:
        log = open(self.work / f"app-{port}.log", "w")  # noqa: SIM115 - closed in stop()
        self._logs.append(log)
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", PROXY],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
        )  # fmt: skip
        self._apps.append(proc)
        deadline = time.monotonic() + START_S
        while not answers(f"http://{PROXY}:{port}/api/health"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise ClusterError(f"the app on port {port} did not start:\n" + tail(self.work / f"app-{port}.log"))
            time.sleep(0.3)

    def _login_line(self, port: int) -> str:
        """How the facilitator logs in, from the process started last (each start replaces the
        login key and cookie secret in the database: the last one counts), at nginx's address."""
        found = re.search(r"Facilitator:\s+(\S+)", tail(self.work / f"app-{port}.log", 20_000))
        if not found:
            return ""
        return re.sub(r"^http://localhost:\d+", self.public_url or self.url, found.group(1))

    def ended(self) -> list[str]:
        """The processes that have ended by themselves: ``nginx`` and ``app PORT``."""
        apps = zip(self.app_ports, self._apps, strict=False)  # fewer apps than ports while starting
        procs = [("nginx", self._nginx), *((f"app {port}", proc) for port, proc in apps)]
        return [name for name, proc in procs if proc is not None and proc.poll() is not None]

    def stop(self) -> None:
        """nginx first (no new requests), then the apps: SIGTERM, and SIGKILL after 20 s."""
        for group in ([self._nginx] if self._nginx else [], self._apps):
            for proc in group:
                if proc.poll() is None:
                    proc.terminate()
            for proc in group:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self._nginx, self._apps = None, []
        for log in self._logs:
            log.close()
        self._logs = []
        if self._made_work and self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)


# ---- the command line --------------------------------------------------------------------------


def read_password(path: Path | None) -> str | None:
    """The facilitator's password from ``path`` (its first line; None without a file: the apps then
    take REVIEW_FACILITATOR_PASSWORD from the environment, else print a key)."""
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ClusterError(f"cannot read the password file {path}: {exc}") from None
    if not lines or not lines[0].strip():
        raise ClusterError(f"the password file {path} is empty")
    return lines[0].strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=1, help="app processes (default 1)")
    parser.add_argument("--port", type=int, default=8443, help="HTTPS port (default 8443)")
    parser.add_argument("--http-port", type=int, help="a plain HTTP port that redirects to HTTPS")
    parser.add_argument("--plain-port", type=int, help="plain HTTP on 127.0.0.1 serving the app (load tests)")
    parser.add_argument("--host", default="127.0.0.1", help="address nginx listens on (0.0.0.0: the room)")
    parser.add_argument("--database-url", help="postgresql://... shared by the processes (REVIEW_DATABASE_URL)")
    parser.add_argument("--db", type=Path, help="a DuckDB file (REVIEW_DB): one process only")
    # No --password: a command line is readable by every user of the machine (ps, /proc/PID/cmdline).
    parser.add_argument(
        "--password-file",
        type=Path,
        help="a file holding the facilitator's password (default: REVIEW_FACILITATOR_PASSWORD)",
    )
    parser.add_argument("--public-url", help="the address phones use (default https://127.0.0.1:PORT)")
    parser.add_argument("--cert", type=Path, help="TLS certificate (default: a self-signed one for localhost)")
    parser.add_argument("--key", type=Path, help="TLS key, with --cert")
    parser.add_argument("--work", type=Path, help="folder for logs and nginx's files (default: temporary)")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")
    try:
        password = read_password(args.password_file)
    except ClusterError as exc:
        parser.error(str(exc))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # unwinds the with-block below: everything stops
    cluster = Cluster(
        processes=args.processes, port=args.port, http_port=args.http_port, plain_port=args.plain_port,
        host=args.host, database_url=args.database_url, db=args.db, password=password,
        public_url=args.public_url, cert=args.cert, key=args.key, work=args.work,
    )  # fmt: skip
    try:
        with cluster:
            also = f"  (phones: {cluster.public_url})" if args.public_url else ""
            print(f"\n  REVIEW behind nginx:  {cluster.url}{also}")
            if cluster.http_port:
                print(f"  HTTP redirects from:  http://{args.host}:{cluster.http_port}")
            if cluster.plain_url:
                print(f"  Plain, loopback only: {cluster.plain_url}")
            print(f"  App processes:        {', '.join(cluster.app_urls)}")
            print(f"  Facilitator:          {cluster.login or '(see the app logs)'}")
            print(f"  Logs:                 {cluster.work}\n  Ctrl-C stops everything.\n", flush=True)
            # An app process that ends is left out by nginx (its browsers move to the others, which
            # show them a fresh page); without nginx or any app process left, everything stops.
            told: set[str] = set()
            while "nginx" not in (ended := cluster.ended()) and len(ended) < cluster.processes:
                for name in sorted(set(ended) - told):
                    print(f"{name} ended (see its log); the others carry on", file=sys.stderr, flush=True)
                    told.add(name)
                time.sleep(1)
            print(f"{', '.join(ended)} ended: stopping everything; see the logs", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        return 0
    except ClusterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
