"""The ``cleaner`` command line: one subcommand per module in ``cleaner.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__
from .errors import CleanerError

# Each module has ``register(subparsers)``, which adds its subcommand(s) and sets ``func``
# (args -> exit status). Add a module here to add a command.
COMMAND_MODULES = (
    "cleaner.commands.clean",
    "cleaner.commands.rules",
    "cleaner.commands.evaluate",
    "cleaner.commands.batch",
    "cleaner.commands.serve",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Strip boilerplate from scraped news articles.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad input or failure, 2 usage)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CleanerError as error:
        print(f"cleaner: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"cleaner: error: {error.strerror or error}: {getattr(error, 'filename', '') or ''}".rstrip(": "),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
