"""The literal prefilter: which strings every match of a pattern contains, and the gate that
tries a rule only on blocks holding one of them (it must never skip a block the rule matches)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

import cleaner
from cleaner.literals import ANY_DIGIT, Gate, first_characters, meets, required_literals, starts_well
from cleaner.segment import segment

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?i)(?:share|teilen)\s+this", {"share", "teilen"}),       # every alternative needs a word
    (r"(?i)read more\b.*", {"read more"}),
    (r"(?:©|\(c\))\s*\w+", {"©", "(c)"}),                         # a rare sign is enough
    (r"\d{1,2}:\d{2}", {ANY_DIGIT}),                              # any digit, Unicode ones too
    (r"(?P<author>\p{Lu}\p{Ll}+) (?:reports|writes)", {" reports", " writes"}),
    (r"(?i)WEITERLESEN|Straße", {"weiterlesen", "strasse"}),      # case-folded
    (r"C:\\path\\p{x}", {"c:\\path\\p{x}"}),                       # an escaped backslash, then "p{x}"
    (r"(?:photo|foto)s?: \S+|Getty Images", {"photo", "foto", "getty images"}),
])
def test_required_literals_of_a_pattern(pattern, expected):
    assert required_literals(pattern) == frozenset(expected)


@pytest.mark.parametrize("pattern", [
    r"\p{Lu}\w+",            # no literal at all
    r"(?:share|\w+)",        # one alternative needs nothing
    r"(?:share)?\s*\w+",     # optional
    r"a.b",                  # single letters are no gate
    r"(?V1)[[a-z]--[aeiou]]+",  # regex-module syntax the stdlib parser lacks
])
def test_patterns_without_a_requirement_are_tried_on_every_block(pattern):
    assert required_literals(pattern) is None
    assert meets(None, "anything")


def test_the_gate_names_the_rules_a_text_can_match():
    gate = Gate([frozenset({"share"}), None, frozenset({ANY_DIGIT}), frozenset({"©", "(c)"})])
    assert gate.possible("please share this") == {0, 1}
    assert gate.possible("at ٣ pm") == {1, 2}           # an Arabic-Indic digit is a digit
    assert gate.possible("(c) 2019 reuters") == {1, 2, 3}
    assert gate.possible("nothing here") == {1}
    assert Gate([None]).possible("x") == {0}


def _blocks() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.raw.txt"))]
    with (ROOT / "tests" / "data" / "appended_set.jsonl").open(encoding="utf-8") as lines:
        texts += [json.loads(line)["raw"] for line in lines][:120]
    return [b.text for text in texts for b in segment(text)]


def _variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.title(), f"Intro. {text} Outro"]


def test_no_rule_is_gated_out_of_a_block_it_matches():
    """Over real blocks and every rule example (in several cases): whenever a rule's pattern
    matches (with its scope's semantics), its gate lets the block through."""
    engine = cleaner.engine.cleaner_for(None)
    blocks = _blocks()
    checked = 0
    for rule in engine.rules:
        texts = blocks + [v for example in rule.match_examples + rule.no_match_examples for v in _variants(example)]
        method = {"line": rule.pattern.fullmatch, "cut": rule.pattern.match, "span": rule.pattern.search}[rule.scope]
        for text in texts:
            if method(text):
                checked += 1
                assert rule.may_match(text.casefold()), (rule.id, text)
                assert starts_well(rule.starts, text[:1].casefold()[:1]), (rule.id, text)
    assert checked > 300


def test_gated_and_ungated_matching_agree_on_real_blocks():
    """The combined matcher finds the same rule with and without the prefilter."""
    from cleaner.matcher import CombinedRules

    engine = cleaner.engine.cleaner_for(None)
    line_rules = [r for r in engine.rules if r.scope == "line"]
    gated = CombinedRules(line_rules, "fullmatch")
    ungated = CombinedRules([_without_gate(r) for r in line_rules], "fullmatch")
    assert gated.gated[frozenset({"anywhere", "head_or_body"})], "no rule has a gate: nothing is tested"
    found = 0
    for text in _blocks():
        for head, tail in ((False, False), (True, True)):
            a, b = gated.find(text, head, tail, 5.0), ungated.find(text, head, tail, 5.0)
            assert (a and (a[0].id, a[1].span())) == (b and (b[0].id, b[1].span())), text
            found += a is not None
    assert found > 50


def _without_gate(rule):
    import dataclasses

    return dataclasses.replace(rule, gate=None, requires=(), starts=None)


def test_a_gated_rule_is_not_tried_on_a_block_without_its_words(monkeypatch):
    engine = cleaner.engine.cleaner_for(None)
    rule = next(r for r in engine.rules if r.id == "read-more-line")
    assert rule.gate and not rule.may_match("the minister said more was to come.")
    assert rule.may_match("read more")
    assert regex.fullmatch(rule.pattern, "Read more")


def test_a_start_factored_out_of_alternatives_stays_part_of_the_literals():
    # the stdlib parser turns "via|vía" into v(?:ia|ía); "v" alone would be no gate
    assert required_literals(r"\s(?i:via|vía)\s+\w+") == {"via", "vía"}


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?i)(?:by|von)\s+\w+", {"b", "v"}),
    (r"\d{1,2}:\d{2}", {ANY_DIGIT}),
    (r"[(\[]?(?:Photo|Foto):", {"(", "[", "p", "f"}),     # an optional first item adds its characters
    (r"^(?=\w)Share", {"s"}),                             # anchors and lookarounds are zero-width
    (r"\W*share", None),                                  # anything can come first
    (r"(?:x)?", None),                                     # can be empty
])
def test_first_characters_of_a_pattern(pattern, expected):
    assert first_characters(pattern) == (None if expected is None else frozenset(expected))


def test_a_line_rule_is_not_tried_on_a_block_that_cannot_start_its_match():
    assert starts_well(frozenset({"b", "v"}), "b") and not starts_well(frozenset({"b", "v"}), "t")
    assert starts_well(frozenset({ANY_DIGIT}), "٣") and starts_well(None, "x")
    engine = cleaner.engine.cleaner_for(None)
    rule = next(r for r in engine.rules if r.id == "byline-by")
    assert rule.starts and "b" in rule.starts
    assert rule.matches("By Jane Doe") and not rule.matches("Edited by Jane Doe")
