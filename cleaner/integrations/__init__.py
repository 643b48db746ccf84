"""Adapters that run the cleaner inside data pipelines (each needs its optional extra).

- ``cleaner.integrations.scrapy``: ``CleanerPipeline``, a Scrapy item pipeline
  (``pip install 'cleaner[scrapy]'``).
- ``cleaner.integrations.spark``: ``clean_dataframe``, cleaned columns for a Spark DataFrame
  (``pip install 'cleaner[spark]'``).

The helpers here are shared by both: one way to build a ``Config`` from plain settings, and one
way to report a document that could not be cleaned.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..config import Config
from ..errors import CleanerError


def config_from_options(*, rules_dirs: Iterable[str | Path] = (), disable: Iterable[str] = (),
                        time_budget: float | None = None) -> Config:
    """A ``Config`` from pipeline settings: extra rule folders, rule/detector ids or kinds to
    switch off (as the CLI's ``--disable``), and an optional time budget per document."""
    disabled = frozenset(disable)
    changes: dict = {"rules_dirs": tuple(Path(d) for d in rules_dirs),
                     "disabled_rules": disabled, "disabled_kinds": disabled}
    if time_budget is not None:
        changes["time_budget"] = float(time_budget)
    return Config(**changes)


class MissingFieldError(CleanerError):
    """A record has no input to clean: the field is absent or null."""

    code = "missing_field"


class InvalidFieldError(CleanerError):
    """A record's input field holds something that is not text (nor bytes, nor a list of text)."""

    code = "invalid_field"


def as_input(value: object, field: str) -> str | bytes:
    """The text to clean from a record's field value: ``str`` or ``bytes`` as they are, a list
    of strings (what ``SelectorList.getall()`` gives) joined one per line."""
    if value is None:
        raise MissingFieldError(f"the record has no {field!r} field (or it is null)")
    if isinstance(value, str | bytes):
        return value
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    raise InvalidFieldError(f"field {field!r} holds {type(value).__name__}, not text")


def error_info(exc: BaseException) -> dict[str, str]:
    """``{"code", "message"}`` for a failure: a ``CleanerError``'s stable code, or
    ``internal_error`` (with the exception's type in the message) for anything else."""
    if isinstance(exc, CleanerError):
        return {"code": exc.code, "message": str(exc)}
    return {"code": "internal_error", "message": f"{type(exc).__name__}: {exc}"}
