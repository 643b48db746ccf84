"""The playground page at ``GET /``, through Flask's test client (the browser test drives it)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SEEDS

import cleaner
from cleaner.api import create_app
from cleaner.playground import STATIC_DIR

SEED_004 = SEEDS / "004_2da098b2e0761f02.raw.txt"


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


class Assets(HTMLParser):
    """The scripts, stylesheets and meta tags of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.meta: dict[str, str] = {}
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "id" in found:
            self.ids.add(found["id"] or "")
        if tag == "script":
            self.scripts.append(found.get("src") or "")
        if tag == "link" and found.get("rel") == "stylesheet":
            self.styles.append(found.get("href") or "")
        if tag == "meta" and found.get("name"):
            self.meta[found["name"]] = found.get("content") or ""


def page_assets(html: str) -> Assets:
    parser = Assets()
    parser.feed(html)
    return parser


def test_the_page_is_served_at_the_root(client):
    answer = client.get("/")
    assert answer.status_code == 200 and answer.mimetype == "text/html"
    assets = page_assets(answer.get_data(as_text=True))
    assert "width=device-width" in assets.meta["viewport"]  # readable on a phone
    assert {"input", "file", "clean-button", "kind-list", "marked", "clean", "found", "copy", "download"} <= assets.ids


def test_its_script_and_stylesheet_come_from_the_package(client):
    assets = page_assets(client.get("/").get_data(as_text=True))
    assert assets.scripts == ["playground/playground.js"] and assets.styles == ["playground/playground.css"]
    for url, mimetype in ((assets.scripts[0], "text/javascript"), (assets.styles[0], "text/css")):
        answer = client.get("/" + url)
        assert answer.status_code == 200 and answer.mimetype == mimetype
        assert answer.data == (STATIC_DIR / url.rsplit("/", 1)[1]).read_bytes()
    assert STATIC_DIR.parents[1] == Path(cleaner.__file__).parent  # inside the package: in the wheel


def test_nothing_is_loaded_from_elsewhere(client):
    html = client.get("/").get_data(as_text=True)
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy and "default-src 'none'" in policy
    for text in (html, *(p.read_text(encoding="utf-8") for p in STATIC_DIR.iterdir())):
        assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", text)
        assert not re.search(r"""(?:fetch|import)\s*\(\s*["'](?:https?:)?//""", text)
        assert "<script>" not in text and " style=" not in text  # no inline code the policy would block


def test_the_script_never_writes_html():
    script = (STATIC_DIR / "playground.js").read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function", script)
    assert "textContent" in script and "createTextNode" in script


def test_the_calls_the_page_makes_answer_what_it_reads(client):
    """The script reads ``kinds`` from v1/rules and ``source``/``removed`` from v1/clean."""
    script = (STATIC_DIR / "playground.js").read_text(encoding="utf-8")
    assert 'fetch("v1/rules"' in script and 'fetch("v1/clean"' in script
    assert "include_source: true" in script and "options.disable" in script
    kinds = client.get("/v1/rules").get_json()["kinds"]
    assert "appended_story" in kinds
    raw = SEED_004.read_text(encoding="utf-8")
    answer = client.post("/v1/clean", json={"text": raw, "options": {"include_source": True}}).get_json()
    assert answer["removed"] and all(answer["source"][r["start"]:r["end"]] == r["text"] for r in answer["removed"])
    kept = client.post("/v1/clean", json={"text": raw, "options": {"include_source": True,
                                                                   "disable": ["appended_story"]}}).get_json()
    assert not any(r["kind"] == "appended_story" for r in kept["removed"]) and kept["text"] != answer["text"]


def test_static_files_are_not_sniffed_and_unknown_ones_are_404(client):
    assert client.get("/playground/playground.js").headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/playground/missing.js").status_code == 404
    assert client.get("/playground/../api.py").status_code == 404
