"""Near-duplicate blocks: a caption or headline printed twice or more."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator

import regex

from ..document import Block, Document
from ..layout import Layout
from ..text_stats import PLAIN_KEY_TOKEN, headline_like, is_label, is_plain
from .base import Detector, Finding

KEY_TOKEN = regex.compile(r"\w+")
HAS_LETTER = regex.compile(r"\p{L}")


def block_key(text: str) -> str:
    """The block's words, case-folded, punctuation and spacing ignored."""
    folded = text.casefold()
    return " ".join((PLAIN_KEY_TOKEN if is_plain(folded) else KEY_TOKEN).findall(folded))


def is_doubled(text: str) -> bool:
    """Whether the block is one text printed twice, a space between the copies (an image's alt
    text and its link: "Best TV deals of 2019 Best TV deals of 2019")."""
    text = text.strip()
    half = len(text) // 2
    return (len(text) % 2 == 1 and text[half].isspace() and text[:half] == text[half + 1:]
            and not is_doubled(text[:half]))  # one text many times over is a pattern, not a copy


def kept_blocks(blocks: list[Block], index: int, step: int) -> Iterator[Block]:
    """The kept blocks from ``index`` on, not counting it, going forwards (``step`` 1) or
    backwards (-1); lazily, so that a caller who needs the nearest pays for no more."""
    position = index + step
    while 0 <= position < len(blocks):
        if blocks[position].kept:
            yield blocks[position]
        position += step


def key_words(text: str) -> frozenset[str]:
    """The distinct words of a block's key."""
    return frozenset(block_key(text).split())


class DuplicateDetector(Detector):
    """Removes every later copy of a block seen before (kept or already removed).

    Reasons: ``exact_repeat`` (same words), ``repeated_in_head`` (a block above the article's
    body, a sentence of prose that is no headline (a standfirst, a teaser) and that the page
    prints once more: the copy in the head goes and the other copy stays, one copy of the
    text always kept), ``near_repeat`` (a block of at least ``near_min_words``
    words whose distinct words overlap an earlier block's by at least ``min_overlap``
    (Jaccard), with the same first or last ``anchor_words`` words: a caption or headline
    printed again with a word changed; only for blocks up to ``max_near_chars``),
    ``doubled_in_line`` (a block that is one text twice over: an image's alt text and its link),
    ``embedded_teaser`` (see ``embedded_teaser``: a story linked inside the body),
    ``contents_entry`` (see ``contents_entries``: the entries of a table of contents, whose
    headings the body prints again: the entries go and the headings stay).
    Blocks shorter than ``min_chars`` are never duplicates. A block is compared for near copies
    with at most ``max_anchor_blocks`` earlier blocks per anchor (the first ones): a stock ending
    that hundreds of paragraphs share ("..., officials said") would make the comparisons
    quadratic in the length of the document.
    """

    name = "duplicates"
    kind = "duplicate"

    def __init__(self, min_chars: int = 20, min_overlap: float = 0.9, near_min_words: int = 8,
                 max_near_chars: int = 600, anchor_words: int = 3, prose_min_words: int = 12,
                 max_embed_labels: int = 2, label_max_words: int = 3, max_anchor_blocks: int = 50,
                 heading_max_words: int = 12, min_contents_entries: int = 2, contents_max_gap: int = 2,
                 section_reach: int = 4) -> None:
        self.section_reach = section_reach
        self.heading_max_words = heading_max_words
        self.min_contents_entries = min_contents_entries
        self.contents_max_gap = contents_max_gap
        self.max_anchor_blocks = max_anchor_blocks
        self.max_embed_labels = max_embed_labels
        self.label_max_words = label_max_words
        self.prose_min_words = prose_min_words
        self.min_chars = min_chars
        self.min_overlap = min_overlap
        self.near_min_words = near_min_words
        self.max_near_chars = max_near_chars
        self.anchor_words = anchor_words

    def key_and_anchors(self, text: str) -> tuple[str, frozenset[str]]:
        """The block's key (``block_key``) and its anchors: its first and last
        ``anchor_words`` words (none when it is too short or too long for near copies). An
        anchor without a letter ("0 0 0", the last cells of a table row) anchors nothing: rows
        of a table are alike without being copies."""
        key = block_key(text)
        if len(key) < self.min_chars or len(key) > self.max_near_chars:
            return key, frozenset()
        words = key.split()
        anchors = {" ".join(words[:self.anchor_words]), " ".join(words[-self.anchor_words:])}
        return key, frozenset(a for a in anchors if HAS_LETTER.search(a))

    def is_near_copy(self, words: frozenset[str], earlier: list[frozenset[str]]) -> bool:
        """Whether a block with these distinct words nearly repeats one of the ``earlier``."""
        if len(words) < self.near_min_words:
            return False
        return any(len(other) >= self.near_min_words
                   and len(words & other) >= self.min_overlap * len(words | other) for other in earlier)

    def is_standfirst(self, doc: Document, layout: Layout, index: int, copies: int) -> bool:
        """Whether block ``index``, printed ``copies`` times, is a standfirst or teaser above the
        body: kept prose in the head, no headline, printed twice (more copies: a caption)."""
        block = doc.blocks[index]
        return (copies == 2 and index < layout.first_prose and block.kept
                and block.is_prose(self.prose_min_words) and not headline_like(block))

    def embedded_teaser(self, doc: Document, layout: Layout, first: int, index: int) -> Iterable[Finding]:
        """A link to another story inside the body, printed as its headline twice with at most
        ``max_embed_labels`` short labels around the copies ("Business", headline, "Business", headline): the first
        copy and the labels go too (``embedded_teaser``). Not above the body, where a headline
        printed twice is the article's own."""
        if first <= layout.first_prose or not headline_like(doc.blocks[first]):
            return
        # nothing between the copies counts too: a headline printed twice in a row in the body
        # is page furniture (the page's own headline under its menus), and a copy left behind
        # would read to appended_story as a new story whose headline is repeated
        between = range(first + 1, index)
        if len(between) > self.max_embed_labels or not all(is_label(doc.blocks[j], self.label_max_words) for j in between):
            return
        labels = {doc.blocks[j].text for j in between}
        before = first - 1
        found = [first, *between]
        if doc.blocks[before].text in labels and is_label(doc.blocks[before], self.label_max_words):
            found.append(before)
        for j in sorted(found):
            if doc.blocks[j].kept:
                yield Finding(j, "embedded_teaser")

    def opens_section(self, blocks: list[Block], index: int) -> bool:
        """Whether block ``index`` is a heading in the body: at most ``heading_max_words`` words,
        no sentence end, and a paragraph right before it or among the ``section_reach`` kept
        blocks after it (a heading may stand over a subheading or a list)."""
        block = blocks[index]
        if not block.kept or block.ends_sentence or block.word_count > self.heading_max_words:
            return False
        before = next(kept_blocks(blocks, index, -1), None)
        if before is not None and before.is_prose(self.prose_min_words):
            return True
        return any(b.is_prose(self.prose_min_words)
                   for b in itertools.islice(kept_blocks(blocks, index, 1), self.section_reach))

    def in_list(self, blocks: list[Block], index: int) -> bool:
        """Whether block ``index`` stands in a list: the kept block right before it or right
        after it is short too (no paragraph), as the items of a list are; the last item of a
        table of contents may stand right above the article's first paragraph."""
        neighbours = (next(kept_blocks(blocks, index, -1), None), next(kept_blocks(blocks, index, 1), None))
        return any(b is not None and not b.is_prose(self.prose_min_words) for b in neighbours)

    def contents_entries(self, blocks: list[Block], keys: list[str], copies: Counter[str]) -> dict[int, int]:
        """The entries of a table of contents, mapped to the heading each names: short blocks
        listed close together (at most ``contents_max_gap`` blocks apart) whose texts come again,
        in the same order, later in the document as headings over prose (``opens_section``).
        ``min_contents_entries`` of them make a table of contents; a single repeat proves
        nothing. Without this, the headings, being the later copies, went as repeats, and the
        contents list then went as the page's head or a link list: no copy was left."""
        later: dict[str, list[int]] = {}  # the places of each text printed more than once (``copies``)
        for index, key in enumerate(keys):
            if copies[key] > 1 and len(key) >= self.min_chars:
                later.setdefault(key, []).append(index)
        pairs = []  # (entry, heading): the first copy, and the first later copy opening a section
        for indices in later.values():
            if blocks[indices[0]].word_count > self.heading_max_words:
                continue
            heading = next((i for i in indices[1:] if self.opens_section(blocks, i)), None)
            if heading is not None and self.in_list(blocks, indices[0]):
                pairs.append((indices[0], heading))
        pairs.sort()
        entries: dict[int, int] = {}
        run: list[tuple[int, int]] = []
        for pair in [*pairs, None]:
            if (pair is not None and run and pair[0] - run[-1][0] <= self.contents_max_gap + 1
                    and pair[1] > run[-1][1] and pair[0] < run[0][1]):
                run.append(pair)
                continue
            if len(run) >= self.min_contents_entries:
                entries.update(run)
            run = [pair] if pair is not None else []
        return entries

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """Later copies of earlier blocks."""
        seen: dict[str, int] = {}  # key -> index of its first copy
        # a block is compared only with the earlier blocks that share its first or last words
        # (near copies of captions and headlines do)
        earlier_by_anchor: dict[str, list[str]] = {}
        block_of: dict[str, Block] = {}  # key -> its first block, which keeps its word set

        def words(key: str) -> frozenset[str]:
            return block_of[key].measure(key_words, key_words)

        name, key_and_anchors = self.name, self.key_and_anchors
        measured = [block.measure(name, key_and_anchors) for block in doc.blocks]
        copies = Counter(key for key, _ in measured)
        listed = self.contents_entries(doc.blocks, [key for key, _ in measured], copies) if any(
            n > 1 for n in copies.values()) else {}
        headings = set(listed.values())
        for index in listed:
            if doc.blocks[index].kept:
                yield Finding(index, "contents_entry")
        for index, (block, (key, anchors)) in enumerate(zip(doc.blocks, measured, strict=True)):
            if len(key) < self.min_chars or index in listed:
                continue
            if index in headings:
                seen.setdefault(key, index)
                continue
            if block.removal is None and is_doubled(block.text):
                yield Finding(index, "doubled_in_line")
                continue
            if key in seen:
                first = seen[key]
                standfirst = self.is_standfirst(doc, layout, first, copies[key])
                if standfirst:  # the copy above the body goes; the later copy stays
                    yield Finding(first, "repeated_in_head")
                elif block.kept:
                    yield Finding(index, "exact_repeat")
                    yield from self.embedded_teaser(doc, layout, first, index)
                continue
            seen[key] = index
            block_of[key] = block
            if not anchors:
                continue
            earlier = {k for anchor in anchors for k in earlier_by_anchor.get(anchor, ())}
            if block.kept and earlier and self.is_near_copy(words(key), [words(k) for k in earlier]):
                yield Finding(index, "near_repeat")
            for anchor in anchors:
                sharing = earlier_by_anchor.setdefault(anchor, [])
                if len(sharing) < self.max_anchor_blocks:
                    sharing.append(key)
