"""Datelines and timestamps: short blocks that are mostly a date or a time, with at most a
label ("Updated", "Posted"), a name or a place beside it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex

from ..dates import DATE, TIME, to_iso
from ..document import Document
from ..layout import SENTENCE_END, Layout, word_count
from .base import Detector, Finding

WEEKDAY = regex.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?|\b(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag"
                        r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
                        r"|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira)\b,?", regex.I)
LABEL = regex.compile(r"\b(?:updated|posted|published|first published|last modified|modified|last updated|created|date"
                      r"|aktualisiert|veröffentlicht|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato"
                      r"|atualizado|опубликовано|обновлено)\b", regex.I)
FILLER = regex.compile(r"^(?:on|at|am|um|le|à|el|em|de|del|às|alle|in|by|von|par|por|and|und|et|y|e|the|of)$", regex.I)
UPDATED = regex.compile(r"\b(?:updated|last modified|modified|last updated|aktualisiert|mis à jour|actualizado|aggiornato|atualizado|обновлено)\b", regex.I)
WORD = regex.compile(r"[\p{L}][\p{L}\p{M}'’.-]*")
DIGIT = regex.compile(r"\d")
HANDLE = regex.compile(r"\(@\w+\)")


class DatelineDetector(Detector):
    """Removes short blocks that are a date or time with little else: ``Nov 19, 2019 5:50 PM``,
    ``Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM``, ``Chris Davies - Nov 19, 2019``,
    ``Mon 18 Nov 2019 18.54 GMT Last modified on ...``. Besides the dates, times, weekdays and
    labels, at most ``max_other_words`` words may remain (a name, a place, an outlet), and no
    sentence may end after the date; blocks over ``max_chars`` characters are never datelines,
    nor the signature of an embedded post (``(@handle)``). In the body (between head and tail)
    a label is required. ``max_run`` of them in a row, lines of several dates among them
    (a schedule's rows run together), are a schedule and stay. Reason: ``dateline``. Fills ``published`` (or ``updated``) when not yet known.
    """

    name = "datelines"
    kind = "metadata"

    def __init__(self, max_words: int = 24, max_other_words: int = 7, max_run: int = 3,
                 max_chars: int = 300, min_schedule_dates: int = 2) -> None:
        self.max_words = max_words
        self.min_schedule_dates = min_schedule_dates
        self.max_chars = max_chars
        self.max_other_words = max_other_words
        self.max_run = max_run

    def judge(self, text: str) -> str | None:
        """``dateline`` when ``text`` is a date/time line, else None."""
        if len(text) > self.max_chars or word_count(text) > self.max_words or not DIGIT.search(text):
            return None
        if HANDLE.search(text):
            return None  # "— Jane Doe (@jane) November 18, 2019" signs an embedded post
        # a date, or a labelled time: the first one found settles it (DATE is the costlier scan)
        if DATE.search(text) is None and not (TIME.search(text) and LABEL.search(text)):
            return None
        rest = text
        for pattern in (DATE, TIME, WEEKDAY, LABEL):
            rest = pattern.sub(" ", rest)
        if SENTENCE_END.search(rest.strip()):
            return None
        others = [w for w in WORD.findall(rest) if not FILLER.match(w)]
        return "dateline" if len(others) <= self.max_other_words else None

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """Date lines in the head and tail, and labelled ones anywhere; ``max_run`` or more in
        a row are a schedule or a table, and stay."""
        kept = doc.kept_indices()
        flags = [doc.blocks[i].measure(self.name, self.judge) is not None for i in kept]
        # a line of several dates is a schedule's rows run together: it stays, and counts in the
        # run (looked for only beside a date line: a scan for dates in every block costs)
        def in_run(position: int) -> bool:
            return flags[position] or doc.blocks[kept[position]].measure((self.name, "rows"), self.is_schedule_rows)

        for position, index in enumerate(kept):
            if not flags[position] or self.in_long_run(in_run, len(kept), position):
                continue
            text = doc.blocks[index].text
            if not (layout.in_head(index) or layout.in_tail(index) or LABEL.search(text)):
                continue
            self.record(doc, doc.blocks[index].measure(stamp_of, stamp_of))
            yield Finding(index, "dateline")

    def is_schedule_rows(self, text: str) -> bool:
        """Whether ``text`` holds ``min_schedule_dates`` dates or more, no sentence between them:
        rows of a schedule run together on one line ("1a etapa: 10 de março – Interlagos 2a
        etapa: 8 de abril – Curitiba")."""
        if len(text) > self.max_chars * 2 or not DIGIT.search(text):
            return False
        dates = DATE.findall(text)
        return len(dates) >= self.min_schedule_dates and not SENTENCE_END.search(DATE.sub(" ", text).strip())

    def in_long_run(self, in_run: Callable[[int], bool], count: int, position: int) -> bool:
        """Whether ``position`` (of ``count``) is in a run of at least ``max_run`` positions
        that ``in_run`` accepts."""
        start = position
        while start > 0 and in_run(start - 1):
            start -= 1
        end = position
        while end + 1 < count and in_run(end + 1):
            end += 1
        return end - start + 1 >= self.max_run

    @staticmethod
    def record(doc: Document, stamp: tuple[str, str] | None) -> None:
        """Fill ``published`` or ``updated`` from a block's ``stamp_of``, when not yet known."""
        if stamp and stamp[0] not in doc.metadata:
            doc.metadata[stamp[0]] = stamp[1]


def stamp_of(text: str) -> tuple[str, str] | None:
    """``(field, ISO date)`` of the first date (and time) of ``text``: ``updated`` when an
    "Updated" label comes before it, else ``published``; None without a date."""
    date = DATE.search(text)
    if not date:
        return None
    time = TIME.search(text, date.end())
    stamp = to_iso(text[date.start():time.end()] if time and time.start() - date.end() < 6 else date.group())
    field = "updated" if UPDATED.search(text[:date.start()]) else "published"
    return (field, stamp) if stamp else None
