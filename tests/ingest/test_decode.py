"""Decoding keeps text exactly, and refuses what is not text with a one-line reason."""

import pytest

from ingest.decode import RejectedFile, decode_bytes


def test_utf8_text_is_kept_exactly():
    text = "“Íngrid,” she said — 30,000.\n"
    assert decode_bytes(text.encode()).text == text


def test_windows_1252_text_is_detected():
    text = "The minister’s “reply” was brief. " * 20
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding != "utf-8"


def test_line_endings_are_read_as_python_text_mode_reads_them():
    assert decode_bytes(b"one\r\ntwo\rthree\n").text == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"  \n\t", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_empty_and_binary_input_is_refused(data, reason):
    with pytest.raises(RejectedFile, match=reason):
        decode_bytes(data)


def test_sha256_is_of_the_bytes():
    assert decode_bytes(b"abc").sha256 == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_a_nul_byte_anywhere_marks_the_file_binary():
    # PostgreSQL text cannot hold NUL, so one past the first 8 KB must be caught too.
    with pytest.raises(RejectedFile, match="binary"):
        decode_bytes(b"Plain words. " * 1000 + b"\x00")
