"""Fuzz ``cleaner.clean`` and the HTTP request parsing (``POST /v1/clean`` through the Flask
test client) with atheris (coverage-guided), for a fixed time.

    .venv/bin/python bench/fuzz_clean.py --minutes 10            # both targets, time split evenly
    .venv/bin/python bench/fuzz_clean.py --target http --minutes 2

A finding is any exception other than the package's own ``CleanerError``s (library) or any
5xx answer other than the documented budget 503 (HTTP). Findings are written to
``bench/results/fuzz/`` (the input that triggered it) and the run prints executions, findings
and the corpus size. Each target runs in its own subprocess, because atheris' ``Fuzz()`` never
returns. Without atheris (``pip install atheris``), a hypothesis-based random run takes its
place and says so.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "fuzz"
MEDIA_TYPES = ("text/plain", "text/html", "application/json", "text/plain; charset=utf-16",
               "text/plain; charset=latin-1", "application/xml", "")
SUMMARY_EVERY = 5.0


def seed_corpus(folder: Path) -> None:
    """Start atheris from the seeds and a few hostile shapes (written to ``folder``)."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = [p.read_bytes()[:4_000] for p in sorted((ROOT / "seeds").glob("*.raw.txt"))]
    samples += [b"<html><body><article><p>Text of the article.</p></article></body></html>",
                b'{"text": "By Jane Doe\\nAdvertisement\\nThe article."}',
                "Share Save\nPhoto: AP\n2 hours ago\n".encode("utf-16"), b"\x89PNG\r\n\x1a\n\x00"]
    for number, sample in enumerate(samples):
        (folder / f"seed-{number:03d}").write_bytes(sample)


class Stats:
    """Executions and findings of one target."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.executions = 0
        self.findings: list[dict] = []
        self.started = self.last_write = time.monotonic()

    def finding(self, data: bytes, error: str) -> None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{self.target}-finding-{len(self.findings):03d}.bin"
        path.write_bytes(data)
        self.findings.append({"input": str(path.relative_to(ROOT)), "error": error[-2000:]})
        self.write()

    def count(self) -> None:
        """One more execution; the summary is rewritten every few seconds (libFuzzer ends the
        process without running Python's exit handlers)."""
        self.executions += 1
        now = time.monotonic()
        if now - self.last_write > SUMMARY_EVERY:
            self.last_write = now
            self.write()

    def write(self) -> None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        summary = {"target": self.target, "executions": self.executions, "seconds": round(time.monotonic() - self.started, 1),
                   "findings": self.findings}
        (RESULTS / f"{self.target}-summary.json").write_text(json.dumps(summary, indent=2))


def library_target(stats: Stats):
    """``clean`` on the bytes, and on their UTF-8 reading as ``str``, HTML sniffing on and forced."""
    import cleaner

    forced_html = cleaner.Config(html_mode="always")

    def run(data: bytes) -> None:
        stats.count()
        for value, config in ((data, None), (data.decode("utf-8", "surrogateescape"), None), (data, forced_html)):
            try:
                result = cleaner.clean(value, config=config)
            except cleaner.CleanerError:
                continue
            except Exception:
                stats.finding(data, traceback.format_exc())
                raise
            for removal in result.removed:
                if result.source[removal.start:removal.end] != removal.text:
                    stats.finding(data, f"offset mismatch: {removal}")
                    raise AssertionError(f"offset mismatch: {removal}")

    return run


def http_target(stats: Stats):
    """``POST /v1/clean`` with the bytes as the body, under a media type chosen by the first byte."""
    from cleaner.api import create_app

    client = create_app().test_client()

    def run(data: bytes) -> None:
        stats.count()
        media_type = MEDIA_TYPES[data[0] % len(MEDIA_TYPES)] if data else "text/plain"
        body = data[1:]
        headers = {"Content-Type": media_type} if media_type else {}
        response = client.post("/v1/clean", data=body, headers=headers)
        problem = None
        if response.status_code >= 500 and not (response.status_code == 503 and response.is_json
                                                 and response.get_json()["error"]["code"] == "time_budget_exceeded"):
            problem = f"status {response.status_code}: {response.get_data(as_text=True)[:500]}"
        elif response.status_code >= 400 and not (response.is_json and "code" in response.get_json().get("error", {})):
            problem = f"error without the JSON error shape: {response.status_code} {response.get_data()[:200]!r}"
        if problem:
            stats.finding(data, problem)
            raise AssertionError(problem)

    return run


TARGETS = {"library": library_target, "http": http_target}


def run_atheris(target: str, seconds: int) -> None:
    """Fuzz one target with atheris until ``seconds`` have passed (in this process)."""
    import atheris

    stats = Stats(target)
    import charset_normalizer  # noqa: F401  (dependencies first, so they stay uninstrumented)
    import flask  # noqa: F401
    import regex  # noqa: F401
    import trafilatura  # noqa: F401

    with atheris.instrument_imports(include=["cleaner"]):
        import cleaner
        import cleaner.api  # noqa: F401
    one_input = TARGETS[target](stats)
    corpus = RESULTS / f"corpus-{target}"
    seed_corpus(corpus)
    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", "-max_len=16384", "-rss_limit_mb=4096",
                   "-timeout=30", f"-artifact_prefix={RESULTS}/{target}-", str(corpus)], one_input)
    atheris.Fuzz()


def run_hypothesis(target: str, seconds: int) -> None:
    """The fallback without atheris: random bytes from hypothesis for ``seconds``."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    stats = Stats(target)
    one_input = TARGETS[target](stats)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        @settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(st.binary(max_size=4096) | st.text(max_size=2048).map(lambda t: t.encode("utf-8", "surrogatepass")))
        def fuzz(data: bytes) -> None:
            one_input(data)
        fuzz()
    stats.write()


def main() -> int:
    """Run each target in its own subprocess and print the summaries."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="total fuzzing time (default 10)")
    parser.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    targets = list(TARGETS) if args.target == "all" else [args.target]
    seconds = max(1, int(args.minutes * 60 / len(targets)))
    if args.child:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print(f"atheris is not installed ({sys.exc_info()[1]}); falling back to hypothesis", file=sys.stderr)
            run_hypothesis(targets[0], seconds)
        else:
            run_atheris(targets[0], seconds)
        return 0
    status = 0
    for target in targets:
        print(f"fuzzing {target} for {seconds} s ...", flush=True)
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        child = subprocess.run([sys.executable, __file__, "--child", "--target", target, "--minutes", str(seconds / 60)],
                               env=env, capture_output=True, text=True)
        summary_path = RESULTS / f"{target}-summary.json"
        summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
        print(f"  {target}: {summary.get('executions', '?')} executions in {summary.get('seconds', '?')} s, "
              f"{len(summary.get('findings', []))} findings (exit {child.returncode})")
        for finding in summary.get("findings", []):
            print(f"    {finding['input']}: {finding['error'].strip().splitlines()[-1]}")
        if child.returncode != 0 or summary.get("findings"):
            status = 1
            print(child.stderr[-3000:])
    return status


if __name__ == "__main__":
    sys.exit(main())
