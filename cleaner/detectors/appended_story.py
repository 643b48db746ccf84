"""An unrelated story appended after the article (infinite-scroll pages)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from ..document import Document
from ..layout import Layout
from ..text_stats import content_terms, cosine, is_headline
from .base import Detector, Finding

# "MOSCOW (Reuters) -", "WASHINGTON —", "By Jane Doe": how a new story opens.
DATELINE = regex.compile(r"^(?:\p{Lu}[\p{Lu}\p{M} .'-]{2,40}(?:,\s*[\p{L} .]{2,30})?\s*(?:\([\p{L} .]{2,30}\))?\s*[—–-]|By\s+\p{Lu}\p{Ll}+\s+\p{Lu})")
# "Q: ...", "A: ...", "F: ...": the turns of an interview are not headlines.
INTERVIEW_TURN = regex.compile(r"^\p{L}{1,2}\s*[:.]\s")
RESIDUE_KINDS = frozenset({"caption", "duplicate", "ui", "metadata", "advertisement"})


class AppendedStoryDetector(Detector):
    """Cuts the document at the headline of an appended story (TextTiling-like).

    A candidate is a kept headline-like block with at least ``min_prose_words_before`` words
    of prose before it and ``min_prose_words_after`` after it. Its lexical cohesion is the
    cosine of the content-term vectors of the text before and after it; the article's own
    cohesion is that of the two halves of the text before it. The document is cut at the first
    candidate whose cohesion is at most ``max_cohesion`` and either at most
    ``max_cohesion_ratio`` of the article's own (reason ``low_cohesion``) or backed by the
    signals of a new story: its headline printed again, caption or widget residue right after
    it, a new dateline or byline (``headline_repeated``, ``headline_with_residue``,
    ``headline_with_dateline``). With a strong signal (a repeated headline or two pieces of
    residue) cohesion up to ``max_cohesion_with_signals`` is enough.
    """

    name = "appended_story"
    kind = "appended_story"

    def __init__(self, min_prose_words_before: int = 100, min_prose_words_after: int = 40,
                 max_cohesion: float = 0.09, max_cohesion_ratio: float = 0.5,
                 max_cohesion_with_signals: float = 0.12, headline_max_words: int = 20,
                 prose_min_words: int = 12, signal_window: int = 8) -> None:
        self.min_prose_words_before = min_prose_words_before
        self.min_prose_words_after = min_prose_words_after
        self.max_cohesion = max_cohesion
        self.max_cohesion_ratio = max_cohesion_ratio
        self.max_cohesion_with_signals = max_cohesion_with_signals
        self.headline_max_words = headline_max_words
        self.prose_min_words = prose_min_words
        self.signal_window = signal_window

    def signals(self, doc: Document, index: int) -> list[str]:
        """The new-story signals after the candidate headline at ``index``: ``repeated``,
        ``residue`` (one per removed block) and ``dateline``."""
        found = []
        headline = doc.blocks[index].text.casefold()
        for block in doc.blocks[index + 1:index + 1 + self.signal_window]:
            if block.kept:
                if block.is_prose(self.prose_min_words):
                    if DATELINE.match(block.text):
                        found.append("dateline")
                    break
                continue
            if block.text.casefold() == headline:
                found.append("repeated")
            elif block.removal is not None and block.removal.kind in RESIDUE_KINDS:
                found.append("residue")
        return found

    def is_candidate(self, text: str) -> bool:
        """A headline-like block that is not the turn of an interview."""
        return is_headline(text, max_words=self.headline_max_words) and not INTERVIEW_TURN.match(text)

    def verdict(self, cohesion: float, own_cohesion: float, signals: list[str]) -> str | None:
        """The reason to cut at a candidate, or None."""
        strong = "repeated" in signals or signals.count("residue") >= 2
        limit = self.max_cohesion_with_signals if strong else self.max_cohesion
        if cohesion > limit:
            return None
        if "repeated" in signals:
            return "headline_repeated"
        if "dateline" in signals:
            return "headline_with_dateline"
        if "residue" in signals:
            return "headline_with_residue"
        if cohesion <= self.max_cohesion_ratio * own_cohesion:
            return "low_cohesion"
        return None

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """At most one cut: the first candidate headline the cohesion test accepts."""
        kept = doc.kept_indices()
        blocks = [doc.blocks[i] for i in kept]
        prose_words = [b.word_count if b.is_prose(self.prose_min_words) else 0 for b in blocks]
        total_prose = sum(prose_words)
        if total_prose < self.min_prose_words_before + self.min_prose_words_after:
            return
        terms = [content_terms(b.text) for b in blocks]
        total = merge(terms)
        before: Counter[str] = Counter()
        prose_before = 0
        for position, index in enumerate(kept):
            if (prose_before >= self.min_prose_words_before
                    and total_prose - prose_before - prose_words[position] >= self.min_prose_words_after
                    and self.is_candidate(blocks[position].text)):
                signals = self.signals(doc, index)
                cohesion = cosine(before, total - before)
                if cohesion <= self.max_cohesion_with_signals:
                    half = position // 2
                    own = cosine(merge(terms[:half]), merge(terms[half:position]))
                    reason = self.verdict(cohesion, own, signals)
                    if reason:
                        yield Finding(index, reason, cut=True)
                        return
            before.update(terms[position])
            prose_before += prose_words[position]


def merge(counters: list[Counter[str]]) -> Counter[str]:
    """The sum of several term counts."""
    total: Counter[str] = Counter()
    for counter in counters:
        total.update(counter)
    return total
