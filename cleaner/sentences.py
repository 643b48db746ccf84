"""Split long blocks into sentences, so that residue glued to prose on one line (a scraper that
lost the line breaks between blocks) can be judged on its own."""

from __future__ import annotations

import regex

from .document import Block
from .segment import split_block

# A sentence end: punctuation, closing quotes or brackets, space, then a capital, digit or
# opening quote. Not after an abbreviation ("Mr.", "U.S.", "Gov.") or a single letter.
BOUNDARY = regex.compile(r"(?<=[.!?…。！？])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[\p{Lu}\p{N}])")
ABBREVIATIONS = ("Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Prof|Inc|Corp|Co|Jr|Sr|No|Nos|vs|etc|approx"
                 "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
ABBREVIATION = regex.compile(rf"(?:^|\s)(?:\p{{L}}|\p{{Lu}}\p{{Ll}}?|(?:\p{{L}}\.)+\p{{L}}|(?:{ABBREVIATIONS}))\.$")


def sentence_cuts(text: str) -> list[int]:
    """Offsets in ``text`` where a new sentence starts."""
    starts = []
    for match in BOUNDARY.finditer(text):
        before = text[max(0, match.start() - 12):match.start()]
        if ABBREVIATION.search(before.rstrip("\"'”’»)]")):
            continue
        starts.append(match.end())
    return starts


def split_sentences(block: Block) -> list[Block]:
    """The block's sentences as pieces of its line (the block itself if it has one)."""
    starts = sentence_cuts(block.text)
    if not starts:
        return [block]
    # split_block cuts out ranges; a zero-width range at each start makes the pieces
    pieces = [piece for piece, _ in split_block(block, [(s, s) for s in starts])]
    return pieces or [block]
