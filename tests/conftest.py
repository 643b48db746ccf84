"""Shared fixtures: the seed articles and their expectations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def seed_ids() -> list[str]:
    """The ids of the seed articles (``seeds/ID.raw.txt``)."""
    return sorted(p.name[: -len(".raw.txt")] for p in SEEDS.glob("*.raw.txt"))


@pytest.fixture(scope="session")
def expected() -> dict:
    """``seeds/expected.json``."""
    return json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))


def read_seed(seed_id: str, part: str) -> str:
    """The raw or gold text of one seed."""
    return (SEEDS / f"{seed_id}.{part}.txt").read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """Lines trimmed, blank ones dropped (how the gold bodies are compared)."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# -- HTTP service (cleaner.api) ----------------------------------------------------------------
@pytest.fixture(scope="session")
def app():
    """The Flask app with the default settings (rules loaded once for the session)."""
    from cleaner.api import create_app
    from cleaner.service_config import ServiceConfig

    return create_app(ServiceConfig())


@pytest.fixture()
def client(app):
    """A Flask test client of ``app``."""
    return app.test_client()
