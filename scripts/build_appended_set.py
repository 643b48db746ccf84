#!/usr/bin/env python3
"""Build a joined-articles test set from a corpus in eval-dev's layout.

    python scripts/build_appended_set.py ../shared/eval-dev OUT.jsonl --pairs 300
    python scripts/build_appended_set.py ../shared/eval-dev OUT.jsonl --nearest    # same-subject stories

Each joined case is an article of the ``region`` variant followed by an appended story of the
same language from another article: the headline and text that the ``appended`` variant adds
after its region text; with ``--nearest``, the story nearest in terms to each article (another
story on the same subject, not the article itself printed elsewhere). Its gold is the first
article's. Every article also gives a single case. See ``cleaner.appended_eval``; ``--report`` prints the detector's figures on the set.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.appended_eval import join_cases, join_nearest, measure


def read_articles(corpus: Path, variant: str, limit: int | None) -> list[tuple[str, str, str, str]]:
    """(id, language, raw, gold) of the cases of one variant, in manifest order."""
    articles = []
    with open(corpus / "manifest.jsonl", encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if entry["variant"] != variant:
                continue
            folder = corpus / variant
            raw = (folder / f"{entry['id']}.raw.txt").read_text(encoding="utf-8")
            gold = (folder / f"{entry['id']}.gold.txt").read_text(encoding="utf-8")
            articles.append((entry["id"], entry["lang"], raw, gold))
    return articles[:limit] if limit else articles


def read_stories(corpus: Path) -> list[tuple[str, str, str]]:
    """(id, language, text) of the stories the ``appended`` variant appends: its raw text
    after the region text it starts with."""
    stories = []
    with open(corpus / "manifest.jsonl", encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if entry["variant"] != "appended":
                continue
            raw = (corpus / "appended" / f"{entry['id']}.raw.txt").read_text(encoding="utf-8")
            region = (corpus / "region" / f"{entry['id']}.raw.txt").read_text(encoding="utf-8")
            if raw.startswith(region) and raw[len(region):].strip():
                stories.append((entry["id"], entry["lang"], raw[len(region):]))
    return stories


def main() -> int:
    """Write the set (and print the report with ``--report``)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder with manifest.jsonl and region/")
    parser.add_argument("out", type=Path, help="JSONL file to write")
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--articles", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--nearest", action="store_true",
                        help="join each article to the story nearest in terms (same subject) instead of at random")
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    articles, stories = read_articles(args.corpus, "region", args.articles), read_stories(args.corpus)
    if args.nearest:
        cases = join_nearest(articles, stories) + join_cases(articles, stories, 0)
    else:
        cases = join_cases(articles, stories, args.pairs, args.seed)
    args.out.write_text("".join(case.as_json() + "\n" for case in cases), encoding="utf-8")
    print(f"wrote {len(cases)} cases to {args.out}")
    if args.report:
        report = measure(cases)
        print(report.summary())
        for case_id in report.wrongly_cut_ids:
            print(f"  wrongly cut: {case_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
