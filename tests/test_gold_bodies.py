"""A body with no residue in it must come out (almost) whole: cleaning the gold article bodies
of eval-dev (pure article text) is a probe for rules and detectors that take real prose."""

from __future__ import annotations

import collections
import itertools
import random
from pathlib import Path

import regex

import cleaner
from cleaner.engine import Cleaner
from cleaner.glued_eval import glue
from cleaner.sentences import sentence_cuts

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


def test_cleaning_the_gold_bodies_glued_keeps_their_words():
    """The same bodies with their lines run together as scrapers glue them (several paragraphs
    on one line): a sentence of the article glued before a copyright notice, or the questions of
    an interview glued after a sentence, must not take the article text with them."""
    kept = total = 0
    for seed in (1, 2, 3):
        for name, gold in gold_bodies().items():
            ref = tokens(gold)
            out = tokens(cleaner.clean_text(glue(gold, random.Random(f"{seed}:{name}"))))
            kept, total = kept + sum((ref & out).values()), total + sum(ref.values())
    assert kept / total >= 0.993, f"cleaning glued article text kept only {kept / total:.4f}"


def test_cleaning_the_seed_gold_bodies_changes_nothing():
    for path in sorted(SEEDS.glob("*.gold.txt")):
        gold = path.read_text(encoding="utf-8")
        lines = [line.strip() for line in gold.splitlines() if line.strip()]
        assert cleaner.clean_text(gold).splitlines() == lines, path.name


# residue that the benchmark's golds keep, and the rules that rightly match it there
GOLD_KEEPS = {
    "copyright-line": "Hawaii News Now's 'Copyright 2019 ... All rights reserved.'",
    "reporter-line-ko": "a Korean columnist's name and e-mail under the article",
    "reprint-ban-line-cjk": "Entermedia's reprint ban, '저작권자 ⓒ ... 무단전재 및 재배포금지'",
    "photo-credit-line": "a Korean '[사진=JTBC]' credit",
    "author-links-line": "WIRED's 'Email the writer at ...'",
    "author-contact-line": "the same, with the tip line",
    "advertisement-marker": "'Story continues below gallery'",
    "time-only-line": "a timeline's '4:14 p.m.' (only in the head)",
    "byline-name-outlet": "a subheading in title case (only in the head)",
}


def gold_units() -> list[str]:
    """Each line of the gold bodies, and each sentence of a line of several."""
    units = []
    for gold in list(gold_bodies().values()) + [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.gold.txt")]:
        for line in (line.strip() for line in gold.splitlines()):
            cuts = [0, *sentence_cuts(line), len(line)]
            units.append(line)
            if len(cuts) > 2:
                units.extend(line[a:b].strip() for a, b in itertools.pairwise(cuts))
    return [u for u in units if u]


def test_no_line_rule_takes_a_sentence_of_real_prose():
    """A sentence of an article alone on its line (a one-sentence paragraph) must not match a line
    rule whole: "spreading to the West via ships." is no photo credit, "He was a beloved peer to
    writers ..." no author's bio."""
    engine = Cleaner()
    wrong = []
    for unit in gold_units():
        for head, tail in ((False, False), (False, True), (True, False)):
            found = engine.line_rules.find(unit, head, tail, None)
            if found and found[0].id not in GOLD_KEEPS:
                wrong.append((found[0].id, unit[:120]))
                break
    assert not wrong, wrong
