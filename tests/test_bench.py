"""The benchmark harness (bench/) works end to end on a few documents and writes a well-formed
table; no timing is asserted here (speed targets live in ``python -m bench.speed --check``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench.corpus import load_cases
from bench.measure import percentile
from bench.peers import PEERS, as_html, floor
from bench.report import COLUMNS, describe_ratio, table, targets
from bench.scoring import load_scorer, mean_quality
from tests.conftest import ROOT, SEEDS

DOCS = 2


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    """One real run of ``python -m bench.speed`` over the first seeds, every peer measured."""
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run([sys.executable, "-m", "bench.speed", str(SEEDS), "--limit", str(DOCS),
                           "--min-seconds", "0", "--no-plot", "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    return done, out


def test_every_peer_is_measured_with_sane_numbers(bench_run):
    _, out = bench_run
    results = json.loads((out / "speed.json").read_text(encoding="utf-8"))["results"]
    assert [r["peer"] for r in results] == list(PEERS)
    for r in results:
        assert (r["corpus"], r["docs"], r["errors"]) == ("seeds", DOCS, 0)
        assert r["docs_per_s"] > 0 and r["mb_per_s"] > 0 and r["peak_rss_mb"] > 5
        assert 0 < r["p50_ms"] <= r["p99_ms"]
        assert 0 <= r["f1"] <= 1


def test_cleaner_f1_is_the_scorers(bench_run):
    import cleaner

    _, out = bench_run
    results = json.loads((out / "speed.json").read_text(encoding="utf-8"))["results"]
    cases = load_cases(SEEDS, DOCS)
    scorer = load_scorer()
    expected = [scorer.prf(cleaner.clean_text(c.raw), c.gold)[2] for c in cases]
    measured = next(r for r in results if r["peer"] == "cleaner")
    assert measured["f1"] == pytest.approx(sum(expected) / len(expected))


def test_markdown_table_is_well_formed_and_printed(bench_run):
    done, out = bench_run
    markdown = (out / "speed.md").read_text(encoding="utf-8")
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + len(PEERS)
    assert all(row.count("|") == len(COLUMNS) + 1 for row in rows)
    assert [cell.strip() for cell in rows[0].strip("|").split("|")] == list(COLUMNS)
    versus = COLUMNS.index("cleaner vs peer")
    for row in rows[3:]:  # every peer after the cleaner gets a ratio
        assert row.strip("|").split("|")[versus].strip().endswith(("× faster", "× slower"))
    assert "load average" in markdown
    assert markdown.strip() in done.stdout


def test_missing_corpus_is_a_clear_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "bench.speed", str(tmp_path / "nowhere"), "--no-plot",
                           "--out", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2
    assert "corpus folder not found" in done.stderr


def test_floor_collapses_spaces_and_drops_blank_lines():
    assert floor("  a  b\t c \n\n \u00a0\nd\r\ne ") == "a b c\nd\ne"


def test_html_wrapping_escapes_each_line_as_a_paragraph():
    page = as_html("a < b & c\n\n  second line ")
    assert "<p>a &lt; b &amp; c</p>" in page and "<p>second line</p>" in page
    assert page.count("<p>") == 2


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert (percentile(values, 0.5), percentile(values, 0.99), percentile([7], 0.99)) == (50, 99, 7)


def test_mean_quality_averages_per_case_scores():
    scorer = load_scorer()
    quality = mean_quality(scorer, ["a b", "x"], ["a b", "y"])
    assert quality == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


def _result(peer: str, docs_per_s: float) -> dict:
    return {"corpus": "region", "peer": peer, "version": "1", "docs": 1, "docs_per_s": docs_per_s,
            "mb_per_s": 1.0, "p50_ms": 1.0, "p99_ms": 1.0, "peak_rss_mb": 1.0, "f1": 1.0, "errors": 0,
            "wall_docs_per_s": docs_per_s, "cpu_share": 1.0}


def test_targets_and_ratios():
    results = [_result("cleaner", 3000), _result("trafilatura", 100), _result("floor", 40000)]
    assert [met for _, met, _ in targets(results)] == [True, True, False]
    assert [met for _, met, _ in targets(results[:1])] == [True, None, None]
    assert (describe_ratio(30.0), describe_ratio(0.25), describe_ratio(None)) == ("30.0× faster", "4.0× slower", "-")
    assert "30.0× faster" in table(results) and "13.3× slower" in table(results)


def test_load_verdict_gives_the_rate_the_target_needs():
    from bench.load import Row, needed_rate, verdict

    # 250 req/s at 16 clients: mean latency 64 ms; p99 112 ms is 1.75 x the mean, so p99 < 50 ms
    # needs a mean under 28.6 ms: 16 / 0.0286 = 560 req/s
    missed = Row("POST /v1/clean (gunicorn sync x 2, JSON answer)", "region", 16, 250.0, 60.0, 112.0, 0, 2500)
    rate, tail = needed_rate(missed)
    assert tail == pytest.approx(1.75) and rate == pytest.approx(560.0)
    met = Row(missed.what, "seeds", 16, 700.0, 20.0, 30.0, 0, 7000)
    assert needed_rate(met)[0] == 500.0  # a short tail still needs the rate the target names
    lines = verdict([missed, met, Row("cleaning alone (1 core, in-process)", "region", 1, 150.0, 5.0, 30.0, 0, 450)])
    assert len(lines) == 2
    assert lines[0].startswith("target at 16 clients on region: MISSED") and "needs ~560 req/s, 2.24 x this run" in lines[0]
    assert lines[1].startswith("target at 16 clients on seeds: MET") and "needs" not in lines[1]
