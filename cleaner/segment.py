"""Split the source text into blocks (one per non-blank line) that keep their offsets."""

from __future__ import annotations

import re

from .document import Block, Removal

# Every line break Python's str.splitlines knows, so offsets stay exact for \r, \r\n, \u2028...
# Plain character classes, which the stdlib engine reads as the regex module does, and scans
# faster.
LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def strip_offsets(text: str, start: int) -> tuple[str, int, int]:
    """``text`` without surrounding whitespace, with its offsets (``start`` is text's own)."""
    stripped = text.strip()
    left = 0 if len(stripped) == len(text) else len(text) - len(text.lstrip())
    return stripped, start + left, start + left + len(stripped)


def segment(source: str) -> list[Block]:
    """One block per non-blank line of ``source``, offsets into ``source``. Lines of the same
    text share one memo (``Block.memo`` holds what depends on the text alone): a page repeats
    its buttons, labels and table cells, which are then measured and matched once."""
    blocks: list[Block] = []
    memos: dict[str, dict] = {}
    previous_end = 0
    for line_no, match in enumerate(LINE.finditer(source)):
        text, start, end = strip_offsets(match.group(), match.start())
        if not text:
            continue
        # two line breaks take two characters at least: a one-character gap is no blank line
        blank_before = (bool(blocks) and start - previous_end > 1
                        and len(BREAK.findall(source, previous_end, start)) >= 2)
        memo = memos.get(text)
        if memo is None:
            memo = memos[text] = {}
        blocks.append(Block(text, start, end, blank_before=blank_before, line=line_no, memo=memo))
        previous_end = end
    return blocks


def split_block(block: Block, cuts: list[tuple[int, int]]) -> list[tuple[Block, bool]]:
    """Split ``block`` at the character ranges ``cuts`` (relative to the block, sorted, not
    overlapping). Returns the pieces in order, each with True if it is one of the cuts; the
    block's gaps go with the pieces they fall in."""
    pieces: list[tuple[Block, bool]] = []
    position = 0

    def add(a: int, b: int, is_cut: bool) -> None:
        text, left, right = strip_offsets(block.text[a:b], a)
        if text:
            start, end = block.source_offset(left), block.source_offset(right, end=True)
            gaps = tuple(g for g in block.gaps if start <= g.start and g.end <= end) if block.gaps else ()
            piece = Block(text, start, end, blank_before=block.blank_before and not pieces,
                          line=block.line, piece=True, gaps=gaps, preformatted=block.preformatted)
            pieces.append((piece, is_cut))

    for a, b in cuts:
        add(position, a, False)
        add(a, b, True)
        position = b
    add(position, len(block.text), False)
    return pieces


def excise(block: Block, cuts: list[tuple[int, int, str, str]], source: str) -> Block:
    """``block`` with the ranges ``cuts`` (relative to the block, sorted, not overlapping, each
    with text on both sides) taken out of its text and kept as its gaps: one block still, so the
    sentence around them is judged and printed whole. Where a cut has a space on both sides, the
    one after it goes with it. Each cut comes with the kind and rule id of its removal, whose
    offsets and text are the source's (``source``)."""
    text = block.text
    parts: list[str] = []
    gaps = list(block.gaps)
    position = 0
    for a, b, kind, rule in cuts:
        if a > 0 and text[a - 1].isspace():
            while b < len(text) and text[b].isspace():
                b += 1
        parts.append(text[position:a])
        start, end = block.source_offset(a), block.source_offset(b, end=True)
        gaps = [g for g in gaps if not (start <= g.start and g.end <= end)]
        gaps.append(Removal(kind, rule, source[start:end], start, end))
        position = b
    parts.append(text[position:])
    return Block("".join(parts), block.start, block.end, blank_before=block.blank_before,
                 line=block.line, piece=block.piece, gaps=tuple(sorted(gaps, key=lambda g: g.start)),
                 preformatted=block.preformatted)
