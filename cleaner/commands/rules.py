"""``cleaner rules list`` and ``cleaner rules check DIR``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..rules import check_examples, load_folder, load_rules


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``rules`` with its own subcommands."""
    rules = subparsers.add_parser("rules", help="list or check rules")
    sub = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    p = sub.add_parser("list", help="list the loaded rules (id, kind, scope, where, description)")
    p.add_argument("--rules", metavar="DIR", action="append", default=[], type=Path,
                   help="also load this rules folder")
    p.set_defaults(func=run_list)
    p = sub.add_parser("check", help="validate the rule files in DIR and run their examples")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.set_defaults(func=run_check)


def run_list(args: argparse.Namespace) -> int:
    """Print one line per loaded rule."""
    for rule in sorted(load_rules(tuple(args.rules)), key=lambda r: (r.kind, r.id)):
        print(f"{rule.id:32} {rule.kind:14} {rule.scope:5} {rule.where:8} {rule.description[:70]}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Validate every rule in the folder and run its examples; 1 if any problem."""
    rules = load_folder(args.dir)  # raises RuleError naming the file and field
    problems = check_examples(rules)
    for problem in problems:
        print(problem)
    print(f"{len(rules)} rules, {len(problems)} problems")
    return 1 if problems else 0
