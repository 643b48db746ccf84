"""The gunicorn worker ``cleaner serve`` uses by default: gunicorn's sync worker (one request
at a time per process, connections handed out by the kernel's accept queue to whichever worker
is free), made safe against clients that connect and stay silent.

Cleaning is CPU-bound, so one sync worker per core serves the most requests with the flattest
latency: a threaded worker keeps accepting while its threads are busy, so a request can wait
behind others in one worker while another worker is idle (measured in README, "Load").
gunicorn's own sync worker would wait for a silent client's request head until the arbiter kills
the worker; this one gives a client ``CLEANER_READ_TIMEOUT`` seconds to start, then drops it.
"""

from __future__ import annotations

import select
import socket

from gunicorn import util
from gunicorn.workers.sync import SyncWorker

from .service_config import ServiceConfig


class TimedSyncWorker(SyncWorker):
    """A sync worker whose clients must start their request, and keep sending it, within the
    service's read timeout (``ServiceConfig.read_timeout``)."""

    def init_process(self) -> None:
        """Read the read timeout from the environment, then run as gunicorn's sync worker."""
        self.read_timeout = ServiceConfig.from_env().read_timeout
        super().init_process()

    def accept(self, listener: socket.socket) -> None:
        """Accept one connection; serve it if the client sends within the read timeout."""
        client, addr = listener.accept()
        util.close_on_exec(client)
        readable, _, _ = select.select([client], [], [], self.read_timeout)
        if not readable:
            self.log.debug("Closing a connection silent for %s s: %s", self.read_timeout, addr)
            util.close_graceful(client)
            return
        client.settimeout(self.read_timeout)  # a request head that stalls half-way ends too
        self.handle(listener, client, addr)
