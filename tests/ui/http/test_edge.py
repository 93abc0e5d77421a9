"""ui/http/edge.py's pure parts: what counts as this server's own origin; REVIEW_BODY_SECONDS."""

from __future__ import annotations

import pytest

from review.config import DEFAULT_BODY_SECONDS, Settings
from ui.http.edge import same_origin


def scope(host: str, scheme: str = "http") -> dict:
    return {"type": "http", "scheme": scheme, "headers": [(b"host", host.encode())]}


@pytest.mark.parametrize(
    ("origin", "host", "scheme", "same"),
    [
        (None, "127.0.0.1:8501", "http", True),  # a program, not a page
        ("http://127.0.0.1:8501", "127.0.0.1:8501", "http", True),
        ("HTTP://LOCALHOST:8501", "localhost:8501", "http", True),
        ("https://room.example", "room.example:443", "https", True),  # default ports written or not
        ("https://room.example:443", "room.example", "wss", True),  # the websocket's scheme
        ("http://127.0.0.1:9999", "127.0.0.1:8501", "http", False),  # another port: the probe's page
        ("http://localhost:8501", "127.0.0.1:8501", "http", False),  # another host
        ("https://127.0.0.1:8501", "127.0.0.1:8501", "http", False),  # another scheme
        ("http://127.0.0.1", "127.0.0.1:8501", "http", False),  # port 80 is another port
        ("null", "127.0.0.1:8501", "http", False),  # a sandboxed frame or a file
        ("http://127.0.0.1:x", "127.0.0.1:8501", "http", False),
        ("ftp://127.0.0.1:8501", "127.0.0.1:8501", "http", False),
    ],
)
def test_the_origin_must_match_scheme_host_and_port(origin, host, scheme, same) -> None:
    assert same_origin(origin, scope(host, scheme)) is same


def test_without_a_host_header_a_page_is_refused() -> None:
    assert same_origin("http://127.0.0.1:8501", {"type": "http", "scheme": "http", "headers": []}) is False


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("5", 5.0), ("0.5", 0.5), ("0", None), ("-3", None), ("x", None), ("nan", None), ("inf", None)],
)
def test_body_seconds_come_from_the_environment_or_the_default(text: str, seconds: float | None) -> None:
    settings = Settings.from_env({"REVIEW_BODY_SECONDS": text})
    assert settings.body_seconds == (seconds if seconds is not None else DEFAULT_BODY_SECONDS)
