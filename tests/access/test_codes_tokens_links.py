import io

import pytest
import zxingcpp
from PIL import Image

from review.access.codes import ALPHABET, CODE_LENGTH, new_code, normalise_code
from review.access.joinlink import base_url, is_loopback, join_url, link_tag, qr_png, tag_ok
from review.access.tokens import new_token, participant_of
from review.errors import BadSessionCode, InvalidToken, LookalikeInCode, MissingSessionCode


def test_codes_have_no_look_alikes() -> None:
    assert not set("0O1IL") & set(ALPHABET)
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(c) == CODE_LENGTH and set(c) <= set(ALPHABET) for c in codes)


@pytest.mark.parametrize(("typed", "code"), [("k7qx3m", "K7QX3M"), (" K7Q-X3M ", "K7QX3M"), ("k7q x3m", "K7QX3M")])
def test_typed_codes_are_normalised(typed: str, code: str) -> None:
    assert normalise_code(typed) == code


@pytest.mark.parametrize("typed", ["", "K7QX3", "K7QX3MM", "K0QX3M", "KIQX3M", "<script>", "K7QX3!"])
def test_malformed_codes_are_refused(typed: str) -> None:
    with pytest.raises(BadSessionCode):
        normalise_code(typed)


@pytest.mark.parametrize(("typed", "chars"), [("QGJ5QO", "O"), ("k7qx3o", "O"), ("1ILQX3", "1, I, L"), ("K0QX3M", "0")])
def test_a_lookalike_in_a_code_of_the_right_length_is_named(typed: str, chars: str) -> None:
    with pytest.raises(LookalikeInCode) as refused:  # still a BadSessionCode for every handler
        normalise_code(typed)
    assert isinstance(refused.value, BadSessionCode)
    assert f"als {chars} las" in refused.value.message("nl") and f"read as {chars} is" in refused.value.message("en")
    assert "6" not in refused.value.message("en").split("You typed")[0]  # not told the length it has


@pytest.mark.parametrize("typed", ["", "   ", " - "])
def test_no_code_at_all_says_so_without_an_empty_echo(typed: str) -> None:
    with pytest.raises(MissingSessionCode) as refused:  # still a BadSessionCode for every handler
        normalise_code(typed)
    assert isinstance(refused.value, BadSessionCode)
    for lang in ("nl", "en"):
        message = refused.value.message(lang)
        assert "K7QX3M" in message and not message.rstrip().endswith(":")
    assert "You typed" not in refused.value.message("en") and "Je typte" not in refused.value.message("nl")


def test_token_round_trip_and_forgeries() -> None:
    secret = b"s" * 32
    token = new_token(secret, "session-a")
    pid = participant_of(secret, "session-a", token)
    assert token.startswith(pid + ".")
    forged = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature edited
        "x" + token,  # participant id edited
        pid,  # signature removed
        "",
        token + "." * 100,
    ]
    for bad in forged:
        with pytest.raises(InvalidToken):
            participant_of(secret, "session-a", bad)
    with pytest.raises(InvalidToken):
        participant_of(secret, "session-b", token)  # another session's token
    with pytest.raises(InvalidToken):
        participant_of(b"t" * 32, "session-a", token)  # another server's secret


def test_base_url_prefers_the_public_url() -> None:
    assert base_url("https://review.example.org/ws/", "http://localhost:8501/facilitator") == (
        "https://review.example.org/ws"
    )
    assert base_url(None, "http://192.168.1.20:8501/facilitator?session=X") == "http://192.168.1.20:8501"
    assert base_url("  ", None) == "http://localhost:8501"


def test_join_url_points_at_the_default_page() -> None:
    assert join_url("http://10.0.0.5:8501", "K7QX3M") == "http://10.0.0.5:8501/?s=K7QX3M"


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://localhost:8501/?s=A", True),
        ("http://127.0.0.1:8501", True),
        ("http://[::1]:8501", True),
        ("http://0.0.0.0:8501", True),
        ("http://192.168.1.20:8501", False),
        ("https://review.example.org", False),
    ],
)
def test_loopback_detection(url: str, loopback: bool) -> None:
    assert is_loopback(url) is loopback


def test_qr_is_a_png_that_scans_to_the_url() -> None:
    url = "http://192.168.1.20:8501/?s=K7QX3M"
    png = qr_png(url)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(png))
    assert image.width >= 300
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]


def test_the_start_up_banner_never_promises_phones_an_address_they_cannot_reach() -> None:
    from review.access.joinlink import phones_join_at

    assert phones_join_at("http://192.168.1.20:8501", "127.0.0.1", "10.0.0.5", 8501) == "http://192.168.1.20:8501"
    assert phones_join_at(None, None, "10.0.0.5", 8501) == "http://10.0.0.5:8501"
    assert phones_join_at(None, "0.0.0.0", "10.0.0.5", 8502) == "http://10.0.0.5:8502"
    for loopback in ("127.0.0.1", "localhost", "::1"):
        said = phones_join_at(None, loopback, "10.0.0.5", 8501)
        assert said.startswith("nowhere") and "--server.address 0.0.0.0" in said


def test_the_qr_link_signs_its_code_and_only_its_code() -> None:
    secret = b"k" * 32
    url = join_url("http://10.0.0.5:8501", "K7QX3M", link_tag(secret, "K7QX3M"))
    assert url.startswith("http://10.0.0.5:8501/?s=K7QX3M&k=")
    assert tag_ok(secret, "K7QX3M", link_tag(secret, "K7QX3M"))
    assert not tag_ok(secret, "K7QX3N", link_tag(secret, "K7QX3M"))  # another code
    assert not tag_ok(b"o" * 32, "K7QX3M", link_tag(secret, "K7QX3M"))  # another server
    assert not tag_ok(secret, "K7QX3M", None) and not tag_ok(secret, "K7QX3M", ["x"])
