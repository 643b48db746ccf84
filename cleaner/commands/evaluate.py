"""``cleaner eval DIR...``: the scorer's metrics on corpus folders, as a table (and the snippet
checks of the folders that have an ``expected.json``)."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from ..evaluation import format_snippet_misses, format_snippet_table, format_table, format_worst, score_corpus
from . import add_config_options, config_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``eval``."""
    p = subparsers.add_parser("eval", help="score the cleaner on folders of ID.raw.txt/ID.gold.txt cases")
    p.add_argument("folders", metavar="DIR", nargs="+", type=Path)
    p.add_argument("--worst", type=int, default=0, metavar="N",
                   help="also list the N cases with the lowest content kept and what removed their text, "
                        "and the snippet checks that failed")
    p.add_argument("--json", action="store_true", help="print every case's scores as JSON lines")
    add_config_options(p)
    p.set_defaults(func=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    """Print the table (and the worst cases); exit 1 if a case failed to clean."""
    config = config_from_args(args)
    scores = [score_corpus(folder, config) for folder in args.folders]
    if args.json:
        for score in scores:
            for case in score.cases:
                print(json.dumps({"corpus": score.folder, **asdict(case)}, ensure_ascii=False))
        return 0
    print(format_table(scores))
    snippet_table = format_snippet_table(scores)
    if snippet_table:
        print()
        print(snippet_table)
    for score in scores:
        if args.worst:
            print()
            print(format_worst(score, args.worst))
            misses = format_snippet_misses(score)
            if misses:
                print(misses)
    return 1 if any(c.error for s in scores for c in s.cases) else 0
