"""Subcommands of the ``cleaner`` command line, one module each, and their shared options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import Config


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """The options every cleaning command takes: extra rules, disabled rules or kinds."""
    parser.add_argument("--rules", metavar="DIR", action="append", default=[], type=Path,
                        help="extra rules folder (adds rules, or replaces built-ins by id); repeatable")
    parser.add_argument("--disable", metavar="ID_OR_KIND", action="append", default=[],
                        help="disable a rule or detector by id, or a whole kind; repeatable")
    parser.add_argument("--time-budget", type=float, default=None, metavar="SECONDS",
                        help="time budget per document (default 2)")


def config_from_args(args: argparse.Namespace) -> Config:
    """The ``Config`` that the common options describe."""
    disabled = set(getattr(args, "disable", []) or [])
    changes: dict = {"rules_dirs": tuple(getattr(args, "rules", []) or ()),
                     "disabled_rules": frozenset(disabled), "disabled_kinds": frozenset(disabled)}
    if getattr(args, "time_budget", None):
        changes["time_budget"] = args.time_budget
    return Config(**changes)


def read_input(name: str) -> bytes:
    """The bytes of file ``name``, or of standard input for ``-``."""
    if name == "-":
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()
