"""Word lists shipped as package data (``cleaner/data/*.txt``), read once per process."""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``cleaner/data/<name>.txt``: one per line, ``#`` comments skipped."""
    text = resources.files("cleaner").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.strip() for line in text.splitlines())
    return tuple(e for e in entries if e and not e.startswith("#"))


@functools.cache
def opening_headings() -> frozenset[str]:
    """The headings of an article's first section (``cleaner/data/opening_headings.txt``:
    "Summary", "Key takeaways", "Einleitung"), case-folded; read once."""
    return frozenset(h.casefold() for h in word_list("opening_headings"))


@functools.cache
def stopwords() -> frozenset[str]:
    """Stopwords of every language jusText ships a stoplist for, lowercased (used to measure
    lexical cohesion and prose-likeness, where a word that is a stopword anywhere is noise)."""
    import justext

    words: set[str] = set()
    for language in justext.get_stoplists():
        words.update(w.lower() for w in justext.get_stoplist(language))
    return frozenset(words)
