"""The playground page at ``GET /``: paste or drop an article and see what the cleaner removes.

A Flask blueprint serving one HTML page and its stylesheet and script from
``cleaner/static/playground/`` (shipped in the package; no build step, nothing fetched from
elsewhere). The page itself calls ``POST v1/clean`` and ``GET v1/rules``.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, send_from_directory

STATIC_DIR = Path(__file__).parent / "static" / "playground"

# The page loads only its own files and talks only to its own origin.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

bp = Blueprint("playground", __name__, static_folder=str(STATIC_DIR), static_url_path="/playground")


@bp.get("/")
def page() -> Response:
    """The playground page."""
    response = send_from_directory(STATIC_DIR, "index.html", mimetype="text/html")
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.after_request
def no_sniffing(response: Response) -> Response:
    """Static files are served with their declared type only."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response
