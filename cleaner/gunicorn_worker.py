"""The gunicorn worker ``cleaner serve`` uses by default: gunicorn's sync worker (one request
at a time per process, connections handed out by the kernel's accept queue to whichever worker
is free), made safe against clients that connect and stay silent.

Cleaning is CPU-bound, so one sync worker per core serves the most requests with the flattest
latency: a threaded worker keeps accepting while its threads are busy, so a request can wait
behind others in one worker while another worker is idle (measured in README, "Load").
gunicorn's own sync worker would wait for a silent client's request head until the arbiter kills
the worker; this one gives a client ``CLEANER_READ_TIMEOUT`` seconds to start, then drops it, and
``CLEANER_REQUEST_TIMEOUT`` seconds to send its whole request, so that a client trickling a byte
before each read timeout cannot hold the worker for ever.
"""

from __future__ import annotations

import gc
import logging
import math
import os
import select
import socket
import sys
import time

from gunicorn import util
from gunicorn.workers.sync import SyncWorker

from .service_config import ServiceConfig


class DeadlineSocket(socket.socket):
    """A client socket whose reads, all together, end by ``deadline`` (``TimeoutError``); each
    read also waits no longer than the timeout its caller set."""

    deadline = math.inf
    asked: float | None = None

    def settimeout(self, value: float | None) -> None:
        """Set the longest wait of one read (capped by the deadline at each read)."""
        self.asked = value
        super().settimeout(value)

    def _arm(self) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive in time")
        super().settimeout(left if self.asked is None else min(self.asked, left))

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        """``socket.recv``, within the deadline."""
        self._arm()
        return super().recv(bufsize, flags)

    def recv_into(self, buffer: bytearray | memoryview, nbytes: int = 0, flags: int = 0) -> int:
        """``socket.recv_into``, within the deadline."""
        self._arm()
        return super().recv_into(buffer, nbytes, flags)


class TimedSyncWorker(SyncWorker):
    """A sync worker whose clients must start their request, and keep sending it, within the
    service's read timeout (``ServiceConfig.read_timeout``)."""

    def init_process(self) -> None:
        """Read the timeouts from the environment, then run as gunicorn's sync worker."""
        settings = ServiceConfig.from_env()
        self.read_timeout = settings.read_timeout
        self.request_timeout = settings.request_timeout
        super().init_process()

    def accept(self, listener: socket.socket) -> None:
        """Accept one connection; serve it if the client sends within the read timeout, and
        its whole request within the request timeout."""
        accepted, addr = listener.accept()
        client = DeadlineSocket(accepted.family, accepted.type, accepted.proto, fileno=accepted.detach())
        client.deadline = time.monotonic() + self.request_timeout
        util.close_on_exec(client)
        readable, _, _ = select.select([client], [], [], self.read_timeout)
        if not readable:
            self.log.debug("Closing a connection silent for %s s: %s", self.read_timeout, addr)
            util.close_graceful(client)
            return
        client.settimeout(self.read_timeout)  # a request head that stalls half-way ends too
        self.handle(listener, client, addr)


def freeze_heap() -> None:
    """Move everything the master holds (the preloaded app, its compiled rules) out of the
    garbage collector's reach before workers are forked from it.

    A forked worker shares the master's memory pages until it writes to them; a collection
    that walks the master's objects writes to every one of them, so each new worker (at start
    and at every ``max_requests`` restart) would copy the whole heap page by page and spend its
    first collections walking objects that are never garbage. Measured on two cores: the
    ``/healthz`` p99 at 16 clients 65-90 ms -> 6-9 ms (README, "Load")."""
    gc.collect()
    gc.freeze()


def exit_at_once() -> None:
    """End a worker that is leaving normally (``max_requests`` reached, SIGTERM) without
    tearing the interpreter down: its logs are flushed, then ``os._exit(0)``.

    Freeing every object of the preloaded app one by one takes a leaving worker tens of
    milliseconds of CPU that the other workers need to answer requests. Called from gunicorn's
    ``worker_exit`` hook, inside the ``finally`` around the worker's ``sys.exit``: any exit
    status other than 0 (a worker that failed to boot, 3, which stops gunicorn) is left alone."""
    leaving = sys.exc_info()[1]
    if not isinstance(leaving, SystemExit) or leaving.code not in (0, None):
        return
    logging.shutdown()  # flushes every handler (the access log on stdout, the error log)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed or broken stream: nothing more can be written
            pass
    os._exit(0)
