"""Soak a local ``cleaner serve`` (gunicorn): many concurrent clients for minutes with a mix of
the seeds, the eval-dev articles and the hostile inputs of tests/hostile_cases.py.

    .venv/bin/python bench/soak.py                        # 64 clients, 5 minutes, 2 workers
    .venv/bin/python bench/soak.py --clients 16 --minutes 1

Passes (exit 0) when no answer is a 5xx other than the documented budget 503
(``time_budget_exceeded``), every hostile input got its expected status, and each worker's RSS
grew by less than ``--max-growth-mb`` from the end of the warm-up to the end of the run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from hostile_cases import cases  # noqa: E402  (the shared hostile inputs live with the tests)

EVAL_DEV = ROOT.parent / "shared" / "eval-dev"
HTTP_STATUS = {None: 200, "empty_input": 422, "undecodable_input": 422, "input_too_large": 413}


def free_port() -> int:
    """A free TCP port on localhost."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def workload(secret_path: str) -> list[tuple[str, bytes, str, set[int]]]:
    """(label, body, media type, accepted statuses) of every request in the mix."""
    items = []
    for path in sorted((ROOT / "seeds").glob("*.raw.txt")) + sorted(EVAL_DEV.glob("*/*.raw.txt")):
        items.append((f"article:{path.name}", path.read_bytes(), "text/plain", {200, 503}))
    for case in cases(secret_path):
        accepted = {HTTP_STATUS[case.expect]} | ({503} if case.budget_may_refuse else set())
        items.append((f"hostile:{case.name}", case.wire(), case.media_type, accepted))
    return items


def worker_rss(master: int) -> dict[int, int]:
    """RSS in kB of each gunicorn worker (children of the master)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    found = {}
    for pid in map(int, children):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                found[pid] = int(line.split()[1])
    return found


def request(port: int, body: bytes, media_type: str) -> tuple[int, str]:
    """POST one document; (status, error code or '')."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("POST", "/v1/clean", body=body, headers={"Content-Type": media_type})
        response = connection.getresponse()
        payload = response.read()
        code = ""
        if response.status >= 400:
            try:
                code = json.loads(payload)["error"]["code"]
            except (ValueError, KeyError, TypeError):
                code = "not-json"
        return response.status, code
    finally:
        connection.close()


def main() -> int:
    """Start gunicorn, run the clients, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-growth-mb", type=float, default=50.0)
    args = parser.parse_args()

    secret = Path(tempfile.mkdtemp()) / "secret.txt"
    secret.write_text("root:x:0:0:ZXQJ-SECRET-TOKEN-7781\n")
    items = workload(str(secret))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEANER_", "PROMETHEUS_"))}
    # Workers must live through the run for their memory to be compared: no recycling after
    # max_requests (GUNICORN_CMD_ARGS overrides the packaged gunicorn config).
    env["GUNICORN_CMD_ARGS"] = "--max-requests 0"
    log = open(Path(tempfile.gettempdir()) / "cleaner-soak-gunicorn.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "cleaner", "serve", "--bind", f"127.0.0.1:{port}",
                               "--workers", str(args.workers)], stdout=log, stderr=log, env=env)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/readyz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                print("server did not start; see", log.name)
                return 1
            time.sleep(0.3)
        # Warm-up: every document twice, 4 at a time, so that each worker has seen the whole mix
        # before its RSS is taken as the start figure.
        warm = [threading.Thread(target=lambda part: [request(port, b, m) for _, b, m, _ in part], args=(items[n::4],))
                for n in range(4) for _ in range(2)]
        for thread in warm:
            thread.start()
        for thread in warm:
            thread.join()
        rss_start = worker_rss(server.pid)

        statuses: Counter = Counter()
        problems: list[str] = []
        latencies: list[float] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.minutes * 60

        def client(number: int) -> None:
            chooser = random.Random(number)
            while time.monotonic() < stop_at:
                label, body, media_type, accepted = chooser.choice(items)
                started = time.perf_counter()
                try:
                    status, code = request(port, body, media_type)
                except OSError as error:
                    status, code = 0, f"connection error: {error}"
                elapsed = time.perf_counter() - started
                with lock:
                    statuses[status] += 1
                    latencies.append(elapsed)
                    bad_5xx = status >= 500 and not (status == 503 and code == "time_budget_exceeded")
                    if bad_5xx or status == 0 or status not in accepted:
                        problems.append(f"{label}: {status} {code}")

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.monotonic() - started
        rss_end = worker_rss(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    total = sum(statuses.values())
    print(f"{args.clients} clients, {seconds:.0f} s, {args.workers} workers: {total} requests, {total / seconds:.1f}/s")
    print("statuses:", dict(sorted(statuses.items())))
    if latencies:
        ordered = sorted(latencies)
        print(f"latency: median {statistics.median(ordered):.3f} s, p99 {ordered[int(len(ordered) * 0.99) - 1]:.3f} s, "
              f"max {ordered[-1]:.3f} s")
    growth_ok = True
    for pid in sorted(set(rss_start) | set(rss_end)):
        start, end = rss_start.get(pid), rss_end.get(pid)
        note = ""
        if start is None or end is None:
            note = "  (worker replaced during the run)"
            growth_ok = False
        elif (end - start) / 1024 > args.max_growth_mb:
            note = "  GREW"
            growth_ok = False
        print(f"worker {pid}: RSS start {start and start / 1024:.1f} MB, end {end and end / 1024:.1f} MB{note}"
              if start and end else f"worker {pid}: start {start} kB, end {end} kB{note}")
    counted = Counter(problems)
    for problem, times in counted.most_common(10):
        print(f"PROBLEM x{times}: {problem}")
    print("PASS" if not problems and growth_ok else "FAIL")
    return 0 if not problems and growth_ok else 1


if __name__ == "__main__":
    sys.exit(main())
