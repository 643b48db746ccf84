"""``cleaner batch`` at scale: peak memory on a large generated JSONL, and ``--jobs`` scaling::

    .venv/bin/python -m bench.batch memory                 # 1 GB JSONL, one job, peak RSS/PSS
    .venv/bin/python -m bench.batch memory --size-mb 100   # the same on 100 MB (RSS must not grow)
    .venv/bin/python -m bench.batch jobs                   # docs/s with --jobs 1 and 2, and the ratio

Inputs are generated under ``/tmp/cleaner-bench-batch`` (never in the repository) from the
eval-dev ``region`` texts; results are printed and written as Markdown to
``bench/results/batch_memory.md`` / ``batch_jobs.md``.

Memory is sampled every 0.1 s over the whole process tree (the batch parent and its workers)
from ``/proc``: RSS summed (counts pages shared by the forked workers once per process, so it
overstates), PSS summed (shared pages split between the processes sharing them: the real
footprint), and the largest single process's peak RSS from ``getrusage``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from .corpus import SHARED, load_cases

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WORK = Path("/tmp/cleaner-bench-batch")
CLEANER = [sys.executable, "-m", "cleaner", "batch"]
REGION = SHARED / "eval-dev" / "region"
SAMPLE_SECONDS = 0.1


# -- inputs ----------------------------------------------------------------------------------------
def generate_jsonl(path: Path, *, size_bytes: int | None = None, docs: int | None = None,
                   pad_bytes: int = 0) -> tuple[int, int]:
    """Write region texts, cycled, as JSONL records ``{"id", "url", "text", "page_html"}`` until
    ``size_bytes`` or ``docs``; ``page_html`` is a pass-through field of ``pad_bytes`` (scraped
    records often carry the page). Reuses the file when it was made with the same parameters.
    Returns (records, bytes)."""
    stamp = path.with_suffix(".params")
    params = json.dumps({"size": size_bytes, "docs": docs, "pad": pad_bytes})
    if path.exists() and stamp.exists() and stamp.read_text() == params:
        return sum(1 for _ in open(path, "rb")), path.stat().st_size
    cases = load_cases(REGION)
    path.parent.mkdir(parents=True, exist_ok=True)
    pad = ("<div class='nav'><a href='/x'>Home</a> <a href='/y'>World</a></div>\n" * (pad_bytes // 70 + 1))[:pad_bytes]
    written = count = 0
    with open(path, "wb", buffering=1 << 20) as out:
        while (size_bytes is None or written < size_bytes) and (docs is None or count < docs):
            case = cases[count % len(cases)]
            record = {"id": f"{case.id}-{count}", "url": f"https://example.com/{count}", "text": case.raw}
            if pad_bytes:
                record["page_html"] = pad
            line = json.dumps(record, ensure_ascii=False).encode() + b"\n"
            out.write(line)
            written += len(line)
            count += 1
    stamp.write_text(params)
    return count, written


# -- measuring a run -------------------------------------------------------------------------------
def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        current = stack.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(c) for c in children.read().split())
        except OSError:
            continue
    return pids


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; (0, 0) when it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            fields = dict(line.split(":", 1) for line in rollup if ":" in line and not line.startswith("0"))
        return int(fields["Rss"].split()[0]), int(fields["Pss"].split()[0])
    except (OSError, KeyError, ValueError):
        return 0, 0


def measure_run(args: list[str]) -> dict:
    """Run ``cleaner batch ARGS``; wall time, summary line, peak tree RSS/PSS, largest process."""
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.Popen([*CLEANER, *args], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    samples = []
    while run.poll() is None:
        rss = pss = 0
        for pid in _tree(run.pid):
            r, p = _memory_kb(pid)
            rss, pss = rss + r, pss + p
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        samples.append((time.monotonic() - started, rss, pss))
        time.sleep(SAMPLE_SECONDS)
    stderr = run.stderr.read().decode() if run.stderr else ""
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"args": args, "status": run.returncode, "seconds": seconds, "summary": stderr.strip().splitlines()[-1:],
            "peak_rss_mb": peak_rss / 1024, "peak_pss_mb": peak_pss / 1024,
            "largest_process_mb": max(after.ru_maxrss, before.ru_maxrss) / 1024,
            "cpu_seconds": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
            "samples": samples}


def machine_load() -> str:
    """Load average and the busiest other processes, to say what else was running."""
    load = os.getloadavg()
    top = subprocess.run(["ps", "-eo", "pcpu,comm,args", "--sort=-pcpu"], capture_output=True, text=True).stdout
    busy = [line[:110] for line in top.splitlines()[1:6]]
    return f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; busiest processes:\n" + "\n".join(
        f"    {line}" for line in busy)


def write_result(name: str, text: str) -> None:
    """Print ``text`` and write it to ``bench/results/NAME``."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / name).write_text(text, encoding="utf-8")
    print(text)
    print(f"(written to {RESULTS / name})")


# -- the two benchmarks ----------------------------------------------------------------------------
def bench_memory(options: argparse.Namespace) -> None:
    """Peak memory of ``cleaner batch -j 1`` on a generated JSONL of ``--size-mb``."""
    source = WORK / f"batch-{options.size_mb}mb-pad{options.pad_kb}k.jsonl"
    records, size = generate_jsonl(source, size_bytes=options.size_mb * 1024 * 1024, pad_bytes=options.pad_kb * 1024)
    target = WORK / "memory-out.jsonl"
    load_before = machine_load()
    result = measure_run([str(source), "-o", str(target), "-j", str(options.jobs), "--no-progress", "--id-field", "id"])
    out_size = target.stat().st_size if target.exists() else 0
    out_lines, error_codes = 0, Counter()
    if target.exists():
        with open(target, "rb") as out:
            for line in out:
                out_lines += 1
                if line.startswith(b'{"error"'):
                    error_codes[json.loads(line)["error"]["code"]] += 1
    target.unlink(missing_ok=True)
    # RSS over the run's quarters: flat when memory does not grow with the input
    quarters = []
    samples = result["samples"]
    for q in range(4):
        part = samples[q * len(samples) // 4:(q + 1) * len(samples) // 4] or [(0, 0, 0)]
        quarters.append(max(s[2] for s in part) / 1024)
    text = (f"# cleaner batch: peak memory, --jobs {options.jobs}\n\n"
            f"Input: {source} — {size / 2**20:,.0f} MB, {records:,} records (eval-dev region texts, avg "
            f"{(size / records) / 1024:.1f} kB per record including a {options.pad_kb} kB pass-through field). "
            f"Output: {out_size / 2**20:,.0f} MB, {out_lines:,} lines.\n\n"
            "| measure | value |\n|---|---|\n"
            f"| exit status | {result['status']} |\n"
            f"| wall time | {result['seconds']:.1f} s |\n"
            f"| CPU time (parent + workers) | {result['cpu_seconds']:.1f} s |\n"
            f"| peak PSS, whole process tree | **{result['peak_pss_mb']:.0f} MB** |\n"
            f"| peak RSS summed over the tree (shared pages counted twice) | {result['peak_rss_mb']:.0f} MB |\n"
            f"| peak RSS of the largest single process | {result['largest_process_mb']:.0f} MB |\n"
            f"| peak PSS per quarter of the run | {' / '.join(f'{q:.0f}' for q in quarters)} MB |\n\n"
            f"Summary line: `{' '.join(result['summary'])}`; error records by code: {dict(error_codes) or 'none'}\n\n"
            f"Machine before the run: {load_before}\n\nMachine after the run: {machine_load()}\n")
    write_result(f"batch_memory_{options.size_mb}mb.md", text)


def bench_jobs(options: argparse.Namespace) -> None:
    """docs/s of ``cleaner batch`` with ``--jobs 1`` and ``--jobs 2`` on the same input."""
    source = WORK / f"jobs-{options.docs}.jsonl"
    records, size = generate_jsonl(source, docs=options.docs)
    tiny = WORK / "jobs-1.jsonl"
    generate_jsonl(tiny, docs=1)
    rows = []
    load_before = machine_load()
    for _ in range(options.repeats):
        for jobs in options.jobs:
            startup = measure_run([str(tiny), "-o", os.devnull, "-j", str(jobs), "--no-progress"])["seconds"]
            result = measure_run([str(source), "-o", os.devnull, "-j", str(jobs), "--no-progress"])
            rows.append((jobs, result["seconds"], startup, result["cpu_seconds"], result["peak_pss_mb"]))
    best: dict[int, float] = {}
    for jobs, seconds, startup, _, _ in rows:
        rate = records / max(seconds - startup, 1e-9)
        best[jobs] = max(best.get(jobs, 0.0), rate)
    base = best.get(options.jobs[0], 0.0)
    lines = [f"# cleaner batch: --jobs scaling ({os.cpu_count()} CPUs)\n",
             f"Input: {records:,} eval-dev region texts (80 texts cycled), {size / 2**20:.1f} MB JSONL; output to /dev/null.\n",
             "| jobs | wall s | startup s | docs/s (wall) | docs/s (wall − startup) | CPU s | peak PSS MB |",
             "|---|---|---|---|---|---|---|"]
    for jobs, seconds, startup, cpu, pss in rows:
        lines.append(f"| {jobs} | {seconds:.1f} | {startup:.1f} | {records / seconds:,.0f} | "
                     f"{records / max(seconds - startup, 1e-9):,.0f} | {cpu:.1f} | {pss:.0f} |")
    lines.append("")
    for jobs, rate in best.items():
        lines.append(f"- best with --jobs {jobs}: {rate:,.0f} docs/s, **{rate / base:.2f}x** --jobs {options.jobs[0]}"
                     if base else f"- --jobs {jobs}: {rate:,.0f} docs/s")
    cpu = {jobs: min(c for j, _, _, c, _ in rows if j == jobs) for jobs in options.jobs}
    for jobs in options.jobs[1:]:
        lines.append(f"- CPU time (parent + workers) with --jobs {jobs} is {cpu[jobs] / cpu[options.jobs[0]]:.2f}x that of "
                     f"--jobs {options.jobs[0]}: on {jobs} idle cores the speed-up would be at most "
                     f"{jobs * cpu[options.jobs[0]] / cpu[jobs]:.2f}x (an estimate, not a measurement)")
    lines.append(f"\nMachine before: {load_before}\n\nMachine after: {machine_load()}\n")
    write_result("batch_jobs.md", "\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark named on the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.batch", description=__doc__.split("::")[0])
    commands = parser.add_subparsers(dest="bench", required=True)
    memory = commands.add_parser("memory", help="peak RSS/PSS on a generated JSONL")
    memory.add_argument("--size-mb", type=int, default=1024, help="input size (default 1024)")
    memory.add_argument("--pad-kb", type=int, default=40,
                        help="pass-through field per record, kB (default 40; 0: text only, 5x more records to clean)")
    memory.add_argument("--jobs", type=int, default=1)
    memory.set_defaults(func=bench_memory)
    jobs = commands.add_parser("jobs", help="docs/s with --jobs 1 and 2")
    jobs.add_argument("--docs", type=int, default=3000, help="records (default 3000)")
    jobs.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    jobs.add_argument("--repeats", type=int, default=1, help="runs of each (the best counts)")
    jobs.set_defaults(func=bench_jobs)
    options = parser.parse_args(argv)
    options.func(options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
