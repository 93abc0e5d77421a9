"""Decoding and cleaning the text of an imported file.

Encodings. Readers take the file's bytes (text already decoded is accepted too).
UTF-8, with or without a byte-order mark, is read as it is. PQMethod's ``.dat``/``.sta``
files come from a DOS-era program and are Windows-1252/Latin-1 by nature (our own exporter
writes Latin-1), so those are read as Windows-1252 when they are not valid UTF-8. A CSV or
JSON file that is not UTF-8 is refused with the fix ("save it as UTF-8"): JSON is UTF-8 by
definition (RFC 8259), and guessing a CSV's encoding is how a file imports silently garbled;
an .xlsx file has no such question. Text that already holds U+FFFD (a decoder gave up on some
bytes before it reached us) is refused rather than stored.

Imported text (titles, statements, roles, participant names) is kept as given, with control
characters removed and line breaks made spaces; over-long statements, roles and comments are
refused (cutting a statement changes what was sorted), an over-long title is shortened.
"""

from __future__ import annotations

import codecs

from review.content.text import TITLE_LIMIT, one_line
from review.studies.import_study import MAX_FILE_BYTES, bad, too_big

_ENCODING_FIX = "save it as UTF-8 (a text editor's encoding setting; Excel's 'CSV UTF-8') and import it again"


def shown(value: object) -> str:
    """A value for an error message: short, one line, never the whole of a huge input."""
    if isinstance(value, str):
        text = one_line(value)
        return repr(text if len(text) <= 30 else text[:30] + "...")
    if value is None or isinstance(value, bool | float):
        return repr(value)
    if isinstance(value, int):
        return str(value) if abs(value) < 10**12 else "a huge number"
    return {dict: "an object", list: "a list"}.get(type(value), type(value).__name__)


def clean_title(value: object, default: str) -> str:
    """A title as given, shortened to what the projector shows; the default when there is none."""
    text = one_line(value) if isinstance(value, str) else ""
    return text[:TITLE_LIMIT].strip() or default


def decode(data: bytes | str, kind: str, legacy: bool = False) -> str:
    """The text of a ``kind`` file ("CSV", ".dat"); see the module docstring for the encodings taken
    and refused. Over :data:`MAX_FILE_BYTES` it is refused before it is decoded."""
    what = f"the {kind} file"
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if len(raw) > MAX_FILE_BYTES:
            raise too_big(kind)
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in raw:
            raise bad(what, f"is UTF-16 or not a text file; {_ENCODING_FIX}")
        raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if not legacy:
                raise bad(what, f"is not UTF-8 (byte {exc.start + 1} cannot be read); {_ENCODING_FIX}") from None
            try:
                text = raw.decode("cp1252")  # PQMethod's own (DOS/Windows) encoding
            except UnicodeDecodeError:
                text = raw.decode("latin-1")  # the five bytes cp1252 leaves undefined are control codes
    elif isinstance(data, str):
        if len(data) > MAX_FILE_BYTES:
            raise too_big(kind)
        text = data.removeprefix("\ufeff")
    else:
        raise bad(what, f"is not a file ({shown(data)})")
    if "\ufffd" in text:
        raise bad(what, f"holds characters that could not be read (U+FFFD); {_ENCODING_FIX}")
    return text
