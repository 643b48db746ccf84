"""``cleaner rules list|check|new|test``: see the rules, validate them, start one, try it on a corpus."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..rule_authoring import (
    CorpusReport,
    FalseRemoval,
    corpus_report,
    known_kinds,
    load_corpus,
    load_rule_path,
    placeholder_problems,
    write_skeleton,
)
from ..rules import check_examples, load_folder, load_rules

RED, GREEN, BOLD, RESET = "\x1b[1;31m", "\x1b[32m", "\x1b[1m", "\x1b[0m"
SHOWN_FALSE_REMOVALS = 10


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
    p = sub.add_parser("new", help="write a rule file skeleton DIR/KIND/ID.yaml to fill in")
    p.add_argument("kind", metavar="KIND", help="what the rule removes: ui, advertisement, metadata, ...")
    p.add_argument("id", metavar="ID", help="the rule's id: lowercase letters, digits, - and _")
    p.add_argument("--dir", metavar="DIR", type=Path, default=Path("rules"),
                   help="the rules folder (default: rules)")
    p.set_defaults(func=run_new)
    p = sub.add_parser("test", help="validate rules, run their examples and, with --corpus, "
                                    "report what they remove and the F1 change")
    p.add_argument("path", metavar="FILE_OR_DIR", type=Path, help="a rule file or a folder of rules")
    p.add_argument("--corpus", metavar="DIR", type=Path,
                   help="cases ID.raw.txt + ID.gold.txt (in DIR or its sub-folders)")
    colour = p.add_mutually_exclusive_group()
    colour.add_argument("--color", dest="color", action="store_true", default=None,
                        help="colour the verdicts (default: when writing to a terminal)")
    colour.add_argument("--no-color", dest="color", action="store_false")
    p.set_defaults(func=run_test)


def run_list(args: argparse.Namespace) -> int:
    """Print one line per loaded rule."""
    for rule in sorted(load_rules(tuple(args.rules)), key=lambda r: (r.kind, r.id)):
        print(f"{rule.id:32} {rule.kind:14} {rule.scope:5} {rule.where:12} {rule.description[:66]}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Validate every rule in the folder and run its examples; 1 if any problem."""
    rules = load_folder(args.dir)  # raises RuleError naming the file and field
    problems = check_examples(rules)
    for problem in problems:
        print(problem)
    print(f"{len(rules)} rules, {len(problems)} problems")
    return 1 if problems else 0


def run_new(args: argparse.Namespace) -> int:
    """Write the skeleton of a new rule and say what to do next."""
    path = write_skeleton(args.dir, args.kind, args.id)  # RuleError: bad name, or the file exists
    print(f"wrote {path}")
    if args.kind not in known_kinds():
        print(f"note: {args.kind!r} is a new kind (known: {', '.join(sorted(known_kinds()))})")
    print(f"next: fill in the TODOs, then run  cleaner rules test {path} --corpus DIR")
    return 0


def run_test(args: argparse.Namespace) -> int:
    """Validate the rules, run their examples, and report their effect on a corpus; 1 if any
    example fails, a placeholder is left or a rule removes gold article text."""
    use_colour = args.color if args.color is not None else (
        sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    paint = _painter(use_colour)
    rules = load_rule_path(args.path)  # RuleError naming the file and field
    cases = load_corpus(args.corpus) if args.corpus else None  # check the corpus before the work
    problems = placeholder_problems(rules) + check_examples(rules)
    for problem in problems:
        print(paint(RED, problem))
    examples = sum(len(r.match_examples) + len(r.no_match_examples) for r in rules)
    print(f"{len(rules)} rules valid, {examples} examples, {len(problems)} problems")
    if cases is None:
        return 1 if problems else 0
    report = corpus_report(rules, cases)
    print(render_report(report, args.corpus, paint))
    return 1 if problems or report.flagged else 0


def _painter(enabled: bool):
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if enabled else text
    return paint


def render_report(report: CorpusReport, corpus: Path, paint) -> str:
    """The corpus report as lines of text: per rule its removals, false removals (with the
    input around each) and F1 change; then the whole cleaner's F1 with and without the rules."""
    lines = [f"corpus {corpus}: {report.cases} cases"]
    width = max(len(r.rule.id) for r in report.rules)
    for result in report.rules:
        false = len(result.false_removals)
        verdict = (paint(RED, f"FLAGGED: {false} contain gold article text") if false
                   else paint(GREEN, "0 contain gold article text"))
        lines.append(f"  {result.rule.id:{width}}  removes {result.blocks} blocks in {result.cases} cases, "
                     f"{verdict}; F1 {result.f1_without:.4f} -> {result.f1_with:.4f} ({result.f1_change:+.4f})")
        for removal in result.false_removals[:SHOWN_FALSE_REMOVALS]:
            lines.append("    " + _shown(removal, paint))
        if false > SHOWN_FALSE_REMOVALS:
            lines.append(f"    ... and {false - SHOWN_FALSE_REMOVALS} more")
    for failure in report.failures:
        lines.append(f"  cleaner failed on {failure} (scored as empty)")
    lines.append(f"whole cleaner: F1 {report.f1_without:.4f} without, {report.f1_with:.4f} with "
                 f"({report.f1_change:+.4f})")
    if report.flagged:
        ids = ", ".join(r.rule.id for r in report.flagged)
        lines.append(paint(RED, f"{ids}: removes article text on the corpus; narrow the pattern "
                                "(add the sentences shown as no_match examples)"))
    return "\n".join(lines)


def _shown(removal: FalseRemoval, paint) -> str:
    text = " ".join(removal.text.split())
    if len(text) > 160:
        text = text[:157] + "..."
    return f"{removal.case}: ...{removal.before} {paint(BOLD + RED, '[-' + text + '-]')} {removal.after}..."
