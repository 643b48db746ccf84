"""Turn the caller's input (``str`` or ``bytes``) into text the engine can offset into."""

from __future__ import annotations

import codecs

import regex

from .errors import DecodeError, EmptyInputError

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
# Controls other than tab and line breaks, and lone surrogates, cannot be part of an article:
# each becomes one space (or U+FFFD) so that offsets into the source stay the same.
CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
SURROGATE = regex.compile(r"[\ud800-\udfff]")
BINARY_SAMPLE = 4096
MAX_CONTROL_SHARE = 0.05


def _looks_binary(data: bytes) -> bool:
    sample = data[:BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 27)
    return controls > MAX_CONTROL_SHARE * len(sample)


def decode_bytes(data: bytes) -> str:
    """Decode bytes: a BOM decides; else UTF-8; else the charset that charset_normalizer
    detects. Binary data (NUL bytes, many control bytes) raises ``DecodeError``."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise DecodeError(f"input starts with a {encoding} BOM but does not decode: {error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise DecodeError("input looks like binary data, not text")
    from charset_normalizer import from_bytes  # only for non-UTF-8 input

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("input is not UTF-8 and its encoding could not be detected")
    return str(best)


def to_text(data: str | bytes | bytearray) -> str:
    """The input as ``str``, with control characters and lone surrogates neutralised."""
    if isinstance(data, (bytes, bytearray)):
        data = decode_bytes(bytes(data))
    elif not isinstance(data, str):
        raise DecodeError(f"input must be str or bytes, not {type(data).__name__}")
    if CONTROL.search(data):
        data = CONTROL.sub(" ", data)
    if SURROGATE.search(data):
        data = SURROGATE.sub("\ufffd", data)
    return data


def require_text(text: str, what: str = "the input") -> None:
    """Raise ``EmptyInputError`` unless ``text`` holds something besides whitespace."""
    if not text.strip():
        raise EmptyInputError(f"{what} is empty (no text to clean)")
