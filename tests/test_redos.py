"""The catastrophic-backtracking check of rule patterns (cleaner/redos.py): every built-in rule
passes the thorough level; a user rule folder with a catastrophic pattern is refused at load,
by rule id, file and field."""

from __future__ import annotations

import pytest
import regex
import yaml

import cleaner
from cleaner import RuleError
from cleaner.redos import attacks, find_backtracking
from cleaner.rules import load_rules

# breadcrumb-line as first written: lazy bounded segments inside a bounded repetition, with
# "/" allowed both as separator and inside a segment; 69 s to fail on 500 characters.
CATASTROPHIC = (
    '(?:(?i:home|homepage|start|startseite|accueil|inicio|portada|home page|página inicial|início|главная'
    '|홈|首页|首頁|ホーム|トップ)\\s*(?:[>»›/|→]|::)\\s*[^\\s>»›|→][^>»›|→\\n]{0,60}?(?:\\s*(?:[>»›/|→]|::)\\s*[^\\s>»›|→]['
    '^>»›|→\\n]{0,60}?){0,7}|[^\\s>»›|«‹][^>»›|«‹.!?\\n]{0,50}?(?:\\s*[>»›]\\s*[^\\s>»›|«‹][^>»›|«‹.!?\\n]{0,60}'
    '?){2,7})\\s*[>»›]?'
)
# Built-in rules known to backtrack catastrophically, by id, with the reason (strict xfails).
# breadcrumb-line and article-tools-line were fixed; none is known now.
KNOWN_CATASTROPHIC: dict[str, str] = {}


def builtin_rules():
    return [pytest.param(rule, id=rule.id, marks=pytest.mark.xfail(strict=True, reason=f"core rule: {KNOWN_CATASTROPHIC[rule.id]}"))
            if rule.id in KNOWN_CATASTROPHIC else pytest.param(rule, id=rule.id) for rule in load_rules()]


@pytest.mark.parametrize("rule", builtin_rules())
def test_builtin_rule_has_no_catastrophic_backtracking(rule):
    assert find_backtracking(rule.pattern, rule.scope, rule.match_examples, "thorough") is None


def test_the_check_catches_a_catastrophic_pattern():
    problem = find_backtracking(regex.compile(CATASTROPHIC), "line", ["Home / Politics", "Accueil / Actualités"], "quick")
    assert problem is not None and "catastrophic backtracking" in problem and "Home / Politics" in problem


def test_the_check_passes_the_fixed_pattern():
    fixed = CATASTROPHIC.replace(r"[^\s>»›|→][^>»›|→\n]{0,60}?", r"[^\s>»›/|→][^>»›/|→\n]{0,60}?")
    assert fixed != CATASTROPHIC
    assert find_backtracking(regex.compile(fixed), "line", ["Home / Politics", "Accueil / Actualités"], "thorough") is None


def test_attacks_pump_the_examples_and_end_in_a_mismatch():
    found = list(attacks(r"(?:by\s+)?\w+", "line", ["By Jane Doe", "By Ann Lee"], "quick"))
    assert all(len(a.text) >= 290 for a in found)
    assert any(a.text.startswith("By Jane Doe By Jane Doe") for a in found)
    assert any(a.text.endswith("!") and "Jane Doe Jane Doe" in a.text for a in found)


def write_rule(folder, rule_id: str, pattern: str, match: list[str], scope: str = "line") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{rule_id}.yaml").write_text(yaml.safe_dump({
        "id": rule_id, "kind": "ui", "scope": scope, "pattern": pattern, "description": "test rule",
        "examples": {"match": match, "no_match": ["An ordinary sentence of the article.", "Another one."]}},
        allow_unicode=True))


def test_user_rule_with_catastrophic_pattern_is_refused_at_load(tmp_path):
    write_rule(tmp_path / "rules", "bad-breadcrumb", CATASTROPHIC, ["Home / Politics", "Accueil / Actualités"])
    with pytest.raises(RuleError) as caught:
        cleaner.clean("Some text.", config=cleaner.Config(rules_dirs=(tmp_path / "rules",)))
    message = str(caught.value)
    assert "bad-breadcrumb" in message and "bad-breadcrumb.yaml" in message and "field 'pattern'" in message
    assert caught.value.code == "invalid_rule"


def test_user_rule_with_a_safe_pattern_loads_and_works(tmp_path):
    write_rule(tmp_path / "rules", "safe-home", r"(?i)home\s*/\s*\w+(?:\s*/\s*\w+){0,5}", ["Home / Politics", "Home / a / b"])
    config = cleaner.Config(rules_dirs=(tmp_path / "rules",), use_builtin_rules=False)
    text = "Home / Politics\n" + "The council approved the new budget on Tuesday after a long debate about schools and roads."
    result = cleaner.clean(text, config=config)
    assert any(r.rule == "safe-home" for r in result.removed)
