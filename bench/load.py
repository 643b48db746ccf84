"""Load benchmark of the HTTP service: a real ``cleaner serve`` (gunicorn) on 127.0.0.1 driven by
wrk at several client counts, beside the cleaning alone and the API in-process on the same texts.

    .venv/bin/python -m bench.load                       # seeds + eval-dev region, 1/16/64 clients
    .venv/bin/python -m bench.load --duration 5 --clients 16 --workers 3

Needs ``wrk`` (Debian: ``apt-get install -y wrk``). Prints a Markdown table and writes it to
``bench/results/load.md``. See bench/README.md, "Load benchmark".
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_SETS = {"seeds": ROOT / "seeds", "eval-dev region": ROOT.parent / "shared" / "eval-dev" / "region"}
TARGET = {"clients": 16, "rps": 500.0, "p99_ms": 50.0}

LUA_SCRIPT = r"""
-- Posts the bodies listed in args[1] (one file path a line) in rotation, as text/plain.
local bodies, count, next_index = {}, 0, 0
local offset_of_thread = 0

setup = function(thread)
  thread:set("offset", offset_of_thread)
  offset_of_thread = offset_of_thread + 7
end

init = function(args)
  for path in io.open(args[1]):read("*a"):gmatch("[^\n]+") do
    local f = io.open(path, "rb")
    count = count + 1
    bodies[count] = f:read("*a")
    f:close()
  end
  next_index = offset or 0
end

request = function()
  next_index = next_index % count + 1
  return wrk.format("POST", args_path, {["Content-Type"] = "text/plain"}, bodies[next_index])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, "p50_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


@dataclass
class Row:
    """One measured line of the table."""

    what: str
    texts: str
    clients: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    wall_rps: float | None = None
    """For in-process rows, documents per wall-clock second (below ``rps`` when the CPU is shared)."""


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load_texts(folder: Path) -> list[Path]:
    """The ``*.raw.txt`` files of ``folder``; exits 2 if there are none."""
    paths = sorted(folder.glob("*.raw.txt"))
    if not paths:
        sys.exit(f"bench.load: no *.raw.txt files in {folder}")
    return paths


def cpu_report() -> str:
    """Load average and the busiest other processes right now (the machine may be shared)."""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    top = subprocess.run(["ps", "-eo", "pcpu,comm", "--sort=-pcpu"], capture_output=True, text=True).stdout.splitlines()
    busy = [line.strip() for line in top[1:8] if line.split() and float(line.split()[0]) >= 5]
    return f"load average {load}; busiest processes (%CPU since start): {', '.join(busy) or 'none'}"


# -- in-process references ------------------------------------------------------------------
def measure_in_process(paths: list[Path], label: str, min_seconds: float) -> list[Row]:
    """The cleaning alone (``cleaner.clean``) and the whole API in-process (Flask test client,
    parsing and JSON included), one document at a time, in CPU seconds of this thread."""
    import cleaner
    from cleaner.api import create_app
    from cleaner.api_input import parse_clean_body
    from cleaner.service_config import ServiceConfig

    bodies = [p.read_bytes() for p in paths]
    client = create_app(ServiceConfig()).test_client()

    def via_api(body: bytes) -> None:
        response = client.post("/v1/clean", data=body, content_type="text/plain")
        assert response.status_code == 200, response.data[:200]

    service = client.application.extensions["cleaner"]
    answers = {body: service.clean(parse_clean_body(body, "text/plain")) for body in bodies}

    def encode_answer(body: bytes) -> None:
        json.dumps(answers[body], ensure_ascii=False)

    def empty_request(body: bytes) -> None:
        assert client.get("/healthz").status_code == 200

    rows = []
    for what, call in (("cleaning alone (1 core, in-process)", cleaner.clean),
                       ("API in-process (1 core, Flask test client)", via_api),
                       ("  part: JSON encoding of the answer", encode_answer),
                       ("  part: Flask request cycle (GET /healthz in-process)", empty_request)):
        for body in bodies:  # warm-up
            call(body)
        times: list[float] = []
        started, wall_started = time.thread_time(), time.perf_counter()
        while time.thread_time() - started < min_seconds or not times:
            for body in bodies:
                t0 = time.thread_time()
                call(body)
                times.append(time.thread_time() - t0)
        wall = time.perf_counter() - wall_started
        times.sort()
        rows.append(Row(what, label, 1, 1 / statistics.mean(times), 1000 * times[len(times) // 2],
                        1000 * times[min(len(times) - 1, int(len(times) * 0.99))], 0, len(times), len(times) / wall))
    return rows


# -- the server and wrk ---------------------------------------------------------------------
class Server:
    """``python -m cleaner serve`` on a free port; logs to a temporary folder."""

    def __init__(self, workers: int | None, threads: int | None, log_dir: Path) -> None:
        self.port = free_port()
        argv = [sys.executable, "-m", "cleaner", "serve", "--bind", f"127.0.0.1:{self.port}"]
        if workers:
            argv += ["--workers", str(workers)]
        if threads:
            argv += ["--threads", str(threads)]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEANER_", "PROMETHEUS_"))}
        self.stdout = open(log_dir / "access.log", "wb")
        self.stderr = open(log_dir / "error.log", "wb")
        self.process = subprocess.Popen(argv, stdout=self.stdout, stderr=self.stderr, env=env)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"bench.load: cleaner serve exited with {self.process.returncode}; see {log_dir}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/readyz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        sys.exit("bench.load: cleaner serve not ready after 120 s")

    def stop(self) -> int:
        """SIGTERM and wait; the exit status."""
        self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(timeout=120)
        self.stdout.close()
        self.stderr.close()
        return status


def worker_model(workers: int | None, threads: int | None) -> str:
    """How ``cleaner serve`` runs with these options: "sync x 2" or "gthread 3 x 2"."""
    count = workers or len(os.sched_getaffinity(0))
    return f"sync x {count}" if (threads or 1) == 1 else f"gthread {count} x {threads}"


def run_wrk(port: int, path: str, list_file: Path, script: Path, clients: int, seconds: float) -> dict:
    """One wrk run; its summary (requests, errors, latency percentiles in µs)."""
    threads = 1 if clients < 4 else 2  # the server needs the cores more than wrk does
    argv = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "10s", "--latency",
            "-s", str(script), f"http://127.0.0.1:{port}{path}", "--", str(list_file)]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("WRKJSON "):
            return json.loads(line[len("WRKJSON "):])
    raise RuntimeError(f"wrk printed no summary:\n{out}")


def wrk_row(what: str, texts: str, clients: int, summary: dict) -> Row:
    """A table row from a wrk summary."""
    seconds = summary["duration_us"] / 1e6
    return Row(what, texts, clients, summary["requests"] / seconds, summary["p50_us"] / 1000, summary["p99_us"] / 1000,
               summary["errors"] + summary["non_2xx"], summary["requests"])


# -- report -------------------------------------------------------------------------------------
def table(rows: list[Row]) -> str:
    """The rows as a Markdown table. In-process rows are timed in CPU seconds of one thread (what
    one free core would do); the served rows in wall-clock time, as a client sees them."""
    lines = ["| what | texts | clients | requests/s | p50 ms | p99 ms | errors | requests | wall-clock req/s |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r.what} | {r.texts} | {r.clients} | {r.rps:,.1f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | {r.errors} "
              f"| {r.requests:,} | {r.wall_rps if r.wall_rps is not None else r.rps:,.1f} |" for r in rows]
    return "\n".join(lines)


def needed_rate(row: Row) -> tuple[float, float]:
    """The requests/s at which ``row``'s text set would meet the target, and its tail ratio.

    With ``clients`` connections always waiting, Little's law makes the mean latency
    clients / rate; if the p99 stays the same multiple of the mean (the tail ratio, set by how
    much the documents' sizes vary), p99 < target needs rate > clients x ratio / target."""
    mean_ms = 1000 * row.clients / row.rps
    tail = row.p99_ms / mean_ms
    return max(TARGET["rps"], 1000 * row.clients * tail / TARGET["p99_ms"]), tail


def verdict(rows: list[Row]) -> list[str]:
    """The target (≥ 500 requests/s, p99 < 50 ms, 0 errors at 16 clients) per text set; when
    missed, the rate that would meet it at the run's tail ratio (``needed_rate``)."""
    lines = []
    for row in rows:
        if row.what.startswith("POST /v1/clean") and row.clients == TARGET["clients"]:
            met = row.rps >= TARGET["rps"] and row.p99_ms < TARGET["p99_ms"] and row.errors == 0
            line = (f"target at {row.clients} clients on {row.texts}: {'MET' if met else 'MISSED'} "
                    f"({row.rps:,.0f} req/s, p99 {row.p99_ms:.1f} ms, {row.errors} errors)")
            if not met and row.rps > 0:
                rate, tail = needed_rate(row)
                line += (f"; p99 = {tail:.2f} x the mean latency ({row.clients} / rate), so the target "
                         f"needs ~{rate:,.0f} req/s, {rate / row.rps:.2f} x this run")
            lines.append(line)
    return lines


def ratios(rows: list[Row], cores: int) -> list[str]:
    """The service against its ceilings, measured in the same run."""
    lines = []
    for texts in dict.fromkeys(r.texts for r in rows):
        alone = next((r for r in rows if r.texts == texts and r.what.startswith("cleaning alone")), None)
        api = next((r for r in rows if r.texts == texts and r.what.startswith("API in-process")), None)
        served = max((r for r in rows if r.texts == texts and r.what.startswith("POST")), key=lambda r: r.rps, default=None)
        if alone and api:
            lines.append(f"{texts}: cleaning is {100 * api.rps / alone.rps:.0f}% of the API's in-process throughput "
                         f"(Flask, body parsing and JSON cost {1000 / api.rps - 1000 / alone.rps:.2f} ms CPU per request)")
        if alone and served:
            lines.append(f"{texts}: best served {served.rps:,.0f} req/s = {served.rps / (alone.rps * cores):.2f} x "
                         f"the cleaning-alone ceiling of {cores} cores ({alone.rps * cores:,.0f} docs/s)")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0, or 2 when wrk or the texts are missing."""
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 16, 64])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run (default 10)")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: cleaner serve's)")
    parser.add_argument("--threads", type=int, default=None,
                        help="threads per worker (default: cleaner serve's, 1 = sync workers; 2+ = gthread)")
    parser.add_argument("--texts", nargs="+", type=Path, default=None,
                        help="folders of *.raw.txt (default: seeds and ../shared/eval-dev/region)")
    parser.add_argument("--min-seconds", type=float, default=3.0, help="CPU seconds per in-process measurement")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("bench.load: wrk is not installed (Debian: apt-get install -y wrk)", file=sys.stderr)
        return 2
    sets = {p.name: p for p in args.texts} if args.texts else DEFAULT_SETS
    text_sets = {label: load_texts(folder) for label, folder in sets.items()}
    cores = len(os.sched_getaffinity(0))
    print(f"before: {cpu_report()}", flush=True)
    rows: list[Row] = []
    for label, paths in text_sets.items():
        rows += measure_in_process(paths, label, args.min_seconds)
        print(f"measured in-process: {label}", flush=True)
    with tempfile.TemporaryDirectory(prefix="cleaner-load-") as tmp:
        work = Path(tmp)
        script = work / "post.lua"
        script.write_text(LUA_SCRIPT.replace("args_path", '"/v1/clean"'), encoding="utf-8")
        server = Server(args.workers, args.threads, work)
        model = worker_model(args.workers, args.threads)
        try:
            health_script = work / "get.lua"
            health_script.write_text('init = function(args) end\ndone = ' + LUA_SCRIPT.split("done = ", 1)[1], encoding="utf-8")
            list_file = work / "none.list"
            list_file.write_text("", encoding="utf-8")
            rows.append(wrk_row("GET /healthz (HTTP floor)", "-", 16,
                                run_wrk(server.port, "/healthz", list_file, health_script, 16, min(args.duration, 5))))
            for label, paths in text_sets.items():
                list_file = work / f"{label.replace(' ', '_')}.list"
                list_file.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
                for clients in args.clients:
                    summary = run_wrk(server.port, "/v1/clean", list_file, script, clients, args.duration)
                    rows.append(wrk_row(f"POST /v1/clean (gunicorn {model}, JSON answer)", label, clients, summary))
                    print(f"measured {label} at {clients} clients", flush=True)
        finally:
            status = server.stop()
    report = [f"cleaner load benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {cores} cores, load generator: wrk",
              "", table(rows), "", *ratios(rows, cores), *verdict(rows),
              f"gunicorn exit status after SIGTERM: {status}", f"after: {cpu_report()}"]
    text = "\n".join(report)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load.md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
