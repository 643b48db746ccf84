"""Where a block sits in the article: head (before the body), body, tail (after it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:  # document.py imports this module's measures
    from .document import Block

SENTENCE_END = regex.compile(r"[.!?…。！？](?:['\"”’»)\]]*)(?:\s|$)")
CJK_CHAR = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
WORD = regex.compile(r"\w+")


def word_count(text: str) -> int:
    """Words in ``text``; for Chinese and Japanese, about one word per two characters."""
    count = len(text.split())
    if count * 12 < len(text):  # few spaces: maybe a script written without them
        count = max(count, len(CJK_CHAR.findall(text)) // 2)
    return count


@dataclass(frozen=True)
class Layout:
    """The head and tail of a list of blocks.

    The head is every block up to and including the first block of prose (plus at least
    ``head_blocks`` blocks); the tail is every block from the last block of prose on (plus at
    least ``tail_blocks``).
    """

    count: int
    first_prose: int
    last_prose: int
    head_blocks: int
    tail_blocks: int

    @classmethod
    def of(cls, blocks: list[Block], *, min_words: int, head_blocks: int,
           tail_blocks: int) -> Layout:
        """The layout of ``blocks`` (removed blocks count as non-prose)."""
        def prose(block: Block) -> bool:
            return block.removal is None and block.is_prose(min_words)

        first = next((i for i, b in enumerate(blocks) if prose(b)), len(blocks))
        last = next((i for i in range(len(blocks) - 1, first - 1, -1) if prose(blocks[i])), -1)
        return cls(len(blocks), first, last, head_blocks, tail_blocks)

    def in_head(self, index: int) -> bool:
        """Whether block ``index`` is in the head."""
        return index <= self.first_prose or index < self.head_blocks

    def in_tail(self, index: int) -> bool:
        """Whether block ``index`` is in the tail."""
        return index >= self.last_prose or index >= self.count - self.tail_blocks

    def allows(self, where: str, index: int) -> bool:
        """Whether a rule with this ``where`` may act on block ``index``."""
        if where == "head":
            return self.in_head(index)
        if where == "tail":
            return self.in_tail(index)
        return True
