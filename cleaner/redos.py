"""Catastrophic-backtracking check of rule patterns.

Attack strings have the classic shape *prefix + pump x n + suffix*: the pump is something the
pattern's repetitions accept (a run of one character its classes take, a pair of characters, a
word or a tail of one of the rule's match examples), the suffix makes the match fail at the very
end, which is where a backtracking engine explores every way of splitting the pump. Each attack
runs with the ``regex`` module's ``timeout``; a pattern that times out is reported with the
attack that caught it.

Two levels:
- ``quick`` (run by the rule loader on every rule, cached per pattern; ~1 ms per rule): a few
  single characters and example pumps, 300-character strings. Exponential patterns blow up
  on strings that short; production matching has a timeout anyway (the engine), so this is
  a cheap early warning that names the rule.
- ``thorough`` (``cleaner rules check`` and the test suite): more characters, character pairs
  and longer strings (span rules also see 20,000-character blocks).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

# Characters every pattern is probed with, besides the ones in its source and examples:
# letters of several scripts, digits, spaces, the punctuation that bylines and dates use.
PROBE_CHARS = " \taA1.,:-'’/|()»éЯ가"
SUFFIXES = ("!", "\u0000", " x")


@dataclass(frozen=True)
class Level:
    """How hard to attack: string lengths, how many characters/pumps/suffixes, the timeout."""

    line_length: int
    span_length: int
    max_chars: int
    pumps_per_example: int
    suffixes: tuple[str, ...]
    pairs: bool
    timeout: float


LEVELS = {
    # Exponential patterns blow up by orders of magnitude on a few hundred characters; the
    # quick level is sized to cost ~1 ms per well-behaved rule.
    "quick": Level(300, 300, 6, 2, SUFFIXES[:1], False, 0.5),
    # Lengths of the engine's default max_block_chars (line/cut rules never see longer blocks)
    # and of a long paragraph for span rules; the timeout is generous because a quadratic
    # pattern legitimately needs ~0.5 s on 2,000 characters under load.
    "thorough": Level(2_000, 20_000, 32, 6, SUFFIXES, True, 2.0),
}
LINE_SEMANTICS = {"line": "fullmatch", "cut": "match", "span": "finditer"}


@dataclass(frozen=True)
class Attack:
    """One attack string and how it was built (for the report)."""

    text: str
    label: str


def _alphabet(pattern: str, examples: Iterable[str], limit: int) -> list[str]:
    seen: dict[str, None] = {}
    for source in (PROBE_CHARS, "".join(examples), pattern):
        for char in source:
            if char.isprintable() or char in " \t":
                seen.setdefault(char, None)
    return list(seen)[:limit]


def _pumps(examples: Iterable[str], per_example: int) -> Iterator[tuple[str, str, str]]:
    """(prefix, pump, label) taken from each match example: its tail after each word boundary,
    each of its words followed by a space, and the whole example followed by a space."""
    for example in examples:
        starts = [m.start() for m in regex.finditer(r"(?<=\s)\S", example)][:per_example]
        for start in starts:
            yield example[:start], example[start:] + " ", f"tail of example {example!r} from {start}"
        for word in example.split()[:per_example]:
            yield example[: example.find(word)], word + " ", f"word {word!r} of example {example!r}"
        yield "", example + " ", f"example {example!r} repeated"


def attacks(pattern: str, scope: str, examples: Iterable[str], level: str = "quick") -> Iterator[Attack]:
    """The attack strings for one pattern (see the module docstring)."""
    settings = LEVELS[level]
    length = settings.span_length if scope == "span" else settings.line_length
    examples = tuple(examples)
    chars = _alphabet(pattern, examples, settings.max_chars)
    for char in chars:
        for suffix in settings.suffixes[:2]:
            yield Attack(char * length + suffix, f"{length} x {char!r} then {suffix!r}")
    for prefix, pump, label in _pumps(examples, settings.pumps_per_example):
        times = max(1, (length - len(prefix)) // max(len(pump), 1))
        for suffix in settings.suffixes:
            yield Attack(prefix + pump * times + suffix, f"{label}, {times} times, then {suffix!r}")
    if settings.pairs:
        for first in chars[:12]:
            for second in chars[:12]:
                if first != second:
                    yield Attack((first + second) * (length // 2) + "!", f"{length // 2} x {first + second!r} then '!'")


def _run(compiled: regex.Pattern, semantics: str, text: str, timeout: float) -> None:
    if semantics == "finditer":
        for _ in compiled.finditer(text, timeout=timeout):
            pass
    else:
        getattr(compiled, semantics)(text, timeout=timeout)


def find_backtracking(compiled: regex.Pattern, scope: str, examples: Iterable[str] = (),
                      level: str = "quick") -> str | None:
    """A description of the first attack on which ``compiled`` (matched the way the engine
    matches a rule of ``scope``) exceeds the level's timeout, or None when all finish in time."""
    timeout = LEVELS[level].timeout
    semantics = LINE_SEMANTICS.get(scope, "search")
    for attack in attacks(compiled.pattern, scope, examples, level):
        try:
            _run(compiled, semantics, attack.text, timeout)
        except TimeoutError:
            return (f"catastrophic backtracking: {semantics} did not finish within {timeout:g} s on "
                    f"{attack.label} ({len(attack.text):,} characters)")
    return None


@functools.lru_cache(maxsize=1024)
def quick_check(pattern: str, flags: int, scope: str, examples: tuple[str, ...]) -> str | None:
    """``find_backtracking`` at the quick level, cached per pattern (rules load once per process,
    but several configs may load the same files)."""
    return find_backtracking(regex.compile(pattern, flags), scope, examples, "quick")
