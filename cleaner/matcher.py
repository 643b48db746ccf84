"""Match many rules of one scope: a literal prefilter, then one compiled pattern per region.

Most rules need one of a few words or characters ("share", "©", a digit) in any block they
match (``Rule.gate``): one Aho-Corasick pass over the block (``literals.Gate``) tells which of
them can match, and only those are tried, each on its own. The rules without such a set are
joined in one alternation: each becomes a branch ``(?P<_rN>...)`` (its leading global flags
turned into scoped ones), in the rules' order, so the first rule that matches wins as before.
Metadata groups may repeat across branches: the ``regex`` module allows that.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import regex

from .layout import REGIONS
from .literals import Gate, starts_well
from .rules import Rule

LEADING_FLAGS = regex.compile(r"^\(\?([aiLmsux]+)\)")
NUMBERED_BACKREF = regex.compile(r"\\[1-9]|\(\?P=\d")


def branch(rule: Rule, index: int) -> str | None:
    """The rule's pattern as a named branch, or None when it cannot be combined safely."""
    source = rule.pattern.pattern
    if NUMBERED_BACKREF.search(source):
        return None
    flags = LEADING_FLAGS.match(source)
    if flags:
        source = f"(?{flags.group(1)}:{source[flags.end():]})"
    if "(?" in source and regex.search(r"\(\?[aiLmsux]+\)", source):
        return None  # a global flag in the middle would leak into the other branches
    return f"(?P<_r{index}>{source})"


class CombinedRules:
    """The rules of one scope, matched together (``fullmatch`` for line rules, ``match`` for
    cut rules) with the regions each rule allows."""

    def __init__(self, rules: Sequence[Rule], method: str, gate: Gate | None = None,
                 positions: Sequence[int] | None = None) -> None:
        """``gate``: a gate shared with other rules, in which ``rules[i]`` is item
        ``positions[i]`` (by default a gate of these rules alone)."""
        self.rules = tuple(rules)
        self.method = method
        if gate is None:
            gate, positions = Gate(r.gate for r in self.rules), range(len(self.rules))
        self.gate = gate
        self.bits = tuple(1 << p for p in positions)
        # rules that only match blocks beginning with certain characters, and those characters
        self.any_start = sum(b for b, r in zip(self.bits, self.rules, strict=True) if r.starts is None)
        self.start_masks: dict[str, int] = {}
        # rules with a length bound: the bounds ascending, and for each the bits of the rules
        # whose bound is at most it (a text longer than a bound rules those out)
        self.length_bounds = sorted({r.max_chars for r in self.rules if r.max_chars is not None})
        self.too_long_for = [sum(b for b, r in zip(self.bits, self.rules, strict=True)
                                 if r.max_chars is not None and r.max_chars <= bound) for bound in self.length_bounds]
        self.matchers = tuple(getattr(r.pattern, method) for r in self.rules)
        self.branch_ids: dict[frozenset[str], tuple[int, ...]] = {}
        self.gated: dict[frozenset[str], tuple[int, ...]] = {}
        # per (in head, in tail): the region set, its combined pattern's match method, its
        # gated rules as bits and its loose rules
        self.by_position: dict[tuple[bool, bool], tuple[frozenset[str], object, int, tuple[tuple[int, Rule], ...]]] = {}
        for head in (False, True):
            for tail in (False, True):
                allowed = REGIONS[head, tail]
                chosen = [(i, r) for i, r in enumerate(self.rules) if r.where in allowed]
                self.gated[allowed] = tuple(i for i, r in chosen if r.gate is not None)
                # a rule with a length bound is tried on its own (the bound is checked first)
                branches = [(i, r, branch(r, i) if r.max_chars is None else None) for i, r in chosen if r.gate is None]
                combinable = [b for _, _, b in branches if b is not None]
                self.branch_ids[allowed] = tuple(i for i, _, b in branches if b is not None)
                loose = tuple((i, r) for i, r, b in branches if b is None)
                combined = getattr(regex.compile("|".join(combinable)), method) if combinable else None
                self.by_position[head, tail] = (allowed, combined, sum(self.bits[i] for i in self.gated[allowed]),
                                                loose)
        # per bit of a gated rule: its index and its match method
        self.of_bit = {bit: (i, self.matchers[i]) for i, bit in enumerate(self.bits)}
        self.shortest_bound = self.length_bounds[0] if self.length_bounds else None

    def start_mask(self, first: str) -> int:
        """The bits of the rules a block whose case-folded first character is ``first`` can
        match, as far as its first character tells (computed once per character)."""
        mask = self.start_masks.get(first)
        if mask is None:
            mask = self.any_start | sum(b for b, r in zip(self.bits, self.rules, strict=True)
                                        if r.starts is not None and starts_well(r.starts, first))
            if len(self.start_masks) < 4096:
                self.start_masks[first] = mask
        return mask

    def excluded_by_length(self, length: int) -> int:
        """The bits of the rules whose ``max_chars`` a text of ``length`` characters exceeds."""
        below = bisect.bisect_left(self.length_bounds, length)
        return self.too_long_for[below - 1] if below else 0

    def find(self, text: str, in_head: bool, in_tail: bool, timeout: float | None,
             possible: int | None = None) -> tuple[Rule, regex.Match] | None:
        """The first rule (in order) that matches ``text`` in a block with this position.
        ``timeout``: seconds each regex call may take (None: no limit; the caller guards the
        deadline otherwise). ``possible``: the gate's mask for the text, when the caller has it
        already."""
        allowed, combined, gated_mask, loose = self.by_position[bool(in_head), bool(in_tail)]
        found: tuple[int, regex.Match] | None = None
        if combined is not None:
            match = combined(text) if timeout is None else combined(text, timeout=timeout)
            if match:
                # lastgroup is unreliable when group names repeat across branches
                found = next(i for i in self.branch_ids[allowed] if match.start(f"_r{i}") >= 0), match
        if possible is None:
            possible = self.gate.mask(text.casefold())
        wanted = possible & gated_mask
        if wanted:
            first = text[:1].casefold()[:1]
            wanted &= self.start_mask(first)
            if self.shortest_bound is not None and len(text) > self.shortest_bound:
                wanted &= ~self.excluded_by_length(len(text))
        if loose:
            length = len(text)
            candidates = [c for c in loose if c[1].max_chars is None or length <= c[1].max_chars]
            while wanted:
                bit = wanted & -wanted
                wanted ^= bit
                index = self.of_bit[bit][0]
                candidates.append((index, self.rules[index]))
            candidates.sort(key=lambda c: c[0])
            tries = [(index, self.matchers[index]) for index, _ in candidates]
        else:
            tries = []
            while wanted:  # the gated rules whose literals the text holds, lowest bit (first rule) first
                bit = wanted & -wanted
                wanted ^= bit
                tries.append(self.of_bit[bit])
        for index, matcher in tries:
            if found is not None and index > found[0]:
                break
            # without a timeout the call is several times cheaper (see Clock.regex_timeout)
            match = matcher(text) if timeout is None else matcher(text, timeout=timeout)
            if match:
                found = index, match
                break
        return (self.rules[found[0]], found[1]) if found else None
