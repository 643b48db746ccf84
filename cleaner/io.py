"""Batch input and output, streamed: JSONL (plain or gzip), folders of ``.txt``/``.html`` files,
standard input and output.

Nothing here loads a whole file: JSONL is read line by line (a line longer than
``max_record_bytes`` becomes an error record and is skipped without being held), folders are
walked one directory at a time, and output is appended line by line.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

GZIP_MAGIC = b"\x1f\x8b"
MAX_RECORD_BYTES = 64 * 1024 * 1024
"""Longest JSONL line (or input file) read: 5 M characters of escaped JSON, and room for other fields."""
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
COPY_BLOCK = 1024 * 1024
GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)
"""What reading a truncated or corrupt gzip stream raises."""


class InputRecord(NamedTuple):
    """One input document as the reader found it.

    JSONL: ``position`` is the 1-based line number and ``data`` the line's bytes. Folder: ``position``
    is the 1-based ordinal of the file, ``file`` its path relative to the folder, ``path`` its full
    path (read by the worker) and ``name`` the ``.txt`` file its text goes to. ``error`` is set
    (``(code, message)``) when the reader already knows the record cannot be cleaned.
    """

    position: int
    data: bytes | None = None
    file: str | None = None
    path: str | None = None
    name: str | None = None
    is_html: bool = False
    error: tuple[str, str] | None = None


# -- reading -------------------------------------------------------------------------------------
def open_input(name: str) -> BinaryIO:
    """A binary stream of file ``name`` (``-``: standard input), decompressed when it is gzip.

    gzip is recognised by its magic bytes, so ``.gz`` files and gzip on stdin both work.
    """
    # stdin gets its own reader object: a thread blocked reading it must not hold the lock of
    # sys.stdin.buffer, which the interpreter takes at exit
    raw = open(sys.stdin.fileno(), "rb", closefd=False) if name == "-" else open(name, "rb")
    if not isinstance(raw, io.BufferedReader):
        raw = io.BufferedReader(raw)  # type: ignore[arg-type]
    if raw.peek(2)[:2] == GZIP_MAGIC:
        return io.BufferedReader(gzip.GzipFile(fileobj=raw, mode="rb"), buffer_size=COPY_BLOCK)  # type: ignore[arg-type]
    return raw


def read_jsonl(stream: BinaryIO, max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[InputRecord]:
    """One record per non-blank line of ``stream``, numbered by physical line (from 1).

    Blank lines are not records. A line longer than ``max_record_bytes`` yields a record with
    the error ``record_too_large`` and is skipped without being held in memory.
    """
    line_number = 0
    while True:
        line = stream.readline(max_record_bytes + 1)
        if not line:
            return
        line_number += 1
        if len(line) > max_record_bytes:
            if not line.endswith(b"\n"):
                _skip_rest_of_line(stream)
            yield InputRecord(line_number, error=(
                "record_too_large", f"the line is longer than {max_record_bytes:,} bytes"))
            continue
        if line.strip():
            yield InputRecord(line_number, line)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        part = stream.readline(COPY_BLOCK)
        if not part or part.endswith(b"\n"):
            return


def is_input_file(name: str) -> bool:
    """Whether a folder entry is a document: ``.txt``, ``.html`` or ``.htm``, optionally ``.gz``."""
    lower = name.lower().removesuffix(".gz")
    return not name.startswith(".") and lower.endswith(TEXT_SUFFIXES + HTML_SUFFIXES)


def read_folder(root: str | Path) -> Iterator[InputRecord]:
    """One record per ``.txt``/``.html``/``.htm`` file (optionally ``.gz``) under ``root``, in
    sorted order, recursively; hidden files and folders are skipped.

    Each record's ``name`` is its ``.txt`` output name: the relative path with the suffix
    replaced by ``.txt`` (``a/b.html`` -> ``a/b.txt``), or with ``.txt`` appended when two files
    of one folder share a stem (``b.txt`` and ``b.html`` -> ``b.txt.txt`` and ``b.html.txt``).
    Memory holds one directory listing at a time.
    """
    root = Path(root)
    ordinal = 0
    for relative_dir, files in _walk_sorted(root, Path()):
        stems: dict[str, int] = {}
        for name in files:
            stem = _stem(name)
            stems[stem] = stems.get(stem, 0) + 1
        for name in files:
            ordinal += 1
            relative = (relative_dir / name).as_posix()
            stem = _stem(name)
            out_name = stem + ".txt" if stems[stem] == 1 else name.removesuffix(".gz") + ".txt"
            is_html = name.lower().removesuffix(".gz").endswith(HTML_SUFFIXES)
            yield InputRecord(ordinal, file=relative, path=str(root / relative),
                              name=(relative_dir / out_name).as_posix(), is_html=is_html)


def _stem(name: str) -> str:
    base = name.removesuffix(".gz")
    return base.rsplit(".", 1)[0]


def _walk_sorted(root: Path, relative: Path) -> Iterator[tuple[Path, list[str]]]:
    entries = sorted(os.scandir(root / relative), key=lambda e: e.name)
    files = [e.name for e in entries if e.is_file() and is_input_file(e.name)]
    if files:
        yield relative, files
    for entry in entries:
        if entry.is_dir() and not entry.name.startswith("."):
            yield from _walk_sorted(root, relative / entry.name)


def read_document_file(path: str, max_bytes: int = MAX_RECORD_BYTES) -> bytes:
    """The bytes of one input file (gunzipped when it is gzip); ``ValueError`` when it holds more
    than ``max_bytes``."""
    with open(path, "rb") as raw:
        is_gzip = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if is_gzip else raw  # type: ignore[assignment]
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"the file holds more than {max_bytes:,} bytes")
    return data


# -- writing -------------------------------------------------------------------------------------
def is_gzip_name(name: str | Path) -> bool:
    """Whether output to ``name`` is gzip-compressed (its suffix is ``.gz``)."""
    return str(name).lower().endswith(".gz")


class JsonlWriter:
    """Appends lines to a JSONL file (gzip when its name ends in ``.gz``) or to stdout (``-``).

    ``flush_if_due`` pushes written lines to the file at most every ``flush_every`` seconds (for
    gzip, a sync flush), so that a killed run loses little and ``--resume`` finds whole lines.
    """

    def __init__(self, name: str | Path, *, append: bool = False, flush_every: float = 1.0) -> None:
        self.name = str(name)
        self.flush_every = flush_every
        self._last_flush = 0.0
        self._stream: BinaryIO
        if self.name == "-":
            self._stream = sys.stdout.buffer
        elif is_gzip_name(self.name):
            self._stream = gzip.open(self.name, "ab" if append else "wb", compresslevel=6)  # type: ignore[assignment]
        else:
            self._stream = open(self.name, "ab" if append else "wb", buffering=COPY_BLOCK)

    def write(self, line: bytes) -> None:
        """Write one line (``line`` ends with a newline)."""
        self._stream.write(line)

    def flush_if_due(self, now: float) -> None:
        """Flush when ``flush_every`` seconds have passed since the last flush."""
        if now - self._last_flush >= self.flush_every:
            self._stream.flush()
            self._last_flush = now

    def close(self) -> None:
        """Flush and close (standard output is flushed, not closed)."""
        if self.name == "-":
            self._stream.flush()
        else:
            self._stream.close()


class TxtFolderWriter:
    """Writes each cleaned text to ``root/NAME`` (atomically: a temporary file, then a rename)
    and each error record to ``root/errors.jsonl``."""

    ERRORS_FILE = "errors.jsonl"

    def __init__(self, root: str | Path, *, append: bool = False) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.errors = JsonlWriter(self.root / self.ERRORS_FILE, append=append)

    def write_text(self, name: str, text: bytes) -> None:
        """Write one cleaned text to ``root/name``."""
        target = self.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(text)
        os.replace(partial, target)

    def write_error(self, line: bytes) -> None:
        """Append one error record."""
        self.errors.write(line)

    def flush_if_due(self, now: float) -> None:
        """Flush the error file when due (see ``JsonlWriter``)."""
        self.errors.flush_if_due(now)

    def close(self) -> None:
        """Close the error file."""
        self.errors.close()


# -- resuming ------------------------------------------------------------------------------------
def complete_lines(name: str | Path) -> Iterator[bytes]:
    """The complete (newline-terminated) lines of a JSONL output file, plain or gzip; a trailing
    partial line, and whatever follows the point where a truncated gzip stream breaks off, are
    not yielded."""
    with open(name, "rb") as raw:
        is_gzip = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        stream: BinaryIO = io.BufferedReader(gzip.GzipFile(fileobj=raw, mode="rb")) if is_gzip else raw  # type: ignore[arg-type]
        try:
            for line in stream:
                if not line.endswith(b"\n"):
                    return
                yield line
        except GZIP_ERRORS:
            return


def prepare_resume(name: str | Path) -> int:
    """Make a JSONL output file end at its last complete line; returns how many complete lines
    it holds (0 when it does not exist).

    A plain file is truncated after its last newline. A gzip file that was cut off (a killed
    run) is rewritten with its complete lines, so that new output can be appended as a
    further gzip member.
    """
    path = Path(name)
    if not path.exists():
        return 0
    if is_gzip_name(path) or _starts_with_gzip_magic(path):
        return _repair_gzip(path)
    count, end = 0, 0
    with open(path, "rb") as stream:
        offset = 0
        while block := stream.read(COPY_BLOCK):
            newlines = block.count(b"\n")
            if newlines:
                count += newlines
                end = offset + block.rindex(b"\n") + 1
            offset += len(block)
    if end != path.stat().st_size:
        os.truncate(path, end)
    return count


def _starts_with_gzip_magic(path: Path) -> bool:
    with open(path, "rb") as stream:
        return stream.read(2) == GZIP_MAGIC


def _repair_gzip(path: Path) -> int:
    if _gzip_is_whole(path):
        return sum(1 for _ in complete_lines(path))
    repaired = path.with_name(f".{path.name}.resume")
    count = 0
    with gzip.open(repaired, "wb", compresslevel=6) as out:
        for line in complete_lines(path):
            out.write(line)
            count += 1
    os.replace(repaired, path)
    return count


def _gzip_is_whole(path: Path) -> bool:
    """Whether the gzip file decompresses to its end and its text ends with a newline."""
    last = b""
    try:
        with gzip.open(path, "rb") as stream:
            while block := stream.read(COPY_BLOCK):
                last = block[-1:]
    except GZIP_ERRORS:
        return False
    return last in (b"", b"\n")
