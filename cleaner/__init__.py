"""cleaner: strip boilerplate from scraped news articles and say what was removed and why.

    >>> import cleaner
    >>> result = cleaner.clean(raw_text)          # Cleaned(text, title, metadata, removed)
    >>> body = cleaner.clean_text(raw_text)       # the body only
"""

from __future__ import annotations

from .config import DEFAULT_CONFIG, Config
from .document import Cleaned, Removal
from .engine import Cleaner, cleaner_for
from .errors import (
    CleanerError,
    DecodeError,
    EmptyInputError,
    InputTooLargeError,
    RuleError,
    TimeBudgetExceeded,
)

__all__ = [
    "DEFAULT_CONFIG",
    "Cleaned",
    "Cleaner",
    "CleanerError",
    "Config",
    "DecodeError",
    "EmptyInputError",
    "InputTooLargeError",
    "Removal",
    "RuleError",
    "TimeBudgetExceeded",
    "clean",
    "clean_text",
]
__version__ = "0.1.0"


def clean(text: str | bytes, *, config: Config | None = None) -> Cleaned:
    """Clean one scraped article (plain text or HTML; ``str``, or ``bytes`` in UTF-8, a BOM'd
    UTF-16/32, or another detectable charset).

    Returns the body, the title, the metadata recovered from removed lines and every removal.
    Raises a ``CleanerError`` subclass on bad input (empty, undecodable, too large, over the
    time budget).
    """
    return cleaner_for(config).clean(text)


def clean_text(text: str | bytes, *, config: Config | None = None) -> str:
    """The article body of ``text``, paragraphs one per line (see ``clean``)."""
    return clean(text, config=config).text
