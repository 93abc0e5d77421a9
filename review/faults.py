"""What a failing database means, in one sentence: DuckDB's and the OS's errors as named errors.

DuckDB reports a read-only folder, a full disk, a damaged file and a file held by another
process all as ``IOException`` (or a bare ``Error`` for a checksum mismatch) whose text
carries the operating system's words; the OS itself raises ``OSError`` with an errno (when
the data folder cannot even be made). Both become :class:`StoreLocked` or
:class:`StoreUnavailable`, whose message says what is wrong and what to do.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from review.errors import ReviewError, StoreLocked, StoreUnavailable

REASON_CHARS = 160  # enough of DuckDB's first line to recognise the error, short enough for a terminal line

_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}  # EFBIG: a file-size limit (ulimit -f) hits like a full disk
# The operating system's words as DuckDB passes them on (strerror of the errnos above).
_READ_ONLY_WORDS = ("read-only file system", "permission denied", "operation not permitted")
_FULL_WORDS = ("no space left on device", "disk quota exceeded", "file too large")
_CORRUPT_WORDS = ("not a valid duckdb database file", "corrupt", "checksum")
_LOCKED_WORDS = ("could not set lock", "conflicting lock")


def store_failure(exc: BaseException, path: str | Path) -> ReviewError:
    """The named error for a database at ``path`` that failed to open, write or read."""
    where = str(path) if str(path) == ":memory:" or "://" in str(path) else os.path.abspath(path)
    text = str(exc).lower()
    code = exc.errno if isinstance(exc, OSError) else None
    if any(words in text for words in _LOCKED_WORDS):
        return StoreLocked(path=where)
    if code in _READ_ONLY or any(words in text for words in _READ_ONLY_WORDS):
        return StoreUnavailable("error.store_readonly", path=where)
    if code in _FULL or any(words in text for words in _FULL_WORDS):
        return StoreUnavailable("error.store_full", path=where)
    if any(words in text for words in _CORRUPT_WORDS):
        return StoreUnavailable("error.store_corrupt", path=where)
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:REASON_CHARS]
    return StoreUnavailable("error.store_failed", path=where, reason=reason)
