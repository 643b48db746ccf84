"""The data the cleaner works on and returns: blocks of the input, removals, the result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from .layout import ends_a_sentence, word_count

MISSING = object()
"""A memo's answer for a measure not computed yet (``Block.measure``, and the engine's loops that
read ``Block.memo`` directly)."""
T = TypeVar("T")


class computed_once(Generic[T]):
    """``functools.cached_property`` without its lock, which on Python 3.11 costs each first
    access more than the measures it guards: the value is computed on first access and stored
    in the instance's ``__dict__``, which later lookups find first."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass(frozen=True)
class Removal:
    """One piece of the input that the cleaner removed, and why.

    ``start``/``end`` are character offsets into the text that was cleaned (the input string, or
    for HTML input the text extracted from it, ``Cleaned.source``): ``source[start:end] == text``.
    """

    kind: str
    rule: str
    text: str
    start: int
    end: int
    reason: str = ""
    """For detectors, the snake_case reason; for rules, empty."""

    def as_dict(self) -> dict[str, Any]:
        """The removal as a JSON-ready dict."""
        return {"kind": self.kind, "rule": self.rule, "reason": self.reason, "text": self.text,
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning one article."""

    text: str
    title: str | None
    metadata: dict[str, str]
    removed: tuple[Removal, ...]
    source: str = field(repr=False, default="")
    """The text the offsets in ``removed`` refer to (the input, or the text extracted from HTML)."""
    input_format: str = "text"

    def as_dict(self, *, include_removed: bool = True) -> dict[str, Any]:
        """The result as a JSON-ready dict (``text``, ``title``, ``metadata``, ``removed``)."""
        out: dict[str, Any] = {"text": self.text, "title": self.title,
                               "metadata": dict(self.metadata)}
        if include_removed:
            out["removed"] = [r.as_dict() for r in self.removed]
        return out


@dataclass
class Block:
    """A block of text (a line, or a piece of a line split at residue) with its offsets.

    ``removal`` is set once a rule or detector has removed the block; ``gaps`` lists what
    ``inline`` span rules cut out of its middle (``text`` is the source from ``start`` to ``end``
    without them, and reads on as one sentence).
    """

    text: str
    start: int
    end: int
    removal: Removal | None = None
    blank_before: bool = False
    line: int = 0
    piece: bool = False
    """True when the block is part of a line that was split at residue."""
    gaps: tuple[Removal, ...] = ()
    preformatted: bool = False
    """True for a line of a code block of HTML input: no rule or detector removes it alone (a
    cut still takes it with everything after it)."""
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    """Measures and verdicts that depend on the text alone, computed once per block and kept
    across the engine's passes (``Block.measure``)."""

    def measure(self, key: Any, compute: Callable[..., Any], *args: Any) -> Any:
        """``compute(self.text, *args)``, computed once per block for each ``key`` (which must
        name everything the result depends on besides the text)."""
        value = self.memo.get(key, MISSING)
        if value is MISSING:
            value = self.memo[key] = compute(self.text, *args)
        return value

    def source_offset(self, index: int, *, end: bool = False) -> int:
        """The offset in the source of ``text[index]``, the gaps counted; with ``end``, of the
        end of a piece that stops at ``index`` (before a gap there, not after it)."""
        position = self.start + index
        for gap in self.gaps:
            if gap.start < position or (gap.start == position and not end):
                position += gap.end - gap.start
            else:
                break
        return position

    def carried(self) -> Block:
        """A copy for the engine's next pass: same text and offsets, no removal, the measures
        already computed kept."""
        # what copy.copy does for a dataclass, without its generic reduce protocol
        twin = object.__new__(Block)
        twin.__dict__.update(self.__dict__)
        twin.removal = None
        return twin

    @property
    def kept(self) -> bool:
        """Whether the block is still part of the article."""
        return self.removal is None

    @computed_once
    def word_count(self) -> int:
        """Words in the block (see ``layout.word_count``); computed once."""
        return word_count(self.text)

    @computed_once
    def ends_sentence(self) -> bool:
        """Whether a sentence ends somewhere in the block; computed once."""
        return ends_a_sentence(self.text)

    def is_prose(self, min_words: int) -> bool:
        """A block of running text: at least ``min_words`` words and a sentence end."""
        return self.word_count >= min_words and self.ends_sentence


@dataclass
class Document:
    """The working state of one cleaning run: the source text and its blocks."""

    source: str
    blocks: list[Block]
    metadata: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    refused_markers: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    """Blocks (by offsets) that a ``ui`` cut rule matched whole but that cut nothing in the
    last pass, with the rule's kind and id: removed alone once the passes are done."""

    def kept_indices(self) -> list[int]:
        """Indices of the blocks still part of the article."""
        return [i for i, b in enumerate(self.blocks) if b.removal is None]

    def remove(self, index: int, kind: str, rule: str, reason: str = "") -> None:
        """Mark block ``index`` as removed by ``rule`` (no-op if it is already removed)."""
        block = self.blocks[index]
        if block.removal is None:
            block.removal = Removal(kind, rule, block.text, block.start, block.end, reason)

    def removals(self) -> tuple[Removal, ...]:
        """Every removal, in input order. A removed block with gaps is recorded whole (its
        source range, the gaps in it); a kept one gives its gaps."""
        found: list[Removal] = []
        for block in self.blocks:
            if block.removal is None:
                found.extend(block.gaps)
            elif block.gaps:
                removal = block.removal
                found.append(replace(removal, text=self.source[removal.start:removal.end]))
            else:
                found.append(block.removal)
        return tuple(sorted(found, key=lambda r: (r.start, r.end)))
