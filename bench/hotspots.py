"""Where the cleaner spends its time: a sampling profile (pyinstrument, the ``bench`` extra) of
``cleaner.clean_text`` over a corpus, as two tables of functions: by own time and by total time
(inclusive, counted once per call stack), each as a share of the whole run::

    .venv/bin/python -m bench.hotspots                    # ../shared/eval-dev/region
    .venv/bin/python -m bench.hotspots DIR --seconds 20 --top 25 --html bench/results/profile.html
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from .corpus import SHARED, load_cases
from .measure import pin_to_cpu

DEFAULT_CORPUS = SHARED / "eval-dev" / "region"


def frame_key(frame) -> str:
    """``function (file:line)`` for a pyinstrument frame."""
    return f"{frame.function} ({frame.file_path_short}:{frame.line_no})"


def aggregate(root) -> tuple[Counter, Counter, float]:
    """Own and inclusive seconds per function over a pyinstrument frame tree, and the total.
    A recursive function's inclusive time is counted once per stack."""
    own: Counter = Counter()
    inclusive: Counter = Counter()
    stack = [(root, frozenset())]
    while stack:
        frame, above = stack.pop()
        key = frame_key(frame)
        if frame.is_synthetic:
            continue
        own[key] += frame.total_self_time
        if key not in above:
            inclusive[key] += frame.time
        stack.extend((child, above | {key}) for child in frame.children)
    return own, inclusive, root.time


def profile(corpus: Path, seconds: float, interval: float):
    """Profile ``clean_text`` over ``corpus`` again and again for about ``seconds``; the session."""
    from pyinstrument import Profiler

    import cleaner

    texts = [case.raw for case in load_cases(corpus)]
    for text in texts:  # warm-up: rules compiled, caches filled
        cleaner.clean_text(text)
    profiler = Profiler(interval=interval)
    deadline = time.perf_counter() + seconds
    profiler.start()
    passes = 0
    while time.perf_counter() < deadline:
        for text in texts:
            cleaner.clean_text(text)
        passes += 1
    profiler.stop()
    return profiler, passes * len(texts)


def report(root, top: int) -> str:
    """Two Markdown tables of the ``top`` functions, by own time and by inclusive time."""
    own, inclusive, total = aggregate(root)
    lines = []
    for title, counts in (("own time", own), ("inclusive time", inclusive)):
        lines += [f"| function ({title}) | % | s |", "|---|---|---|"]
        lines += [f"| `{key}` | {100 * value / total:.1f} | {value:.2f} |" for key, value in counts.most_common(top)]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Profile the cleaner and print where its time goes."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seconds", type=float, default=15.0, help="how long to profile (default 15)")
    ap.add_argument("--interval", type=float, default=0.0005, help="sampling interval in seconds")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--cpu", type=int, help="core to pin to (default: the last one; -1: don't pin)")
    ap.add_argument("--html", type=Path, help="also write pyinstrument's interactive HTML report here")
    args = ap.parse_args(argv)
    pin_to_cpu(args.cpu)
    profiler, calls = profile(args.corpus, args.seconds, args.interval)
    root = profiler.last_session.root_frame()
    print(f"{calls} calls of clean_text on {args.corpus.name} in {root.time:.2f} s profiled "
          f"({calls / root.time:,.0f} docs/s under the profiler)\n")
    print(report(root, args.top))
    if args.html:
        args.html.parent.mkdir(parents=True, exist_ok=True)
        args.html.write_text(profiler.output_html(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
