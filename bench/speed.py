"""The benchmark, in one command: cleaner against trafilatura, jusText and a floor, on the seeds
and the eval-dev texts, speed and quality in the same run::

    .venv/bin/python -m bench.speed                      # default corpora, ~3 s per peer and corpus
    .venv/bin/python -m bench.speed DIR... --peers cleaner floor --min-seconds 1

Each (peer, corpus) is measured in its own process (``bench.measure``), pinned to one core, so
its peak RSS and its timings are its own. Prints the table, writes it to ``--out`` as Markdown
(``speed.md``) and JSON (``speed.json``), and plots docs/s and F1 to ``--plot``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from .corpus import DEFAULT_CORPORA, ROOT
from .peers import PEERS
from .report import table, targets, targets_markdown
from .scoring import DEFAULT_SCORER

DEFAULT_OUT = ROOT / "bench" / "results"
DEFAULT_PLOT = ROOT / "docs" / "bench.png"


def run_child(peer: str, corpus: Path, args: argparse.Namespace) -> dict:
    """Measure ``peer`` on ``corpus`` in a fresh interpreter; its result, or raise ``RuntimeError``."""
    argv = [sys.executable, "-m", "bench.measure", "--peer", peer, "--corpus", str(corpus),
            "--min-seconds", str(args.min_seconds), "--max-repeats", str(args.max_repeats),
            "--scorer", str(args.scorer)]
    if args.limit:
        argv += ["--limit", str(args.limit)]
    if args.cpu is not None:
        argv += ["--cpu", str(args.cpu)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=args.timeout, env=env, cwd=ROOT)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{peer} on {corpus.name}: no result within {args.timeout:g} s") from None
    if done.returncode:
        raise RuntimeError(f"{peer} on {corpus.name} failed:\n{done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def conditions(args: argparse.Namespace, load_before: tuple[float, ...]) -> dict:
    """What the numbers were measured on: machine, load, interpreter, commit, settings."""
    model = "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "?")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "cleaner", "rules"], capture_output=True, text=True,
                           cwd=ROOT).stdout.strip()
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "commit": (commit or "?") + (" + uncommitted changes in cleaner/ or rules/" if dirty else ""),
        "python": platform.python_version(),
        "cpu_model": model,
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "min_seconds": args.min_seconds,
    }


def conditions_markdown(info: dict) -> str:
    """The conditions as a Markdown paragraph."""
    load = "/".join(f"{x:.1f}" for x in info["load_before"]), "/".join(f"{x:.1f}" for x in info["load_after"])
    return (f"Measured {info['date']} on commit {info['commit']}, Python {info['python']}, "
            f"{info['cpu_model']} ({info['cpus']} CPUs), each measurement in its own process pinned to one core, "
            f"at least {info['min_seconds']:g} s of timed passes after a warm-up pass; "
            f"load average (1/5/15 min) {load[0]} before, {load[1]} after.")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", type=Path,
                    help="folders of ID.raw.txt/ID.gold.txt (default: seeds and ../shared/eval-dev/{region,page,appended})")
    ap.add_argument("--peers", nargs="+", choices=list(PEERS), default=list(PEERS), help="what to measure (default: all)")
    ap.add_argument("--limit", type=int, help="only the first N documents of each corpus")
    ap.add_argument("--min-seconds", type=float, default=3.0, help="timed seconds per peer and corpus (default 3)")
    ap.add_argument("--max-repeats", type=int, default=10_000, help="at most this many timed passes")
    ap.add_argument("--cpu", type=int, help="core to pin to (default: the last one; -1: don't pin)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="score.py whose prf() gives the F1")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for speed.md and speed.json")
    ap.add_argument("--plot", type=Path, default=DEFAULT_PLOT, help="PNG to plot to (needs matplotlib: .[bench])")
    ap.add_argument("--no-plot", action="store_true", help="don't plot")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before a measurement is abandoned")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 if every measurement succeeded (and, with ``--check``, every target held)."""
    args = parse_args(argv)
    corpora = args.corpora or [c for c in DEFAULT_CORPORA if c.is_dir()]
    missing = [c for c in (args.corpora or []) if not c.is_dir()]
    if missing or not corpora:
        print(f"bench: corpus folder not found: {', '.join(map(str, missing or DEFAULT_CORPORA))}", file=sys.stderr)
        return 2
    if not args.scorer.is_file():
        print(f"bench: scorer not found: {args.scorer} (pass --scorer)", file=sys.stderr)
        return 2
    load_before = os.getloadavg()
    results, failures = [], 0
    for corpus in corpora:
        for peer in args.peers:
            print(f"bench: {peer} on {corpus.name}...", file=sys.stderr, flush=True)
            try:
                results.append(run_child(peer, corpus, args))
            except RuntimeError as error:
                failures += 1
                print(f"bench: {error}", file=sys.stderr)
    info = conditions(args, load_before)
    markdown = "\n\n".join([table(results), targets_markdown(results), conditions_markdown(info)]) + "\n"
    print(markdown)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "speed.md").write_text(markdown, encoding="utf-8")
    (args.out / "speed.json").write_text(json.dumps({"conditions": info, "results": results}, indent=1) + "\n",
                                         encoding="utf-8")
    print(f"bench: wrote {args.out / 'speed.md'} and {args.out / 'speed.json'}", file=sys.stderr)
    if not args.no_plot and results:
        try:
            from .plot import plot
        except ImportError as error:
            print(f"bench: no plot ({error}); install the bench extra: pip install -e '.[bench]'", file=sys.stderr)
        else:
            plot(results, args.plot)
            print(f"bench: wrote {args.plot}", file=sys.stderr)
    missed = args.check and any(met is False for _, met, _ in targets(results))
    return 1 if failures or missed else 0


if __name__ == "__main__":
    sys.exit(main())
