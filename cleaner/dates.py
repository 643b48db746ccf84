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
    rf"(?:(?<![\d.])(?:\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:T\d{{2}}:\d{{2}}(?::\d{{2}})?Z?)?|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}})(?!\d|\.\d)"
    rf"|(?<!\d)\d{{1,2}}(?:(?:st|nd|rd|th)(?:\s+of)?)?\.?\s+(?:de\s+)?{MONTH}(?:,?\s+(?:de\s+)?\d{{4}})?|\b{MONTH}\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{4}년\s*\d{1,2}월\s*\d{1,2}일|\d{4}年\d{1,2}月\d{1,2}日)", regex.I)
TIME = regex.compile(r"(?:@\s*)?\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s*(?:[A-Z]{2,5}|UTC[+-]\d{1,2}))?"
                     r"|\d{1,2}\s*[AaPp]\.?[Mm]\.?")
HAS_TIME = regex.compile(r"\d{1,2}[:.h]\d{2}")
DOTTED_TIME = regex.compile(r"(?<=(?:19|20)\d\d,?\s+(?:[-–—|·•]\s*|at\s+)?)(\d{1,2})\.(\d{2})(?![.\d])")
RELATIVE = regex.compile(r"\b(?:ago|hours?|minutes?|mins?|yesterday|today)\b", regex.I)
# Month names the English parser does not know, whole or cut short as stamps print them, and
# the English month each means (it read "3 mai 2019" as March 1st, and "20 novembre" as nothing).
FOREIGN_MONTHS = {
    "januar": "January", "februar": "February", "märz": "March", "mär": "March", "mai": "May", "juni": "June",
    "juli": "July", "oktober": "October", "okt": "October", "dezember": "December", "dez": "December",
    "janvier": "January", "janv": "January", "février": "February", "févr": "February", "fév": "February",
    "mars": "March", "avril": "April", "avr": "April", "juin": "June", "juillet": "July", "juil": "July",
    "août": "August", "septembre": "September", "octobre": "October", "novembre": "November",
    "décembre": "December", "déc": "December",
    "enero": "January", "ene": "January", "febrero": "February", "marzo": "March", "abril": "April", "abr": "April",
    "mayo": "May", "junio": "June", "julio": "July", "agosto": "August", "ago": "August",
    "septiembre": "September", "setiembre": "September", "octubre": "October", "noviembre": "November",
    "diciembre": "December", "dic": "December",
    "gennaio": "January", "gen": "January", "febbraio": "February", "aprile": "April", "maggio": "May",
    "mag": "May", "giugno": "June", "giu": "June", "luglio": "July", "lug": "July", "settembre": "September",
    "set": "September", "ottobre": "October", "ott": "October", "dicembre": "December",
    "janeiro": "January", "fevereiro": "February", "fev": "February", "março": "March", "maio": "May",
    "junho": "June", "julho": "July", "setembro": "September", "outubro": "October", "out": "October", "novembro": "November",
    "dezembro": "December",
    "января": "January", "янв": "January", "февраля": "February", "фев": "February", "марта": "March",
    "мар": "March", "апреля": "April", "апр": "April", "мая": "May", "июня": "June", "июн": "June",
    "июля": "July", "июл": "July", "августа": "August", "авг": "August", "сентября": "September",
    "сен": "September", "сент": "September", "октября": "October", "окт": "October", "ноября": "November",
    "ноя": "November", "нояб": "November", "декабря": "December", "дек": "December",
}
# a foreign month name next to a day or a year ("20 novembre 2019", "20 de noviembre", "nov. 2019"
# stays English), so that a word elsewhere in a stamp ("set", "out") is left alone
FOREIGN_MONTH = regex.compile(
    r"(?<=\d\.?\s{1,3})(?:de\s+)?(" + "|".join(sorted(FOREIGN_MONTHS, key=len, reverse=True))
    + r")\.?(?![\p{L}])(?:\s+de(?=\s+\d))?", regex.I)
# "10h35" (French, Portuguese) as the parser reads a time
H_TIME = regex.compile(r"(?<=\b\d{1,2})h(?=\d{2}\b)")
# "2019년 11월 20일", "2019年11月20日"
CJK_DATE = regex.compile(r"(\d{4})\s*[년年]\s*(\d{1,2})\s*[월月]\s*(\d{1,2})\s*[일日]")


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
    text = FOREIGN_MONTH.sub(lambda m: FOREIGN_MONTHS[m.group(1).casefold()], text)
    text = CJK_DATE.sub(r"\1-\2-\3", H_TIME.sub(":", text))
    try:
        value = date_parser.parse(text, fuzzy=True, ignoretz=True, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if value.year < 1900:
        return None
    if not HAS_TIME.search(text):
        return value.date().isoformat()
    return value.replace(tzinfo=None).isoformat(timespec="seconds" if value.second else "minutes")
