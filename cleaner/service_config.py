"""Settings of the HTTP service, with defaults and their ``CLEANER_*`` environment variables."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .config import DEFAULT_CONFIG, Config

MB = 1024 * 1024
SIZE_SUFFIXES = {"k": 1024, "kb": 1024, "m": MB, "mb": MB, "g": 1024 * MB, "gb": 1024 * MB}

# variable -> what it sets; documented in README ("HTTP service").
ENV_VARS = {
    "CLEANER_MAX_BODY": "largest request body in bytes (suffixes k, m allowed); default 5m",
    "CLEANER_TIME_BUDGET": "seconds one document may take; default 2",
    "CLEANER_BATCH_TIME_BUDGET": "seconds one batch request may take before its remaining documents get an error; default 20",
    "CLEANER_MAX_BATCH": "most documents in one batch request; default 1000",
    "CLEANER_RULES": "extra rule folders, separated by ':'",
    "CLEANER_DISABLE": "rule ids or kinds disabled for every request, separated by ','",
}


@dataclass(frozen=True)
class ServiceConfig:
    """What the service needs besides the cleaner's own ``Config``.

    cleaner: the cleaner settings every request starts from (rules, time budget per document).
    max_body: request bodies longer than this many bytes get 413.
    max_batch_documents: a batch with more documents gets 413.
    batch_time_budget: seconds a batch may spend; documents not reached in time get an error
        item (``batch_time_budget_exceeded``) so that one request never outlives the worker timeout.
    read_timeout: seconds a client may stay silent while sending its request; then 408 (or, before
        its request head is complete, the connection is closed), so that stalled clients cannot
        hold a worker.
    request_timeout: seconds a client may take to send its whole request to a sync worker (then
        408, or the connection is closed while the head is incomplete): a client that trickles a
        byte before each read timeout cannot hold the worker for ever (a 5 MB body needs 170 kB/s).
    """

    cleaner: Config = DEFAULT_CONFIG
    max_body: int = 5 * MB
    max_batch_documents: int = 1000
    batch_time_budget: float = 20.0
    read_timeout: float = 10.0
    request_timeout: float = 30.0

    def __post_init__(self) -> None:
        if min(self.max_body, self.max_batch_documents, self.batch_time_budget, self.read_timeout,
               self.request_timeout) <= 0:
            raise ValueError("max_body, max_batch_documents, batch_time_budget, read_timeout and "
                             "request_timeout must be positive")

    def replace(self, **changes: object) -> ServiceConfig:
        """A copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServiceConfig:
        """The settings the ``CLEANER_*`` variables of ``environ`` (default ``os.environ``) give.

        Raises ``ValueError`` naming the variable when a value cannot be read.
        """
        env = os.environ if environ is None else environ
        cleaner_changes: dict = {}
        service_changes: dict = {}
        if env.get("CLEANER_TIME_BUDGET"):
            cleaner_changes["time_budget"] = _number(env, "CLEANER_TIME_BUDGET", float)
        if env.get("CLEANER_RULES"):
            cleaner_changes["rules_dirs"] = tuple(Path(p) for p in env["CLEANER_RULES"].split(os.pathsep) if p)
        if env.get("CLEANER_DISABLE"):
            disabled = frozenset(x.strip() for x in env["CLEANER_DISABLE"].split(",") if x.strip())
            cleaner_changes.update(disabled_rules=disabled, disabled_kinds=disabled)
        if env.get("CLEANER_MAX_BODY"):
            service_changes["max_body"] = parse_size(env["CLEANER_MAX_BODY"], "CLEANER_MAX_BODY")
        if env.get("CLEANER_MAX_BATCH"):
            service_changes["max_batch_documents"] = _number(env, "CLEANER_MAX_BATCH", int)
        if env.get("CLEANER_READ_TIMEOUT"):
            service_changes["read_timeout"] = _number(env, "CLEANER_READ_TIMEOUT", float)
        if env.get("CLEANER_REQUEST_TIMEOUT"):
            service_changes["request_timeout"] = _number(env, "CLEANER_REQUEST_TIMEOUT", float)
        if env.get("CLEANER_BATCH_TIME_BUDGET"):
            service_changes["batch_time_budget"] = _number(env, "CLEANER_BATCH_TIME_BUDGET", float)
        try:
            return cls(cleaner=Config(**cleaner_changes), **service_changes)
        except ValueError as error:
            raise ValueError(f"bad CLEANER_* setting: {error}") from None


def _number(env: Mapping[str, str], name: str, kind: type) -> float | int:
    try:
        return kind(env[name])
    except ValueError:
        raise ValueError(f"{name}={env[name]!r} is not a{'n integer' if kind is int else ' number'}") from None


def parse_size(value: str, name: str = "size") -> int:
    """Bytes from ``"5242880"``, ``"512k"`` or ``"5MB"`` (powers of 1024)."""
    text = value.strip().lower()
    digits = text.rstrip("kmgb")
    suffix = text[len(digits):]
    try:
        return int(float(digits) * SIZE_SUFFIXES.get(suffix, 1 if not suffix else 0)) or _bad_size(name, value)
    except ValueError:
        return _bad_size(name, value)


def _bad_size(name: str, value: str) -> int:
    raise ValueError(f"{name}={value!r} is not a size in bytes (e.g. 5242880, 512k, 5m)")
