"""The errors the cleaner raises: every failure on bad input is one of these."""

from __future__ import annotations


class CleanerError(ValueError):
    """Base class of every error the cleaner raises on bad input or configuration.

    ``code`` is a stable snake_case identifier that the CLI, the batch writer and the HTTP API
    report to users.
    """

    code = "cleaner_error"


class EmptyInputError(CleanerError):
    """The input holds no text (empty or whitespace only)."""

    code = "empty_input"


class DecodeError(CleanerError):
    """Bytes that cannot be decoded as text (binary data or an unknown encoding)."""

    code = "undecodable_input"


class InputTooLargeError(CleanerError):
    """The input is larger than ``Config.max_input_chars``."""

    code = "input_too_large"


class TimeBudgetExceeded(CleanerError):
    """Cleaning one document took longer than ``Config.time_budget``."""

    code = "time_budget_exceeded"


class RuleError(CleanerError):
    """A rule file is invalid; the message names the file and the field."""

    code = "invalid_rule"
