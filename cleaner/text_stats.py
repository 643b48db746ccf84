"""Small measures of a block of text: headline-likeness, content terms, lexical cohesion."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

import regex

from .layout import word_count
from .wordlists import stopwords

TERM = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*\p{L}")
HEADLINE_END = regex.compile(r"[.,;:…]['\"”’»)]*$")
STARTS_UPPER = regex.compile(r"^[\"'“‘«(\[]?[\p{Lu}\p{N}\p{Lo}]")


def is_headline(text: str, min_words: int = 3, max_words: int = 25) -> bool:
    """A headline-like block: short, starts with a capital or digit, no sentence-ending
    period or trailing comma/colon (``?`` and ``!`` are fine)."""
    words = word_count(text)
    return (min_words <= words <= max_words and STARTS_UPPER.match(text) is not None
            and HEADLINE_END.search(text) is None)


def content_terms(text: str) -> Counter[str]:
    """Lowercased words of at least three letters that are not stopwords in any language."""
    stop = stopwords()
    return Counter(t for t in TERM.findall(text.lower()) if len(t) > 2 and t not in stop)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two term-count vectors with sublinear (1 + log) term weights."""
    if not a or not b:
        return 0.0
    wa = {t: 1 + math.log(c) for t, c in a.items()}
    wb = {t: 1 + math.log(c) for t, c in b.items()}
    dot = sum(w * wb[t] for t, w in wa.items() if t in wb)
    norm = math.sqrt(sum(w * w for w in wa.values())) * math.sqrt(sum(w * w for w in wb.values()))
    return dot / norm if norm else 0.0


class TermVector:
    """Term counts with their sublinear (1 + log) weights kept up to date as terms are added,
    so that comparing a growing text with many windows does not weigh it again each time.
    ``cosine`` equals ``text_stats.cosine`` of the counts."""

    __slots__ = ("counts", "weights")

    def __init__(self, parts: Iterable[Mapping[str, int]] = ()) -> None:
        self.counts: dict[str, int] = {}
        self.weights: dict[str, float] = {}
        for part in parts:
            self.add(part)

    def add(self, terms: Mapping[str, int]) -> None:
        """Add the counts of ``terms``."""
        counts, weights = self.counts, self.weights
        for term, count in terms.items():
            total = counts[term] = counts.get(term, 0) + count
            weights[term] = 1 + math.log(total)

    def cosine(self, other: TermVector) -> float:
        """Cosine similarity of the weighted vectors."""
        wa, wb = self.weights, other.weights
        if not wa or not wb:
            return 0.0
        dot = sum(w * wb[t] for t, w in wa.items() if t in wb)
        norm = math.sqrt(sum(w * w for w in wa.values())) * math.sqrt(sum(w * w for w in wb.values()))
        return dot / norm if norm else 0.0
