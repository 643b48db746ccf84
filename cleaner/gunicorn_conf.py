"""gunicorn settings of ``cleaner serve`` (``gunicorn -c python:cleaner.gunicorn_conf cleaner.wsgi:app``).

Every value can be overridden on gunicorn's command line (``cleaner serve --bind/--workers``)
or by ``CLEANER_BIND`` / ``CLEANER_WORKERS`` / ``CLEANER_THREADS``.
"""

from __future__ import annotations

import gc
import glob
import os
import shutil
import tempfile
from typing import Any

from cleaner.gunicorn_worker import exit_at_once, freeze_heap
from cleaner.service_config import ServiceConfig

# Not imported from cleaner.metrics: prometheus_client must not be imported before the variable
# is set, or the workers (forked from this process) would keep their metrics to themselves.
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def cpu_count() -> int:
    """CPUs this process may run on (honours affinity, e.g. a container's cpuset)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_timeout(settings: ServiceConfig) -> int:
    """Seconds gunicorn lets a worker be silent before it kills it: more than the longest a
    request may take (its arrival, a whole batch, plus one document's budget that started just in
    time), so that an over-budget document gets its 503, a slow client its 408, and the worker
    lives on."""
    return int(settings.request_timeout + settings.batch_time_budget + 2 * settings.cleaner.time_budget) + 30


def setup_multiprocess_dir() -> None:
    """Give prometheus_client a fresh folder for the workers' metric files (before any worker
    starts). A folder we create is removed on exit; a folder given in the environment is emptied
    of old ``*.db`` files."""
    global _created_dir
    given = os.environ.get(MULTIPROC_ENV)
    if given:
        os.makedirs(given, exist_ok=True)
        for stale in glob.glob(os.path.join(given, "*.db")):
            os.remove(stale)
    else:
        _created_dir = tempfile.mkdtemp(prefix="cleaner-metrics-")
        os.environ[MULTIPROC_ENV] = _created_dir


_created_dir: str | None = None
_settings = ServiceConfig.from_env()  # fails loudly at start on a bad CLEANER_* variable
setup_multiprocess_dir()

bind = os.environ.get("CLEANER_BIND", "127.0.0.1:8000")
# Cleaning is CPU-bound: one single-threaded sync worker per core, fed by the kernel's accept
# queue, serves the most requests with the flattest tail (README, "Load"). CLEANER_THREADS >= 2
# switches to gunicorn's gthread worker (keep-alive; a client trickling its body holds one
# thread, not the worker) at some throughput.
workers = int(os.environ.get("CLEANER_WORKERS") or cpu_count())
threads = int(os.environ.get("CLEANER_THREADS") or 1)
worker_class = "cleaner.gunicorn_worker.TimedSyncWorker" if threads == 1 else "gthread"
timeout = worker_timeout(_settings)
graceful_timeout = timeout  # SIGTERM: stop accepting, let in-flight requests finish
keepalive = 5
max_requests = 2000
preload_app = True  # rules compiled once in the master; a worker (re)start is a fork, not 1.2 s of CPU
max_requests_jitter = 200  # workers do not all restart at once
limit_request_line = 8190
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("CLEANER_LOG_LEVEL", "info")
logger_class = "cleaner.request_log.JsonLogger"
proc_name = "cleaner"
control_socket_disable = True  # gunicorn >= 24: one fixed socket path would clash between instances


def when_ready(server: Any) -> None:
    """The app is loaded (preloaded) and the workers are about to be forked: freeze the heap."""
    freeze_heap()


def pre_fork(server: Any, worker: Any) -> None:
    """Freeze what the master made since (its bookkeeping) before each fork; cheap."""
    gc.freeze()


def worker_exit(server: Any, worker: Any) -> None:
    """A worker leaves (``max_requests``, SIGTERM): flush its logs and exit at once."""
    exit_at_once()


def child_exit(server: Any, worker: Any) -> None:
    """A worker is gone: its live metrics must not be summed any more."""
    from cleaner.metrics import mark_worker_dead

    mark_worker_dead(worker.pid)


def on_exit(server: Any) -> None:
    """Remove the metrics folder this config created."""
    if _created_dir:
        shutil.rmtree(_created_dir, ignore_errors=True)
