"""Batch cleaning: many documents in, one output record per input record, in input order.

``run_batch`` streams records from a JSONL file (plain or gzip, or stdin) or a folder of
``.txt``/``.html`` files, cleans them in worker processes (``batch_pool.OrderedPool``) and writes
JSONL (the input record's fields plus ``clean_text``, ``title``, ``metadata``, ``removed``) or a
folder of ``.txt`` files. A record that cannot be cleaned becomes an error record
``{"error": {"code": ..., "message": ...}, "line": N, "id": ...}``; nothing is dropped.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .batch_pool import OrderedPool
from .config import Config
from .engine import Cleaner, cleaner_for
from .errors import CleanerError
from .io import (
    GZIP_ERRORS,
    MAX_RECORD_BYTES,
    InputRecord,
    JsonlWriter,
    TxtFolderWriter,
    complete_lines,
    open_input,
    prepare_resume,
    read_document_file,
    read_folder,
    read_jsonl,
)

CHUNK_RECORDS = 32
CHUNK_BYTES = 1024 * 1024
MIN_HARD_LIMIT = 10.0
HARD_LIMIT_PER_BUDGET = 5.0
"""The watchdog kills a worker stuck on one record for max(10 s, 5 x the time budget): the budget
is checked between steps, so a single long step (HTML extraction of a huge page) can overrun it."""
OUTPUT_FORMATS = ("jsonl", "txt")


class BatchError(CleanerError):
    """The batch cannot go on: unreadable or broken input, unusable output."""

    code = "batch_failed"


@dataclass(frozen=True)
class BatchOptions:
    """How to read each record and what to write for it."""

    config: Config = field(default_factory=Config)
    text_field: str = "text"
    html_field: str | None = None
    """When set, a record's HTML is read from this field (and parsed as HTML); records without it
    fall back to ``text_field``."""
    id_field: str | None = None
    include_removed: bool = True
    output_format: str = "jsonl"
    output_root: str | None = None
    """The folder of ``.txt`` output (``output_format == "txt"``)."""
    resume: bool = False
    max_record_bytes: int = MAX_RECORD_BYTES

    def __post_init__(self) -> None:
        if self.output_format not in OUTPUT_FORMATS:
            raise ValueError(f"output_format must be one of {OUTPUT_FORMATS}, not {self.output_format!r}")


class Outcome(NamedTuple):
    """What one record produced: a JSONL line (result or error record), or for ``.txt`` output
    a file name and its text; ``line`` and ``name`` are both None for a record skipped on resume."""

    line: bytes | None
    is_error: bool = False
    removed_chars: int = 0
    name: str | None = None
    text: bytes | None = None


SKIPPED = Outcome(None)


@dataclass
class BatchSummary:
    """Counts of one run."""

    documents: int = 0
    errors: int = 0
    removed_chars: int = 0
    resumed: int = 0
    """Records found already done in the output and not cleaned again."""
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        """Documents written per second of the run."""
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """The one-line summary printed at the end."""
        text = (f"cleaner batch: {self.documents:,} documents, {self.errors:,} errors, "
                f"{self.removed_chars:,} characters removed, {self.docs_per_second:,.1f} docs/s "
                f"({self.seconds:.1f} s)")
        if self.resumed:
            text += f"; {self.resumed:,} records already done (resumed)"
        return text


# -- one record (runs in the workers) ------------------------------------------------------------
class RecordProcessor:
    """Turns one ``InputRecord`` into its ``Outcome``; never raises."""

    def __init__(self, options: BatchOptions) -> None:
        self.options = options
        self._cleaners: dict[bool, Cleaner] = {}

    def cleaner(self, is_html: bool) -> Cleaner:
        """The cleaner for text (``html_mode`` as configured) or for HTML (``always``), built once."""
        found = self._cleaners.get(is_html)
        if found is None:
            config = self.options.config
            found = self._cleaners[is_html] = cleaner_for(config.replace(html_mode="always") if is_html else config)
        return found

    def __call__(self, record: InputRecord) -> Outcome:
        """The outcome of one record."""
        try:
            if record.error is not None:
                return self.failure(record, *record.error)
            if record.path is not None:
                return self._process_file(record)
            return self._process_json(record)
        except Exception as error:  # a bug must cost one record, not the batch
            return self.failure(record, "internal_error", f"{type(error).__name__}: {error}")

    def _process_file(self, record: InputRecord) -> Outcome:
        assert record.path is not None and record.name is not None
        if self._already_written(record.name):
            return SKIPPED
        try:
            data = read_document_file(record.path, self.options.max_record_bytes)
        except ValueError as error:
            return self.failure(record, "record_too_large", str(error))
        except (OSError, *GZIP_ERRORS) as error:
            return self.failure(record, "unreadable_file", f"cannot read {record.file}: {error}")
        return self._clean(record, {"file": record.file}, data, record.is_html, record.name)

    def _process_json(self, record: InputRecord) -> Outcome:
        assert record.data is not None
        try:
            fields = json.loads(record.data)
        except UnicodeDecodeError as error:
            return self.failure(record, "undecodable_input", f"the line is not valid UTF-8: {error.reason} at byte {error.start}")
        except ValueError as error:
            return self.failure(record, "bad_json", f"the line is not valid JSON: {error}")
        if not isinstance(fields, dict):
            return self.failure(record, "not_an_object", f"the line holds {_json_type(fields)}, not a JSON object")
        ident = fields.get(self.options.id_field) if self.options.id_field else None
        picked = self._pick_field(record, fields, ident)
        if isinstance(picked, Outcome):
            return picked
        value, is_html = picked
        name = _txt_name(record.position, ident) if self.options.output_format == "txt" else None
        if name is not None and self._already_written(name):
            return SKIPPED
        return self._clean(record, fields, value, is_html, name, ident)

    def _pick_field(self, record: InputRecord, fields: dict, ident: Any) -> tuple[str, bool] | Outcome:
        options = self.options
        candidates = ([(options.html_field, True)] if options.html_field else []) + [(options.text_field, False)]
        for name, is_html in candidates:
            value = fields.get(name)
            if value is None:
                continue
            if not isinstance(value, str):
                return self.failure(record, "wrong_type", f"field {name!r} holds {_json_type(value)}, not a string", ident)
            return value, is_html
        wanted = " or ".join(repr(name) for name, _ in candidates)
        return self.failure(record, "missing_field", f"the record has no field {wanted} (or it is null)", ident)

    def _clean(self, record: InputRecord, fields: dict, data: str | bytes, is_html: bool,
               name: str | None, ident: Any = None) -> Outcome:
        try:
            result = self.cleaner(is_html).clean(data)
        except CleanerError as error:
            return self.failure(record, error.code, str(error), ident)
        removed_chars = sum(len(r.text) for r in result.removed)
        if self.options.output_format == "txt":
            return Outcome(None, False, removed_chars, name, (result.text + "\n").encode("utf-8", "replace"))
        fields["clean_text"] = result.text
        fields["title"] = result.title
        fields["metadata"] = result.metadata
        if self.options.include_removed:
            fields["removed"] = [r.as_dict() for r in result.removed]
        return Outcome(json_line(fields), False, removed_chars)

    def failure(self, record: InputRecord, code: str, message: str, ident: Any = None) -> Outcome:
        """The error record of ``record``: ``{"error": {code, message}, "line"|"file", "id"}``."""
        error: dict[str, Any] = {"error": {"code": code, "message": message}}
        if record.file is not None:
            error["file"] = record.file
        else:
            error["line"] = record.position
            if ident is None:
                ident = self._id_of(record)
            if ident is not None:
                error["id"] = ident
        return Outcome(json_line(error), True)

    def _id_of(self, record: InputRecord) -> Any:
        if not self.options.id_field or record.data is None:
            return None
        try:
            fields = json.loads(record.data)
        except ValueError:
            return None
        return fields.get(self.options.id_field) if isinstance(fields, dict) else None

    def _already_written(self, name: str) -> bool:
        root = self.options.output_root
        return self.options.resume and root is not None and os.path.exists(os.path.join(root, name))


def json_line(fields: dict) -> bytes:
    """``fields`` as one line of JSON (UTF-8; lone surrogates from the input escaped)."""
    try:
        return (json.dumps(fields, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(fields) + "\n").encode("ascii")


def _json_type(value: Any) -> str:
    """``value``'s JSON type with its article: ``an array``, ``a number``, ``null``."""
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), f"a {type(value).__name__}")


SAFE_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
MAX_ID_IN_NAME = 100


def _txt_name(line: int, ident: Any) -> str:
    """The ``.txt`` name of a JSONL record: its line number (so that names are unique and sort in
    input order), then its id with unsafe characters replaced: ``000000042-abc.txt``."""
    name = f"{line:09d}"
    if ident is not None and not isinstance(ident, (dict, list)):
        safe = "".join(c if c in SAFE_NAME_CHARS else "_" for c in str(ident))[:MAX_ID_IN_NAME]
        if safe.strip("._"):
            name += "-" + safe
    return name + ".txt"


# -- the run (in the parent) ---------------------------------------------------------------------
def chunked(records: Iterable[InputRecord], max_records: int = CHUNK_RECORDS,
            max_bytes: int = CHUNK_BYTES) -> Iterator[list[InputRecord]]:
    """Records grouped into chunks of at most ``max_records`` records or about ``max_bytes``."""
    chunk: list[InputRecord] = []
    size = 0
    for record in records:
        chunk.append(record)
        size += len(record.data or b"")
        if len(chunk) >= max_records or size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def hard_limit_for(config: Config) -> float:
    """Seconds one record may take before its worker is killed (see ``HARD_LIMIT_PER_BUDGET``)."""
    return max(MIN_HARD_LIMIT, HARD_LIMIT_PER_BUDGET * config.time_budget)


def open_records(source: str, options: BatchOptions) -> Iterator[InputRecord]:
    """The records of ``source``: a folder, a JSONL file (gzip or not), or ``-`` (stdin)."""
    if source != "-" and Path(source).is_dir():
        return read_folder(source)
    try:
        stream = open_input(source)
    except GZIP_ERRORS as error:
        raise BatchError(f"{source}: broken gzip data: {error}") from None
    return _reading_errors(read_jsonl(stream, options.max_record_bytes), source)


def _reading_errors(records: Iterator[InputRecord], source: str) -> Iterator[InputRecord]:
    """``records``, with failures of the input stream turned into a one-line ``BatchError``."""
    position = 0
    try:
        for record in records:
            position = record.position
            yield record
    except GZIP_ERRORS as error:
        raise BatchError(f"{source}: broken gzip data after line {position}: {error}") from None
    except OSError as error:
        raise BatchError(f"{source}: cannot read after line {position}: {error.strerror or error}") from None


def _done_error_keys(root: Path) -> set[tuple[str, Any]]:
    """The records of an interrupted ``.txt`` run that already have an error record."""
    errors = root / TxtFolderWriter.ERRORS_FILE
    if not errors.exists():
        return set()
    prepare_resume(errors)
    keys = set()
    for line in complete_lines(errors):
        record = json.loads(line)
        keys.add(("file", record["file"]) if "file" in record else ("line", record.get("line")))
    return keys


def run_batch(source: str, target: str, options: BatchOptions, *, jobs: int | None = None,
              progress: bool | None = None, hard_limit: float | None = None,
              chunk_records: int = CHUNK_RECORDS) -> BatchSummary:
    """Clean every record of ``source`` into ``target``; returns the counts.

    ``target`` is a JSONL file (``.gz``: compressed; ``-``: stdout) or, when
    ``options.output_format == "txt"``, a folder. With ``options.resume``, records already in
    the output are skipped and the rest appended. ``progress``: show a progress bar on stderr
    (default: when stderr is a terminal). Raises ``BatchError`` when the input cannot be read.
    """
    started = time.monotonic()
    _check_paths(source, target, options)
    parent_cleaner = RecordProcessor(options)
    parent_cleaner.cleaner(False)  # build (and validate) the rules once, before the workers fork
    summary = BatchSummary()
    records = open_records(source, options)
    writer: JsonlWriter | TxtFolderWriter
    if options.output_format == "txt":
        done_keys = _done_error_keys(Path(target)) if options.resume else set()
        if done_keys:
            records = (r for r in records if (("file", r.file) if r.file else ("line", r.position)) not in done_keys)
            summary.resumed += len(done_keys)
        writer = TxtFolderWriter(target, append=options.resume)
    else:
        done = prepare_resume(target) if options.resume and target != "-" else 0
        if done:
            records = itertools.islice(records, done, None)
            summary.resumed = done
        writer = JsonlWriter(target, append=options.resume)
    pool = OrderedPool(parent_cleaner, parent_cleaner.failure, jobs=jobs or default_jobs(),
                       hard_limit=hard_limit or hard_limit_for(options.config))
    bar = _progress_bar(progress)
    try:
        for outcomes in pool.map(chunked(records, chunk_records)):
            _write(outcomes, writer, summary)
            writer.flush_if_due(time.monotonic())
            if bar is not None:
                bar.update(len(outcomes))
                bar.set_postfix(errors=summary.errors, refresh=False)
    finally:
        writer.close()
        if bar is not None:
            bar.close()
        summary.seconds = time.monotonic() - started
    return summary


def _write(outcomes: list[Outcome], writer: JsonlWriter | TxtFolderWriter, summary: BatchSummary) -> None:
    for outcome in outcomes:
        if outcome.line is None and outcome.name is None:
            summary.resumed += 1
            continue
        summary.documents += 1
        summary.errors += outcome.is_error
        summary.removed_chars += outcome.removed_chars
        if isinstance(writer, TxtFolderWriter):
            if outcome.name is not None and outcome.text is not None:
                writer.write_text(outcome.name, outcome.text)
            elif outcome.line is not None:
                writer.write_error(outcome.line)
        elif outcome.line is not None:
            writer.write(outcome.line)


def _check_paths(source: str, target: str, options: BatchOptions) -> None:
    if source != "-" and not os.path.exists(source):
        raise BatchError(f"{source}: no such file or folder")
    if options.output_format == "txt":
        if target == "-":
            raise BatchError("txt output needs a folder, not standard output")
        if os.path.exists(target) and not os.path.isdir(target):
            raise BatchError(f"{target}: txt output needs a folder, and this is a file")
    elif os.path.isdir(target):
        raise BatchError(f"{target}: is a folder; use --output-format txt for a folder of .txt files")
    if options.resume and target == "-":
        raise BatchError("--resume needs an output file, not standard output")
    if source != "-" and target != "-" and os.path.exists(target) and os.path.samefile(source, target):
        raise BatchError(f"{target}: the output would overwrite the input")


def _progress_bar(progress: bool | None) -> Any:
    """A tqdm bar on stderr (documents, docs/s, errors), or None when not wanted."""
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(unit=" docs", file=sys.stderr, dynamic_ncols=True, smoothing=0.1, mininterval=0.5)
