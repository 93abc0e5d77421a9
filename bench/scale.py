"""Benchmark: one room of phones on DuckDB (one process) and on PostgreSQL behind nginx with 1, 2
and 4 app processes, side by side in one run.

Run: ``python bench/scale.py [--phones 300[,600]] [--rounds 1] [--configs duckdb,postgresql-1,...]``.

Every configuration gets a fresh database holding one open session, and bench/load.py sends it
``--participants N --within 60 --projectors 1`` (N from ``--phones``):

- ``duckdb``: bench/load.py starts the app itself on a DuckDB file, one process (the baseline);
- ``postgresql-P``: ``deploy.cluster.Cluster`` runs P app processes behind nginx on a new
  database of one PostgreSQL server started for the whole run by scripts/test_postgres.py with
  its durable settings (fsync and synchronous commit on; a ``CHECKPOINT`` before each
  configuration, so none inherits the last one's); the phones come through nginx's loopback plain
  port, and bench/load.py counts their sorts in that database.

``--rounds R`` repeats the configurations in turns (each round starts one further along the
list); the table shows medians over the rounds, and errors and lost sorts summed over them.

Measured per configuration: from bench/load.py's last line, errors (for a cluster also tracebacks
in the app logs and app processes that ended), lost sorts, submit p50/p95, submit-to-projector
p95, page-load p95; sorts per minute, acknowledged sorts over bench/load.py's run time (first
arrival until the projector shows them all: while the server keeps up this is the plan's rate, N
phones arriving over 60 s and sorting 40-80 s, and it drops only when the server falls behind);
and CPU-seconds per acknowledged sort from /proc (utime + stime, plus those of reaped children):
all app processes (for ``duckdb`` as bench/load.py measures its app), the PostgreSQL server
(postmaster, backends, background writers), ``server`` = the two together, nginx (master and
workers) apart, and the load client with its projector chromium as bench/load.py reports them.
For PostgreSQL also, per sort: committed transactions in the configuration's database (reads
in autocommit included), WAL flushes (``pg_stat_wal.wal_sync``) and WAL kilobytes, server-wide.

The machine this is run on has 2 cores, shared by the load client, the projector's chromium,
nginx, PostgreSQL and the app processes: 4 processes cannot use more than those 2 cores between
them, and neither can 1. So this does not show 4 processes doing 4 times the work; it shows what
scales (CPU per sort that stays flat as processes are added, work that can be spread) and where the
limit moves (which of apps, PostgreSQL and nginx takes the cores first).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.cluster import Cluster, free_port  # noqa: E402
from scripts import test_postgres  # noqa: E402

LOAD = ROOT / "bench" / "load.py"
PASSWORD = "scale-facilitator-password"
CONFIGS = ("duckdb", "postgresql-1", "postgresql-2", "postgresql-4")
LAST_LINE = re.compile(r"participants=\d+ .*peak_rss_mb=\S+")
FIRST_LINE = re.compile(r"; (\d+) s$")
CLIENT_LINE = re.compile(r"client: ([\d.]+) CPU-s in this process, ([\d.]+) CPU-s in the projectors' chromium")
HZ = os.sysconf("SC_CLK_TCK")
NAN = float("nan")  # a figure this configuration does not have


@dataclass
class Outcome:
    """One configuration's run: bench/load.py's figures and the CPU and database counts around it."""

    config: str
    phones: int
    load: dict[str, float]  # bench/load.py's last line
    seconds: float
    client_cpu_s: float
    app_cpu_s: float | None = None  # None: take bench/load.py's own cpu_s_per_sort (duckdb)
    postgres_cpu_s: float | None = None
    nginx_cpu_s: float | None = None
    postgres: dict[str, float] = field(default_factory=dict)  # commits, wal_sync, wal_bytes
    extra_errors: int = 0  # tracebacks in the app logs, app processes that ended

    @property
    def acked(self) -> float:
        return self.load["acknowledged"]

    def per_sort(self, cpu_s: float | None) -> float:
        return cpu_s / self.acked if cpu_s is not None and self.acked else NAN

    def figures(self) -> dict[str, float]:
        app = self.per_sort(self.app_cpu_s) if self.app_cpu_s is not None else self.load["cpu_s_per_sort"]
        postgres = self.per_sort(self.postgres_cpu_s)
        return {
            "errors": self.load["errors"] + self.extra_errors,
            "lost": self.load["lost"],
            "submit_p50_ms": self.load["submit_p50_ms"],
            "submit_p95_ms": self.load["submit_p95_ms"],
            "projector_p95_ms": self.load["projector_p95_ms"],
            "page_p95_ms": self.load["page_p95_ms"],
            "sorts_per_min": 60 * self.acked / self.seconds if self.seconds else NAN,
            "app_cpu_s_per_sort": app,
            "postgres_cpu_s_per_sort": postgres,
            "server_cpu_s_per_sort": app + (0.0 if self.postgres_cpu_s is None else postgres),
            "nginx_cpu_s_per_sort": self.per_sort(self.nginx_cpu_s),
            "client_cpu_s_per_sort": self.per_sort(self.client_cpu_s),
            **{f"{k}_per_sort": self.per_sort(v) for k, v in self.postgres.items()},
        }


# ---- CPU from /proc ----------------------------------------------------------------------------


def stat(pid: int) -> list[str]:
    """/proc/PID/stat's fields after the command name: [0] state, [1] ppid, [11:15] CPU ticks."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def processes() -> dict[int, tuple[int, str]]:
    """Every process now: pid -> (parent pid, command line)."""
    found = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            found[int(entry.name)] = (int(stat(int(entry.name))[1]), cmdline)
        except (OSError, IndexError, ValueError):
            continue
    return found


def family_cpu_s(roots: list[int]) -> float:
    """CPU of ``roots`` and all their descendants alive now, with the children they have reaped
    (cutime + cstime): a backend that ended between two readings is counted in its parent."""
    table = processes()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0.0, list(roots)
    while todo:
        pid = todo.pop()
        try:
            fields = stat(pid)
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15]) / HZ
        todo.extend(children.get(pid, []))
    return total


def cluster_roots() -> tuple[list[int], list[int]]:
    """This process's children now: the app processes (streamlit) and nginx's master."""
    mine = [(pid, cmd) for pid, (ppid, cmd) in processes().items() if ppid == os.getpid()]
    return [p for p, c in mine if "streamlit run" in c], [p for p, c in mine if "nginx" in c.split(" ", 1)[0]]


def postmaster(folder: Path) -> int:
    return int((folder / "data" / "postmaster.pid").read_text().split()[0])


# ---- PostgreSQL --------------------------------------------------------------------------------


def new_database(server_url: str, name: str) -> tuple[str, str]:
    """A fresh database on the run's server, with one open session seeded as bench/load.py seeds
    its own: its URL and the session's code."""
    import psycopg

    from bench.loadkit.app import seed

    with psycopg.connect(server_url, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    url = server_url.rsplit("/", 1)[0] + "/" + name
    return url, seed(url)


def server_counts(server_url: str, name: str, checkpoint: bool = False) -> dict[str, float]:
    """Commits in database ``name`` and the server's WAL flushes and bytes so far."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as con:
        if checkpoint:
            con.execute("CHECKPOINT")
        commits = con.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = %s", (name,)).fetchone()[0]
        wal_sync, wal_bytes = con.execute("SELECT wal_sync, wal_bytes FROM pg_stat_wal").fetchone()
    return {"commits": float(commits), "wal_sync": float(wal_sync), "wal_kb": float(wal_bytes) / 1024}


# ---- the runs ----------------------------------------------------------------------------------


def load(phones: int, target: list[str]) -> tuple[dict[str, float], float, float, str]:
    """bench/load.py with the room's arguments: its last line's figures, run seconds, client CPU
    (the generator and its chromium), and its whole report."""
    command = [sys.executable, str(LOAD), "--participants", str(phones), "--within", "60", "--projectors", "1",
               *target]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, timeout=1800)
    lines = done.stdout.strip().splitlines()
    if not lines or not LAST_LINE.fullmatch(lines[-1]):
        sys.exit(f"bench/load.py gave no report (exit {done.returncode}):\n{done.stdout}")
    figures = {k: float(v) for k, v in (pair.split("=") for pair in lines[-1].split())}
    seconds = float(FIRST_LINE.search(lines[0]).group(1))
    client = CLIENT_LINE.search(done.stdout)
    print(done.stdout, end="", file=sys.stderr, flush=True)  # the whole report, error lines included, as progress
    return figures, seconds, float(client.group(1)) + float(client.group(2)), done.stdout


def run_duckdb(phones: int) -> Outcome:
    figures, seconds, client, _ = load(phones, [])
    return Outcome("duckdb", phones, figures, seconds, client)


def run_cluster(config: str, phones: int, server_url: str, folder: Path, name: str) -> Outcome:
    """P app processes behind nginx on a fresh database; CPU read around bench/load.py, the
    PostgreSQL counts after the apps stopped (their backends report at exit)."""
    count = int(config.rsplit("-", 1)[1])
    url, code = new_database(server_url, name)
    with tempfile.TemporaryDirectory(prefix="review-scale-") as work:
        cluster = Cluster(processes=count, port=free_port(), plain_port=free_port(), database_url=url,
                          password=PASSWORD, work=Path(work))  # fmt: skip
        with cluster:
            apps, nginx = cluster_roots()
            if len(apps) != count or len(nginx) != 1:
                sys.exit(f"expected {count} app processes and nginx as children, found {apps} and {nginx}")
            pg_before = server_counts(server_url, name, checkpoint=True)
            before = [family_cpu_s(apps), family_cpu_s(nginx), family_cpu_s([postmaster(folder)])]
            figures, seconds, client, _ = load(phones, ["--url", cluster.plain_url, "--code", code, "--password",
                                                        PASSWORD, "--database-url", url])  # fmt: skip
            app_cpu, nginx_cpu = family_cpu_s(apps) - before[0], family_cpu_s(nginx) - before[1]
            ended = len(cluster.ended())
        time.sleep(1.0)  # the backends of the stopped apps exit and are reaped
        postgres_cpu = family_cpu_s([postmaster(folder)]) - before[2]
        pg_after = server_counts(server_url, name)
        logs = {log.name: log.read_text(errors="replace") for log in Path(work).glob("app-*.log")}
    tracebacks = sum(text.count("Traceback") for text in logs.values())
    for log_name, text in logs.items():
        if "Traceback" in text:
            last = text[text.rindex("Traceback") :][:3000]
            print(f"scale: {log_name}, from its last traceback:\n{last}", file=sys.stderr)
    if ended:
        print(f"scale: {ended} app process(es) ended during the run", file=sys.stderr)
    counts = {k: pg_after[k] - pg_before[k] for k in pg_before}
    return Outcome(config, phones, figures, seconds, client, app_cpu, postgres_cpu, nginx_cpu, counts,
                   tracebacks + ended)  # fmt: skip


# ---- the report --------------------------------------------------------------------------------

COLUMNS = (  # (key, header, format)
    ("errors", "errors", "{:.0f}"),
    ("lost", "lost", "{:.0f}"),
    ("submit_p50_ms", "submit p50", "{:.0f}"),
    ("submit_p95_ms", "submit p95", "{:.0f}"),
    ("projector_p95_ms", "proj. p95", "{:.0f}"),
    ("page_p95_ms", "page p95", "{:.0f}"),
    ("sorts_per_min", "sorts/min", "{:.0f}"),
    ("app_cpu_s_per_sort", "apps", "{:.3f}"),
    ("postgres_cpu_s_per_sort", "postgres", "{:.3f}"),
    ("server_cpu_s_per_sort", "server", "{:.3f}"),
    ("nginx_cpu_s_per_sort", "nginx", "{:.3f}"),
    ("client_cpu_s_per_sort", "client", "{:.3f}"),
    ("commits_per_sort", "commits", "{:.1f}"),
    ("wal_sync_per_sort", "WAL flush", "{:.2f}"),
    ("wal_kb_per_sort", "WAL kB", "{:.0f}"),
)
SUMMED = ("errors", "lost")  # over the rounds: a median would hide a bad round


def combined(outcomes: list[Outcome]) -> dict[str, float]:
    rows = [o.figures() for o in outcomes]
    return {key: (sum if key in SUMMED else statistics.median)([r.get(key, NAN) for r in rows])
            for key in rows[0]}  # fmt: skip


def cell(value: float, form: str) -> str:
    return "-" if value != value else form.format(value)  # nan: not measured for this configuration


def report(results: dict[tuple[int, str], list[Outcome]], rounds: int) -> list[str]:
    lines = [
        f"medians of {rounds} round(s); errors and lost summed; latencies in ms; CPU-seconds per acknowledged "
        "sort (server = apps + postgres; nginx and the client apart); PostgreSQL per sort: commits in the "
        "configuration's database, WAL flushes and kB server-wide",
        f"{'configuration':<14}{'phones':>7}" + "".join(f"{h:>11}" for _, h, _ in COLUMNS),
    ]
    machine = []
    for (phones, config), outcomes in results.items():
        row = combined(outcomes)
        lines.append(f"{config:<14}{phones:>7}" + "".join(f"{cell(row.get(k, NAN), f):>11}" for k, _, f in COLUMNS))
        machine.append(f"config={config} phones={phones} rounds={len(outcomes)} "
                       + " ".join(f"{k}={cell(row.get(k, NAN), f)}" for k, _, f in COLUMNS))  # fmt: skip
    return lines + machine


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", default="300", help="participants per run, or a list: 300,600")
    parser.add_argument("--rounds", type=int, default=1, help="times every configuration runs, in turns")
    parser.add_argument("--configs", default=",".join(CONFIGS), help="duckdb and/or postgresql-P (P processes)")
    args = parser.parse_args(argv)
    args.phones = [int(p) for p in args.phones.split(",")]
    args.configs = args.configs.split(",")
    for config in args.configs:
        if config != "duckdb" and not re.fullmatch(r"postgresql-[1-9]\d*", config):
            parser.error(f"unknown configuration {config!r}: duckdb or postgresql-P")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    started, load_avg = time.monotonic(), os.getloadavg()[0]
    results: dict[tuple[int, str], list[Outcome]] = {(p, c): [] for p in args.phones for c in args.configs}
    server_url, folder = test_postgres.start(fast=False) if any(c != "duckdb" for c in args.configs) else ("", None)
    try:
        for r in range(args.rounds):
            turn = args.configs[r % len(args.configs) :] + args.configs[: r % len(args.configs)]
            for phones in args.phones:
                for config in turn:
                    print(f"scale: round {r + 1}, {config}, {phones} phones", file=sys.stderr, flush=True)
                    name = f"scale_{r}_{phones}_{config.replace('-', '_')}"
                    outcome = (run_duckdb(phones) if config == "duckdb"
                               else run_cluster(config, phones, server_url, folder, name))  # fmt: skip
                    results[(phones, config)].append(outcome)
                    figures = " ".join(f"{k}={v:.3g}" for k, v in outcome.figures().items())
                    print(f"scale: {config} {phones}: {figures}", file=sys.stderr, flush=True)
    finally:
        if folder:
            test_postgres.stop(folder)
    print(f"{os.cpu_count()} cores; 1-minute load average {load_avg:.2f} at start; "
          f"{(time.monotonic() - started) / 60:.1f} minutes")  # fmt: skip
    print("\n".join(report(results, args.rounds)))
    return 1 if any(combined(o)["errors"] or combined(o)["lost"] for o in results.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
