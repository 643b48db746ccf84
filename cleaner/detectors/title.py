"""The headline: the headline-like block just above the article's first paragraph."""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Document
from ..layout import Layout
from ..text_stats import is_headline
from .base import Detector, Finding
from .widgets import only_ui_words, ui_words

# Blocks the boilerplate detector took from above the article may still be its headline.
RECLAIMABLE = frozenset({"boilerplate"})
# the headlines of other stories listed under a "related" or "most read" heading
NOT_RECLAIMABLE_REASONS = frozenset({"teaser_list"})


class TitleDetector(Detector):
    """Takes the title from the blocks above the first kept paragraph of prose: the kept
    headline-like block there when there is exactly one (the first line of the body would
    otherwise read as a headline when the body is cleaned again; several are a list, not a
    headline), else the longest headline-like block that the boilerplate detector removed there
    (the later one of equal length): a byline or a label under the headline that no rule knows
    ("Max Mustermann, Berlin", "Staff Reports") is shorter than the headline it follows. Runs
    after the other detectors. Reason: ``headline``; the engine sets ``Cleaned.title`` from it."""

    name = "title"
    kind = "title"

    def __init__(self, min_words: int = 3, max_words: int = 25, prose_min_words: int = 12) -> None:
        self.min_words = min_words
        self.max_words = max_words
        self.ui_words = ui_words()
        self.prose_min_words = prose_min_words

    def is_ui(self, text: str) -> bool:
        """Whether every word of ``text`` is a word of page furniture ("Linkedin Reddit Pocket")."""
        return only_ui_words(text.lower(), self.ui_words)

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """At most one finding: the headline."""
        kept_candidates: list[int] = []
        reclaimed = None
        for index, block in enumerate(doc.blocks):
            if index >= layout.first_prose:
                break
            headline = is_headline(block.text, self.min_words, self.max_words) and not self.is_ui(block.text)
            if block.kept and block.is_prose(self.prose_min_words) and not headline:
                break  # a paragraph: what follows it is the article, not its head
            if not headline:
                continue
            if block.kept:
                kept_candidates.append(index)
            elif (block.removal is not None and block.removal.rule in RECLAIMABLE
                  and block.removal.reason not in NOT_RECLAIMABLE_REASONS):
                if reclaimed is None or block.word_count >= doc.blocks[reclaimed].word_count:
                    reclaimed = index
        else:
            return  # no prose at all: no headline to speak of
        if len(kept_candidates) > 1:
            return  # a list of headline-like lines (links, a schedule): none is the headline
        chosen = kept_candidates[0] if kept_candidates else reclaimed
        if chosen is not None:
            yield Finding(chosen, "headline")
