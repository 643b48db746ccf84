"""Turn the dates and times found in bylines and datelines into ISO 8601."""

from __future__ import annotations

import datetime as dt

import regex
from dateutil import parser as date_parser

# Dates and times as bylines and datelines write them, in the languages the rules cover.
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
         r"|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember"
         r"|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
         r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
         r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
         r"|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro"
         r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\.?")
# English day names, whole or cut short ("Tue.", "Thurs", "Saturday")
DAY_NAME = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
DATE = regex.compile(
    rf"(?:\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:T\d{{2}}:\d{{2}}(?::\d{{2}})?Z?)?|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}"
    rf"|(?<!\d)\d{{1,2}}\.?\s+(?:de\s+)?{MONTH}(?:,?\s+(?:de\s+)?\d{{4}})?|\b{MONTH}\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{4}년\s*\d{1,2}월\s*\d{1,2}일|\d{4}年\d{1,2}月\d{1,2}日)", regex.I)
TIME = regex.compile(r"(?:@\s*)?\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s*(?:[A-Z]{2,5}|UTC[+-]\d{1,2}))?"
                     r"|\d{1,2}\s*[AaPp]\.?[Mm]\.?")
HAS_TIME = regex.compile(r"\d{1,2}[:.h]\d{2}")
DOTTED_TIME = regex.compile(r"(?<=(?:19|20)\d\d,?\s+(?:[-–—|·•]\s*|at\s+)?)(\d{1,2})\.(\d{2})(?![.\d])")
RELATIVE = regex.compile(r"\b(?:ago|hours?|minutes?|mins?|yesterday|today)\b", regex.I)


def to_iso(text: str) -> str | None:
    """``text`` (a date, optionally with a time) as ISO 8601, or None if it is not a date.

    A date alone gives ``YYYY-MM-DD``; with a time, ``YYYY-MM-DDTHH:MM`` (``:SS`` when given).
    Relative times ("3 hours ago") are not dates.
    """
    text = text.strip().strip(",;|·")
    if not text or RELATIVE.search(text):
        return None
    # a clock time with a dot after the year (The Guardian's "Wed 20 Nov 2019 10.35 GMT", "...
    # 2019 — 10.35am"), which the parser takes for a number or a wrong hour
    text = DOTTED_TIME.sub(r"\1:\2", text)
    try:
        value = date_parser.parse(text, fuzzy=True, ignoretz=True, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if value.year < 1900:
        return None
    if not HAS_TIME.search(text):
        return value.date().isoformat()
    return value.replace(tzinfo=None).isoformat(timespec="seconds" if value.second else "minutes")
