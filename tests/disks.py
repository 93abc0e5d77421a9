"""Broken disks for the fault tests: a disk that fills up, a read-only folder, a damaged file.

A full disk is a small tmpfs filled to the last page (``mount`` needs root, as on the CI
machine); where mounting is not allowed, a file-size limit on the process that writes
(``RLIMIT_FSIZE``, as ``ulimit -f`` sets it) makes its writes fail the same way (EFBIG
instead of ENOSPC). Nothing here skips: a machine that can do neither fails the test.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

FILLER = "filler"
FILL_CHUNK = 64 * 1024
HEADER_BYTES = 3 * 4096  # DuckDB's file header and its two database headers come before block 0
BLOCK_BYTES = 256 * 1024  # DuckDB's default block size


def _mount(folder: Path, options: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if os.environ.get("REVIEW_TEST_NO_MOUNT"):  # try the fallbacks on a machine that can mount
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


class SmallDisk:
    """A folder whose disk can be filled and freed again while a process writes to it.

    ``pid`` is the process whose writes must fail (only used without tmpfs)."""

    def __init__(self, folder: Path, mounted: bool) -> None:
        self.folder = folder
        self.mounted = mounted
        self.pid: int | None = None

    def fill(self) -> None:
        if self.mounted:
            fd = os.open(self.folder / FILLER, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
            try:
                for size in (FILL_CHUNK, 4096, 512, 1):  # to the last byte tmpfs will take
                    with suppress(OSError):
                        while True:
                            os.write(fd, b"\0" * size)
            finally:
                os.close(fd)
        else:
            _, hard = resource.prlimit(self.pid or 0, resource.RLIMIT_FSIZE)
            resource.prlimit(self.pid or 0, resource.RLIMIT_FSIZE, (1, hard))

    def free(self) -> None:
        if self.mounted:
            (self.folder / FILLER).unlink(missing_ok=True)
        else:
            _, hard = resource.prlimit(self.pid or 0, resource.RLIMIT_FSIZE)
            resource.prlimit(self.pid or 0, resource.RLIMIT_FSIZE, (hard, hard))


@contextmanager
def small_disk(folder: Path, size: str = "32m") -> Iterator[SmallDisk]:
    """A tmpfs of ``size`` at ``folder`` (or a plain folder and a file-size limit, see above)."""
    mounted = _mount(folder, f"size={size}")
    disk = SmallDisk(folder, mounted)
    try:
        yield disk
    finally:
        if not mounted:
            with suppress(ProcessLookupError):  # the limited process may be gone by now
                disk.free()
        else:
            _unmount(folder)


@contextmanager
def read_only_folder(folder: Path, seed_db: Path | None = None) -> Iterator[Path]:
    """``folder`` made read-only, holding a copy of ``seed_db`` as ``review.duckdb`` if given:
    a read-only tmpfs, or without mount a folder without write permission (not enough for root)."""
    mounted = _mount(folder, "size=16m")
    if seed_db is not None:
        shutil.copy(seed_db, folder / "review.duckdb")
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        for path in (folder, *folder.iterdir()):
            path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        probe = folder / "probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            raise RuntimeError(f"cannot make {folder} read-only here: needs mount (root) or a user without root")
        yield folder
    finally:
        if mounted:
            _unmount(folder)
        else:
            folder.chmod(0o755)


def used_blocks(db: Path) -> list[int]:
    """The blocks that hold table data, in file order (from DuckDB's own storage map)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        blocks = {
            row[0]
            for table in tables
            for row in con.execute(f"SELECT block_id FROM pragma_storage_info('{table}')").fetchall()
            if row[0] >= 0
        }
    finally:
        con.close()
    return sorted(blocks)


def damage_the_middle(db: Path) -> int:
    """Overwrite the middle one of the file's data blocks with garbage; returns its id."""
    blocks = used_blocks(db)
    block = blocks[len(blocks) // 2]
    with open(db, "r+b") as f:
        f.seek(HEADER_BYTES + block * BLOCK_BYTES)
        f.write(os.urandom(BLOCK_BYTES // 4))
    return block


def random_bytes(db: Path, size: int = 1 << 20) -> None:
    db.write_bytes(os.urandom(size))
