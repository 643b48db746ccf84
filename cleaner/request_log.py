"""Structured logs of the HTTP service: request ids, and gunicorn's access and error logs as JSON.

One access line per request on stdout (gunicorn's access log, formatted by ``JsonLogger``)::

    {"time": "2025-05-01T12:00:00.123Z", "type": "access", "request_id": "...", "method": "POST",
     "path": "/v1/clean", "query": "", "status": 200, "seconds": 0.0042, "bytes_in": 2310,
     "bytes_out": 1893, "remote": "127.0.0.1", "user_agent": "curl/8.5"}

Error-log lines (gunicorn's own, and the ``cleaner`` loggers') are JSON on stderr with ``time``,
``type: "error"``, ``level``, ``logger``, ``message``, ``request_id`` when known and
``exception`` (the traceback; logs may carry one, HTTP answers never do).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from gunicorn.glogging import Logger

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_ENVIRON = "cleaner.request_id"
MAX_REQUEST_ID = 128
REQUEST_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/+=@")


def request_id_from(header: str | None) -> str:
    """The caller's ``X-Request-ID`` if it is a sane token (≤ 128 printable, no spaces or quotes),
    else a new random id (32 hex digits)."""
    if header and len(header) <= MAX_REQUEST_ID and set(header) <= REQUEST_ID_CHARS:
        return header
    return uuid.uuid4().hex


def utc_timestamp(seconds: float | None = None) -> str:
    """``seconds`` since the epoch (default now) as ISO 8601 UTC with milliseconds."""
    now = time.time() if seconds is None else seconds
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now % 1 * 1000):03d}Z"


class JsonFormatter(logging.Formatter):
    """Each log record as one JSON object on one line."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as JSON: time, type, level, logger, message, request id, exception."""
        line: dict[str, Any] = {"time": utc_timestamp(record.created), "type": "error",
                                "level": record.levelname.lower(), "logger": record.name,
                                "message": record.getMessage()}
        request_id = getattr(record, "request_id", None)
        if request_id:
            line["request_id"] = request_id
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class MessageOnly(logging.Formatter):
    """The message alone (the access log builds its JSON itself)."""

    def format(self, record: logging.LogRecord) -> str:
        """The record's message."""
        return record.getMessage()


def access_line(*, method: str, path: str, query: str, status: int, seconds: float, bytes_in: int,
                bytes_out: int, request_id: str | None, remote: str | None, user_agent: str | None) -> str:
    """One access-log line as JSON."""
    return json.dumps({"time": utc_timestamp(), "type": "access", "request_id": request_id,
                       "method": method, "path": path, "query": query, "status": status,
                       "seconds": round(seconds, 6), "bytes_in": bytes_in, "bytes_out": bytes_out,
                       "remote": remote, "user_agent": user_agent}, ensure_ascii=False)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class JsonLogger(Logger):
    """gunicorn's logger with JSON lines: access log on stdout, error log (also used by the
    ``cleaner`` loggers) on stderr."""

    def setup(self, cfg: Any) -> None:
        """Install the JSON formatters on gunicorn's handlers and share the error handlers
        with the ``cleaner`` loggers."""
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())
        for handler in self.access_log.handlers:
            handler.setFormatter(MessageOnly())
        app_log = logging.getLogger("cleaner")
        app_log.handlers = list(self.error_log.handlers)
        app_log.setLevel(self.error_log.level)
        app_log.propagate = False

    def access(self, resp: Any, req: Any, environ: dict, request_time: Any) -> None:
        """Write one JSON access line for the request."""
        if not self.access_log_enabled:
            return
        status = getattr(resp, "status_code", None) or _int(str(resp.status).split(" ")[0])
        headers = {name.lower(): value for name, value in req.headers}
        request_id = environ.get(REQUEST_ID_ENVIRON) or headers.get(REQUEST_ID_HEADER.lower())
        try:
            self.access_log.info(access_line(
                method=req.method, path=req.path, query=req.query or "", status=status,
                seconds=request_time.total_seconds(), bytes_in=_int(environ.get("CONTENT_LENGTH")),
                bytes_out=_int(getattr(resp, "sent", 0)), request_id=request_id,
                remote=environ.get("REMOTE_ADDR"), user_agent=headers.get("user-agent")))
        except Exception:
            self.exception("could not write the access log line")
