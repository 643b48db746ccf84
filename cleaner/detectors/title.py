"""The headline: the first block of the article when it reads like one."""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Document
from ..layout import Layout
from ..text_stats import is_headline
from .base import Detector, Finding


class TitleDetector(Detector):
    """Takes the first kept block as the title when it is headline-like, sits in the head and
    is followed by more of the article. Reason: ``headline``. The engine sets
    ``Cleaned.title`` from it."""

    name = "title"
    kind = "title"

    def __init__(self, min_words: int = 3, max_words: int = 25) -> None:
        self.min_words = min_words
        self.max_words = max_words

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """The first kept block, if it is the headline."""
        kept = doc.kept_indices()
        if len(kept) >= 2 and layout.in_head(kept[0]) and kept[0] < layout.first_prose:
            if is_headline(doc.blocks[kept[0]].text, self.min_words, self.max_words):
                yield Finding(kept[0], "headline")
