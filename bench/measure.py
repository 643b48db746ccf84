"""Measure one peer on one corpus, in this process; run as a child of ``bench.speed`` so that
each peer's peak RSS is its own::

    python -m bench.measure --peer cleaner --corpus seeds     # prints one JSON object

Untimed: loading the texts, preparing each peer's input, and a warm-up pass whose outputs are
scored. Timed: the corpus run again, pass after pass, until ``--min-seconds`` have gone by (at
least one pass, at most ``--max-repeats``); each call is timed for the latency percentiles, each
pass for the throughput (the median pass, which shrugs off a burst of load from elsewhere).

Times are CPU time of this (single-threaded) process, as well as wall time: on a machine shared
with other work the CPU time is what one free core would take, and ``cpu_share`` (CPU / wall)
says how much of the wall time the process actually had the core.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import sys
import time
from pathlib import Path

from .corpus import load_cases
from .peers import PEERS
from .scoring import DEFAULT_SCORER, load_scorer, mean_quality


def pin_to_cpu(cpu: int | None) -> int | None:
    """Pin this process to ``cpu`` (``None``: the last CPU it may use; negative: don't pin).
    Returns the CPU pinned to, or ``None`` where pinning is not possible."""
    if (cpu is not None and cpu < 0) or not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    target = allowed[-1] if cpu is None else cpu
    os.sched_setaffinity(0, {target})
    return target


def percentile(sorted_values: list[float], q: float) -> float:
    """The nearest-rank ``q`` percentile (0 < q <= 1) of ascending ``sorted_values``."""
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


def measure(peer_name: str, corpus: Path, *, limit: int | None = None, min_seconds: float = 3.0,
            max_repeats: int = 10_000, cpu: int | None = None, scorer_path: Path = DEFAULT_SCORER) -> dict:
    """Speed, latency, peak RSS and quality of ``peer_name`` on the cases in ``corpus``."""
    pinned = pin_to_cpu(cpu)
    scorer = load_scorer(scorer_path)
    cases = load_cases(corpus, limit)
    peer = PEERS[peer_name]()
    inputs = [peer.prepare(case.raw) for case in cases]
    run = peer.run

    errors: list[str] = []
    outputs = []
    warm_start = time.perf_counter()
    for case, item in zip(cases, inputs, strict=True):
        try:
            outputs.append(run(item))
        except Exception as error:  # a failure scores zero and is counted, as in score.py
            outputs.append("")
            errors.append(f"{case.id}: {type(error).__name__}: {error}")
    warm_seconds = time.perf_counter() - warm_start
    repeats = max(1, min(max_repeats, math.ceil(min_seconds / max(warm_seconds, 1e-9))))

    cpu_latencies: list[int] = []
    wall_latencies: list[int] = []
    pass_cpus: list[float] = []
    pass_walls: list[float] = []
    cpu_clock, wall_clock = time.thread_time_ns, time.perf_counter_ns
    for _ in range(repeats):
        pass_cpu, pass_wall = time.thread_time(), time.perf_counter()
        for item in inputs:
            cpu_start, wall_start = cpu_clock(), wall_clock()
            try:
                run(item)
            except Exception:  # counted in the warm-up pass already
                pass
            wall_latencies.append(wall_clock() - wall_start)
            cpu_latencies.append(cpu_clock() - cpu_start)
        pass_walls.append(time.perf_counter() - pass_wall)
        pass_cpus.append(time.thread_time() - pass_cpu)

    cpu_latencies.sort()
    wall_latencies.sort()
    cpu_seconds, wall_seconds = statistics.median(pass_cpus), statistics.median(pass_walls)
    mbytes = sum(len(case.raw.encode("utf-8")) for case in cases) / 1e6
    return {
        "peer": peer.name,
        "version": peer.version,
        "corpus": Path(corpus).name,
        "docs": len(cases),
        "mbytes": mbytes,
        "repeats": repeats,
        "docs_per_s": len(cases) / cpu_seconds,
        "mb_per_s": mbytes / cpu_seconds,
        "wall_docs_per_s": len(cases) / wall_seconds,
        "cpu_share": sum(pass_cpus) / sum(pass_walls),
        "p50_ms": percentile(cpu_latencies, 0.50) / 1e6,
        "p99_ms": percentile(cpu_latencies, 0.99) / 1e6,
        "wall_p50_ms": percentile(wall_latencies, 0.50) / 1e6,
        "wall_p99_ms": percentile(wall_latencies, 0.99) / 1e6,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "errors": len(errors),
        "error_samples": errors[:3],
        "cpu": pinned,
        **mean_quality(scorer, outputs, [case.gold for case in cases]),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure one peer on one corpus and print the result as one JSON object."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peer", required=True, choices=sorted(PEERS))
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--min-seconds", type=float, default=3.0)
    ap.add_argument("--max-repeats", type=int, default=10_000)
    ap.add_argument("--cpu", type=int)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    args = ap.parse_args(argv)
    result = measure(args.peer, args.corpus, limit=args.limit, min_seconds=args.min_seconds,
                     max_repeats=args.max_repeats, cpu=args.cpu, scorer_path=args.scorer)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
