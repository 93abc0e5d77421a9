"""A throwaway PostgreSQL server on loopback, for the tests and the benchmarks.

    eval "$(python scripts/test_postgres.py start)"   # prints the exports for the shell
    python scripts/test_postgres.py stop               # stops it and removes its folder

It runs Debian's PostgreSQL binaries (``/usr/lib/postgresql/<version>/bin``) on a cluster of its
own in a fresh temporary folder, on a free port, with its socket in that folder, trusting
loopback connections (nothing else can reach it), and a ``review`` database in the C.UTF-8 locale
(text sorts by code point, as in DuckDB). As root it runs them as the ``postgres`` user, since
PostgreSQL refuses to run as root. ``--fast`` turns fsync off: the tests need no durability,
the benchmarks (without it) do. Also usable from Python: :func:`start` and :func:`stop`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

URL_VARIABLE = "REVIEW_TEST_DATABASE_URL"
DIR_VARIABLE = "REVIEW_TEST_POSTGRES_DIR"


def _bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if not found:
        sys.exit("PostgreSQL is not installed: apt-get install postgresql (scripts/test.sh does it)")
    return found[-1].parent


def _as_owner(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(fast: bool = False) -> tuple[str, Path]:
    """Start a server; returns its ``review`` database's URL and its folder."""
    bin_dir = _bin()
    folder = Path(tempfile.mkdtemp(prefix="review-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", _free_port()
    quiet = {"check": True, "stdout": subprocess.DEVNULL}
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "review", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]
    subprocess.run(_as_owner(initdb), **quiet)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
    if fast:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(
        _as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]),
        **quiet,
    )
    subprocess.run(_as_owner([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "review", "review"]),
                   **quiet)  # fmt: skip
    return f"postgresql://review@127.0.0.1:{port}/review", folder


def stop(folder: Path) -> None:
    if (folder / "data").exists():
        subprocess.run(
            _as_owner([str(_bin() / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "-w", "stop"]),
            stdout=subprocess.DEVNULL,
            check=False,
        )
    shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("--fast", action="store_true", help="fsync off (tests); leave it on for benchmarks")
    args = parser.parse_args()
    if args.action == "start":
        url, folder = start(fast=args.fast)
        print(f"export {URL_VARIABLE}={url} {DIR_VARIABLE}={folder}")
    elif os.environ.get(DIR_VARIABLE):
        stop(Path(os.environ[DIR_VARIABLE]))


if __name__ == "__main__":
    main()
