"""A body with no residue in it must come out (almost) whole: cleaning the gold article bodies
of eval-dev (pure article text) is a probe for rules and detectors that take real prose."""

from __future__ import annotations

import collections
from pathlib import Path

import regex

import cleaner

EVAL_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval-dev"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TOKEN = regex.compile(r"\w+")


def tokens(text: str) -> collections.Counter:
    return collections.Counter(TOKEN.findall(text))


def gold_bodies() -> dict[str, str]:
    bodies = {p.name: p.read_text(encoding="utf-8") for p in sorted(EVAL_DEV.glob("region/*.gold.txt"))}
    assert bodies, f"no eval-dev gold bodies under {EVAL_DEV} (CI has ../shared beside the clone)"
    return bodies


def test_cleaning_the_gold_bodies_keeps_their_words():
    kept = total = 0
    worst = []
    for name, gold in gold_bodies().items():
        ref, out = tokens(gold), tokens(cleaner.clean_text(gold))
        shared = sum((ref & out).values())
        kept, total = kept + shared, total + sum(ref.values())
        worst.append((shared / max(1, sum(ref.values())), name))
    assert kept / total >= 0.985, f"cleaning pure article text kept only {kept / total:.4f}; worst: {sorted(worst)[:5]}"
    # three known: a blog of short exclamations and a theatre notice (head_run / tail_run of short
    # lines without prose), a list of console commands before the first sentence (head_run)
    assert sum(share < 0.9 for share, _ in worst) <= 4, sorted(worst)[:5]


def test_cleaning_the_seed_gold_bodies_changes_nothing():
    for path in sorted(SEEDS.glob("*.gold.txt")):
        gold = path.read_text(encoding="utf-8")
        lines = [line.strip() for line in gold.splitlines() if line.strip()]
        assert cleaner.clean_text(gold).splitlines() == lines, path.name
