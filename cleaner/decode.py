"""Turn the caller's input (``str`` or ``bytes``) into text the engine can offset into."""

from __future__ import annotations

import codecs
import re

from .errors import DecodeError, EmptyInputError

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
# Controls other than tab and line breaks, and lone surrogates, cannot be part of an article:
# each becomes one space (or U+FFFD) so that offsets into the source stay the same.
# (The stdlib's re: it scans a character class four times faster than the regex module.)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")
NEUTRALISED = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\ud800-\udfff]")
"""Either kind: one scan tells whether a text needs neutralising at all (most do not)."""
# The bytes ``_looks_binary`` counts as control bytes: below tab, and 14-26.
CONTROL_BYTES = bytes(b for b in range(256) if b < 9 or 13 < b < 27)
BINARY_SAMPLE = 4096
MAX_CONTROL_SHARE = 0.05
# UTF-16/32 without a BOM: text in a Latin script has a NUL in (nearly) every other (UTF-16)
# or three of every four (UTF-32) bytes, at the same positions; anything else is not sniffed.
MIN_NUL_COLUMN_SHARE = 0.7
MAX_NUL_OTHER_SHARE = 0.05
MIN_SNIFF_BYTES = 8
WEB_DEFAULT_CHARSETS = ("cp1252", "latin_1")
CHAOS_TIE = 0.01
COHERENCE_TIE = 0.02


def _looks_binary(data: bytes, allow_nul: bool = False) -> bool:
    """Whether the start of ``data`` is binary: a NUL byte (unless ``allow_nul``: valid UTF-8
    may carry a stray NUL), or more than 5% control bytes other than tab and line breaks."""
    sample = data[:BINARY_SAMPLE]
    if not allow_nul and b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > MAX_CONTROL_SHARE * len(sample)


def _nul_share(sample: bytes, position: int, width: int) -> float:
    column = sample[position::width]
    return column.count(0) / max(len(column), 1)


def sniff_wide_encoding(data: bytes) -> str | None:
    """``utf-32-le/be`` or ``utf-16-le/be`` for BOM-less wide text (see MIN_NUL_COLUMN_SHARE),
    else None."""
    sample = data[:BINARY_SAMPLE - BINARY_SAMPLE % 4]
    if len(sample) < MIN_SNIFF_BYTES or sample.count(0) < len(sample) // 3:
        return None
    shares4 = [_nul_share(sample, i, 4) for i in range(4)]
    if min(shares4[1:]) >= MIN_NUL_COLUMN_SHARE and shares4[0] <= MAX_NUL_OTHER_SHARE and len(data) % 4 == 0:
        return "utf-32-le"
    if min(shares4[:3]) >= MIN_NUL_COLUMN_SHARE and shares4[3] <= MAX_NUL_OTHER_SHARE and len(data) % 4 == 0:
        return "utf-32-be"
    even, odd = _nul_share(sample, 0, 2), _nul_share(sample, 1, 2)
    if len(data) % 2:
        return None
    if odd >= MIN_NUL_COLUMN_SHARE and even <= MAX_NUL_OTHER_SHARE:
        return "utf-16-le"
    if even >= MIN_NUL_COLUMN_SHARE and odd <= MAX_NUL_OTHER_SHARE:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> str:
    """Decode bytes: a BOM decides; else BOM-less UTF-16/32 when its NUL pattern is plain
    (``sniff_wide_encoding``); else UTF-8; else the charset that charset_normalizer detects.
    Binary data (NUL bytes, many control bytes) raises ``DecodeError``."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise DecodeError(f"input starts with a {encoding} BOM but does not decode: {error}") from None
    wide = sniff_wide_encoding(data)
    if wide is not None:
        try:
            return data.decode(wide)
        except UnicodeDecodeError:
            raise DecodeError(f"input looks like {wide} without a BOM but does not decode") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(data, allow_nul=True):
            raise DecodeError("input looks like binary data, not text")
        return text
    if _looks_binary(data):
        raise DecodeError("input looks like binary data, not text")
    from charset_normalizer import from_bytes  # only for non-UTF-8 input

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise DecodeError("input is not UTF-8 and its encoding could not be detected")
    # Single-byte charsets that decode the bytes equally well tie; like browsers (WHATWG), take
    # windows-1252 then (charset_normalizer would pick cp1250 and turn Latin-1 "ñ" into "ń").
    for match in matches:
        if (match.encoding in WEB_DEFAULT_CHARSETS and match.chaos <= best.chaos + CHAOS_TIE
                and match.coherence >= best.coherence - COHERENCE_TIE):
            return str(match)
    return str(best)


def to_text(data: str | bytes | bytearray) -> str:
    """The input as ``str``, with control characters and lone surrogates neutralised."""
    if isinstance(data, (bytes, bytearray)):
        data = decode_bytes(bytes(data))
    elif not isinstance(data, str):
        raise DecodeError(f"input must be str or bytes, not {type(data).__name__}")
    if NEUTRALISED.search(data) is None:
        return data
    return SURROGATE.sub("\ufffd", CONTROL.sub(" ", data))


def require_text(text: str, what: str = "the input") -> None:
    """Raise ``EmptyInputError`` unless ``text`` holds something besides whitespace."""
    if not text.strip():
        raise EmptyInputError(f"{what} is empty (no text to clean)")
