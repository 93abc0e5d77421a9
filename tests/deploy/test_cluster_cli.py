"""deploy/cluster.py's command line: the facilitator's password never on it (``ps`` shows it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deploy.cluster import ClusterError, main, read_password


def test_a_password_on_the_command_line_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["--password", "secret"])
    assert ended.value.code == 2 and "--password" in capsys.readouterr().err


def test_the_password_file_gives_its_first_line(tmp_path: Path) -> None:
    file = tmp_path / "password"
    file.write_text("  geheim wachtwoord \nrest\n", encoding="utf-8")
    assert read_password(file) == "geheim wachtwoord"
    assert read_password(None) is None  # the apps take REVIEW_FACILITATOR_PASSWORD, else print a key


@pytest.mark.parametrize("content", [None, "", "\n\n", b"\xff\xfe"])
def test_a_missing_empty_or_unreadable_password_file_stops_the_start(tmp_path: Path, capsys, content) -> None:
    file = tmp_path / "password"
    if isinstance(content, bytes):
        file.write_bytes(content)
    elif content is not None:
        file.write_text(content)
    with pytest.raises(ClusterError, match="password file"):
        read_password(file)
    with pytest.raises(SystemExit) as ended:
        main(["--password-file", str(file)])
    assert ended.value.code == 2 and "password file" in capsys.readouterr().err
