"""The five seed articles come out exactly as their gold bodies."""

from __future__ import annotations

import pytest
from conftest import normalise, read_seed, seed_ids

import cleaner

SEEDS = seed_ids()


def test_there_are_five_seeds():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("seed_id", SEEDS)
def test_body_equals_gold(seed_id):
    assert normalise(cleaner.clean_text(read_seed(seed_id, "raw"))) == normalise(read_seed(seed_id, "gold"))


@pytest.mark.parametrize("seed_id", SEEDS)
def test_snippets(seed_id, expected):
    body = cleaner.clean_text(read_seed(seed_id, "raw"))
    for snippet in expected[seed_id]["must_remove"]:
        assert snippet not in body, snippet
    for snippet in expected[seed_id]["must_keep"]:
        assert snippet in body, snippet


@pytest.mark.parametrize("seed_id", SEEDS)
def test_title_and_metadata(seed_id, expected):
    result = cleaner.clean(read_seed(seed_id, "raw"))
    assert result.title == expected[seed_id]["title"]
    assert result.metadata == expected[seed_id]["metadata"]


@pytest.mark.parametrize("seed_id", SEEDS)
def test_removed_kinds(seed_id, expected):
    kinds = {r.kind for r in cleaner.clean(read_seed(seed_id, "raw")).removed}
    assert set(expected[seed_id]["removed_kinds"]) <= kinds


@pytest.mark.parametrize("seed_id", SEEDS)
def test_gold_is_stable(seed_id):
    """A clean article loses nothing when cleaned again."""
    gold = normalise(read_seed(seed_id, "gold"))
    assert normalise(cleaner.clean_text(gold)) == gold


@pytest.mark.parametrize("seed_id", SEEDS)
def test_removals_point_into_the_input(seed_id):
    raw = read_seed(seed_id, "raw")
    result = cleaner.clean(raw)
    assert result.removed
    for removal in result.removed:
        assert raw[removal.start:removal.end] == removal.text
        assert removal.kind and removal.rule


def test_appended_story_is_cut_with_its_reason():
    result = cleaner.clean(read_seed("004_2da098b2e0761f02", "raw"))
    cut = [r for r in result.removed if r.kind == "appended_story" and r.reason != "after_cut"]
    assert len(cut) == 1
    assert cut[0].text.startswith("Afghans Both Hopeful")
