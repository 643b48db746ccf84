"""Where a block sits in the article: head (before the body), body, tail (after it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:  # document.py imports this module's measures
    from .document import Block

# a sentence's end: its stop (and closing quotes: English ”, German “ and ‘, French », Danish
# and Swedish «) before a space or the end, or a full stop run into the next sentence's
# capitalised word ("... available.Reporting by ...", a scraper's seam)
SENTENCE_END = regex.compile(r"[.!?…。！？](?:['\"”“’‘»«›‹)\]]*)(?:\s|$)|(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll}{2})")
# a sentence's end that SENTENCE_END misses in other scripts (searched only in text that is not
# ASCII, so the common case pays nothing): the full stops of Chinese and Japanese, Hindi, Urdu,
# Burmese and Khmer wherever they stand (no space follows them: "...と指摘している。(c)AFP"); Thai
# and Lao print no full stop: a clause of 40 letters is a sentence's (a link or a headline in
# these scripts runs in short phrases)
SCRIPT_FULL_STOPS = "。！？।॥۔။។"
SCRIPT_SENTENCE_END = regex.compile(rf"[{SCRIPT_FULL_STOPS}]|[\p{{Thai}}\p{{Lao}}]{{40}}")
# a sentence closed by an emoticon or an emoji instead of a full stop, as bloggers end theirs
# ("... schönen Sonntag <3", "... Korean tunes 🙂", "... mit längeren Ohrringen (:"); searched in
# the last characters of a block only
EMOTICON_END = regex.compile(
    r"[\p{L}\p{N},]\s*(?::-?[)(DP]|;-?\)|\(:|<3|\^\^|\^o\^|xD|\p{Extended_Pictographic}[\ufe0f\p{Emoji_Modifier}]*)+\s*$")
EMOTICON_LAST_CHARS = frozenset(")(:DP3^")
# scripts written without spaces between words (as character classes' contents)
CJK_SCRIPTS = r"\p{Han}\p{Hiragana}\p{Katakana}"
SOUTHEAST_ASIAN_SCRIPTS = r"\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
CJK_CHAR = regex.compile(f"[{CJK_SCRIPTS}]")
SOUTHEAST_ASIAN_CHAR = regex.compile(f"[{SOUTHEAST_ASIAN_SCRIPTS}]")
WORD = regex.compile(r"\w+")


def ends_a_sentence(text: str) -> bool:
    """Whether a sentence ends somewhere in ``text`` (``SENTENCE_END``, or in text that is not
    ASCII ``SCRIPT_SENTENCE_END``), or the text ends in an emoticon or emoji after a word
    (``EMOTICON_END``)."""
    return (SENTENCE_END.search(text) is not None
            or (not text.isascii() and SCRIPT_SENTENCE_END.search(text) is not None)
            or ends_in_emoticon(text))


def ends_in_emoticon(text: str) -> bool:
    """Whether ``text`` ends in an emoticon or emoji after a word (``EMOTICON_END``)."""
    end = text.rstrip()[-16:]
    last = end[-1:]
    if not last or (last not in EMOTICON_LAST_CHARS and last < "\u2190"):
        return False
    return EMOTICON_END.search(end) is not None


def regions(in_head: bool, in_tail: bool) -> frozenset[str]:
    """The ``where`` values of the rules that may act on a block with this position: always
    ``anywhere``; ``head`` in the head; ``tail`` in the tail; ``head_or_body`` above the tail."""
    return frozenset({"anywhere"} | ({"head"} if in_head else set())
                     | ({"tail"} if in_tail else {"head_or_body"}))


REGIONS = {(head, tail): regions(head, tail) for head in (False, True) for tail in (False, True)}


# word_count of recent short texts: each block's text is counted by several detectors
_COUNTED: dict[str, int] = {}
COUNTED_MAX_ENTRIES = 4096
COUNTED_MAX_CHARS = 1000


def word_count(text: str) -> int:
    """Words in ``text``; for Chinese and Japanese, about one word per two characters, for
    Thai, Lao, Khmer and Burmese one per five (letters and their vowel signs)."""
    count = _COUNTED.get(text)
    if count is not None:
        return count
    count = len(text.split())
    if count * 12 < len(text):  # few spaces: maybe a script written without them
        count = max(count, len(CJK_CHAR.findall(text)) // 2 + len(SOUTHEAST_ASIAN_CHAR.findall(text)) // 5)
    if len(text) <= COUNTED_MAX_CHARS:
        if len(_COUNTED) >= COUNTED_MAX_ENTRIES:
            _COUNTED.clear()
        _COUNTED[text] = count
    return count


@dataclass(frozen=True)
class Layout:
    """The head and tail of a list of blocks.

    The head is every block up to and including the first block of prose that starts the body
    (plus at least ``head_blocks`` blocks); the tail is every block from the last block of prose
    on (plus at least ``tail_blocks``). A block of prose above the byline (a headline with a
    full stop in it, a standfirst, a photo caption) does not start the body: the body starts at
    the first block of prose with ``lead_words`` words of prose up to it, or half as many when
    another block of prose follows it (or at the last block of prose).
    """

    count: int
    first_prose: int
    last_prose: int
    head_blocks: int
    tail_blocks: int

    @classmethod
    def of(cls, blocks: list[Block], *, min_words: int, head_blocks: int,
           tail_blocks: int, lead_words: int = 60) -> Layout:
        """The layout of ``blocks`` (removed blocks count as non-prose)."""
        last = -1
        for i in range(len(blocks) - 1, -1, -1):
            block = blocks[i]
            if block.removal is None and block.is_prose(min_words):
                last = i
                break
        count = len(blocks)
        first = count if last < 0 else last
        words = 0
        # the kept blocks of prose from the top, each with the kept block after it, up to the body
        for index in range(last + 1):
            block = blocks[index]
            if block.removal is not None or not block.is_prose(min_words):
                continue
            words += block.word_count
            after = index + 1
            while after < count and blocks[after].removal is not None:
                after += 1
            followed = after < count and blocks[after].is_prose(min_words)
            if words >= lead_words or (followed and 2 * words >= lead_words) or index == last:
                first = index
                break
        return cls(len(blocks), first, last, head_blocks, tail_blocks)

    def __post_init__(self) -> None:
        # the last index of the head and the first of the tail, asked for once per block and rule scope
        object.__setattr__(self, "head_end", max(self.first_prose, self.head_blocks - 1))
        object.__setattr__(self, "tail_start", min(self.last_prose, self.count - self.tail_blocks))

    def in_head(self, index: int) -> bool:
        """Whether block ``index`` is in the head."""
        return index <= self.head_end  # index <= first_prose or index < head_blocks

    def in_tail(self, index: int) -> bool:
        """Whether block ``index`` is in the tail."""
        return index >= self.tail_start  # index >= last_prose or index >= count - tail_blocks

    def allows(self, where: str, index: int) -> bool:
        """Whether a rule with this ``where`` may act on block ``index`` (see ``regions``)."""
        return where in REGIONS[self.in_head(index), self.in_tail(index)]
