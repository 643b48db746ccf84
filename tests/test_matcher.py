"""One combined pattern per region finds the same rule as trying the rules one by one."""

from __future__ import annotations

import pytest

from cleaner.matcher import CombinedRules
from cleaner.rules import builtin_rules_dir, load_folder

RULES = load_folder(builtin_rules_dir())


def first_rule_one_by_one(rules, text, in_head, in_tail):
    allowed = ({"anywhere"} | ({"head"} if in_head else set()) | ({"tail"} if in_tail else set())
               | (set() if in_tail else {"head_or_body"}))
    for rule in rules:
        if rule.where in allowed and rule.find(text):
            return rule.id
    return None


@pytest.mark.parametrize("scope, method", [("line", "fullmatch"), ("cut", "match")])
@pytest.mark.parametrize("in_head, in_tail", [(False, False), (True, False), (False, True), (True, True)])
def test_combined_matches_like_one_by_one(scope, method, in_head, in_tail):
    rules = [r for r in RULES if r.scope == scope]
    combined = CombinedRules(rules, method)
    texts = [t for r in rules for t in (*r.match_examples, *r.no_match_examples)]
    assert texts
    for text in texts:
        found = combined.find(text, in_head, in_tail, timeout=1.0)
        assert (found[0].id if found else None) == first_rule_one_by_one(rules, text, in_head, in_tail), text


def test_metadata_groups_come_from_the_matching_branch():
    rules = [r for r in RULES if r.scope == "line"]
    rule, match = CombinedRules(rules, "fullmatch").find("Updated 04/26/2025, 09:45 AM", True, False, 1.0)
    assert rule.id == "updated-line"
    assert match.groupdict()["updated"] == "04/26/2025, 09:45 AM"
