"""The systems the benchmark compares: cleaner, its peers and a floor no cleaner can beat.

Each peer is built by a factory (so that a measuring process imports only the library it
measures) and has two steps: ``prepare`` turns a raw text into the peer's input outside the
timed loop (for the HTML extractors: each non-blank line wrapped in ``<p>``, HTML-escaped), and
``run`` is what is timed: input in, article text out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any


@dataclass(frozen=True)
class Peer:
    """A system under test: ``run(prepare(raw))`` returns its article text for ``raw``."""

    name: str
    version: str
    prepare: Callable[[str], Any]
    run: Callable[[Any], str]


def as_html(text: str) -> str:
    """``text`` as an HTML page: each non-blank line an escaped ``<p>`` paragraph."""
    paragraphs = "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip())
    return f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{paragraphs}</body></html>"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def make_cleaner() -> Peer:
    """cleaner's public one-call API, ``cleaner.clean_text``."""
    import cleaner

    return Peer("cleaner", cleaner.__version__, lambda raw: raw, cleaner.clean_text)


def make_trafilatura() -> Peer:
    """``trafilatura.extract`` with its default settings on the text as ``<p>`` paragraphs."""
    import trafilatura

    def run(page: str) -> str:
        return trafilatura.extract(page) or ""

    return Peer("trafilatura", _version("trafilatura"), as_html, run)


def make_justext() -> Peer:
    """``justext.justext`` on the text as ``<p>`` paragraphs; the non-boilerplate paragraphs.

    jusText needs the document's stoplist; it is chosen outside the timed loop as the stoplist
    sharing the most words with the text (the benchmark's corpora mix languages).
    """
    import justext

    stoplists = {name: justext.get_stoplist(name) for name in justext.get_stoplists()}

    def prepare(raw: str) -> tuple[str, frozenset[str]]:
        words = re.findall(r"\w+", raw.lower())
        best = max(stoplists, key=lambda name: sum(word in stoplists[name] for word in words))
        return as_html(raw), stoplists[best]

    def run(prepared: tuple[str, frozenset[str]]) -> str:
        page, stoplist = prepared
        return "\n".join(p.text for p in justext.justext(page, stoplist) if not p.is_boilerplate)

    return Peer("justext", _version("jusText"), prepare, run)


SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")


def floor(text: str) -> str:
    """One pass of one compiled regex (runs of spaces to one space) and a line split (lines
    trimmed, blank ones dropped): the least work any line-based cleaner does, so an upper
    bound on a cleaner's speed."""
    return "\n".join(line for raw_line in SPACE_RUN.sub(" ", text).split("\n") if (line := raw_line.strip()))


def make_floor() -> Peer:
    """The floor (see ``floor``), which keeps every non-blank line."""
    return Peer("floor", "-", lambda raw: raw, floor)


PEERS: dict[str, Callable[[], Peer]] = {
    "cleaner": make_cleaner,
    "trafilatura": make_trafilatura,
    "justext": make_justext,
    "floor": make_floor,
}
