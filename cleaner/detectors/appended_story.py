"""An unrelated story appended after the article (infinite-scroll pages)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from ..document import Document
from ..layout import Layout, is_prose, word_count
from ..text_stats import content_terms, cosine, is_headline
from .base import Detector, Finding

# "MOSCOW (Reuters) -", "WASHINGTON —", "By Jane Doe": how a new story opens.
DATELINE = regex.compile(r"^(?:\p{Lu}[\p{Lu}\p{M} .'-]{2,40}(?:,\s*[\p{L} .]{2,30})?\s*(?:\([\p{L} .]{2,30}\))?\s*[—–-]|By\s+\p{Lu}\p{Ll}+\s+\p{Lu})")
RESIDUE_KINDS = frozenset({"caption", "duplicate", "ui", "metadata", "advertisement"})


class AppendedStoryDetector(Detector):
    """Cuts the document at the headline of an appended story.

    A candidate is a kept headline-like block after at least ``min_words_before`` words of the
    article, with at least ``min_words_after`` words after it. The lexical cohesion of the text
    after it with the text before it (cosine of content-term vectors) decides: below
    ``max_cohesion`` on its own (reason ``low_cohesion``), or below
    ``max_cohesion_with_signals`` when the block also carries the signals of a new story: its
    headline printed again, caption or widget residue right after it, a new dateline or byline
    (reasons ``headline_with_residue``, ``headline_repeated``, ``headline_with_dateline``).
    """

    name = "appended_story"
    kind = "appended_story"

    def __init__(self, min_words_before: int = 60, min_words_after: int = 40,
                 max_cohesion: float = 0.08, max_cohesion_with_signals: float = 0.3,
                 headline_max_words: int = 20, prose_min_words: int = 12,
                 signal_window: int = 8) -> None:
        self.min_words_before = min_words_before
        self.min_words_after = min_words_after
        self.max_cohesion = max_cohesion
        self.max_cohesion_with_signals = max_cohesion_with_signals
        self.headline_max_words = headline_max_words
        self.prose_min_words = prose_min_words
        self.signal_window = signal_window

    def signals(self, doc: Document, index: int) -> list[str]:
        """The new-story signals around the candidate headline at ``index``."""
        found = []
        headline = doc.blocks[index].text.casefold()
        for block in doc.blocks[index + 1:index + 1 + self.signal_window]:
            if block.kept:
                if is_prose(block.text, self.prose_min_words):
                    if DATELINE.match(block.text):
                        found.append("dateline")
                    break
                continue
            if block.text.casefold() == headline:
                found.append("repeated")
            elif block.removal is not None and block.removal.kind in RESIDUE_KINDS:
                found.append("residue")
        return found

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """At most one cut: the first candidate headline the cohesion test accepts."""
        kept = doc.kept_indices()
        terms = [content_terms(doc.blocks[i].text) for i in kept]
        words = [word_count(doc.blocks[i].text) for i in kept]
        total_words = sum(words)
        before: Counter[str] = Counter()
        words_before = 0
        for position, index in enumerate(kept):
            text = doc.blocks[index].text
            if (words_before >= self.min_words_before
                    and total_words - words_before - words[position] >= self.min_words_after
                    and is_headline(text, max_words=self.headline_max_words)):
                after: Counter[str] = Counter()
                for t in terms[position:]:
                    after.update(t)
                cohesion = cosine(before, after)
                signals = self.signals(doc, index)
                if cohesion <= self.max_cohesion:
                    yield Finding(index, "low_cohesion", cut=True)
                    return
                if signals and cohesion <= self.max_cohesion_with_signals:
                    yield Finding(index, f"headline_{'repeated' if 'repeated' in signals else signals[0]}"
                                  .replace("headline_residue", "headline_with_residue")
                                  .replace("headline_dateline", "headline_with_dateline"), cut=True)
                    return
            before.update(terms[position])
            words_before += words[position]
