"""Split the source text into blocks (one per non-blank line) that keep their offsets."""

from __future__ import annotations

import regex

from .document import Block

# Every line break Python's str.splitlines knows, so offsets stay exact for \r, \r\n, \u2028...
LINE = regex.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
BREAK = regex.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def strip_offsets(text: str, start: int) -> tuple[str, int, int]:
    """``text`` without surrounding whitespace, with its offsets (``start`` is text's own)."""
    left = len(text) - len(text.lstrip())
    stripped = text.strip()
    return stripped, start + left, start + left + len(stripped)


def segment(source: str) -> list[Block]:
    """One block per non-blank line of ``source``, offsets into ``source``."""
    blocks: list[Block] = []
    previous_end = 0
    for line_no, match in enumerate(LINE.finditer(source)):
        text, start, end = strip_offsets(match.group(), match.start())
        if not text:
            continue
        gap = source[previous_end:start]
        blank_before = bool(blocks) and len(BREAK.findall(gap)) >= 2
        blocks.append(Block(text, start, end, blank_before=blank_before, line=line_no))
        previous_end = end
    return blocks


def split_block(block: Block, cuts: list[tuple[int, int]]) -> list[tuple[Block, bool]]:
    """Split ``block`` at the character ranges ``cuts`` (relative to the block, sorted, not
    overlapping). Returns the pieces in order, each with True if it is one of the cuts."""
    pieces: list[tuple[Block, bool]] = []
    position = 0

    def add(a: int, b: int, is_cut: bool) -> None:
        text, start, end = strip_offsets(block.text[a:b], block.start + a)
        if text:
            piece = Block(text, start, end, blank_before=block.blank_before and not pieces,
                          line=block.line, piece=True)
            pieces.append((piece, is_cut))

    for a, b in cuts:
        add(position, a, False)
        add(a, b, True)
        position = b
    add(position, len(block.text), False)
    return pieces
