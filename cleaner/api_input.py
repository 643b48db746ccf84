"""Read the bodies of HTTP requests into documents to clean, or into a clear error.

Nothing here knows Flask: the functions take the body bytes and the media type, so the views
only pass them through.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .decode import to_text
from .errors import DecodeError

JSON_TYPES = frozenset({"application/json"})
NDJSON_TYPES = frozenset({"application/x-ndjson", "application/ndjson", "application/jsonl",
                          "application/x-jsonlines", "application/jsonlines"})
TEXT_TYPES = {"text/plain": False, "text/html": True, "application/xhtml+xml": True}
OPTION_KEYS = ("disable", "include_removed", "include_source")
DOCUMENT_KEYS = ("text", "html", "options")


class RequestProblem(Exception):
    """A request (or one batch document) that cannot be cleaned: HTTP status, code, message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def invalid(message: str) -> RequestProblem:
    """A 400 for a missing or wrong-typed field."""
    return RequestProblem(400, "invalid_request", message)


@dataclass(frozen=True)
class CleanOptions:
    """What the caller asked for besides the text: rules or kinds off, which parts to answer."""

    disable: frozenset[str] = frozenset()
    include_removed: bool = True
    include_source: bool = False


@dataclass(frozen=True)
class DocumentRequest:
    """One document to clean: its text, whether it is HTML, the options."""

    content: str
    is_html: bool
    options: CleanOptions = field(default_factory=CleanOptions)


@dataclass(frozen=True)
class BatchItem:
    """One entry of a batch: its position and id, and the document or why it cannot be cleaned."""

    index: int
    id: Any
    document: DocumentRequest | None = None
    problem: RequestProblem | None = None


def parse_options(value: Any) -> CleanOptions:
    """``options`` of a JSON document; raises ``RequestProblem`` (400) naming the bad field."""
    if value is None:
        return CleanOptions()
    if not isinstance(value, dict):
        raise invalid("'options' must be an object")
    unknown = sorted(set(value) - set(OPTION_KEYS))
    if unknown:
        raise invalid(f"unknown option '{unknown[0]}' (allowed: {', '.join(OPTION_KEYS)})")
    disable = value.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(x, str) and x for x in disable):
        raise invalid("'options.disable' must be a list of rule ids or kinds (strings)")
    flags = {}
    for key, default in (("include_removed", True), ("include_source", False)):
        flags[key] = value.get(key, default)
        if not isinstance(flags[key], bool):
            raise invalid(f"'options.{key}' must be true or false")
    return CleanOptions(disable=frozenset(disable), **flags)


def parse_document(value: Any) -> DocumentRequest:
    """A JSON document ``{"text"|"html": str, "options": {...}}``; raises ``RequestProblem``."""
    if not isinstance(value, dict):
        raise invalid("a document must be a JSON object with 'text' or 'html'")
    given = [key for key in ("text", "html") if key in value]
    if len(given) != 1:
        raise invalid("a document needs exactly one of 'text' or 'html'")
    content = value[given[0]]
    if not isinstance(content, str):
        raise invalid(f"'{given[0]}' must be a string")
    return DocumentRequest(content=content, is_html=given[0] == "html", options=parse_options(value.get("options")))


def load_json(body: bytes) -> Any:
    """The JSON value of ``body``; a 400 ``malformed_json`` if it is not JSON."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as error:
        raise RequestProblem(400, "malformed_json", f"the body is not valid JSON: {error}") from None


def decode_text_body(body: bytes, charset: str | None) -> str:
    """A text body as ``str``: with the charset the client named, else detected (BOM, UTF-8, ...).

    Raises ``DecodeError`` (422) for bytes that are not text in that charset, and a 415 for an
    unknown charset.
    """
    if charset:
        try:
            return to_text(body.decode(charset))
        except LookupError:
            raise RequestProblem(415, "unsupported_media_type", f"unknown charset {charset!r}") from None
        except UnicodeDecodeError as error:
            raise DecodeError(f"the body is not valid {charset}: {error}") from None
    return to_text(body)


def parse_clean_body(body: bytes, media_type: str, charset: str | None = None) -> DocumentRequest:
    """The document of a ``POST /v1/clean`` body of ``media_type``."""
    if media_type in TEXT_TYPES:
        return DocumentRequest(content=decode_text_body(body, charset), is_html=TEXT_TYPES[media_type])
    if media_type in JSON_TYPES:
        return parse_document(load_json(body))
    raise unsupported(media_type, "text/plain, text/html or application/json")


def unsupported(media_type: str, allowed: str) -> RequestProblem:
    """A 415 naming the media types that are accepted."""
    shown = media_type or "no Content-Type"
    return RequestProblem(415, "unsupported_media_type", f"{shown} is not supported here; send {allowed}")


def batch_item(index: int, value: Any) -> BatchItem:
    """One batch entry read from its JSON value (its problem recorded, never raised)."""
    doc_id = value.get("id") if isinstance(value, dict) else None
    if isinstance(value, dict) and "id" in value and not isinstance(doc_id, (str, int, float, type(None))):
        return BatchItem(index, None, problem=invalid("'id' must be a string, a number or null"))
    try:
        document = parse_document({k: v for k, v in value.items() if k != "id"} if isinstance(value, dict) else value)
    except RequestProblem as problem:
        return BatchItem(index, doc_id, problem=problem)
    return BatchItem(index, doc_id, document=document)


def parse_batch_body(body: bytes, media_type: str) -> list[BatchItem]:
    """The entries of a ``POST /v1/clean/batch`` body: a JSON array, or NDJSON (one document a line;
    blank lines skipped). A malformed line becomes an entry with a ``malformed_json`` problem."""
    if media_type in JSON_TYPES:
        documents = load_json(body)
        if not isinstance(documents, list):
            raise invalid("a JSON batch must be an array of documents")
        return [batch_item(i, value) for i, value in enumerate(documents)]
    if media_type in NDJSON_TYPES:
        items = []
        for line in body.splitlines():
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except (ValueError, RecursionError) as error:
                problem = RequestProblem(400, "malformed_json", f"line is not valid JSON: {error}")
                items.append(BatchItem(len(items), None, problem=problem))
                continue
            items.append(batch_item(len(items), value))
        return items
    raise unsupported(media_type, "application/json (an array) or application/x-ndjson")
