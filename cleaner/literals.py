"""Required literals of a pattern: strings one of which occurs in every match.

A block that contains none of a rule's required literals cannot match it, so the engine tries
the rule only on blocks where an Aho-Corasick scan (``Gate``) found one: one pass over the block
instead of one regex call per rule. This is the literal prefilter of engines such as
Hyperscan or ripgrep's, done on the parse tree of Python's own regex parser.

The extraction is conservative: any construct it does not understand yields "no requirement"
(``None``), and the rule is then tried on every block. Literals are case-folded and compared
with the case-folded block, so case-insensitive patterns are covered.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick
import regex

try:  # the stdlib parser: regex-module syntax is mapped onto it first (UNICODE_CLASS)
    import re._constants as sre
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - another Python: no prefilter, every rule is tried
    sre = sre_parse = None

# an escaped backslash (kept as it is), or a Unicode class (read as \w: some letter)
UNICODE_CLASS = regex.compile(r"\\\\|\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
NAMED_GROUP = regex.compile(r"\(\?P<[^>]+>")
# regex-module syntax the stdlib parser would misread as literals rather than refuse: POSIX
# classes ("[[:alpha:]]") and fuzzy constraints ("(?:colour){e<=1}")
MISREAD_SYNTAX = regex.compile(r"\[:\^?[a-z]+:\]|\{[eisd]\s*(?:<|<=|\}|,)|\{[0-9]\s*<")
MIN_LITERAL_CHARS = 2
MAX_CHAR_SET = 12
# Single characters too common in prose to be worth a gate on their own.
COMMON_CHARS = frozenset(" .,;:!?'\"()-*")

ANY_DIGIT = "\\d"
"""A requirement that stands for any decimal digit (Unicode ones too, as ``\\d`` matches)."""
HAS_DIGIT = regex.compile(r"\d")

Literals = frozenset[str]


def selective_char(char: str) -> bool:
    """Whether one character is rare enough in prose to gate a rule (a digit, ``©``, ``›``)."""
    return char not in COMMON_CHARS and not (char.isascii() and (char.isalpha() or char.isspace()))


def _better(a: Literals | None, b: Literals | None) -> Literals | None:
    """The more selective of two requirements: longer shortest literal, then fewer literals."""
    if a is None or b is None:
        return a if b is None else b
    return a if _selectivity(a) >= _selectivity(b) else b


def _selectivity(literals: Literals) -> tuple[int, int]:
    """Longer shortest literal first (any digit counts as less than one rare character: digits
    are everywhere), then fewer."""
    return min(0 if x == ANY_DIGIT else len(x) for x in literals), -len(literals)


def _char_set(items: list) -> Literals | None:
    """A character class as a requirement, when it is a few selective characters (``[›»]``,
    ``\\d``)."""
    chars: set[str] = set()
    digits = False
    for op, value in items:
        if op is sre.LITERAL:
            chars.add(chr(value).casefold())
        elif op is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            digits = True
        elif op is sre.RANGE and 0x30 <= value[0] <= value[1] <= 0x39:
            chars |= {chr(c) for c in range(value[0], value[1] + 1)}
        else:
            return None
    if len(chars) > MAX_CHAR_SET or not all(selective_char(c) for c in chars):
        return None
    if digits:
        chars.add(ANY_DIGIT)
    return frozenset(chars) or None


def _leading_literal(items: list) -> str:
    """The literal characters a sequence of parse-tree items starts with (case-folded)."""
    head = []
    for op, value in items:
        if op is not sre.LITERAL:
            break
        head.append(chr(value).casefold())
    return "".join(head)


def _group_items(op: object, value: object) -> list | None:
    """The items inside a group (capturing, non-capturing or atomic), or None for any other
    parse-tree item."""
    if op is sre.SUBPATTERN:
        return value[-1]
    if op is sre.ATOMIC_GROUP:
        return value
    return None


def _required(items: Iterable) -> Literals | None:
    """The best requirement of a sequence of parse-tree items."""
    best: Literals | None = None
    run: list[str] = []

    def close_run() -> None:
        nonlocal best, run
        if len(run) >= MIN_LITERAL_CHARS or (len(run) == 1 and selective_char(run[0])):
            best = _better(best, frozenset({"".join(run)}))
        run = []

    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value).casefold())
            continue
        if op is sre.BRANCH and run:
            # the parser factors a common start out of alternatives ("via|vía" is v(?:ia|ía)):
            # the run before the branch and each alternative's first letters make a requirement
            heads = [_leading_literal(branch) for branch in value[1]]
            if all(heads):
                joined = frozenset("".join(run) + head for head in heads)
                best = _better(best, joined if min(map(len, joined)) >= MIN_LITERAL_CHARS else None)
        close_run()
        found: Literals | None = None
        group = _group_items(op, value)
        if op is sre.IN:
            found = _char_set(value)
        elif group is not None:
            found = _required(group)
        elif op is sre.BRANCH:
            alternatives = [_required(branch) for branch in value[1]]
            if all(a is not None for a in alternatives):
                found = frozenset().union(*alternatives)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and value[0] >= 1:
            found = _required(value[2])
        best = _better(best, found)
    close_run()
    return best


def _as_word_class(match: regex.Match) -> str:
    return match.group() if match.group() == "\\\\" else "\\w"


def _parse(pattern: str) -> list | None:
    """The stdlib parse tree of a rule's pattern (``\\p{..}`` read as ``\\w``, named groups
    as plain ones), or None when the stdlib parser cannot read it."""
    if sre_parse is None or MISREAD_SYNTAX.search(pattern):
        return None
    source = NAMED_GROUP.sub("(?:", UNICODE_CLASS.sub(_as_word_class, pattern))
    try:
        return list(sre_parse.parse(source))
    except Exception:  # regex-module syntax the stdlib lacks: no prefilter for this rule
        return None


def required_literals(pattern: str) -> Literals | None:
    """Case-folded strings one of which occurs (case-folded) in every match of ``pattern``,
    or None when no such set could be found. ``\\p{..}`` classes and named groups are mapped
    onto the stdlib parser's syntax; a pattern it cannot parse has no requirement."""
    tree = _parse(pattern)
    return None if tree is None else _required(tree)


MAX_FIRST_RANGE = 64


def _first_of_class(items: list) -> Literals | None:
    """The case-folded first characters a character class allows, when it lists them."""
    chars: set[str] = set()
    for op, value in items:
        if op is sre.LITERAL:
            chars.add(chr(value).casefold()[:1])
        elif op is sre.RANGE and value[1] - value[0] < MAX_FIRST_RANGE:
            chars.update(chr(c).casefold()[:1] for c in range(value[0], value[1] + 1))
        elif op is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            chars.add(ANY_DIGIT)
        else:
            return None
    return frozenset(chars)


def _first(items: Iterable) -> tuple[Literals, bool] | None:
    """The case-folded characters a match of a sequence of parse-tree items can start with,
    and whether it can be empty; None when any character could come first."""
    firsts: set[str] = set()
    for op, value in items:
        if op is sre.LITERAL:
            return frozenset(firsts | {chr(value).casefold()[:1]}), False
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the next item decides
        found: tuple[Literals, bool] | None
        group = _group_items(op, value)
        if op is sre.IN:
            chars = _first_of_class(value)
            found = None if chars is None else (chars, False)
        elif group is not None:
            found = _first(group)
        elif op is sre.BRANCH:
            alternatives = [_first(branch) for branch in value[1]]
            if any(a is None for a in alternatives):
                return None
            found = (frozenset().union(*(a[0] for a in alternatives)), any(a[1] for a in alternatives))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            body = _first(value[2])
            found = None if body is None else (body[0], body[1] or value[0] == 0)
        else:
            return None
        if found is None:
            return None
        firsts |= found[0]
        if not found[1]:
            return frozenset(firsts), False
    return frozenset(firsts), True


def first_characters(pattern: str) -> Literals | None:
    """The case-folded characters that a match of ``pattern`` made at the start of a text can
    begin with (``ANY_DIGIT`` for a digit), or None when it could begin with anything (or be
    empty). Line and cut rules match at the start of a block: a block whose first character is
    not among them cannot match."""
    tree = _parse(pattern)
    found = None if tree is None else _first(tree)
    return None if found is None or found[1] or not found[0] else found[0]


def starts_well(firsts: Literals | None, first: str) -> bool:
    """Whether a text whose case-folded first character is ``first`` can start a match."""
    if firsts is None:
        return True
    return first in firsts or (ANY_DIGIT in firsts and first.isdecimal())


def meets(literals: Literals | None, folded: str) -> bool:
    """Whether the case-folded text ``folded`` meets a requirement (None: always)."""
    if literals is None:
        return True
    return any(HAS_DIGIT.search(folded) is not None if x == ANY_DIGIT else x in folded for x in literals)


class Gate:
    """Which of a list of requirements a text meets, in one Aho-Corasick pass.

    ``requirements[i]`` is the literal set of item ``i`` (None: always met). ``mask`` answers
    with bit ``i`` set for each item whose requirement the text meets.
    """

    def __init__(self, requirements: Iterable[Literals | None]) -> None:
        self.requirements = tuple(requirements)
        self.always_mask = sum(1 << i for i, r in enumerate(self.requirements) if r is None)
        owners: dict[str, int] = {}
        for index, literals in enumerate(self.requirements):
            for literal in literals or ():
                owners[literal] = owners.get(literal, 0) | 1 << index
        self.digit_mask = owners.pop(ANY_DIGIT, 0)
        self.automaton = ahocorasick.Automaton() if owners else None
        if self.automaton is not None:
            for literal, bits in owners.items():
                self.automaton.add_word(literal, bits)
            self.automaton.make_automaton()

    def mask(self, folded: str) -> int:
        """The items whose requirement the case-folded text ``folded`` meets, as bits."""
        found = self.always_mask
        if self.automaton is not None:
            for _, bits in self.automaton.iter(folded):
                found |= bits
        if self.digit_mask and HAS_DIGIT.search(folded):
            found |= self.digit_mask
        return found

    def possible(self, folded: str) -> frozenset[int]:
        """The items whose requirement ``folded`` meets, as a set of indices."""
        found = self.mask(folded)
        return frozenset(i for i in range(len(self.requirements)) if found >> i & 1)
