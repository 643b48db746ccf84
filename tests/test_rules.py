"""Every rule's examples, and the loader's checks on rule files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import cleaner
from cleaner.errors import RuleError
from cleaner.rules import Rule, builtin_rules_dir, check_examples, load_folder, load_rules, parse_rule

RULES = load_folder(builtin_rules_dir())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_matches_its_match_examples(rule):
    for text in rule.match_examples:
        assert rule.matches(text), f"{rule.id} should match {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_does_not_match_its_no_match_examples(rule):
    for text in rule.no_match_examples:
        assert not rule.matches(text), f"{rule.id} should not match {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_file_sits_in_its_kind_folder(rule):
    assert Path(rule.path).parent.name == rule.kind
    assert Path(rule.path).stem == rule.id


def test_rule_ids_are_unique():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


def test_rule_examples_come_from_more_than_one_wording():
    for rule in RULES:
        assert len(set(rule.match_examples)) >= 2 and len(set(rule.no_match_examples)) >= 2



def test_the_intl_stamp_rules_share_one_body():
    # stamp-after-headline-span-intl is stamp-glued-span-intl searched after a headline (a rule of
    # its own for its gate): the two patterns differ only in where they start, so that a fix to one
    # reaches the other
    by_id = {r.id: r.pattern.pattern for r in RULES}
    at_start, after_headline = by_id["stamp-glued-span-intl"], by_id["stamp-after-headline-span-intl"]
    assert at_start.startswith("^") and after_headline.startswith("(?<=\\p{L}\\s)")
    assert at_start.removeprefix("^") == after_headline.removeprefix("(?<=\\p{L}\\s)")

def test_no_line_rule_takes_a_cut_rules_marker_where_both_act():
    # Line rules run before cut rules: a line rule that removes a cut rule's marker (in a region
    # where both may act) leaves the section under the marker behind ("Loading comments..."
    # opens the comments; loading-indicator-line must leave it to comments-marker).
    regions = {"anywhere": {"head", "body", "tail"}, "head": {"head"}, "tail": {"tail"},
               "head_or_body": {"head", "body"}}
    cuts = [r for r in RULES if r.scope == "cut"]
    clashes = [(line.id, text, cut.id) for line in RULES if line.scope == "line"
               for cut in cuts if regions[line.where] & regions[cut.where]
               for text in (*line.match_examples, *cut.match_examples)
               if line.matches(text) and cut.matches(text)]
    assert clashes == []


GOOD = {
    "id": "demo-rule", "kind": "ui", "scope": "line", "pattern": "Demo( Button)?",
    "description": "A demo.", "examples": {"match": ["Demo", "Demo Button"],
                                           "no_match": ["A demo of it", "Demos"]},
}


@pytest.mark.parametrize("change, field", [
    ({"colour": "red"}, "colour"),
    ({"id": None}, "id"),
    ({"scope": "page"}, "scope"),
    ({"where": "middle"}, "where"),
    ({"pattern": "(unclosed"}, "pattern"),
    ({"pattern": "(?P<weather>x)"}, "pattern"),
    ({"examples": {"match": ["Demo"], "no_match": ["x", "y"]}}, "examples.match"),
    ({"examples": {"match": ["Demo", "Demo Button"]}}, "examples.no_match"),
    ({"id": "Bad Id"}, "id"),
    ({"max_chars": 0}, "max_chars"),
    ({"max_chars": "80"}, "max_chars"),
    ({"max_chars": True}, "max_chars"),
    ({"scope": "span", "max_chars": 80}, "max_chars"),
    ({"inline": "yes"}, "inline"),
    ({"inline": True}, "inline"),  # a line rule has no inside to cut from
])
def test_loader_names_file_and_field(change, field):
    data = {**GOOD, **change}
    data = {k: v for k, v in data.items() if v is not None}
    with pytest.raises(RuleError) as error:
        parse_rule(data, Path("rules/ui/demo-rule.yaml"))
    assert "rules/ui/demo-rule.yaml" in str(error.value)
    assert f"'{field}'" in str(error.value)


def write_rule(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


DEMO_RULE = """\
    id: {id}
    kind: ui
    scope: line
    pattern: '{pattern}'
    description: test rule
    examples:
      match: ["{m1}", "{m2}"]
      no_match: ["Something else entirely", "Another sentence."]
"""


def test_duplicate_ids_in_one_folder_are_refused(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        write_rule(tmp_path, name, DEMO_RULE.format(id="same", pattern="Hello( there)?",
                                                    m1="Hello", m2="Hello there"))
    with pytest.raises(RuleError, match="duplicate id 'same'"):
        load_folder(tmp_path)


def test_toml_rules_load(tmp_path):
    write_rule(tmp_path, "x.toml", """\
        id = "toml-rule"
        kind = "ui"
        scope = "line"
        pattern = "Zap+"
        description = "t"
        [examples]
        match = ["Zap", "Zapp"]
        no_match = ["Zip", "Zop"]
    """)
    assert [r.id for r in load_folder(tmp_path)] == ["toml-rule"]


def test_invalid_yaml_names_the_file(tmp_path):
    path = write_rule(tmp_path, "broken.yaml", "id: [unclosed\n")
    with pytest.raises(RuleError, match=r"broken\.yaml"):
        load_folder(path.parent)


ARTICLE = ("Promo Banner Here\n"
           "The council approved the budget on Monday after a long debate about schools and roads.\n"
           "Members said the plan would be reviewed next spring when new figures are available.\n")


def test_extra_rules_folder_adds_a_rule(tmp_path):
    write_rule(tmp_path, "ui/promo.yaml", DEMO_RULE.format(
        id="promo-banner", pattern="Promo Banner( Here)?", m1="Promo Banner", m2="Promo Banner Here"))
    plain = cleaner.clean(ARTICLE)
    assert "Promo Banner Here" == plain.title  # without the rule it looks like a headline
    result = cleaner.clean(ARTICLE, config=cleaner.Config(rules_dirs=(tmp_path,)))
    assert result.title is None
    assert [r.rule for r in result.removed] == ["promo-banner"]


def test_extra_rules_folder_overrides_a_builtin_by_id(tmp_path):
    first, second = ARTICLE.splitlines()[1:3]
    text = f"{first}\nAdvertisement\n{second}\n"
    assert any(r.rule == "advertisement-marker" for r in cleaner.clean(text).removed)
    write_rule(tmp_path, "advertisement/advertisement-marker.yaml", DEMO_RULE.format(
        id="advertisement-marker", pattern="Werbeblock|Anzeigeblock", m1="Werbeblock", m2="Anzeigeblock"))
    rules = {r.id: r for r in load_rules((tmp_path,))}
    assert rules["advertisement-marker"].path.startswith(str(tmp_path))
    result = cleaner.clean(text, config=cleaner.Config(rules_dirs=(tmp_path,)))
    assert not any(r.rule == "advertisement-marker" for r in result.removed)
    assert "Advertisement" in result.text.splitlines()


def test_rules_and_kinds_can_be_disabled():
    first, second = ARTICLE.splitlines()[1:3]
    text = f"{first}\nAdvertisement\n{second}\n"
    by_id = cleaner.clean(text, config=cleaner.Config(disabled_rules={"advertisement-marker"}))
    by_kind = cleaner.clean(text, config=cleaner.Config(disabled_kinds={"advertisement"}))
    for result in (by_id, by_kind):
        assert "Advertisement" in result.text.splitlines()


def test_requires_gates_a_rule_on_its_words():
    rule = parse_rule({**GOOD, "pattern": "(?i).{0,40}demo.{0,40}", "requires": ["Demo"],
                       "examples": {"match": ["a demo here", "Demo"], "no_match": ["nothing", "other"]}},
                      Path("rules/ui/demo-rule.yaml"))
    assert rule.requires == ("demo",)
    assert rule.matches("This is a DEMO of it")
    assert not rule.may_match("no such word")


def test_max_chars_bounds_the_blocks_a_rule_is_tried_on():
    rule = parse_rule({**GOOD, "pattern": "(?i)demo(?: button)?.*", "max_chars": 20,
                       "examples": {"match": ["Demo", "Demo Button here"], "no_match": ["nothing", "other"]}},
                      Path("rules/ui/demo-rule.yaml"))
    assert rule.max_chars == 20
    assert rule.matches("Demo button, twenty")  # 19 characters
    assert rule.matches("Demo button, twenty!")  # 20: the bound itself
    assert not rule.matches("Demo button, twenty!!")  # 21, though the pattern matches it
    assert rule.pattern.fullmatch("Demo button, twenty!!")
    # an example longer than the bound fails the examples check, as the engine would miss it
    too_tight = parse_rule({**GOOD, "max_chars": 5}, Path("rules/ui/demo-rule.yaml"))
    assert check_examples([too_tight]) == [
        "rules/ui/demo-rule.yaml: rule 'demo-rule' does not match its example 'Demo Button'"]


def test_the_engine_skips_a_bounded_rule_on_longer_blocks_only():
    from cleaner.matcher import CombinedRules

    def rule(rule_id: str, max_chars: int | None) -> Rule:
        data = {**GOOD, "id": rule_id, "pattern": "(?i)(?:demo|show) .*"}
        data["examples"] = {"match": ["Demo it", "Show it"], "no_match": ["nothing", "other"]}
        if max_chars:
            data["max_chars"] = max_chars
        return parse_rule(data, Path(f"rules/ui/{rule_id}.yaml"))

    rules = [rule("short-one", 10), rule("longer-one", 30), rule("any-length", None)]
    combined = CombinedRules(rules, "fullmatch")
    for text, expected in [("Demo it", "short-one"), ("Demo it and more", "longer-one"),
                           ("Demo it and more and more and more", "any-length"), ("Demo 12345", "short-one"),
                           ("Demo 123456", "longer-one")]:
        assert combined.find(text, False, False, 1.0)[0].id == expected, text


def test_requires_must_be_a_list_of_words():
    with pytest.raises(RuleError, match="'requires'"):
        parse_rule({**GOOD, "requires": "demo"}, Path("rules/ui/demo-rule.yaml"))


def test_a_user_rule_in_posix_or_fuzzy_syntax_is_tried_on_every_block(tmp_path):
    # the stdlib parser would read "[[:digit:]]" and "{e<=1}" as literal characters: no gate
    write_rule(tmp_path, "ui/posix.yaml", DEMO_RULE.format(
        id="posix-count", pattern="[[:digit:]]+ shares", m1="12 shares", m2="3 shares"))
    write_rule(tmp_path, "ui/fuzzy.yaml", DEMO_RULE.format(
        id="fuzzy-share", pattern="(?:share this){e<=1}", m1="share this", m2="shore this"))
    rules = {r.id: r for r in load_folder(tmp_path)}
    assert rules["fuzzy-share"].gate is None
    assert rules["posix-count"].gate is None
    assert all(r.matches(example) for r in rules.values() for example in r.match_examples)


def test_a_gate_that_a_match_example_fails_is_dropped(tmp_path, monkeypatch):
    from cleaner import literals

    monkeypatch.setattr(literals, "required_literals", lambda pattern: frozenset({"zzz"}))
    monkeypatch.setattr(literals, "first_characters", lambda pattern: frozenset({"q"}))
    write_rule(tmp_path, "ui/promo.yaml", DEMO_RULE.format(
        id="promo-banner", pattern="Promo Banner( Here)?", m1="Promo Banner", m2="Promo Banner Here"))
    rule = load_folder(tmp_path)[0]
    assert rule.gate is None and rule.starts is None
    assert rule.matches("Promo Banner")
