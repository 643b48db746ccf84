"""Near-duplicate blocks: a caption or headline printed twice or more."""

from __future__ import annotations

from collections.abc import Iterable

import regex
from trafilatura.deduplication import Simhash

from ..document import Document
from ..layout import Layout
from .base import Detector, Finding

KEY_TOKEN = regex.compile(r"\w+")


def block_key(text: str) -> str:
    """The block's words, case-folded, punctuation and spacing ignored."""
    return " ".join(KEY_TOKEN.findall(text.casefold()))


class DuplicateDetector(Detector):
    """Removes every later copy of a block seen before (kept or already removed).

    Reasons: ``exact_repeat`` (same words), ``near_repeat`` (trafilatura's Simhash similarity
    at least ``min_similarity``; only for blocks up to ``max_near_chars``, where near copies
    are captions and headlines). Blocks shorter than ``min_chars`` are never duplicates.
    """

    name = "duplicates"
    kind = "duplicate"

    def __init__(self, min_chars: int = 20, min_similarity: float = 0.95,
                 max_near_chars: int = 600, anchor_words: int = 3) -> None:
        self.min_chars = min_chars
        self.min_similarity = min_similarity
        self.max_near_chars = max_near_chars
        self.anchor_words = anchor_words

    def key_and_anchors(self, text: str) -> tuple[str, frozenset[str]]:
        """The block's key (``block_key``) and its anchors: its first and last
        ``anchor_words`` words (none when it is too short or too long for near copies)."""
        key = block_key(text)
        if len(key) < self.min_chars or len(key) > self.max_near_chars:
            return key, frozenset()
        words = key.split()
        return key, frozenset({" ".join(words[:self.anchor_words]), " ".join(words[-self.anchor_words:])})

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """Later copies of earlier blocks."""
        seen: set[str] = set()
        # Simhash is costly: a block is hashed and compared only when an earlier block shares
        # its first or last words (near copies of captions and headlines do).
        earlier_by_anchor: dict[str, list[str]] = {}
        fingerprints: dict[str, Simhash] = {}

        def fingerprint(key: str) -> Simhash:
            if key not in fingerprints:
                fingerprints[key] = Simhash(key)
            return fingerprints[key]

        for index, block in enumerate(doc.blocks):
            key, anchors = block.measure(self.name, self.key_and_anchors)
            if len(key) < self.min_chars:
                continue
            if key in seen:
                if block.kept:
                    yield Finding(index, "exact_repeat")
                continue
            seen.add(key)
            if not anchors:
                continue
            earlier = {k for anchor in anchors for k in earlier_by_anchor.get(anchor, ())}
            if block.kept and earlier and any(
                    fingerprint(key).similarity(fingerprint(k)) >= self.min_similarity for k in earlier):
                yield Finding(index, "near_repeat")
            for anchor in anchors:
                earlier_by_anchor.setdefault(anchor, []).append(key)
