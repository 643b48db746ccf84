"""Small measures of a block of text: headline-likeness, content terms, lexical cohesion."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import regex

from .layout import CJK_SCRIPTS, SOUTHEAST_ASIAN_SCRIPTS, word_count
from .wordlists import stopwords

if TYPE_CHECKING:  # document.py imports layout, which this module uses
    from .document import Block

WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
# Most blocks are ASCII but for typographic punctuation, which no word holds but the
# apostrophe: on such "plain" text the stdlib ``re`` finds the same tokens as the ``regex``
# patterns (``PLAIN_WORD`` those of ``WORD`` on lowercased text, ``PLAIN_KEY_TOKEN`` those of
# ``\w+``) in about half the time. tests/test_text_stats.py checks the classes agree.
TYPOGRAPHIC = "’‘“”—–…«»\u00a0"
NOT_PLAIN = re.compile(f"[^\\x00-\\x7f{TYPOGRAPHIC}]")
PLAIN_WORD = re.compile(r"[a-z][a-z'’-]*")
PLAIN_KEY_TOKEN = re.compile(r"[0-9A-Za-z_]+")
# An interview's turns ("Q: Where did you grow up?", "A: In Lagos."; Portuguese and Spanish
# "P:" and "R:"): the article's, as no comment section or list of teasers prints them.
INTERVIEW_QUESTION = regex.compile(r"(?:Q|P|Q\d{1,2})\s*[:：]\s")
INTERVIEW_ANSWER = regex.compile(r"(?:A|R|A\d{1,2})\s*[:：]\s")
# scripts written without spaces between words: the terms of their text are letter pairs
UNSPACED_RUN = regex.compile(f"[{CJK_SCRIPTS}{SOUTHEAST_ASIAN_SCRIPTS}]{{2,}}")
TRAILING_NON_LETTERS = regex.compile(r"[\p{M}'’-]+$")
# a sentence's end, a trailing comma or colon, or a separator that a field after it was cut from
# ("By admin / In News /" before "3 Comments")
HEADLINE_END = regex.compile(r"(?:[.,;:…。，；：、]['\"”’»)」』）]*|\s[/|·•–-])$")
STARTS_UPPER = regex.compile(r"^[\"'“‘«(\[]?[\p{Lu}\p{N}\p{Lo}]")


def is_headline(text: str, min_words: int = 3, max_words: int = 25) -> bool:
    """A headline-like block: short, starts with a capital or digit, no sentence-ending
    period or trailing comma/colon (``?`` and ``!`` are fine)."""
    words = word_count(text)
    return (min_words <= words <= max_words and STARTS_UPPER.match(text) is not None
            and HEADLINE_END.search(text) is None)


def headline_like(block: Block) -> bool:
    """``is_headline`` of a block's text (default bounds), computed once per block."""
    return block.measure(is_headline, is_headline)


def is_label(block: Block, max_words: int, max_chars: int | None = None) -> bool:
    """A short block that can be a section label ("Business", "Fact Check", an author's
    name): at most ``max_words`` words (and ``max_chars`` characters), no sentence end."""
    return (block.word_count <= max_words and (max_chars is None or len(block.text) <= max_chars)
            and not block.ends_sentence)


def words_of(text: str) -> list[str]:
    """The lowercased words of ``text``: a letter, then letters, marks, apostrophes and
    hyphens (one tokenisation that the term list and the stopword share both use)."""
    lowered = text.lower()
    return (PLAIN_WORD if is_plain(lowered) else WORD).findall(lowered)


def is_interview_turn(text: str) -> bool:
    """Whether ``text`` opens with an interview's question or answer ("Q: ...", "A: ...")."""
    return INTERVIEW_QUESTION.match(text) is not None or INTERVIEW_ANSWER.match(text) is not None


def is_plain(text: str) -> bool:
    """Whether ``text`` is ASCII but for the punctuation of ``TYPOGRAPHIC``."""
    return text.isascii() or NOT_PLAIN.search(text) is None


def terms_from_words(words: list[str]) -> list[str]:
    """``term_list`` of a text, from its ``words_of``: each word up to its last letter, when
    that leaves at least three letters and no stopword; a run of a script written without
    spaces (Chinese, Japanese, Thai, ...) gives its pairs of letters instead (``bigrams``)."""
    stop = stopwords()
    cut = [w if w[-1].isalpha() else TRAILING_NON_LETTERS.sub("", w) for w in words]
    terms = [w for w in cut if len(w) > 2 and w not in stop]
    joined = "".join(terms)
    if joined.isascii() or UNSPACED_RUN.search(joined) is None:
        return terms
    return [term for word in terms for term in (bigrams(word) if UNSPACED_RUN.search(word) else (word,))]


def bigrams(word: str) -> list[str]:
    """The overlapping letter pairs of the runs of ``UNSPACED_RUN`` in ``word`` (a clause of
    Chinese is one "word" to ``WORD``: its pairs are what it shares with another clause)."""
    return [run[i:i + 2] for run in UNSPACED_RUN.findall(word) for i in range(len(run) - 1)]


def term_list(text: str) -> list[str]:
    """Lowercased words of at least three letters that are not stopwords in any language, in
    order (a block's terms; a text's terms are its blocks' terms one after the other)."""
    return terms_from_words(words_of(text))


def block_terms(block: Block) -> list[str]:
    """``term_list`` of a block's text, computed once per block from its ``words_of``."""
    terms = block.memo.get(term_list)  # Block.measure without its call and a closure per block
    if terms is None:
        terms = block.memo[term_list] = terms_from_words(block.measure(words_of, words_of))
    return terms


def content_terms(text: str) -> Counter[str]:
    """The counts of ``term_list(text)``."""
    return Counter(term_list(text))


def terms_of(lists: Iterable[list[str]]) -> Counter[str]:
    """The term counts of several blocks' term lists (counted in C, not term by term)."""
    return Counter(itertools.chain.from_iterable(lists))


# (1 + log c) for the counts that occur in practice, looked up instead of computed
WEIGHTS = tuple(1 + math.log(c) if c else 0.0 for c in range(1024))
SQUARED_WEIGHTS = tuple(w * w for w in WEIGHTS)


def weight(count: int) -> float:
    """The sublinear weight (1 + log c) of a term counted ``count`` times (0 for 0)."""
    return WEIGHTS[count] if count < len(WEIGHTS) else 1 + math.log(count)


class TermVector:
    """Term counts that grow block by block, with their squared weight norm kept up to date:
    its cosine with another vector costs the other vector's size, not its own (the text before
    a candidate headline grows with every block; the window after it stays small)."""

    def __init__(self, terms: Iterable[str] = ()) -> None:
        self.counts: Counter[str] = Counter()
        self.norm_squared = 0.0
        self.add(terms)

    def add(self, terms: Iterable[str]) -> None:
        """Count ``terms`` in."""
        counts, squares, size = self.counts, SQUARED_WEIGHTS, len(SQUARED_WEIGHTS)
        change = 0.0
        for term, more in Counter(terms).items():
            old = counts.get(term, 0)
            new = counts[term] = old + more
            if new < size:
                change += squares[new] - squares[old]
            else:
                change += weight(new) ** 2 - weight(old) ** 2
        self.norm_squared += change

    def cosine(self, other: Counter[str]) -> float:
        """``cosine(self.counts, other)``, computed over ``other``'s terms only."""
        if not other or not self.counts:
            return 0.0
        counts, table, size = self.counts, WEIGHTS, len(WEIGHTS)
        dot = 0.0
        other_squared = 0.0
        for term, count in other.items():
            w = table[count] if count < size else weight(count)
            other_squared += w * w
            mine = counts.get(term)
            if mine:
                dot += w * (table[mine] if mine < size else weight(mine))
        norm = math.sqrt(self.norm_squared) * math.sqrt(other_squared)
        return dot / norm if norm else 0.0


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two term-count vectors with sublinear (1 + log) term weights."""
    if not a or not b:
        return 0.0
    table, size, log = WEIGHTS, len(WEIGHTS), math.log
    wa = {t: table[c] if c < size else 1 + log(c) for t, c in a.items()}
    wb = {t: table[c] if c < size else 1 + log(c) for t, c in b.items()}
    dot = sum(w * wb[t] for t, w in wa.items() if t in wb)
    norm = math.sqrt(sum(w * w for w in wa.values())) * math.sqrt(sum(w * w for w in wb.values()))
    return dot / norm if norm else 0.0
