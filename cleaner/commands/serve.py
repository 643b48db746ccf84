"""``cleaner serve``: run the HTTP service under gunicorn with the packaged config."""

from __future__ import annotations

import argparse
import os
import sys

from ..service_config import parse_size
from . import add_config_options

GUNICORN_CONFIG = "python:cleaner.gunicorn_conf"
WSGI_APP = "cleaner.wsgi:app"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``serve``."""
    p = subparsers.add_parser("serve", help="run the HTTP service (gunicorn; see README, HTTP service)")
    p.add_argument("--bind", metavar="HOST:PORT", default=None,
                   help="address to listen on (default 127.0.0.1:8000, or CLEANER_BIND)")
    p.add_argument("--workers", metavar="N", type=int, default=None,
                   help="worker processes (default: the CPU count, or CLEANER_WORKERS)")
    p.add_argument("--threads", metavar="N", type=int, default=None,
                   help="threads per worker (default 1: sync workers; 2 or more: gunicorn's gthread "
                        "workers, see README, Load; or CLEANER_THREADS)")
    p.add_argument("--max-body", metavar="BYTES", default=None,
                   help="largest request body, e.g. 5m (default 5 MB, or CLEANER_MAX_BODY)")
    add_config_options(p)
    p.set_defaults(func=run_serve)


def gunicorn_argv(args: argparse.Namespace) -> list[str]:
    """The gunicorn command line for ``args``."""
    argv = [sys.executable, "-m", "gunicorn", "--config", GUNICORN_CONFIG]
    if args.bind:
        argv += ["--bind", args.bind]
    if args.workers is not None:
        if args.workers < 1:
            raise SystemExit("cleaner serve: error: --workers must be at least 1")
        argv += ["--workers", str(args.workers)]
    return [*argv, WSGI_APP]


def service_environment(args: argparse.Namespace) -> dict[str, str]:
    """The ``CLEANER_*`` variables the options set (the workers read them in ``create_app``)."""
    env: dict[str, str] = {}
    if args.rules:
        env["CLEANER_RULES"] = os.pathsep.join(str(p.resolve()) for p in args.rules)
    if args.disable:
        env["CLEANER_DISABLE"] = ",".join(args.disable)
    if args.time_budget:
        env["CLEANER_TIME_BUDGET"] = str(args.time_budget)
    if args.threads is not None:
        if args.threads < 1:
            raise ValueError("--threads must be at least 1")
        env["CLEANER_THREADS"] = str(args.threads)
    if args.max_body:
        env["CLEANER_MAX_BODY"] = str(parse_size(args.max_body, "--max-body"))
    return env


def run_serve(args: argparse.Namespace) -> int:
    """Replace this process with gunicorn (so signals such as SIGTERM reach its master)."""
    try:
        os.environ.update(service_environment(args))
    except ValueError as error:
        print(f"cleaner serve: error: {error}", file=sys.stderr)
        return 2
    argv = gunicorn_argv(args)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(argv[0], argv)
    return 0  # not reached
