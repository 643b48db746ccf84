"""``cleaner batch``: clean a JSONL file, a folder of files or stdin, in parallel, streaming."""

from __future__ import annotations

import argparse
import os
import signal
import sys

from ..batch import OUTPUT_FORMATS, BatchOptions, default_jobs, run_batch
from . import add_config_options, config_from_args

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_SOME_RECORDS_FAILED = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``batch``."""
    p = subparsers.add_parser(
        "batch", help="clean many articles: JSONL or a folder in, JSONL or .txt files out",
        description="Clean every record of INPUT, in input order, with one output record per input record. "
                    "Exit status: 0 all records cleaned, 3 some records failed (each has an error record), "
                    "1 the batch could not run (unreadable or broken input, bad options), 2 usage.")
    p.add_argument("input", metavar="INPUT",
                   help="a JSONL file (gzip is recognised by its content), a folder of .txt/.html files, or - (JSONL on stdin)")
    p.add_argument("output_positional", metavar="OUTPUT", nargs="?", default=None,
                   help="where to write (the same as -o OUTPUT)")
    p.add_argument("-o", "--output", metavar="OUTPUT", default=None,
                   help="a JSONL file (.gz: compressed), or a folder for .txt files (an existing folder or a name "
                        "ending in /); default - (stdout)")
    p.add_argument("--output-format", choices=OUTPUT_FORMATS, default=None,
                   help="jsonl, or txt (one .txt file per record plus errors.jsonl in the OUTPUT folder); "
                        "default: txt when OUTPUT is a folder, else jsonl")
    p.add_argument("--text-field", default="text", metavar="NAME", help="JSONL field holding the text (default: text)")
    p.add_argument("--html-field", default=None, metavar="NAME",
                   help="JSONL field holding HTML (parsed as HTML); records without it use --text-field")
    p.add_argument("--id-field", default=None, metavar="NAME",
                   help="JSONL field with the record's id, copied into error records and .txt names")
    p.add_argument("--no-removed", dest="include_removed", action="store_false",
                   help="leave the list of removals out of the output records")
    p.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N",
                   help=f"worker processes (default: the CPU count, here {default_jobs()})")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run: keep the records already in OUTPUT, clean the rest")
    p.add_argument("--hard-timeout", type=float, default=None, metavar="SECONDS",
                   help="kill and restart a worker stuck on one record this long (default: max(10, 5 x time budget))")
    p.add_argument("--progress", dest="progress", action="store_true", default=None,
                   help="show a progress bar (default: when stderr is a terminal)")
    p.add_argument("--no-progress", dest="progress", action="store_false")
    add_config_options(p)
    p.set_defaults(func=run_batch_command)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def output_format_of(output: str, requested: str | None) -> str:
    """``txt`` for a folder (an existing one, or a name ending in ``/``), else ``jsonl``."""
    if requested:
        return requested
    return "txt" if output != "-" and (output.endswith(("/", os.sep)) or os.path.isdir(output)) else "jsonl"


def run_batch_command(args: argparse.Namespace) -> int:
    """Run the batch; print the one-line summary on stderr; exit 0, or 3 when records failed."""
    if args.output_positional is not None and args.output is not None:
        print("cleaner batch: error: give OUTPUT either as the second argument or with -o, not both", file=sys.stderr)
        return 2
    args.output = args.output_positional or args.output or "-"
    output_format = output_format_of(args.output, args.output_format)
    options = BatchOptions(
        config=config_from_args(args), text_field=args.text_field, html_field=args.html_field,
        id_field=args.id_field, include_removed=args.include_removed, output_format=output_format,
        output_root=args.output if output_format == "txt" else None, resume=args.resume)
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)  # unwind: stop the workers, flush the output
    try:
        summary = run_batch(args.input, args.output, options, jobs=args.jobs, progress=args.progress,
                            hard_limit=args.hard_timeout)
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(summary.line(), file=sys.stderr)
    return EXIT_SOME_RECORDS_FAILED if summary.errors else EXIT_OK
