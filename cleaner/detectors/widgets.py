"""Widget residue: short blocks that are page furniture, not prose."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable

import regex

from ..document import Document
from ..layout import Layout
from ..wordlists import word_list
from .base import BlockDetector, Finding

HAS_LETTER = regex.compile(r"\p{L}")
TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}+'’.-]*|[+-]")
SENTENCE_PUNCT = regex.compile(r"[.!?:;,\"“”«»]")
NUMBER = regex.compile(r"[\d\s.,:/%+-]*\d[\d\s.,:/%+-]*")
# one run of digits longer than any figure an article prints alone (a tracking or session id)
DIGIT_ID = regex.compile(r"\d{16,}")


class WidgetDetector(BlockDetector):
    """Removes short blocks with no prose in them.

    Reasons: ``no_letters`` (``-``, ``20``, ``|``, or one run of 16 digits or more: an id left by
    a tracking widget), ``short_token`` (one token of at most
    ``max_token_chars`` characters: ``TT``, ``Aa``), ``ui_words`` (only words of page furniture:
    ``Share Save``, ``Facebook Twitter Email``). A number next to another number is a table
    cell and stays.
    """

    name = "widgets"
    kind = "ui"

    def __init__(self, max_token_chars: int = 3, max_ui_words: int = 8,
                 max_no_letter_chars: int = 12) -> None:
        self.max_token_chars = max_token_chars
        self.max_ui_words = max_ui_words
        self.max_no_letter_chars = max_no_letter_chars
        self.ui_words = ui_words()

    def judge(self, text: str) -> str | None:
        """``no_letters``, ``short_token``, ``ui_words`` or None (keep)."""
        if not HAS_LETTER.search(text):
            return "no_letters" if len(text) <= self.max_no_letter_chars or DIGIT_ID.fullmatch(text.strip()) else None
        # more than max_ui_words tokens settle it: a long block is not read to its end
        tokens = [m.group() for m in itertools.islice(TOKEN.finditer(text), self.max_ui_words + 1)]
        if len(tokens) == 1 and len(tokens[0]) <= self.max_token_chars and not SENTENCE_PUNCT.search(text):
            return "short_token"
        if 0 < len(tokens) <= self.max_ui_words and self._all_ui(text.lower()):
            return "ui_words"
        return None

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """Every kept block ``judge`` gives a reason to remove, except numbers that sit next to
        other numbers: those are the cells of a table."""
        blocks = doc.blocks
        for index, block in enumerate(blocks):
            if block.removal is not None:
                continue
            reason = self.verdict(block)
            if reason == "no_letters" and block.measure(is_number, is_number) and any(
                    blocks[j].measure(is_number, is_number) for j in (index - 1, index + 1) if 0 <= j < len(blocks)):
                continue
            if reason:
                yield Finding(index, reason)

    def _all_ui(self, lowered: str) -> bool:
        return only_ui_words(lowered, self.ui_words)


def is_number(text: str) -> bool:
    """Whether ``text`` is a number (``NUMBER``): a table's cell when another is next to it."""
    return NUMBER.fullmatch(text) is not None


@functools.cache
def ui_words() -> frozenset[str]:
    """The words and two-word phrases of page furniture (``cleaner/data/ui_words.txt``),
    lowercased; read once."""
    return frozenset(w.lower() for w in word_list("ui_words"))


def only_ui_words(lowered: str, furniture: frozenset[str]) -> bool:
    """Whether the lowercased ``lowered`` is made only of words (or two-word phrases) of page
    furniture: "share save", "facebook twitter email"."""
    words = TOKEN.findall(lowered)
    i = 0
    while i < len(words):
        if i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in furniture:
            i += 2
        elif words[i] in furniture:
            i += 1
        else:
            return False
    return True
