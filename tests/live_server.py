"""A real ``cleaner serve`` (gunicorn) on a free localhost port, for tests that talk HTTP to it."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

START_TIMEOUT = 90.0  # seconds; generous because other work may be using the CPUs


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """``python -m cleaner serve --bind 127.0.0.1:PORT --workers N`` as a subprocess.

    Its stdout (the JSON access log) and stderr (the JSON error log) go to files in ``log_dir``.
    """

    def __init__(self, log_dir: Path, workers: int = 2, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.log_dir = log_dir
        self.stdout_path = log_dir / "gunicorn.stdout"
        self.stderr_path = log_dir / "gunicorn.stderr"
        environ = {k: v for k, v in os.environ.items() if not k.startswith(("CLEANER_", "PROMETHEUS_"))}
        environ.update(env or {})
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "cleaner", "serve", "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)],
                stdout=out, stderr=err, env=environ)

    def logs(self) -> str:
        """What the server wrote so far (for assertion messages)."""
        return self.stdout_path.read_text(errors="replace")[-3000:] + self.stderr_path.read_text(errors="replace")[-3000:]

    def wait_ready(self) -> None:
        """Block until ``/readyz`` answers 200; fail with the server's logs if it dies or times out."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"cleaner serve exited with {self.process.returncode}:\n{self.logs()}")
            try:
                if self.request("GET", "/readyz", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"cleaner serve not ready after {START_TIMEOUT} s:\n{self.logs()}")

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
        """One request on a new connection: status, headers (lower-case names), body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def post_json(self, path: str, value: object, headers: dict[str, str] | None = None) -> tuple[int, dict]:
        """POST ``value`` as JSON; the status and the decoded answer."""
        status, _, body = self.request("POST", path, json.dumps(value).encode(),
                                       {"Content-Type": "application/json", **(headers or {})})
        return status, json.loads(body)

    def __enter__(self) -> LiveServer:
        """Wait until the server is ready (killing it if it never is); ``with`` stops it after."""
        try:
            self.wait_ready()
        except BaseException:
            self.kill()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.stop()
        finally:
            self.kill()

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM the master and wait for it; its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        """Make sure the server is gone (after a failed test)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
