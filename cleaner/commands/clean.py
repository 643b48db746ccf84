"""``cleaner clean`` and ``cleaner explain``: one article from a file or stdin."""

from __future__ import annotations

import argparse
import json
import os
import sys

from .. import clean
from ..explain import render_explanation
from . import add_config_options, config_from_args, read_input


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``clean`` and ``explain``."""
    p = subparsers.add_parser("clean", help="print the article body of FILE (or - for stdin)")
    p.add_argument("file", metavar="FILE", help="raw article text or HTML; - reads stdin")
    p.add_argument("--title", action="store_true", help="print the headline first")
    p.add_argument("--json", action="store_true", help="print the whole result with removals as JSON")
    add_config_options(p)
    p.set_defaults(func=run_clean)

    p = subparsers.add_parser("explain", help="show FILE with every removal marked and its rule")
    p.add_argument("file", metavar="FILE", help="raw article text or HTML; - reads stdin")
    colour = p.add_mutually_exclusive_group()
    colour.add_argument("--color", dest="color", action="store_true", default=None,
                        help="colour the marks (default: when writing to a terminal)")
    colour.add_argument("--no-color", dest="color", action="store_false")
    add_config_options(p)
    p.set_defaults(func=run_explain)


def run_clean(args: argparse.Namespace) -> int:
    """Print the body (with ``--title`` the headline first; with ``--json`` everything)."""
    result = clean(read_input(args.file), config=config_from_args(args))
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return 0
    if args.title and result.title:
        print(result.title)
        print()
    print(result.text)
    return 0


def run_explain(args: argparse.Namespace) -> int:
    """Print the input with each removed span marked by kind and rule."""
    result = clean(read_input(args.file), config=config_from_args(args))
    use_colour = args.color if args.color is not None else (
        sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    sys.stdout.write(render_explanation(result, colour=use_colour))
    return 0
