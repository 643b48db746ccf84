"""Docker HEALTHCHECK: exit 0 when the service's ``/healthz`` answers 200, else 1.

The address is ``$HEALTHCHECK_URL`` (default ``http://127.0.0.1:8000/healthz``).
"""

from __future__ import annotations

import os
import sys
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8000/healthz"


def healthy(url: str, timeout: float = 2.5) -> bool:
    """Whether ``url`` answers 200 within ``timeout`` seconds."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(0 if healthy(os.environ.get("HEALTHCHECK_URL", DEFAULT_URL)) else 1)
