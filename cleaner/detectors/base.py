"""What every detector is: a small class that judges blocks and names its reason."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ..document import Block, Document
from ..layout import Layout


@dataclass(frozen=True)
class Finding:
    """A detector's verdict on one block: remove it; with ``cut``, it and every block after it;
    with ``span``, only those characters of it (``(start, end)``; what is left before and after
    stays, as blocks of their own)."""

    index: int
    reason: str
    kind: str | None = None
    cut: bool = False
    span: tuple[int, int] | None = None


class Detector:
    """Base class. Subclasses set ``name`` and ``kind`` and implement ``find``.

    Thresholds are constructor arguments with defaults; detectors do no I/O.
    """

    name: ClassVar[str] = ""
    kind: ClassVar[str] = ""

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """The blocks of ``doc`` to remove, with the reason for each."""
        raise NotImplementedError


class BlockDetector(Detector):
    """A detector that judges each kept block on its own text."""

    def judge(self, text: str) -> str | None:
        """``None`` to keep the block, else the snake_case reason to remove it."""
        raise NotImplementedError

    def verdict(self, block: Block) -> str | None:
        """``judge`` of the block's text, computed once per block (the engine runs the
        detectors again on what they kept)."""
        return block.measure(self.name, self.judge)

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """Every kept block that ``judge`` gives a reason to remove."""
        for index, block in enumerate(doc.blocks):
            if block.removal is None:
                reason = self.verdict(block)
                if reason:
                    yield Finding(index, reason)
