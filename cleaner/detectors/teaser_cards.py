"""A grid of teaser cards after the article: other stories, each a headline with the same short
label (a section, an author, "Fact Check") printed in every card."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import regex

from ..document import Block, Document
from ..layout import Layout
from ..text_stats import headline_like, is_label
from .base import Detector, Finding

# a sentence ending inside a block: a full stop (not after a lone capital: "U.S. House"), then
# a capitalised word
INNER_SENTENCE_END = regex.compile(r"(?<!\b\p{Lu})[.!?][\"”’)]*\s+[\"“‘(]?\p{Lu}\p{Ll}")


class TeaserCardDetector(Detector):
    """Removes runs of teaser cards: at least ``min_cards`` cards of the same number of blocks
    (2 to ``max_card_blocks``), each holding the same short label (at most ``label_max_words``
    words, no sentence end: "AUTO NEWS", "Fact Check", an author's name) at the same place and a
    headline-like block before it. Every block of the run must be short (at most
    ``max_block_words`` words: headlines, dates, blurbs), a card may hold one sentence at most
    besides its headlines (its blurb), and the run must come after ``min_prose_words_before``
    words of prose, so a list at the top of the article never qualifies. Reason:
    ``teaser_cards``.
    """

    name = "teaser_cards"
    kind = "boilerplate"

    def __init__(self, min_cards: int = 3, max_card_blocks: int = 6, label_max_words: int = 4,
                 label_max_chars: int = 40, max_block_words: int = 45,
                 min_prose_words_before: int = 150, prose_min_words: int = 12) -> None:
        self.min_cards = min_cards
        self.max_card_blocks = max_card_blocks
        self.label_max_words = label_max_words
        self.label_max_chars = label_max_chars
        self.max_block_words = max_block_words
        self.min_prose_words_before = min_prose_words_before
        self.prose_min_words = prose_min_words

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """The blocks of every run of cards found."""
        kept = doc.kept_indices()
        blocks = [doc.blocks[i] for i in kept]
        start = self.body_start(blocks)
        if start is None:
            return
        places: dict[str, list[int]] = defaultdict(list)
        for position in range(start, len(blocks)):
            if is_label(blocks[position], self.label_max_words, self.label_max_chars):
                places[blocks[position].text.strip()].append(position)
        found: set[int] = set()
        for positions in places.values():
            if len(positions) >= self.min_cards:
                found.update(self.card_runs(blocks, positions, start))
        for position in sorted(found):
            yield Finding(kept[position], "teaser_cards")

    def body_start(self, blocks: list[Block]) -> int | None:
        """The first position after ``min_prose_words_before`` words of prose, or None."""
        words = 0
        for position, block in enumerate(blocks):
            if block.is_prose(self.prose_min_words):
                words += block.word_count
                if words >= self.min_prose_words_before:
                    return position + 1
        return None

    def card_runs(self, blocks: list[Block], positions: list[int], start: int) -> list[int]:
        """The positions of every run of evenly spaced cards around the label at ``positions``
        (empty when there is none)."""
        found: list[int] = []
        run = [positions[0]]
        for current in positions[1:]:
            gap = current - run[-1]
            if (gap == run[1] - run[0]) if len(run) > 1 else (2 <= gap <= self.max_card_blocks):
                run.append(current)
                continue
            found += self.cards(blocks, run, start)
            run = [current]
        return found + self.cards(blocks, run, start)

    def cards(self, blocks: list[Block], labels: list[int], start: int) -> list[int]:
        """The positions of the cards whose labels sit at ``labels`` (evenly spaced), when
        they make a run of teaser cards; else empty."""
        if len(labels) < self.min_cards:
            return []
        size = labels[1] - labels[0]
        # the card begins at its headline: the earliest headline-like block before the label
        before = next((k for k in range(size - 1, 0, -1)
                       if labels[0] - k >= start and headline_like(blocks[labels[0] - k])), None)
        if before is None:
            return []
        after = size - 1 - before
        first, last = labels[0] - before, labels[-1] + after
        if last >= len(blocks):
            return []
        if not all(headline_like(blocks[label - before]) for label in labels):
            return []
        span = range(first, last + 1)
        if any(blocks[p].word_count > self.max_block_words for p in span):
            return []
        # besides its headlines, a card holds one sentence at most (its blurb); more is a
        # section of the article (a review's verdict under each product)
        for card_start in range(first, last + 1, size):
            sentences = sum(self.sentences(blocks[p]) for p in range(card_start, card_start + size)
                            if not headline_like(blocks[p]))
            if sentences > 1:
                return []
        return list(span)

    @staticmethod
    def sentences(block: Block) -> int:
        """Roughly how many sentences end in the block: its end, and each full stop inside it
        that a capitalised word follows (not after an initial, as in "U.S. House")."""
        return int(block.ends_sentence) + len(INNER_SENTENCE_END.findall(block.text))
