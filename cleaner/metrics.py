"""Prometheus metrics of the HTTP service, and their exposition.

Under gunicorn every worker is a process of its own: ``prometheus_client`` then runs in
multiprocess mode (``PROMETHEUS_MULTIPROC_DIR`` is set up by ``cleaner.gunicorn_conf`` before the
workers start), each worker writes its values to files there and ``/metrics`` sums them. Without
the variable (Flask test client, ``flask run``) the metrics live in this process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
disable_created_metrics()  # no *_created series: multiprocess mode has none either
# Seconds; the service answers most documents in a few milliseconds, pathological ones in up to
# the time budget (2 s by default).
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter("cleaner_http_requests_total", "HTTP requests answered, by endpoint, method and status.",
                   ["endpoint", "method", "status"])
LATENCY = Histogram("cleaner_http_request_duration_seconds", "Time to answer one HTTP request, by endpoint.",
                    ["endpoint"], buckets=LATENCY_BUCKETS)
DOCUMENTS = Counter("cleaner_documents_cleaned_total", "Documents cleaned successfully, by input format (text, html).",
                    ["input_format"])
REMOVALS = Counter("cleaner_removals_total", "Pieces removed from cleaned documents, by kind.", ["kind"])
DOCUMENT_ERRORS = Counter("cleaner_document_errors_total", "Documents that got an error instead of a result, by error code.",
                          ["code"])
TIME_BUDGET_ERRORS = Counter("cleaner_time_budget_exceeded_total", "Documents that went over their time budget.")


def observe_request(endpoint: str, method: str, status: int, seconds: float) -> None:
    """Count one answered request and its latency."""
    REQUESTS.labels(endpoint, method, str(status)).inc()
    LATENCY.labels(endpoint).observe(seconds)


def observe_document(input_format: str, removal_kinds: Iterable[str]) -> None:
    """Count one cleaned document and its removals by kind."""
    DOCUMENTS.labels(input_format).inc()
    counts: dict[str, int] = {}
    for kind in removal_kinds:
        counts[kind] = counts.get(kind, 0) + 1
    for kind, count in counts.items():
        REMOVALS.labels(kind).inc(count)


def observe_document_error(code: str) -> None:
    """Count one document that got an error (``code`` as in the error body)."""
    DOCUMENT_ERRORS.labels(code).inc()
    if code == "time_budget_exceeded":
        TIME_BUDGET_ERRORS.inc()


def exposition() -> tuple[bytes, str]:
    """The current metrics in Prometheus text format, and their content type."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def mark_worker_dead(pid: int) -> None:
    """Tell the multiprocess store that worker ``pid`` is gone (gunicorn's ``child_exit``)."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)
