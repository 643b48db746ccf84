"""Turn the dates and times found in bylines and datelines into ISO 8601."""

from __future__ import annotations

import datetime as dt

import regex
from dateutil import parser as date_parser

HAS_TIME = regex.compile(r"\d{1,2}[:.h]\d{2}")
RELATIVE = regex.compile(r"\b(?:ago|hours?|minutes?|mins?|yesterday|today)\b", regex.I)


def to_iso(text: str) -> str | None:
    """``text`` (a date, optionally with a time) as ISO 8601, or None if it is not a date.

    A date alone gives ``YYYY-MM-DD``; with a time, ``YYYY-MM-DDTHH:MM`` (``:SS`` when given).
    Relative times ("3 hours ago") are not dates.
    """
    text = text.strip().strip(",;|·")
    if not text or RELATIVE.search(text):
        return None
    try:
        value = date_parser.parse(text, fuzzy=True, ignoretz=True, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if value.year < 1900:
        return None
    if not HAS_TIME.search(text):
        return value.date().isoformat()
    return value.replace(tzinfo=None).isoformat(timespec="seconds" if value.second else "minutes")
