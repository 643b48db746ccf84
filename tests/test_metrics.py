"""Service metrics (Prometheus) and structured logs: counted in-process through the Flask test
client, and summed over the workers of a real gunicorn by scraping ``/metrics``."""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import SEEDS, seed_ids
from live_server import LiveServer
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

import cleaner
from cleaner import Config
from cleaner.api import create_app
from cleaner.request_log import JsonFormatter, access_line
from cleaner.service_config import ServiceConfig


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def scrape(text: str) -> dict[tuple[str, frozenset], float]:
    """Every sample of a Prometheus text exposition, by name and labels."""
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def raw_seeds() -> list[bytes]:
    return [(SEEDS / f"{seed_id}.raw.txt").read_bytes() for seed_id in seed_ids()]


def test_requests_documents_and_removals_are_counted(client):
    raw = raw_seeds()[0]
    kinds = Counter(r.kind for r in cleaner.clean(raw).removed)
    before = {"ok": sample("cleaner_http_requests_total", endpoint="/v1/clean", method="POST", status="200"),
              "bad": sample("cleaner_http_requests_total", endpoint="/v1/clean", method="POST", status="415"),
              "latency": sample("cleaner_http_request_duration_seconds_count", endpoint="/v1/clean"),
              "docs": sample("cleaner_documents_cleaned_total", input_format="text"),
              **{kind: sample("cleaner_removals_total", kind=kind) for kind in kinds}}
    for _ in range(3):
        assert client.post("/v1/clean", data=raw, content_type="text/plain").status_code == 200
    assert client.post("/v1/clean", data=raw, content_type="application/xml").status_code == 415
    assert sample("cleaner_http_requests_total", endpoint="/v1/clean", method="POST", status="200") == before["ok"] + 3
    assert sample("cleaner_http_requests_total", endpoint="/v1/clean", method="POST", status="415") == before["bad"] + 1
    assert sample("cleaner_http_request_duration_seconds_count", endpoint="/v1/clean") == before["latency"] + 4
    assert sample("cleaner_documents_cleaned_total", input_format="text") == before["docs"] + 3
    for kind, count in kinds.items():
        assert sample("cleaner_removals_total", kind=kind) == before[kind] + 3 * count


def test_unmatched_paths_share_one_label(client):
    before = sample("cleaner_http_requests_total", endpoint="unmatched", method="GET", status="404")
    client.get("/random/a")
    client.get("/random/b")
    assert sample("cleaner_http_requests_total", endpoint="unmatched", method="GET", status="404") == before + 2


def test_time_budget_and_document_errors_are_counted():
    tiny = create_app(ServiceConfig(cleaner=Config(time_budget=1e-9))).test_client()
    before = sample("cleaner_time_budget_exceeded_total")
    errors_before = sample("cleaner_document_errors_total", code="time_budget_exceeded")
    tiny.post("/v1/clean", data=raw_seeds()[0], content_type="text/plain")
    tiny.post("/v1/clean/batch", json=[{"text": "some text here."}, {"text": "and more text."}])
    assert sample("cleaner_time_budget_exceeded_total") == before + 3
    assert sample("cleaner_document_errors_total", code="time_budget_exceeded") == errors_before + 3


def test_metrics_endpoint_serves_prometheus_text(client):
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    names = {family.name for family in text_string_to_metric_families(response.get_data(as_text=True))}
    assert {"cleaner_http_requests", "cleaner_http_request_duration_seconds", "cleaner_documents_cleaned",
            "cleaner_removals", "cleaner_time_budget_exceeded", "cleaner_document_errors"} <= names


def test_metrics_are_summed_over_real_gunicorn_workers(tmp_path):
    metrics_dir = tmp_path / "metrics"
    live = LiveServer(tmp_path, workers=2, env={"PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)})
    try:
        live.wait_ready()
        raws = raw_seeds() * 5
        removal_kinds: Counter = Counter()

        def post(raw: bytes) -> int:
            status, _, body = live.request("POST", "/v1/clean", raw, {"Content-Type": "text/plain"})
            if status == 200:
                removal_kinds.update(r["kind"] for r in json.loads(body)["removed"])
            return status

        with ThreadPoolExecutor(max_workers=6) as pool:  # each request on its own connection
            statuses = list(pool.map(post, raws))
        assert statuses == [200] * len(raws)
        assert live.request("POST", "/v1/clean", b"x", {"Content-Type": "image/png"})[0] == 415
        status, headers, body = live.request("GET", "/metrics")
        assert status == 200 and headers["content-type"].startswith("text/plain")
        samples = scrape(body.decode())

        def value(name: str, **labels: str) -> float:
            return samples.get((name, frozenset(labels.items())), 0.0)

        assert value("cleaner_http_requests_total", endpoint="/v1/clean", method="POST", status="200") == len(raws)
        assert value("cleaner_http_requests_total", endpoint="/v1/clean", method="POST", status="415") == 1
        assert value("cleaner_http_requests_total", endpoint="/readyz", method="GET", status="200") >= 1
        assert value("cleaner_http_request_duration_seconds_count", endpoint="/v1/clean") == len(raws) + 1
        assert value("cleaner_http_request_duration_seconds_bucket", endpoint="/v1/clean", le="+Inf") == len(raws) + 1
        assert value("cleaner_documents_cleaned_total", input_format="text") == len(raws)
        for kind, count in removal_kinds.items():
            assert value("cleaner_removals_total", kind=kind) == count
        assert value("cleaner_time_budget_exceeded_total") == 0
        # both workers answered (each writes its own counter file), so the totals above are sums;
        # the master (the app is preloaded there) may hold a file of zeros of its own
        worker_files = [f for f in metrics_dir.glob("counter_*.db") if f.stem != f"counter_{live.process.pid}"]
        assert len(worker_files) == 2
    finally:
        assert live.stop() == 0
        live.kill()


def test_access_line_is_json_whatever_the_path():
    line = json.loads(access_line(method="GET", path='/a"b\\c\n', query="q=1", status=404, seconds=0.25,
                                  bytes_in=0, bytes_out=12, request_id="r1", remote="127.0.0.1", user_agent=None))
    assert line["path"] == '/a"b\\c\n' and line["status"] == 404 and line["request_id"] == "r1"
    assert line["time"].endswith("Z") and line["type"] == "access"


def test_error_log_lines_are_json_with_the_trace_and_request_id():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("cleaner.api", logging.ERROR, __file__, 1, "failed on %s", ("/v1/clean",), sys.exc_info())
    record.request_id = "abc"
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed on /v1/clean" and line["level"] == "error" and line["request_id"] == "abc"
    assert "ValueError: boom" in line["exception"]


@pytest.mark.parametrize("path", ["/healthz", "/v1/rules"])
def test_every_answer_carries_a_request_id(client, path):
    assert client.get(path).headers["X-Request-ID"]
