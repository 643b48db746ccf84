"""The appended-story detector on a small joined-articles set built from eval-dev
(``scripts/build_appended_set.py``): articles followed by a story from another site, and the
same articles alone."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.appended_eval import load_cases, measure
from cleaner.detectors.appended_story import AppendedStoryDetector
from cleaner.rule_authoring import Case

SET = Path(__file__).parent / "data" / "appended_set.jsonl"


@pytest.fixture(scope="module")
def report():
    return measure(load_cases(SET))


def test_the_set_has_joined_and_single_articles():
    cases = load_cases(SET)
    assert sum(c.appended_start is not None for c in cases) >= 16
    assert sum(c.appended_start is None for c in cases) >= 16


def test_most_appended_stories_are_removed(report):
    assert report.removed_share >= 0.85, report.summary()


def test_no_single_article_is_cut_into(report):
    assert report.wrongly_cut == 0, report.summary()


def test_cuts_before_the_story_take_no_article_text():
    for case in load_cases(SET):
        if case.appended_start is None:
            continue
        article = Case(case.id, case.raw, case.gold)
        for removal in cleaner.clean(case.raw).removed:
            if removal.kind == "appended_story" and removal.start < case.appended_start:
                assert not article.holds_gold_text(removal.text), (case.id, removal.text)


@pytest.mark.parametrize("cohesion, own, signals, reason", [
    (0.05, 0.3, [], "low_cohesion"),
    (0.05, 0.1, [], None),
    (0.12, 0.3, ["repeated"], "headline_repeated"),
    (0.12, 0.3, ["residue", "residue"], "headline_with_residue"),
    (0.12, 0.3, ["dateline"], None),
    (0.05, 0.3, ["dateline"], "headline_with_dateline"),
    (0.2, 0.9, ["repeated"], None),
])
def test_verdicts(cohesion, own, signals, reason):
    assert AppendedStoryDetector().verdict(cohesion, own, signals) == reason


def test_interview_turns_are_not_headlines():
    detector = AppendedStoryDetector()
    assert not detector.is_candidate("Q: Where did you grow up?")
    assert not detector.is_candidate("I love that they trademarked it. No one will take it https://t.co/XPxUJuyIAC")
    assert detector.is_candidate("Afghans Both Hopeful, Disappointed after Russia's Taliban Recognition")
