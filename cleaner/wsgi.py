"""The WSGI entry point: ``gunicorn cleaner.wsgi:app`` (what ``cleaner serve`` runs)."""

from __future__ import annotations

from .api import create_app

app = create_app()
