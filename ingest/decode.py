"""Read a text file's bytes into the exact string that offsets will index into."""

import hashlib
from dataclasses import dataclass

from charset_normalizer import from_bytes


class RejectedFile(Exception):
    """A file that cannot become a Source; the message is the one-line reason."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    sha256: str


# Control characters that never occur in text; their presence means a binary file.
_BINARY_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27}


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def looks_binary(data: bytes) -> bool:
    """True for bytes with NULs or many control characters (images, archives, executables)."""
    # NUL anywhere, not only in the sample: PostgreSQL text cannot hold it.
    if b"\x00" in data:
        return True
    sample = data[:8192]
    controls = sum(1 for byte in sample if byte in _BINARY_BYTES)
    return controls > len(sample) * 0.01


def decode_bytes(data: bytes) -> DecodedText:
    """Decode as UTF-8, else as the encoding charset-normalizer detects.

    Line endings are read the way Python's text mode reads them (CRLF and CR become LF), so
    offsets agree with ``Path.read_text()``; nothing else is changed. Raises ``RejectedFile``
    for empty, binary or undecodable input.
    """
    if not data.strip():
        raise RejectedFile("empty file")
    if looks_binary(data):
        raise RejectedFile("binary file (not text)")
    digest = sha256_of(data)
    try:
        return DecodedText(_universal_newlines(data.decode("utf-8")), "utf-8", digest)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise RejectedFile("not decodable as text in any known encoding")
    text = str(best)
    if "\x00" in text:
        raise RejectedFile("binary file (not text)")
    return DecodedText(_universal_newlines(text), best.encoding, digest)


def _universal_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
